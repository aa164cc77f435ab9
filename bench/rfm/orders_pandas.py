"""pandas peers of rfmScore, lifecycleStage and summarizeTransactions on the cleaned Online Retail
lines (parsing and cleaning not timed), for bench/rfm/rows-compare.ts. Median of N runs after a
warm-up. Prints JSON {rfm_ms, lifecycle_ms, clv_ms: [wall, cpu], checks}.
Usage: python3 orders_pandas.py <online_retail.csv.gz> [runs]"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'lifecycle'))
import lifecycle_oracle as oracle  # noqa: E402

runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
df = pd.read_csv(sys.argv[1], dtype={'InvoiceNo': str, 'StockCode': str, 'CustomerID': np.float64})
df['InvoiceDate'] = pd.to_datetime(df['InvoiceDate'], format='%m/%d/%Y %H:%M')
d = df[df['CustomerID'].notna() & ~df['InvoiceNo'].str.startswith('C') & (df['Quantity'] > 0) & (df['UnitPrice'] > 0)]
d = d.assign(amount=d['Quantity'] * d['UnitPrice'], CustomerID=d['CustomerID'].astype(np.int64))
AS_OF = pd.Timestamp('2011-12-10')
CAL_END = pd.Timestamp('2011-09-30')  # the whole day: lines up to 2011-09-30 23:59 are calibration


def rfm():  # as ../shared/anchors/py/rfm_pandas.py
    g = d.groupby('CustomerID', sort=True)
    c = pd.DataFrame({'last': g['InvoiceDate'].max(), 'frequency': g['InvoiceNo'].nunique(), 'monetary': g['amount'].sum()})
    c['recency'] = (AS_OF - c['last']) // pd.Timedelta(days=1)
    c['R'] = pd.qcut(c['recency'].rank(method='first'), 5, labels=[5, 4, 3, 2, 1])
    c['F'] = pd.qcut(c['frequency'].rank(method='first'), 5, labels=[1, 2, 3, 4, 5])
    c['M'] = pd.qcut(c['monetary'].rank(method='first'), 5, labels=[1, 2, 3, 4, 5])
    return c


life = pd.DataFrame({'cust': d['CustomerID'].values, 't': d['InvoiceDate'].values})


def lifecycle():  # as bench/lifecycle/lifecycle_pandas.py
    customers = np.sort(life.cust.unique())
    _, _, th = oracle.thresholds(life, AS_OF)
    return oracle.stages(life, customers, AS_OF, th)


def clv():  # lifetimes' summary_data_from_transaction_data(freq='D', monetary) with a holdout
    x = d[['CustomerID', 'InvoiceDate', 'amount']].assign(day=d['InvoiceDate'].dt.floor('D'))
    daily = x.groupby(['CustomerID', 'day'], sort=True)['amount'].sum().reset_index()
    cal = daily[daily['day'] <= CAL_END]
    g = cal.groupby('CustomerID')
    first = g['day'].min()
    last = g['day'].max()
    out = pd.DataFrame({'frequency': g['day'].count() - 1, 'recency': (last - first).dt.days, 'T': (CAL_END - first).dt.days})
    repeat = cal[cal['day'] > cal['CustomerID'].map(first)]
    out['monetary'] = repeat.groupby('CustomerID')['amount'].mean().reindex(out.index, fill_value=0)
    hold = daily[(daily['day'] > CAL_END) & daily['CustomerID'].isin(out.index)]
    out['holdoutFrequency'] = hold.groupby('CustomerID').size().reindex(out.index, fill_value=0)
    return out


def timed(f):
    """Median wall ms and median CPU ms (process time: robust to a loaded machine)."""
    f()
    ts, cs = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        f()
        ts.append((time.perf_counter() - t0) * 1000)
        cs.append((time.process_time() - c0) * 1000)
    return [float(np.median(ts)), float(np.median(cs))]


s = clv()
print(json.dumps({
    'rfm_ms': timed(rfm), 'lifecycle_ms': timed(lifecycle), 'clv_ms': timed(clv),
    'checks': {'rfm_customers': int(len(rfm())), 'lifecycle': {k: int(v) for k, v in lifecycle().value_counts().items()},
               'clv_customers': int(len(s)), 'clv_frequency': int(s['frequency'].sum()), 'clv_holdout': int(s['holdoutFrequency'].sum())},
}))
