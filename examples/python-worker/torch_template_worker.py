#!/usr/bin/env python3
"""Template: a PyTorch detector as a semibench worker (here a CNNSpot-style ResNet-50, one logit).

    semibench eval --detector python \
        --option command="python3 examples/python-worker/torch_template_worker.py" \
        --option weights=./blur_jpg_prob0.1.pth
    # or with the paper's recipe and its preprocessing:
    semibench eval --detector zoo:cnnspot --option worker="python3 torch_template_worker.py" --option weights=./blur_jpg_prob0.1.pth

What to change for your model: `load_model` (architecture + checkpoint) and, if needed,
`PREPROCESSING` (what the harness does before your model sees the tensor) and `score` (how
outputs become P(fake)). semibench does the decoding, resizing, cropping and normalisation as
declared, identically for every detector, and hands over float32 tensors through a shared file,
so this file contains no image code. Needs: torch and torchvision (pip or Debian python3-torch).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from semibench_worker import serve  # noqa: E402

# CNNSpot's published evaluation pipeline (ImageNet statistics). A zoo entry sends its own
# (default or --option parity=true) as options['preprocessing'], which takes precedence.
PREPROCESSING = {
    'steps': [{'op': 'resize', 'size': 256}, {'op': 'center-crop', 'size': 224}],
    'tensor': {'layout': 'NCHW', 'range': [0, 1], 'mean': [0.485, 0.456, 0.406], 'std': [0.229, 0.224, 0.225]},
}


def load_model(weights, device):
    import torch
    import torchvision

    model = torchvision.models.resnet50(num_classes=1)
    if weights:
        state = torch.load(weights, map_location='cpu')
        model.load_state_dict(state.get('model', state))  # CNNDetection checkpoints wrap it in 'model'
    else:
        sys.stderr.write('torch_template_worker: no weights option given; using random weights (smoke test only)\n')
        torch.manual_seed(0)
    return model.eval().to(device)


def score(outputs):
    """One logit per image -> P(fake)."""
    import torch

    return torch.sigmoid(outputs[:, 0]).tolist()


class TorchWorker:
    def hello(self, options):
        import torch

        self.device = options.get('device', 'cuda' if torch.cuda.is_available() else 'cpu')
        torch.set_num_threads(int(options.get('threads', torch.get_num_threads())))
        self.weights = options.get('weights')
        self.model = load_model(self.weights, self.device)
        pre = options.get('preprocessing', PREPROCESSING)
        return {
            'name': 'torch-resnet50-template',
            'version': '1.0.0',
            'input': {'kind': 'tensor', 'preprocess': pre},
            # Recorded in the run manifest. semibench itself records the sha256 of the weights= file
            # (identity.weightsSha256), so two files of the same name never share stored scores.
            'identity': {'weights': 'file' if self.weights else 'random(seed 0)', 'device': self.device},
        }

    def predict(self, items):
        import torch

        batch = torch.stack([torch.frombuffer(bytearray(it.tensor[0].tobytes()), dtype=torch.float32).reshape(it.tensor[1]) for it in items])
        with torch.no_grad():
            return score(self.model(batch.to(self.device)))


if __name__ == '__main__':
    serve(TorchWorker())
