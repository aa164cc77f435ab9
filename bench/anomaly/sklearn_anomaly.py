# /usr/bin/python3 bench/anomaly/sklearn_anomaly.py [DATA_DIR] [--fixture OUT.json] [--seeds N]
# scikit-learn 1.2 IsolationForest (defaults: 100 trees, max_samples='auto', n_jobs=1) on the ADBench
# sets: ROC AUC of -score_samples per seed 0..N-1 (N = 10, or 40 for the fixture) and their mean, and the median wall time of
# fit + score_samples (single-threaded). Also LocalOutlierFactor (n_neighbors=20) time on breastw/cardio.
import gzip, json, os, sys, time
import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import LocalOutlierFactor

args = [a for i, a in enumerate(sys.argv[1:]) if not a.startswith('--') and not sys.argv[i].startswith('--')]
data_dir = args[0] if args else os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data')
fixture = sys.argv[sys.argv.index('--fixture') + 1] if '--fixture' in sys.argv else None
seeds = int(sys.argv[sys.argv.index('--seeds') + 1]) if '--seeds' in sys.argv else (40 if fixture else 10)
names = ['breastw', 'cardio', 'thyroid', 'mammography', 'shuttle']
out = {}
for name in names:
    with gzip.open(os.path.join(data_dir, f'adbench_{name}.csv.gz'), 'rt') as f:
        header = f.readline().strip().split(',')
        a = np.loadtxt(f, delimiter=',')
    X, y = a[:, :-1], a[:, -1]
    aucs, times = [], []
    for seed in range(seeds):
        t = time.perf_counter()
        m = IsolationForest(random_state=seed, n_jobs=1).fit(X)
        s = -m.score_samples(X)
        times.append(time.perf_counter() - t)
        aucs.append(roc_auc_score(y, s))
    out[name] = {'rows': int(X.shape[0]), 'features': int(X.shape[1]), 'aucs': aucs, 'meanAuc': float(np.mean(aucs)), 'meanAucFirst10': float(np.mean(aucs[:10])), 'medianSeconds': float(np.median(times))}
    if fixture is None and X.shape[0] <= 4000:
        t = time.perf_counter(); LocalOutlierFactor(n_neighbors=20, algorithm='brute', n_jobs=1).fit(X); out[name]['lofBruteSeconds'] = time.perf_counter() - t
        t = time.perf_counter(); LocalOutlierFactor(n_neighbors=20, n_jobs=1).fit(X); out[name]['lofAutoSeconds'] = time.perf_counter() - t
    print(name, out[name]['meanAuc'], out[name]['medianSeconds'], file=sys.stderr)
if fixture:
    json.dump({'sklearn': __import__('sklearn').__version__, 'sets': {k: {kk: v[kk] for kk in ['rows', 'features', 'aucs', 'meanAuc', 'meanAucFirst10']} for k, v in out.items()}}, open(fixture, 'w'), indent=1)
else:
    print(json.dumps(out))
