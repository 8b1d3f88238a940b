#!/usr/bin/env python3
"""scikit-image side of bench/metrics.ts: SSIM + MSE + post-edit ratio per pair, timed.

Usage: /usr/bin/python3 bench/metrics_skimage.py REPS SOURCE.png EDIT.png [SOURCE.png EDIT.png ...]
Prints one JSON object: per pair the values and the median seconds of REPS timed runs (imports and PNG decoding
excluded). Uses only Debian's python3-skimage / scipy / numpy / PIL (no OpenCV): dilation and labelling go through
scipy.ndimage, which gives the same values as the reference's cv2 calls for these steps (8-connectivity, zero border).
"""
import json
import sys
import time

import numpy as np
from PIL import Image
from scipy import ndimage
from skimage.metrics import structural_similarity
from skimage.morphology import remove_small_objects

EIGHT = np.ones((3, 3), bool)
SQUARE11 = np.ones((11, 11), bool)


def metrics(R, F):
    m = np.sum((R.astype(np.float32) - F.astype(np.float32)) ** 2, axis=2) / (255 ** 2 * 3)
    mse = float(np.mean(m, dtype=np.float64))
    ssim = float(structural_similarity(R, F, win_size=5, data_range=255, channel_axis=-1))
    B = remove_small_objects(m > 0.1, min_size=10, connectivity=2)
    D = ndimage.binary_dilation(B, structure=SQUARE11)
    D = remove_small_objects(D, min_size=200, connectivity=2)
    labels, n = ndimage.label(D, structure=EIGHT)
    areas = np.bincount(labels.ravel())[1:]
    dist = -1.0
    if n >= 2:
        c = np.array(ndimage.center_of_mass(D, labels, range(1, n + 1)))[:, ::-1]
        dist = float(np.sqrt(((c[:, None, :] - c[None, :, :]) ** 2).sum(-1)).max())
    return {'mse': mse, 'ssim': ssim, 'ratio': float(areas.sum() / m.size),
            'largest_component_size': int(areas.max()) if n else 0, 'cc_clusters': int(n) + 1, 'cluster_dist': dist}


def main():
    reps = int(sys.argv[1])
    paths = sys.argv[2:]
    out = []
    for src, edit in zip(paths[::2], paths[1::2]):
        R = np.asarray(Image.open(src).convert('RGB'))
        F = np.asarray(Image.open(edit).convert('RGB'))
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            values = metrics(R, F)
            times.append(time.perf_counter() - t)
        out.append({'values': values, 'seconds': float(np.median(times))})
    print(json.dumps(out))


if __name__ == '__main__':
    main()
