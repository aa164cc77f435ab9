"""Median seconds of scikit-learn's roc_auc_score, average_precision_score and log_loss on the
labels/scores written by bench/metrics/compare.ts (float64 binary file: n labels then n scores)."""
import json
import statistics
import sys
import time

import numpy as np
from sklearn.metrics import average_precision_score, log_loss, roc_auc_score

a = np.fromfile(sys.argv[1], dtype=np.float64)
n = len(a) // 2
y, s = a[:n].astype(int), a[n:]
out = {}
for name, f in (("rocAuc", roc_auc_score), ("averagePrecision", average_precision_score), ("logLoss", log_loss)):
    f(y, s)
    ts = []
    for _ in range(7):
        t = time.perf_counter()
        f(y, s)
        ts.append(time.perf_counter() - t)
    out[name] = statistics.median(ts)
print(json.dumps(out))
