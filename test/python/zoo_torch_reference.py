#!/usr/bin/env python3
"""Reference side of test/detectors/zoo-export.test.ts: PyTorch scores of the zoo's ResNet-50 detectors,
computed with the authors' preprocessing in Pillow + torchvision, independently of semibench.

    zoo_torch_reference.py checkpoint OUT.pth --seed 0
        A seeded stand-in checkpoint in CNNDetection's format ({'model': state_dict} of
        torchvision's ResNet-50 with fc -> 1 logit). The fc weights are scaled down so that the
        logits of real photos land away from sigmoid's flat ends and a 1e-4 comparison means
        something; the format is exactly the authors'.
    zoo_torch_reference.py predict --checkpoint OUT.pth --preprocess cnnspot|dire --dataset DIR
        Prints {image_path: P(fake)} for every row of DIR/metadata.csv, as JSON.

Needs Debian's python3-torch, python3-torchvision, python3-pil (or pip equivalents).
"""
import argparse
import csv
import json
import os

import torch
import torchvision
import torchvision.transforms as T
from PIL import Image

IMAGENET = T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
PIPELINES = {
    # CNNDetection demo.py without --crop: full resolution.
    'cnnspot': T.Compose([T.ToTensor(), IMAGENET]),
    # DIRE demo.py.
    'dire': T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), IMAGENET]),
}


def checkpoint(args):
    torch.manual_seed(args.seed)
    model = torchvision.models.resnet50(num_classes=1)
    with torch.no_grad():
        model.fc.weight.mul_(0.1)
    torch.save({'model': model.state_dict()}, args.out)


def predict(args):
    torch.set_num_threads(1)
    model = torchvision.models.resnet50(num_classes=1)
    model.load_state_dict(torch.load(args.checkpoint, map_location='cpu')['model'])
    model.eval()
    trans = PIPELINES[args.preprocess]
    out = {}
    with open(os.path.join(args.dataset, 'metadata.csv'), newline='') as f:
        for row in csv.DictReader(f):
            img = Image.open(os.path.join(args.dataset, row['image_path'])).convert('RGB')
            with torch.no_grad():
                out[row['image_path']] = model(trans(img).unsqueeze(0)).sigmoid().item()
    print(json.dumps(out))


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='cmd', required=True)
    c = sub.add_parser('checkpoint')
    c.add_argument('out')
    c.add_argument('--seed', type=int, default=0)
    p = sub.add_parser('predict')
    p.add_argument('--checkpoint', required=True)
    p.add_argument('--preprocess', choices=sorted(PIPELINES), required=True)
    p.add_argument('--dataset', required=True)
    args = parser.parse_args()
    checkpoint(args) if args.cmd == 'checkpoint' else predict(args)
