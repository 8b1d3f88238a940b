#!/usr/bin/env python3
"""UniversalFakeDetect / UnivFD (Ojha et al. 2023) -> ONNX: OpenAI CLIP ViT-L/14 image encoder plus
the released linear head.

    pip install -r requirements.txt
    python3 export.py --checkpoint UniversalFakeDetect/pretrained_weights/fc_weights.pth --out univfd.onnx

--checkpoint is fc_weights.pth from the UniversalFakeDetect repository: the state_dict of
Linear(768, 1) (keys weight [1, 768], bias [1]), loaded exactly as validate.py does
(model.fc.load_state_dict). The backbone comes from the openai `clip` package (clip.load("ViT-L/14"),
which downloads ViT-L-14.pt to ~/.cache/clip on first use; --clip may name a local ViT-L-14.pt).
The ONNX model takes `image` float32 [N, 3, 224, 224] (CLIP-normalised) and returns `logit` [N, 1].

Untested in semibench's CI: the clip package and the CLIP weights are not available offline there.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import export_util  # noqa: E402


def main():
    args = export_util.parse_args(__doc__, lambda p: p.add_argument('--clip', default='ViT-L/14', help='clip.load name or path of ViT-L-14.pt'))
    import torch
    import clip  # https://github.com/openai/CLIP

    backbone, _ = clip.load(args.clip, device='cpu', jit=False)
    backbone = backbone.float().eval()
    fc = torch.nn.Linear(768, 1)
    fc.load_state_dict(export_util.load_state_dict(args.checkpoint))

    class UnivFD(torch.nn.Module):
        """models/clip_models.py CLIPModel.forward: fc(encode_image(x))."""

        def __init__(self):
            super().__init__()
            self.visual = backbone.visual
            self.fc = fc

        def forward(self, x):
            return self.fc(self.visual(x))

    export_util.export(UnivFD(), args.out, max(args.opset, 14), (1, 3, 224, 224), 'logit')
    export_util.report(detector='univfd', onnx=args.out, clip=args.clip, outputs=['logit'])


if __name__ == '__main__':
    main()
