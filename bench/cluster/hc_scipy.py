"""scipy linkage on the first n blob rows, one method, one process: prints JSON seconds and max RSS.
usage: /usr/bin/python3 bench/cluster/hc_scipy.py <blobs.f64.gz> <method> <n>
(ward at n = 20,000 is timed with ../shared/anchors/py/ward_scipy.py; this one covers the other methods.)"""
import sys, gzip, time, json, resource
import numpy as np
from scipy.cluster.hierarchy import linkage
X = np.frombuffer(gzip.open(sys.argv[1]).read(), dtype="<f8").reshape(-1, 8)[: int(sys.argv[3])]
s = time.perf_counter(); Z = linkage(X, sys.argv[2]); t = time.perf_counter() - s
print(json.dumps({"seconds": t, "maxRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "sumHeights": float(Z[:, 2].sum())}))
