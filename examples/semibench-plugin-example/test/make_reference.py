"""Reference values for test/detector.test.mjs, computed independently with numpy/scipy.

Run from this directory: python3 test/make_reference.py > test/reference.json
The images are defined by formulas, rebuilt identically in the JavaScript test.
"""
import json
import math

import numpy as np
from scipy import ndimage

CENTRE, SCALE = 1.45, 0.25


def rgb(w, h, f):
    img = np.zeros((h, w, 3), dtype=np.float64)
    for y in range(h):
        for x in range(w):
            img[y, x] = f(x, y)
    return img


CASES = {
    "flat": (rgb(64, 48, lambda x, y: (128, 64, 32)), 16),
    "ramp": (rgb(64, 64, lambda x, y: (4 * x, 2 * y + 10, (x + y) % 256)), 16),
    "checker-left": (rgb(64, 64, lambda x, y: (255, 255, 255) if x < 32 and (x + y) % 2 else ((0, 0, 0) if x < 32 else (100, 100, 100))), 16),
    "texture": (rgb(96, 64, lambda x, y: ((x * x * 31 + y * 17 + x * y * 7) % 256, (x * 13 + y * y * 5) % 256, (x * y) % 256)), 32),
    "partial-tiles": (rgb(70, 50, lambda x, y: ((x * 7 + y * 3) % 256, (x * y) % 256, (y * 11) % 256)), 16),
}
GREY = np.array([[(x * 37 + y * 91 + x * y) % 256 for x in range(64)] for y in range(64)], dtype=np.float64)


def spread(luma, tile):
    lap = ndimage.laplace(luma, mode="nearest")
    h, w = luma.shape
    logs = []
    for ty in range(h // tile):
        for tx in range(w // tile):
            block = lap[ty * tile:(ty + 1) * tile, tx * tile:(tx + 1) * tile]
            logs.append(math.log1p(np.var(block)))
    return float(np.std(logs))


out = {}
for name, (img, tile) in CASES.items():
    luma = 0.299 * img[:, :, 0] + 0.587 * img[:, :, 1] + 0.114 * img[:, :, 2]
    d = spread(luma, tile)
    out[name] = {"tile": tile, "spread": d, "score": 1 / (1 + math.exp(-(d - CENTRE) / SCALE))}
d = spread(GREY, 16)
out["grey"] = {"tile": 16, "spread": d, "score": 1 / (1 + math.exp(-(d - CENTRE) / SCALE))}
print(json.dumps(out, indent=2))
