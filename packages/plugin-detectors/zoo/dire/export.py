#!/usr/bin/env python3
"""DIRE classifier (Wang et al. 2023) checkpoint -> ONNX.

    python3 export.py --checkpoint lsun_adm.pth --out dire.onnx

Checkpoint format (DIRE utils/trainer.py save_networks): {'model': state_dict, 'optimizer': ...}
of a ResNet-50 with fc Linear(2048, 1); demo.py also accepts a bare state_dict, and so does this.
The ONNX model takes `image` float32 [N, 3, 224, 224] (a DIRE image, resized and centre-cropped)
and returns `logit` [N, 1]; P(fake) = sigmoid(logit). The DIRE images themselves (|x - recon(x)|)
are made with the DIRE repository's guided-diffusion/compute_dire.py, not here.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
import resnet_export  # noqa: E402

if __name__ == '__main__':
    resnet_export.main('dire', __doc__, dynamic_hw=False)
