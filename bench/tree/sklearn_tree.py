"""Median wall and CPU seconds scikit-learn takes to fit the Bank tree at a given depth ('full' = no limit).

Same data handling as ../shared/anchors/py/tree_sklearn.py (one-hot all levels, 1 thread via the
caller's environment); that script times depth 8 only, this one takes the depth as argument.
Usage: python3 sklearn_tree.py <data dir> <split json> <depth|full>
"""
import sys, json, time, statistics, numpy as np, pandas as pd
from sklearn.tree import DecisionTreeClassifier
data, split, depth = sys.argv[1], sys.argv[2], sys.argv[3]
df = pd.read_csv(f"{data}/bank-full.csv.gz", sep=";")
y = (df.pop("y") == "yes").astype(int).to_numpy()
cat = [c for c in df.columns if df[c].dtype == object]
X = pd.get_dummies(df, columns=cat, dtype=np.float64).to_numpy()
te = set(json.load(open(split))["test_indices"]); tr = [i for i in range(len(y)) if i not in te]
md = None if depth == "full" else int(depth)
fit = lambda: DecisionTreeClassifier(max_depth=md, random_state=0).fit(X[tr], y[tr])
fit(); ts = []; cs = []
for _ in range(5):
    s = time.perf_counter(); c = time.process_time(); fit()
    ts.append(time.perf_counter() - s); cs.append(time.process_time() - c)
print(statistics.median(ts), statistics.median(cs))
