#!/usr/bin/env python3
"""A semibench detector worker that needs nothing but Python's standard library.

It computes the same weak baseline as the built-in `noise-inconsistency` detector (Mahdian & Saic
2009: dispersion of block noise levels, estimated as median(|HH1|) / 0.6745 of the Haar diagonal
subband over 16x16-pixel tiles, mapped by a fixed logistic), on pixels the harness decodes for it.
The tests check that it gives the in-process detector's scores, which makes it both a protocol
reference and a template: replace `noise_score` with your own logic.

    semibench eval --detector python --option command="python3 examples/python-worker/stdlib_worker.py"

Options (from --option): blockSize, epsilon, centre, scale (as the built-in); failOn: a substring
of image paths to refuse (for testing per-item errors); crashAfter / hangAfter: misbehave after
that many requests (for testing restarts and timeouts).
"""
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from semibench_worker import ItemError, serve  # noqa: E402


def noise_score(pixels, width, height, channels, block=8, eps=0.5, centre=0.6, scale=0.15):
    n = width * height
    if channels == 3:
        y = [0.299 * pixels[3 * i] + 0.587 * pixels[3 * i + 1] + 0.114 * pixels[3 * i + 2] for i in range(n)]
    else:
        y = [float(v) for v in pixels]
    w2, h2 = width // 2, height // 2
    hh = [0.0] * (w2 * h2)
    for i in range(h2):
        r0 = 2 * i * width
        r1 = r0 + width
        for j in range(w2):
            c = 2 * j
            hh[i * w2 + j] = (y[r0 + c] - y[r0 + c + 1] - y[r1 + c] + y[r1 + c + 1]) / 2
    tx, ty = w2 // block, h2 // block
    if tx < 2 or ty < 2:
        raise ValueError('image of %dx%d is too small for %dpx tiles' % (width, height, 2 * block))
    logs = []
    for a in range(ty):
        for b in range(tx):
            tile = sorted(abs(hh[(a * block + i) * w2 + b * block + j]) for i in range(block) for j in range(block))
            m = len(tile) // 2
            med = tile[m] if len(tile) % 2 else (tile[m - 1] + tile[m]) / 2
            logs.append(math.log(med / 0.6745 + eps))
    mean = sum(logs) / len(logs)
    d = math.sqrt(sum((v - mean) ** 2 for v in logs) / len(logs))
    return 1 / (1 + math.exp(-(d - centre) / scale))


class NoiseWorker:
    def __init__(self):
        self.options = {}
        self.requests = 0

    def hello(self, options):
        self.options = options
        return {
            'name': 'stdlib-noise-inconsistency',
            'version': '1.0.0',
            'input': {'kind': 'pixels'},
            'identity': {k: options[k] for k in ('blockSize', 'epsilon', 'centre', 'scale') if k in options},
        }

    def predict(self, items):
        self.requests += 1
        o = self.options
        if 'crashAfter' in o and self.requests > int(o['crashAfter']):
            os._exit(3)
        if 'hangAfter' in o and self.requests > int(o['hangAfter']):
            time.sleep(3600)
        out = []
        for it in items:
            if o.get('failOn') and o['failOn'] in it.path:
                out.append(ItemError('refused %s (failOn option)' % it.key))
                continue
            data, w, h, c = it.pixels
            out.append(noise_score(data, w, h, c, int(o.get('blockSize', 8)), float(o.get('epsilon', 0.5)),
                                   float(o.get('centre', 0.6)), float(o.get('scale', 0.15))))
        sys.stderr.write('scored %d item(s)\n' % len(items))
        return out


if __name__ == '__main__':
    serve(NoiseWorker())
