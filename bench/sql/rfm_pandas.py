"""RFM of the synthetic order lines in pandas, as the peer of bench/sql/rfm.ts.
Usage: rfm_pandas.py LINES.csv CELLS_OUT.csv REPS
Reads the CSV (timed apart), then times REPS runs of groupby + rank(method='first') + qcut (the
recipe of ../shared/anchors/py/rfm_pandas.py), writes customer,cell of the last run and prints JSON."""
import json, resource, sys, time
import numpy as np, pandas as pd

path, out, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0 = time.perf_counter()
# round_trip: pandas' default float parser can be 1 ulp off; the same doubles as the other sides.
d = pd.read_csv(path, dtype={"customer": np.int32, "order_id": np.int32, "ts": np.int64, "amount": np.float64}, float_precision="round_trip")
d["date"] = pd.to_datetime(d["ts"], unit="s")
load = time.perf_counter() - t0
AS_OF = pd.Timestamp("2024-01-01")  # the end of asOf day 2023-12-31

def run():
    g = d.groupby("customer", sort=True)
    c = pd.DataFrame({"last": g["date"].max(), "frequency": g["order_id"].nunique(), "monetary": g["amount"].sum()})
    c["recency"] = (AS_OF - c["last"]) // pd.Timedelta(days=1)
    c["R"] = pd.qcut(c["recency"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1])
    c["F"] = pd.qcut(c["frequency"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
    c["M"] = pd.qcut(c["monetary"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
    return c

ts, cpu = [], []
for _ in range(reps):
    s, p = time.perf_counter(), time.process_time(); c = run(); ts.append(time.perf_counter() - s); cpu.append(time.process_time() - p)
cell = c["R"].astype(str) + c["F"].astype(str) + c["M"].astype(str)
pd.DataFrame({"customer": c.index, "cell": cell.values}).to_csv(out, index=False)
print(json.dumps({"seconds": ts, "cpu_seconds": cpu, "load_seconds": load, "customers": len(c), "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
