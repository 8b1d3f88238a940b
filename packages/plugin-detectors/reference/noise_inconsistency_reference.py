#!/usr/bin/python3
"""Independent reference values for the `noise-inconsistency` detector.

Run with Debian's python3 (numpy, PyWavelets, Pillow):
    /usr/bin/python3 packages/plugin-detectors/reference/noise_inconsistency_reference.py \
        > packages/plugin-detectors/reference/noise-inconsistency.json

The wavelet comes from PyWavelets (pywt.dwt2 'haar', diagonal detail), the medians and the
standard deviation from numpy, and the decoding from Pillow, so the TypeScript implementation is
checked against code it shares nothing with. Images: the ten real photographs of the
Semi-Truths sample, plus two synthetic noise fields generated here with a fixed seed and stored
as PNG next to this script (noise-flat.png, noise-patch.png).
"""
import json
import os
import sys

import numpy as np
import pywt
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, '..', '..', '..', '..', 'shared', 'data', 'semi-truths-sample', 'input')
BLOCK, EPS, CENTRE, SCALE = 8, 0.5, 0.6, 0.15


def analyse(rgb):
    rgb = rgb.astype(np.float64)
    y = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    h, w = y.shape
    y = y[: h - h % 2, : w - w % 2]
    _, (_, _, hh) = pywt.dwt2(y, 'haar')
    ty, tx = hh.shape[0] // BLOCK, hh.shape[1] // BLOCK
    sig = np.empty((ty, tx))
    for i in range(ty):
        for j in range(tx):
            t = hh[i * BLOCK:(i + 1) * BLOCK, j * BLOCK:(j + 1) * BLOCK]
            sig[i, j] = np.median(np.abs(t)) / 0.6745
    d = float(np.std(np.log(sig + EPS)))
    return {
        'dispersion': d,
        'score': float(1 / (1 + np.exp(-(d - CENTRE) / SCALE))),
        'tiles': [int(tx), int(ty)],
        'sigmaMean': float(sig.mean()),
        'sigmaFirst': float(sig[0, 0]),
    }


def synthetic():
    rng = np.random.default_rng(20240607)
    base = np.full((128, 160, 3), 128.0)
    flat = np.clip(np.rint(base + rng.normal(0, 6, base.shape)), 0, 255).astype(np.uint8)
    patch = flat.copy()
    # A smooth (noise-free) rectangle: what an inpainted region looks like to this detector.
    patch[32:96, 48:112] = 128
    Image.fromarray(flat).save(os.path.join(HERE, 'noise-flat.png'))
    Image.fromarray(patch).save(os.path.join(HERE, 'noise-patch.png'))
    return {'noise-flat.png': flat, 'noise-patch.png': patch}


def main():
    out = {'params': {'blockSize': BLOCK, 'epsilon': EPS, 'centre': CENTRE, 'scale': SCALE}, 'images': {}}
    with open(os.path.join(SAMPLE, 'metadata.csv')) as f:
        next(f)
        paths = sorted({line.split(',')[1] for line in f if line.strip()})
    for rel in paths:
        rgb = np.asarray(Image.open(os.path.join(SAMPLE, rel)).convert('RGB'))
        out['images']['sample/' + rel] = analyse(rgb)
    for name, rgb in synthetic().items():
        out['images']['reference/' + name] = analyse(rgb)
    json.dump(out, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
