/**
 * Per-customer order anomalies: each order's amount against the same customer's earlier orders,
 * as a robust z-score.
 * @module
 */
import { readOrders, type Id, type OrderAccessors, type OrderColumns } from '../core/orders.js';
import { checkInteger, checkNumber, checkOneOf, resolveOptions } from '../core/validate.js';
import { robustCenterScale } from './robustZScores.js';

/** Options of {@link orderAnomalies}. */
export interface OrderAnomaliesOptions<R> extends OrderAccessors<R> {
  /** Earlier orders a customer needs before an order is scored. @defaultValue 5 */
  minHistory?: number;
  /** Use at most this many of the most recent earlier orders (bounds the cost). @defaultValue 100 */
  maxHistory?: number;
  /** Flag an order when its robust z is above this. @defaultValue 3.5 */
  threshold?: number;
  /** `refuse` (default) throws on a missing customer id; `drop` drops and counts the line. */
  missingCustomer?: 'refuse' | 'drop';
}

/** One order and how it compares with the customer's earlier orders. */
export interface OrderAnomaly {
  readonly customer: Id;
  /** Input row of the order (its first line when `orderId` groups lines). */
  readonly row: number;
  /** Epoch milliseconds. */
  readonly date: number;
  /** The order's amount (lines of one order summed). */
  readonly amount: number;
  /** Earlier orders compared with (at most maxHistory). */
  readonly history: number;
  /** Median and robust scale of those orders; null when history < minHistory. */
  readonly median: number | null;
  readonly scale: number | null;
  /**
   * (amount - median) / scale, scale = 1.4826 * MAD of the earlier orders (1.2533 * mean absolute
   * deviation when the MAD is 0). null when history < minHistory, or when every earlier order had
   * the same amount (`constantHistory`).
   */
  readonly z: number | null;
  /** Every earlier order had the same amount, so there is no scale; then `flagged` = amount > median. */
  readonly constantHistory: boolean;
  readonly flagged: boolean;
}

/** Result of {@link orderAnomalies}. */
export interface OrderAnomaliesResult {
  readonly kind: 'orderAnomalies';
  readonly version: 1;
  readonly options: { readonly minHistory: number; readonly maxHistory: number; readonly threshold: number };
  /** One entry per order, in date order (ties by input row). */
  readonly orders: OrderAnomaly[];
  readonly flagged: number;
  /** Lines dropped for a missing customer (with `missingCustomer: 'drop'`). */
  readonly droppedMissingCustomer: number;
}

const ORDER_ANOMALY_DEFAULTS = Object.freeze({ minHistory: 5, maxHistory: 100, threshold: 3.5, missingCustomer: 'refuse' as 'refuse' | 'drop' });

/**
 * Scores every order against the same customer's earlier orders: the robust z-score of its amount
 * with the median and 1.4826 * MAD of up to `maxHistory` preceding orders, once the customer has
 * `minHistory` of them; orders above `threshold` are flagged. Lines sharing an `orderId` are one
 * order (amounts summed, first date). O(n * maxHistory * log maxHistory).
 * Source: Iglewicz and Hoaglin (1993) for the robust z and the 3.5 cut-off.
 * @param orders - Order lines as objects (read through the accessors) or columns.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `MISSING_VALUE`, `INVALID_DATE`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_OPTION`
 * @example
 * const amounts = [20, 22, 19, 21, 20, 23, 250];
 * const orders = amounts.map((amount, i) => ({ customer: 'c1', date: Date.UTC(2024, 0, i + 1), amount }));
 * const r = orderAnomalies(orders, { minHistory: 5 });
 * r.orders.filter((o) => o.flagged).map((o) => [o.amount, o.z!.toFixed(1)]); // => [[250, '154.8']]
 */
export function orderAnomalies<R>(orders: readonly R[] | OrderColumns, options?: OrderAnomaliesOptions<R>): OrderAnomaliesResult {
  const fn = 'orderAnomalies';
  const o = resolveOptions(fn, ORDER_ANOMALY_DEFAULTS, options as Record<string, unknown> | undefined, ['customer', 'date', 'amount', 'orderId']);
  const minHistory = checkInteger('minHistory', o.minHistory, { min: 1, max: 1e6 });
  const maxHistory = checkInteger('maxHistory', o.maxHistory, { min: minHistory, max: 1e6, hint: 'maxHistory must be at least minHistory.' });
  const threshold = checkNumber('threshold', o.threshold, { min: 0 });
  const missingCustomer = checkOneOf('missingCustomer', o.missingCustomer, ['refuse', 'drop'] as const);
  const acc = o as unknown as OrderAccessors<R>;
  const t = readOrders(orders, { fn, needAmount: true, missingCustomer, customer: acc.customer, date: acc.date, amount: acc.amount, orderId: acc.orderId });
  // One entry per order: lines grouped by orderId (or one line = one order).
  const count = t.order ? t.orderCount : t.n;
  const amount = new Float64Array(count);
  const date = new Float64Array(count).fill(Infinity);
  const row = new Int32Array(count).fill(-1);
  const customer = new Int32Array(count);
  // sourceRow is a getter that builds its array on first read: read it once.
  const sourceRow = t.sourceRow;
  for (let i = 0; i < t.n; i++) {
    const k = t.order ? t.order[i]! : i;
    amount[k]! += t.amount![i]!;
    if (t.date[i]! < date[k]!) date[k] = t.date[i]!;
    if (row[k]! < 0 || sourceRow[i]! < row[k]!) row[k] = sourceRow[i]!;
    customer[k] = t.customer[i]!;
  }
  const order = Array.from({ length: count }, (_, k) => k).sort((a, b) => customer[a]! - customer[b]! || date[a]! - date[b]! || row[a]! - row[b]!);
  const result = new Array<OrderAnomaly>(count);
  const window = new Float64Array(maxHistory);
  let flagged = 0;
  for (let s = 0; s < count; ) {
    let e = s;
    while (e < count && customer[order[e]!] === customer[order[s]!]) e++;
    for (let p = s; p < e; p++) {
      const k = order[p]!;
      const history = Math.min(p - s, maxHistory);
      let median: number | null = null;
      let scale: number | null = null;
      let z: number | null = null;
      let constantHistory = false;
      let flag = false;
      if (history >= minHistory) {
        for (let h = 0; h < history; h++) window[h] = amount[order[p - history + h]!]!;
        const c = robustCenterScale(window.subarray(0, history));
        median = c.median;
        scale = c.scale;
        if (c.kind === 'constant') {
          constantHistory = true;
          flag = amount[k]! > c.median;
        } else {
          z = (amount[k]! - c.median) / c.scale;
          flag = z > threshold;
        }
      }
      if (flag) flagged++;
      result[k] = { customer: t.customers[customer[k]!]!, row: row[k]!, date: date[k]!, amount: amount[k]!, history, median, scale, z, constantHistory, flagged: flag };
    }
    s = e;
  }
  const byDate = result.slice().sort((a, b) => a.date - b.date || a.row - b.row);
  return { kind: 'orderAnomalies', version: 1, options: { minHistory, maxHistory, threshold }, orders: byDate, flagged, droppedMissingCustomer: t.droppedMissingCustomer };
}
