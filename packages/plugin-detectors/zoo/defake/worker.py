#!/usr/bin/env python3
"""DE-FAKE (Sha et al., CCS 2023) as a semibench worker, loading the authors' code and weights.

    git clone https://github.com/zeyangsha/De-Fake
    pip install -r requirements.txt
    semibench eval --detector zoo:defake \
        --option worker="python3 $(semibench zoo show defake --path worker)" \
        --option weights=./de-fake-weights/ --option code=./De-Fake

Options (from the hello): weights = directory with finetune_clip.pt, clip_linear.pt and BLIP's
model_base_capfilt_large.pth; code = the De-Fake checkout (for its blipmodels package);
device (default cuda if available); preprocess = authors | semi-truths (sent by zoo:defake).

authors: the worker reads the file and does what De-Fake's test.py does: a BLIP caption
(beam 3, max length 60, min length 5) of Resize(224) + CenterCrop(224) + ToTensor, the CLIP
ViT-B/32 image embedding of the image resized to 224x224 then CLIP-preprocessed, the CLIP text
embedding of the caption, and the MLP on their concatenation. A non-empty `caption` column is used
instead of BLIP. semi-truths: the harness sends the as-run tensor (ImageNet-normalised, clamped),
and both BLIP and CLIP read that tensor, as the Semi-Truths runner did.
The score is softmax(logits)[1]; its 0.5 threshold is the authors' argmax.

Untested in semibench's CI (needs the authors' weights, CLIP and BLIP).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
from fileutil import sha256  # noqa: E402
from semibench_worker import serve  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402


class NeuralNet(nn.Module):
    """De-Fake test.py's classifier; clip_linear.pt is a pickled instance, so torch.load needs this
    class under this name in __main__."""

    def __init__(self, input_size, hidden_size_list, num_classes):
        super(NeuralNet, self).__init__()
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(input_size, hidden_size_list[0])
        self.fc2 = nn.Linear(hidden_size_list[0], hidden_size_list[1])
        self.fc3 = nn.Linear(hidden_size_list[1], num_classes)

    def forward(self, x):
        out = F.relu(self.fc1(x))
        out = self.dropout2(out)
        out = F.relu(self.fc2(out))
        return self.fc3(out)



class DeFake:
    def hello(self, options):
        import clip  # noqa: F401  (finetune_clip.pt is a pickled CLIP model)

        weights, code = options.get('weights'), options.get('code')
        if not weights or not os.path.isdir(weights):
            raise SystemExit('defake worker: --option weights=DIR with finetune_clip.pt, clip_linear.pt, model_base_capfilt_large.pth is required')
        if not code or not os.path.isdir(os.path.join(code, 'blipmodels')):
            raise SystemExit('defake worker: --option code=PATH of a De-Fake checkout (with blipmodels/) is required')
        sys.path.insert(0, code)
        from blipmodels import blip_decoder

        self.device = options.get('device', 'cuda' if torch.cuda.is_available() else 'cpu')
        self.mode = options.get('preprocess', 'authors')
        files = {n: os.path.join(weights, n) for n in ('finetune_clip.pt', 'clip_linear.pt', 'model_base_capfilt_large.pth')}
        self.clip = torch.load(files['finetune_clip.pt'], map_location=self.device).eval()
        self.linear = torch.load(files['clip_linear.pt'], map_location=self.device).eval()
        self.blip = blip_decoder(
            pretrained=files['model_base_capfilt_large.pth'],
            image_size=224,
            vit='base',
            med_config=os.path.join(code, 'blipmodels', 'blipconfig', 'med_config.json'),
        ).eval().to(self.device)
        import clip as clip_pkg

        _, self.clip_preprocess = clip_pkg.load('ViT-B/32', device='cpu', jit=False)
        self.tokenize = clip_pkg.tokenize
        hello = {
            'name': 'defake',
            'version': '1.0.0',
            'needsColumns': ['caption'],
            'identity': {k: sha256(v) for k, v in files.items()},
        }
        if self.mode == 'semi-truths':
            hello['input'] = {'kind': 'tensor', 'preprocess': options['preprocessing']}
        else:
            hello['input'] = {'kind': 'path'}
        return hello

    def _authors_inputs(self, item):
        from PIL import Image
        from torchvision import transforms

        img = Image.open(item.path).convert('RGB')
        blip_in = transforms.Compose([transforms.Resize(224), transforms.CenterCrop(224), transforms.ToTensor()])(img)
        clip_in = self.clip_preprocess(img.resize((224, 224)))
        return blip_in, clip_in

    def predict(self, items):
        blip_in, clip_in = [], []
        for it in items:
            if self.mode == 'semi-truths':
                t = torch.frombuffer(bytearray(it.tensor[0].tobytes()), dtype=torch.float32).reshape(it.tensor[1])
                blip_in.append(t)
                clip_in.append(t)
            else:
                b, c = self._authors_inputs(it)
                blip_in.append(b)
                clip_in.append(c)
        with torch.no_grad():
            captions = []
            for it, b in zip(items, blip_in):
                given = (it.columns or {}).get('caption', '')
                captions.append(given if given else self.blip.generate(b.unsqueeze(0).to(self.device), sample=False, num_beams=3, max_length=60, min_length=5)[0])
            text = self.tokenize(captions, truncate=True).to(self.device)
            image_features = self.clip.encode_image(torch.stack(clip_in).to(self.device))
            text_features = self.clip.encode_text(text)
            logits = self.linear(torch.cat((image_features, text_features), 1).float())
            return torch.softmax(logits, dim=1)[:, 1].tolist()


if __name__ == '__main__':
    serve(DeFake())
