"""Median seconds of scikit-uplift's uplift_curve, qini_curve, uplift_auc_score and qini_auc_score,
restated in numpy as in test/campaign/fixtures/make_fixtures.py (scikit-uplift is not installable
here; the functions are its formulas with the same numpy calls), on the float64 file written by
bench/campaign/compare.ts: n outcomes, n treatment flags, n scores."""
import json
import statistics
import sys
import time

import numpy as np
from sklearn.metrics import auc
from sklearn.utils.extmath import stable_cumsum


def blocks(y, u, w):
    order = np.argsort(u, kind='mergesort')[::-1]
    y, u, w = y[order], u[order], w[order]
    yc, yt = y.copy(), y.copy()
    yc[w == 1] = 0
    yt[w == 0] = 0
    ends = np.r_[np.where(np.diff(u))[0], u.size - 1]
    n_t = stable_cumsum(w)[ends]
    n_all = ends + 1
    return n_all, n_t, stable_cumsum(yt)[ends], n_all - n_t, stable_cumsum(yc)[ends]


def uplift_curve(y, u, w):
    n_all, n_t, y_t, n_c, y_c = blocks(y, u, w)
    v = (np.divide(y_t, n_t, out=np.zeros_like(y_t), where=n_t != 0) - np.divide(y_c, n_c, out=np.zeros_like(y_c), where=n_c != 0)) * n_all
    return np.r_[0, n_all], np.r_[0, v]


def qini_curve(y, u, w):
    n_all, n_t, y_t, n_c, y_c = blocks(y, u, w)
    return np.r_[0, n_all], np.r_[0, y_t - y_c * np.divide(n_t, n_c, out=np.zeros_like(n_t), where=n_c != 0)]


def normalized(actual, perfect):
    base = auc(np.array([0, perfect[0][-1]]), np.array([0, perfect[1][-1]]))
    return (auc(*actual) - base) / (auc(*perfect) - base)


def uplift_auc_score(y, u, w):
    cr, tn = np.sum((y == 1) & (w == 0)), np.sum((y == 0) & (w == 1))
    return normalized(uplift_curve(y, u, w), uplift_curve(y, 2 * (y == w) + (y if cr > tn else w), w))


def qini_auc_score(y, u, w):
    return normalized(qini_curve(y, u, w), qini_curve(y, y * w - y * (1 - w), w))


a = np.fromfile(sys.argv[1], dtype=np.float64)
n = len(a) // 3
y, w, u = a[:n].astype(np.int64), a[n:2 * n].astype(np.int64), a[2 * n:]
out = {}
for name, f in (('upliftCurve', uplift_curve), ('qiniCurve', qini_curve), ('upliftAucScore', uplift_auc_score), ('qiniAucScore', qini_auc_score)):
    f(y, u, w)
    ts = []
    for _ in range(5):
        t = time.perf_counter()
        f(y, u, w)
        ts.append(time.perf_counter() - t)
    out[name] = statistics.median(ts)
out['qiniAucScoreValue'] = float(qini_auc_score(y, u, w))
print(json.dumps(out))
