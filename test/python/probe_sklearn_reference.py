#!/usr/bin/env python3
"""Reference for test/detectors/train-probe.test.ts: scikit-learn's LogisticRegression on the features that
`semibench train probe --backbone nsfwjs --dataset fixtures/semi-truths-mini` stores.

    probe_sklearn_reference.py PROBE_DIR/features/<hash> fixtures/semi-truths-mini > fixtures/reference/probe-sklearn.json

Reads <hash>.f32 (float32 rows) and <hash>.json (their keys), labels from metadata.csv, and fits
LogisticRegression(penalty='l2', C, solver='newton-cg', tol=1e-10, max_iter=100000) on all rows for each
C below: sklearn's objective ½‖w‖² + C·Σ log(1 + exp(−s(x·w + b))), intercept unpenalised, which is
what semibench's fitLogistic minimises. Records per C the decision value of every row, the
intercept, ‖w‖² and the objective (Debian python3-sklearn 1.2.1, python3-numpy).
"""
import csv
import hashlib
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

CS = [1e-3, 1e-2, 1e-1]


def main(base, dataset):
    with open(base + '.json') as f:
        index = json.load(f)
    raw = open(base + '.f32', 'rb').read()
    X = np.frombuffer(raw, dtype='<f4').reshape(len(index['rows']), index['dim']).astype(np.float64)
    labels = {}
    with open(os.path.join(dataset, 'metadata.csv'), newline='') as f:
        for row in csv.DictReader(f):
            labels[row['image_path']] = 1 if row['label'] == 'fake' else 0
    keys = [r['key'] for r in index['rows']]
    y = np.array([labels[k] for k in keys])
    out = {'sklearn': sklearn.__version__, 'featuresSha256': hashlib.sha256(raw).hexdigest(), 'layer': index['layer'], 'dim': index['dim'], 'keys': keys, 'fits': []}
    for C in CS:
        m = LogisticRegression(penalty='l2', C=C, solver='newton-cg', tol=1e-10, max_iter=100000).fit(X, y)
        w, b = m.coef_[0], float(m.intercept_[0])
        z = X @ w + b
        s = np.where(y == 1, 1.0, -1.0)
        objective = 0.5 * float(w @ w) + C * float(np.sum(np.logaddexp(0, -s * z)))
        out['fits'].append({'C': C, 'intercept': b, 'normSquared': float(w @ w), 'objective': objective, 'decision': z.tolist(), 'iterations': int(m.n_iter_[0])})
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
# newton-cg, not lbfgs: sklearn's lbfgs stops on scipy's relative-reduction test (ftol = 64 eps) before
# the gradient is small, leaving the objective ~1e-9 above its minimum; newton-cg reaches it.
