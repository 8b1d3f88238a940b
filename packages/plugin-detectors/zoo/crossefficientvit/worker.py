#!/usr/bin/env python3
"""CrossEfficientViT (Coccomini et al., ICIAP 2022) as a semibench worker, loading the authors'
code and weights.

    git clone https://github.com/davide-coccomini/Combining-EfficientNet-and-Vision-Transformers-for-Video-Deepfake-Detection cev
    pip install -r requirements.txt
    semibench eval --detector zoo:crossefficientvit \
        --option worker="python3 $(semibench zoo show crossefficientvit --path worker)" \
        --option weights=./cross_efficient_vit.pth --option code=./cev/cross-efficient-vit

Options: weights = cross_efficient_vit.pth (README: pre-trained model link); code = the
cross-efficient-vit folder of the checkout (cross_efficient_vit.py, configs/architecture.yaml,
transforms/albu.py); config (default code/configs/architecture.yaml); device; preprocess.

What the authors do, per image: MTCNN face detection (facenet_pytorch, margin 0, thresholds
0.85/0.95/0.95; preprocessing/face_detector.py), each box squared by padding its shorter side
(preprocessing/extract_crops.py), the BGR crop IsotropicResize'd to 224 (INTER_AREA down,
INTER_CUBIC up) and zero-padded to 224x224 (test.py create_base_transform), 0-255 floats, the
model, sigmoid, and the mean over the image's faces. No face: no score (an item error), as in
the paper. In semi-truths mode the worker gets the as-run tensor, undoes the ImageNet
normalisation and detects faces on that 224-px image.

Untested in semibench's CI (needs the authors' weights, facenet_pytorch and albumentations).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
from fileutil import sha256  # noqa: E402
from semibench_worker import ItemError, serve  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)



def square_crop(frame, box):
    """extract_crops.py: pad the shorter side of the box to make it square, clip at the top/left."""
    xmin, ymin, xmax, ymax = [int(b) for b in box]
    w, h = xmax - xmin, ymax - ymin
    p_h = p_w = 0
    if h > w:
        p_w = int((h - w) / 2)
    elif h < w:
        p_h = int((w - h) / 2)
    return frame[max(ymin - p_h, 0):ymax + p_h, max(xmin - p_w, 0):xmax + p_w]


class CrossEfficientViTWorker:
    def hello(self, options):
        import yaml
        from facenet_pytorch.models.mtcnn import MTCNN

        weights, code = options.get('weights'), options.get('code')
        if not weights or not os.path.isfile(weights):
            raise SystemExit('crossefficientvit worker: --option weights=cross_efficient_vit.pth is required')
        if not code or not os.path.isfile(os.path.join(code, 'cross_efficient_vit.py')):
            raise SystemExit('crossefficientvit worker: --option code=PATH of the checkout\'s cross-efficient-vit folder is required')
        sys.path.insert(0, code)
        from albumentations import Compose, PadIfNeeded
        from cross_efficient_vit import CrossEfficientViT
        from transforms.albu import IsotropicResize
        import cv2

        self.cv2 = cv2
        self.device = options.get('device', 'cuda' if torch.cuda.is_available() else 'cpu')
        self.mode = options.get('preprocess', 'authors')
        config_path = options.get('config', os.path.join(code, 'configs', 'architecture.yaml'))
        with open(config_path) as f:
            config = yaml.safe_load(f)
        self.model = CrossEfficientViT(config=config)
        self.model.load_state_dict(torch.load(weights, map_location='cpu'))
        self.model = self.model.eval().to(self.device)
        size = config['model']['image-size']
        self.transform = Compose([
            IsotropicResize(max_side=size, interpolation_down=cv2.INTER_AREA, interpolation_up=cv2.INTER_CUBIC),
            PadIfNeeded(min_height=size, min_width=size, border_mode=cv2.BORDER_CONSTANT),
        ])
        self.detector = MTCNN(margin=0, thresholds=[0.85, 0.95, 0.95], device=self.device)
        hello = {'name': 'crossefficientvit', 'version': '1.0.0', 'identity': {'weights': sha256(weights), 'config': sha256(config_path)}}
        hello['input'] = {'kind': 'tensor', 'preprocess': options['preprocessing']} if self.mode == 'semi-truths' else {'kind': 'path'}
        return hello

    def _rgb(self, item):
        if self.mode != 'semi-truths':
            return self.cv2.cvtColor(self.cv2.imread(item.path, self.cv2.IMREAD_COLOR), self.cv2.COLOR_BGR2RGB)
        values, dims = item.tensor
        chw = np.frombuffer(values.tobytes(), dtype=np.float32).reshape(dims)
        hwc = chw.transpose(1, 2, 0) * IMAGENET_STD + IMAGENET_MEAN
        return np.clip(np.rint(hwc * 255), 0, 255).astype(np.uint8)

    def _score(self, rgb):
        from PIL import Image

        boxes, _ = self.detector.detect(Image.fromarray(rgb), landmarks=False)
        if boxes is None or len(boxes) == 0:
            return ItemError('no face detected')
        bgr = rgb[:, :, ::-1]
        faces = [self.transform(image=np.ascontiguousarray(square_crop(bgr, b)))['image'] for b in boxes]
        batch = torch.tensor(np.asarray(faces)).permute(0, 3, 1, 2).float().to(self.device)
        with torch.no_grad():
            return float(torch.sigmoid(self.model(batch)).mean().item())

    def predict(self, items):
        out = []
        for it in items:
            try:
                out.append(self._score(self._rgb(it)))
            except Exception as e:  # one unreadable image must not fail the batch
                out.append(ItemError('%s: %s' % (type(e).__name__, e)))
        return out


if __name__ == '__main__':
    serve(CrossEfficientViTWorker())
