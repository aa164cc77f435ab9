"""Times the pandas implementation of the lifecycle rule (test/lifecycle/lifecycle_oracle.py):
interval + thresholds + stage of every customer, on an already parsed DataFrame (parsing untimed).
Usage: python3 lifecycle_pandas.py retail | <customer.i32> <date.f64> [runs]
Prints JSON {median_ms, runs, customers, counts}."""
import json
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'lifecycle'))
import lifecycle_oracle as oracle  # noqa: E402

if sys.argv[1] == 'retail':
    df = pd.read_csv(os.path.join(oracle.DATA, 'online_retail.csv.gz'), dtype={'InvoiceNo': str, 'StockCode': str, 'CustomerID': float})
    df = df[df.CustomerID.notna() & ~df.InvoiceNo.str.startswith('C') & (df.Quantity > 0) & (df.UnitPrice > 0)]
    df = pd.DataFrame({'cust': df.CustomerID.astype(int).values, 't': pd.to_datetime(df.InvoiceDate, format='%m/%d/%Y %H:%M').values})
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
else:
    cust = np.fromfile(sys.argv[1], dtype=np.int32)
    ms = np.fromfile(sys.argv[2], dtype=np.float64)
    df = pd.DataFrame({'cust': cust, 't': pd.to_datetime(ms.astype(np.int64), unit='ms')})
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5

as_of = (df.t.max().floor('D') + pd.Timedelta('1D'))


def once():
    customers = np.sort(df.cust.unique())
    _, _, th = oracle.thresholds(df, as_of)
    return oracle.stages(df, customers, as_of, th)


once()
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    s = once()
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({'median_ms': float(np.median(times)), 'runs': runs, 'customers': int(len(s)),
                  'counts': {k: int(v) for k, v in s.value_counts().items()}}))
