# /usr/bin/python3 bench/anomaly/sklearn_seeds.py DATA_DIR SET N
# scikit-learn IsolationForest (defaults, n_jobs=1) on one ADBench set for seeds 0..N-1: ROC AUC of
# -score_samples per seed and the mean number of leaves per tree, as JSON on stdout.
import gzip, json, os, sys
import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

data_dir, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with gzip.open(os.path.join(data_dir, f'adbench_{name}.csv.gz'), 'rt') as f:
    f.readline()
    a = np.loadtxt(f, delimiter=',')
X, y = a[:, :-1], a[:, -1]
aucs, leaves = [], []
for seed in range(n):
    m = IsolationForest(random_state=seed, n_jobs=1).fit(X)
    aucs.append(roc_auc_score(y, -m.score_samples(X)))
    leaves.extend(e.tree_.n_leaves for e in m.estimators_)
print(json.dumps({'aucs': aucs, 'meanLeaves': float(np.mean(leaves))}))
