#!/usr/bin/env python3
"""CNNSpot (CNNDetection, Wang et al. 2020) checkpoint -> ONNX.

    python3 export.py --checkpoint blur_jpg_prob0.1.pth --out cnnspot.onnx

Checkpoint format (CNNDetection train.py / demo.py): {'model': state_dict} of a ResNet-50 whose fc
is Linear(2048, 1). The ONNX model takes `image` float32 [N, 3, H, W] (dynamic H and W: the
authors evaluate at full resolution) and returns `logit` [N, 1]; P(fake) = sigmoid(logit).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import resnet_export  # noqa: E402

if __name__ == '__main__':
    resnet_export.main('cnnspot', __doc__, dynamic_hw=True)
