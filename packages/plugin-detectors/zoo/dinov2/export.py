#!/usr/bin/env python3
"""DINOv2 backbone (Oquab et al. 2023) -> ONNX, for `semibench train probe`.

    pip install -r requirements.txt
    python3 export.py --checkpoint dinov2_vitb14_pretrain.pth --out dinov2.onnx [--arch dinov2_vitb14]

--checkpoint is one of the "backbone only" files of the DINOv2 README
(https://dl.fbaipublicfiles.com/dinov2/dinov2_vitb14/dinov2_vitb14_pretrain.pth and the vits14,
vitl14, vitg14 siblings); --arch must match it. The architecture is built with torch.hub from
facebookresearch/dinov2 (network access once; --hub-dir uses a local clone instead). The ONNX model
takes `image` float32 [N, 3, 224, 224] (ImageNet-normalised) and returns `features` [N, D]: the
normalised CLS token, what DINOv2's own linear evaluation reads. Fit a head with
`semibench train probe --backbone dinov2.onnx --layer features ...`.

Untested in semibench's CI: torch.hub and the DINOv2 weights are not available offline there.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import export_util  # noqa: E402


def extra(parser):
    parser.add_argument('--arch', default='dinov2_vitb14', choices=['dinov2_vits14', 'dinov2_vitb14', 'dinov2_vitl14', 'dinov2_vitg14'])
    parser.add_argument('--hub-dir', default=None, help='local clone of facebookresearch/dinov2 (torch.hub source="local")')


def main():
    args = export_util.parse_args(__doc__, extra)
    import torch

    if args.hub_dir:
        model = torch.hub.load(args.hub_dir, args.arch, source='local', pretrained=False)
    else:
        model = torch.hub.load('facebookresearch/dinov2', args.arch, pretrained=False)
    model.load_state_dict(export_util.load_state_dict(args.checkpoint))
    # forward() of DINOv2's DinoVisionTransformer returns the normalised CLS token in eval mode.
    export_util.export(model, args.out, max(args.opset, 14), (1, 3, 224, 224), 'features')
    export_util.report(detector='dinov2', onnx=args.out, arch=args.arch, outputs=['features'])


if __name__ == '__main__':
    main()
