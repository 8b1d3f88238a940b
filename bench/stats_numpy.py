#!/usr/bin/python3
"""numpy/scipy/scikit-learn version of bench/stats.ts's computation, on the same rows.

Usage: stats_numpy.py DIR N_SLICES RESAMPLES MEASURED_RESAMPLES
DIR holds cluster.i32, label.u8, prediction.u8, score.f64 and slice<j>.i32 (group code per row, -1 = empty).
Point metrics of every cell with scikit-learn; the bootstrap done the fast numpy way (cluster weights
drawn once per resample; confusion counts of all cells for all resamples as one sparse-matrix product of
per-cluster counts; ROC-AUC and AP per mixed cell from one sort and weighted cumulative sums). The
ranking part is timed on MEASURED_RESAMPLES resamples and extrapolated to RESAMPLES. Prints one JSON line.
"""
import json
import os
import resource
import sys
import time

try:
    import numpy as np
    import scipy.sparse as sp
    from sklearn.metrics import precision_recall_fscore_support, roc_auc_score, average_precision_score, accuracy_score
except ImportError as e:  # pragma: no cover
    print(json.dumps({'error': f'missing python package: {e}'}))
    sys.exit(0)

d, S, B, Bm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
cl = np.fromfile(os.path.join(d, 'cluster.i32'), dtype=np.int32)
y = np.fromfile(os.path.join(d, 'label.u8'), dtype=np.uint8).astype(np.int64)
yp = np.fromfile(os.path.join(d, 'prediction.u8'), dtype=np.uint8).astype(np.int64)
sc = np.fromfile(os.path.join(d, 'score.f64'), dtype=np.float64)
codes = [np.fromfile(os.path.join(d, f'slice{j}.i32'), dtype=np.int32) for j in range(S)]
N, C = len(y), int(cl.max()) + 1

t0 = time.perf_counter()
# Cells: overall + every (slice, group).
cells = [np.ones(N, dtype=bool)]
for j in range(S):
    for g in range(int(codes[j].max()) + 1):
        cells.append(codes[j] == g)
# Point estimates with scikit-learn.
point = []
for m in cells:
    yt, pp = y[m], yp[m]
    r = {'accuracy': accuracy_score(yt, pp)}
    p, rc, f, _ = precision_recall_fscore_support(yt, pp, zero_division=0)
    if len(set(yt.tolist())) == 2:
        r['roc_auc'] = roc_auc_score(yt, sc[m])
        r['average_precision'] = average_precision_score(yt, sc[m])
    point.append(r)
t_point = time.perf_counter() - t0

# Bootstrap weights: multinomial over clusters, one row per resample.
rng = np.random.default_rng(0)
t1 = time.perf_counter()
W = rng.multinomial(C, np.full(C, 1.0 / C), size=B).astype(np.float64)  # B x C
# Per-cluster confusion counts of every cell: (4 * cells) x C sparse, then one product with W.T.
tp, fn, tn, fp = (y == 1) & (yp == 1), (y == 1) & (yp == 0), (y == 0) & (yp == 0), (y == 0) & (yp == 1)
rows, cols, vals = [], [], []
for k, m in enumerate(cells):
    for q, kind in enumerate((tp, fn, tn, fp)):
        sel = m & kind
        counts = np.bincount(cl[sel], minlength=C)
        nz = np.flatnonzero(counts)
        rows.append(np.full(len(nz), 4 * k + q)); cols.append(nz); vals.append(counts[nz])
T = sp.csr_matrix((np.concatenate(vals).astype(np.float64), (np.concatenate(rows), np.concatenate(cols))), shape=(4 * len(cells), C))
counts = (T @ W.T).reshape(len(cells), 4, B)
TP, FN, TN, FP = counts[:, 0], counts[:, 1], counts[:, 2], counts[:, 3]
with np.errstate(divide='ignore', invalid='ignore'):
    acc = (TP + TN) / (TP + FN + TN + FP)
    rec_f, rec_r = TP / (TP + FN), TN / (TN + FP)
    prec_f, prec_r = np.where(TP + FP > 0, TP / (TP + FP), 0), np.where(TN + FN > 0, TN / (TN + FN), 0)
    f1_f = np.where(prec_f + rec_f > 0, 2 * prec_f * rec_f / (prec_f + rec_f), 0)
    f1_r = np.where(prec_r + rec_r > 0, 2 * prec_r * rec_r / (prec_r + rec_r), 0)
    macro = [(prec_f + prec_r) / 2, (rec_f + rec_r) / 2, (f1_f + f1_r) / 2]
cis = [np.nanpercentile(x, [2.5, 97.5], axis=1) for x in [acc, rec_f, rec_r, prec_f, prec_r, f1_f, f1_r, *macro]]
t_counts = time.perf_counter() - t1

# Ranking metrics of the mixed cells (both classes): one argsort per cell, weighted cumulative sums per resample.
mixed = [m for m, p in zip(cells, point) if 'roc_auc' in p]
orders = []
for m in mixed:
    idx = np.flatnonzero(m)
    orders.append(idx[np.argsort(-sc[idx], kind='stable')])
t2 = time.perf_counter()
auc = np.zeros((len(mixed), Bm)); ap = np.zeros((len(mixed), Bm))
for b in range(Bm):
    for i, o in enumerate(orders):
        w = W[b, cl[o]]
        pos = w * y[o]
        neg = w - pos
        ctp, cfp = np.cumsum(pos), np.cumsum(neg)
        P, Nn = ctp[-1], cfp[-1]
        auc[i, b] = np.sum(neg * (ctp - pos)) / (P * Nn)
        with np.errstate(divide='ignore', invalid='ignore'):
            ap[i, b] = np.sum(np.where(pos > 0, pos * ctp / (ctp + cfp), 0)) / P
t_rank = (time.perf_counter() - t2) * B / Bm
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    'seconds_total_estimate': t_point + t_counts + t_rank,
    'seconds_point': t_point, 'seconds_counts': t_counts, 'seconds_rank_estimate': t_rank,
    'seconds_measured': t_point + t_counts + t_rank * Bm / B, 'resamples_measured': Bm,
    'peak_rss_mb': peak, 'overall_auc': point[0]['roc_auc'],
}))
