"""Independent pandas implementation of the lifecycle rule (docs/lifecycle.md), used to verify the
counts hard-coded in lifecycle.data.test.ts. Run: /usr/bin/python3 test/lifecycle/lifecycle_oracle.py
Prints JSON: thresholds, counts per stage at asOf, and the last-quarter migration matrix, for
UCI Online Retail (T-RFM cleaning) and CDNOW master."""
import json
import math
import os

import numpy as np
import pandas as pd

DATA = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data')
STAGES = ['prospect', 'new', 'active', 'reactivated', 'atRisk', 'lapsed', 'former']
DAY = pd.Timedelta('1D')


def thresholds(df, upto, mult=(2, 4, 8, 2)):
    d = df[df.t <= upto]
    days = d.assign(day=d.t.dt.floor('D')).groupby('cust').day.agg(['nunique', 'min', 'max'])
    rep = days[days['nunique'] >= 2]
    interval = float(np.median((rep['max'] - rep['min']).dt.days / (rep['nunique'] - 1)))
    th = [max(1, math.ceil(m * interval - 1e-9)) for m in mult]
    return interval, len(rep), dict(zip(['atRisk', 'lapsed', 'former', 'new'], th))


def stages(df, customers, as_of, th):
    d = df[df.t <= as_of].sort_values(['cust', 't'])
    gap = (d.t - d.groupby('cust').t.shift()) // DAY
    come = d.t.where(gap >= th['lapsed']).groupby(d.cust).max()
    g = d.groupby('cust').t.agg(['min', 'max'])
    g['comeback'] = come
    g = g.reindex(customers)
    since_last = (as_of - g['max']) // DAY
    since_first = (as_of - g['min']) // DAY
    since_come = (as_of - g['comeback']) // DAY
    cond = [g['max'].isna(), since_last >= th['former'], since_last >= th['lapsed'], since_last >= th['atRisk'],
            since_first < th['new'], since_come < th['new']]
    choice = ['prospect', 'former', 'lapsed', 'atRisk', 'new', 'reactivated']
    return pd.Series(np.select(cond, choice, default='active'), index=customers)


def run(name, df, as_of, from_):
    customers = np.sort(df.cust.unique())
    interval, repeat, th = thresholds(df, as_of)
    now = stages(df, customers, as_of, th)
    before = stages(df, customers, from_, th)
    m = pd.crosstab(before, now).reindex(index=STAGES, columns=STAGES, fill_value=0)
    return {
        'name': name, 'asOf': str(as_of), 'from': str(from_), 'customers': int(len(customers)),
        'interval': interval, 'repeatCustomers': repeat, 'thresholds': th,
        'counts': {s: int((now == s).sum()) for s in STAGES},
        'matrix': m.values.tolist(),
    }


def online_retail():
    df = pd.read_csv(os.path.join(DATA, 'online_retail.csv.gz'), dtype={'InvoiceNo': str, 'StockCode': str, 'CustomerID': float})
    df = df[df.CustomerID.notna() & ~df.InvoiceNo.str.startswith('C') & (df.Quantity > 0) & (df.UnitPrice > 0)]
    df = pd.DataFrame({'cust': df.CustomerID.astype(int), 't': pd.to_datetime(df.InvoiceDate, format='%m/%d/%Y %H:%M')})
    return run('online_retail', df, pd.Timestamp('2011-12-10'), pd.Timestamp('2011-09-10'))


def cdnow():
    df = pd.read_csv(os.path.join(DATA, 'CDNOW_master.txt.gz'), sep=r'\s+', header=0, names=['cust', 'date', 'cds', 'dollars'], dtype={'cust': int, 'date': str})
    df = pd.DataFrame({'cust': df.cust, 't': pd.to_datetime(df.date, format='%Y%m%d')})
    return run('cdnow', df, pd.Timestamp('1998-07-01'), pd.Timestamp('1998-04-01'))


if __name__ == '__main__':
    print(json.dumps([online_retail(), cdnow()], indent=1))
