/**
 * The per-customer summary every CLV model reads (frequency, recency, T, mean repeat value), and
 * its checks. Accepts the result of `summarizeTransactions` or any object of equal-length columns,
 * such as a summary read from a CSV file.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import type { Id } from '../core/orders.js';

/** Per-customer summary columns, all of the same length. */
export interface ClvSummaryColumns {
  /** Repeat purchases in the calibration period (purchase days after the first); integers >= 0. */
  readonly frequency: ArrayLike<number>;
  /** Time from the first to the last purchase in the calibration period; 0 when frequency is 0. */
  readonly recency?: ArrayLike<number>;
  /** Time from the first purchase to the end of the calibration period ("age"); >= recency. */
  readonly T?: ArrayLike<number>;
  /** Mean value of the repeat purchases (0 or anything when frequency is 0). */
  readonly monetary?: ArrayLike<number> | null;
  /** Customer ids in row order; row indices are used when absent. */
  readonly customers?: readonly Id[];
  /** Unit of recency and T, e.g. 'weeks'. */
  readonly timeUnit?: string;
}

/** Columns after checking, as typed arrays. */
export interface CheckedSummary {
  n: number;
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array | null;
  customers: Id[];
  timeUnit: string | null;
}

function readColumn(summary: Record<string, unknown>, key: string, n: number, fn: string): Float64Array {
  const col = summary[key] as ArrayLike<unknown> | undefined;
  if (col === undefined || col === null || typeof col !== 'object' || typeof col.length !== 'number') {
    throw new CrmError('INVALID_INPUT', `${fn}: the summary needs a '${key}' column (an array of numbers); got ${describeValue(col)}. Build it with summarizeTransactions.`, { column: key });
  }
  if (col.length !== n) {
    throw new CrmError('LENGTH_MISMATCH', `${fn}: summary column '${key}' has ${col.length} values but 'frequency' has ${n}; columns must have the same length.`, { column: key });
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new CrmError('NON_FINITE', `${fn}: summary.${key}[${i}] is ${describeValue(v)}; it must be a finite number. Clean or drop that customer.`, { column: key, row: i });
    }
    out[i] = v;
  }
  return out;
}

/**
 * Checks a summary for a CLV model: equal lengths, finite numbers, integer frequency >= 0,
 * 0 <= recency <= T, recency 0 when frequency is 0. O(n).
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `LENGTH_MISMATCH`, `NON_FINITE`, `NEGATIVE_VALUE`
 * @example
 * checkSummary({ frequency: [1], recency: [2], T: [5] }, 'fitBgNbd', { times: true, monetary: false }).n; // => 1
 */
export function checkSummary(summary: ClvSummaryColumns, fn: string, need: { times: boolean; monetary: boolean }): CheckedSummary {
  if (summary === null || typeof summary !== 'object' || Array.isArray(summary)) {
    throw new CrmError('INVALID_INPUT', `${fn}: the summary must be an object of columns { frequency, recency, T, monetary }; got ${describeValue(summary)}. Build it with summarizeTransactions.`);
  }
  const s = summary as unknown as Record<string, unknown>;
  const fcol = s.frequency as ArrayLike<unknown> | undefined;
  const n = fcol && typeof fcol === 'object' && typeof fcol.length === 'number' ? fcol.length : -1;
  if (n < 0) readColumn(s, 'frequency', 0, fn);
  if (n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: the summary has no customers; pass at least one.`);
  const frequency = readColumn(s, 'frequency', n, fn);
  for (let i = 0; i < n; i++) {
    const x = frequency[i]!;
    if (x < 0 || !Number.isInteger(x)) {
      throw new CrmError(x < 0 ? 'NEGATIVE_VALUE' : 'INVALID_INPUT', `${fn}: summary.frequency[${i}] is ${x}; frequency counts repeat purchases, so it must be an integer >= 0.`, { column: 'frequency', row: i });
    }
  }
  const recency = need.times ? readColumn(s, 'recency', n, fn) : new Float64Array(0);
  const T = need.times ? readColumn(s, 'T', n, fn) : new Float64Array(0);
  if (need.times) {
    for (let i = 0; i < n; i++) {
      const r = recency[i]!, t = T[i]!;
      if (r < 0) throw new CrmError('NEGATIVE_VALUE', `${fn}: summary.recency[${i}] is ${r}; recency is a duration and must be >= 0.`, { column: 'recency', row: i });
      if (r > t) {
        throw new CrmError('INVALID_INPUT', `${fn}: summary.recency[${i}] is ${r} but T is ${t}; recency (first to last purchase) cannot exceed T (first purchase to the end of calibration). Check that both use the same time unit and calibration end.`, { column: 'recency', row: i });
      }
      if (frequency[i] === 0 && r !== 0) {
        throw new CrmError('INVALID_INPUT', `${fn}: customer at row ${i} has frequency 0 but recency ${r}; with no repeat purchase recency must be 0.`, { column: 'recency', row: i });
      }
    }
  }
  let monetary: Float64Array | null = null;
  if (need.monetary) {
    if (s.monetary === undefined || s.monetary === null) {
      throw new CrmError('INVALID_INPUT', `${fn}: the summary has no 'monetary' column (mean repeat-purchase value). Summarize orders with an amount, or add the column.`, { column: 'monetary' });
    }
    monetary = readColumn(s, 'monetary', n, fn);
  }
  let customers: Id[];
  if (Array.isArray(s.customers)) {
    if (s.customers.length !== n) {
      throw new CrmError('LENGTH_MISMATCH', `${fn}: summary.customers has ${s.customers.length} ids but 'frequency' has ${n} values.`, { column: 'customers' });
    }
    customers = s.customers as Id[];
  } else {
    customers = Array.from({ length: n }, (_, i) => i);
  }
  const timeUnit = typeof s.timeUnit === 'string' ? s.timeUnit : null;
  return { n, frequency, recency, T, monetary, customers, timeUnit };
}
