/**
 * Per-customer frequency / recency / T / mean repeat value from order lines: the input of every CLV
 * model, with an optional holdout period for validation.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { DAY_MS, dayCut, describeCut, parseCut, type Cut, type DateInput, type LaterLines } from '../core/dates.js';
import { hasOrderColumn, readOrders, releaseOrders, type Accessor, type Id, type OrderInput } from '../core/orders.js';
import { checkOneOf, resolveOptions } from '../core/validate.js';

/** Time units a summary can be expressed in. Purchases are always merged per UTC calendar day. */
export type ClvTimeUnit = 'days' | 'weeks';

const UNIT_DAYS: Record<ClvTimeUnit, number> = { days: 1, weeks: 7 };

/** Options of {@link summarizeTransactions}. */
export interface SummarizeTransactionsOptions<R = unknown> {
  /**
   * End of the calibration period (docs/dates.md): a calendar day (`'1997-09-30'`) includes that
   * whole UTC day; an instant includes the lines at or before it. T runs to this day (the UTC day
   * of the instant), as lifetimes' `calibration_period_end` at `freq='D'`.
   */
  calibrationEnd: DateInput;
  /**
   * End of the observation period, read as calibrationEnd is; purchases after calibrationEnd up to
   * it form the holdout. It is the cut: later lines are refused unless `laterLines: 'drop'`.
   * @defaultValue the last purchase day
   */
  observationEnd?: DateInput | null;
  /**
   * Lines dated after observationEnd: `refuse` throws `INVALID_ORDER` naming the first and the
   * count; `drop` leaves them out and counts them in `droppedLaterLines`. The same option as in
   * rfmScore and lifecycleStage. @defaultValue 'refuse'
   */
  laterLines?: LaterLines;
  /** Unit of recency, T and the holdout duration. @defaultValue 'weeks' */
  timeUnit?: ClvTimeUnit;
  /** Customer id of a row object. @defaultValue 'customer' */
  customer?: Accessor<R, Id | null | undefined>;
  /** Date of a row object. @defaultValue 'date' */
  date?: Accessor<R, DateInput>;
  /** Amount of a row object; `false` summarizes without values (monetary is then null). @defaultValue 'amount' */
  amount?: Accessor<R, number> | false;
  /** Customers whose first purchase is after calibrationEnd: 'refuse' throws; 'drop' leaves them out and counts them. @defaultValue 'refuse' */
  laterCustomers?: 'refuse' | 'drop';
  /** Lines with no customer id: 'refuse' throws; 'drop' drops and counts them. @defaultValue 'refuse' */
  missingCustomer?: 'refuse' | 'drop';
}

/** Per-customer summary: columns in ascending customer-id order. */
export interface ClvSummary {
  readonly kind: 'clvSummary';
  readonly timeUnit: ClvTimeUnit;
  /** Calibration end and observation end as given: `'1997-09-30'` for a day (inclusive), the ISO instant otherwise. */
  readonly calibrationEnd: string;
  readonly observationEnd: string;
  readonly customers: Id[];
  /** Repeat purchase days in calibration (distinct purchase days minus one). */
  readonly frequency: number[];
  /** First to last purchase day in calibration, in timeUnit. */
  readonly recency: number[];
  /** First purchase day to calibrationEnd, in timeUnit. */
  readonly T: number[];
  /** Mean value of the repeat purchase days (each day's amounts summed); 0 when frequency is 0; null without amounts. */
  readonly monetary: number[] | null;
  /** Purchase days in the holdout (after calibrationEnd, up to observationEnd). */
  readonly holdoutFrequency: number[];
  /** Mean value of the holdout purchase days (0 when none); null without amounts. */
  readonly holdoutMonetary: number[] | null;
  /** Length of the holdout period, in timeUnit. */
  readonly holdoutDuration: number;
  /** Customers left out because their first purchase is after calibrationEnd (laterCustomers: 'drop'). */
  readonly droppedLaterCustomers: number;
  /** Lines dropped for a missing customer id (missingCustomer: 'drop'). */
  readonly droppedMissingCustomer: number;
  /** Lines dropped because they are dated after observationEnd (laterLines: 'drop'). */
  readonly droppedLaterLines: number;
}

const FN = 'summarizeTransactions';
const DEFAULTS = Object.freeze({
  calibrationEnd: undefined as unknown as DateInput,
  observationEnd: null as DateInput | null,
  laterLines: 'refuse' as LaterLines,
  timeUnit: 'weeks' as ClvTimeUnit,
  customer: undefined, date: undefined, amount: undefined,
  laterCustomers: 'refuse' as 'refuse' | 'drop',
  missingCustomer: 'refuse' as 'refuse' | 'drop',
});

/** Line indices in ascending key order (stable) by counting sort, or null when the keys span more than 4n + 2^16 values. O(n + range). */
function keyOrder(key: Float64Array, n: number): Int32Array | null {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) { const k = key[i]!; if (k < min) min = k; if (k > max) max = k; }
  if (!(max - min <= 4 * n + 65_536)) return null;
  const count = new Int32Array(max - min + 2);
  for (let i = 0; i < n; i++) count[key[i]! - min + 1]!++;
  for (let k = 1; k < count.length; k++) count[k]! += count[k - 1]!;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[count[key[i]! - min]!++] = i;
  return out;
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Per customer: its purchase days in calibration and holdout, and their values. */
interface PurchaseDays {
  /** Sort key of the customer's first line: 2 x its UTC day, plus 1 when after the calibration cut. */
  firstKey: Float64Array;
  /** Purchase days in calibration, and the last of them (UTC day number). */
  calDays: Int32Array;
  lastDay: Float64Array;
  /** Sum of the day totals of the calibration days after the first, in day order. */
  repeatSum: Float64Array;
  holdDays: Int32Array;
  holdSum: Float64Array;
  firstLine: number;
  lastLine: number;
}

function emptyDays(c: number): PurchaseDays {
  return {
    firstKey: new Float64Array(c), calDays: new Int32Array(c), lastDay: new Float64Array(c), repeatSum: new Float64Array(c),
    holdDays: new Int32Array(c), holdSum: new Float64Array(c), firstLine: Infinity, lastLine: -Infinity,
  };
}

/**
 * Sort key of a line: the UTC day, twice, plus 1 for a line after the calibration cut (an instant
 * cut can split its own day between calibration and holdout). The day is floor(key / 2), the
 * holdout flag key - 2 * day.
 */
const dayKey = (t: number, calLastIn: number) => 2 * Math.floor(t / DAY_MS) + (t > calLastIn ? 1 : 0);

/**
 * The purchase days of every customer. A day's amounts are summed in line order, then the day
 * totals in day order. When each customer's lines come in date order (as order exports list them)
 * one pass in line order does it, keeping each customer's open day; otherwise the lines are
 * grouped by customer and day first (sortedDays). Both add the same numbers in the same order.
 * O(n + c), or O(n + range) with the grouping.
 */
function purchaseDays(customer: Int32Array, date: Float64Array, amount: Float64Array | null, n: number, c: number, calLastIn: number): PurchaseDays {
  const out = emptyDays(c);
  const { firstKey } = out;
  const openKey = new Float64Array(c).fill(-Infinity);
  const daySum = new Float64Array(c);
  let firstLine = Infinity, lastLine = -Infinity;
  let lastT = Number.NaN, k = 0;
  for (let i = 0; i < n; i++) {
    const t = date[i]!;
    // Lines of one order share the date: one key per run.
    if (t !== lastT) {
      k = dayKey(t, calLastIn);
      lastT = t;
      if (t > lastLine) lastLine = t;
      if (t < firstLine) firstLine = t;
    }
    const ci = customer[i]!;
    const open = openKey[ci]!;
    if (k === open) {
      if (amount) daySum[ci]! += amount[i]!;
      continue;
    }
    if (k < open) return sortedDays(customer, date, amount, n, c, calLastIn);
    if (open === -Infinity) firstKey[ci] = k;
    else closeDay(out, ci, open, daySum[ci]!);
    openKey[ci] = k;
    // 0 + a, as sortedDays' sum from 0: a day of one -0 line totals 0 on both paths.
    daySum[ci] = amount ? 0 + amount[i]! : 0;
  }
  for (let ci = 0; ci < c; ci++) closeDay(out, ci, openKey[ci]!, daySum[ci]!);
  out.firstLine = firstLine;
  out.lastLine = lastLine;
  return out;
}

/** Counts a customer's finished purchase day (key as in dayKey) with its total. */
function closeDay(out: PurchaseDays, ci: number, key: number, total: number): void {
  const d = Math.floor(key / 2);
  if (key === 2 * d) {
    const m = ++out.calDays[ci]!;
    out.lastDay[ci] = d;
    if (m > 1) out.repeatSum[ci]! += total;
  } else {
    out.holdDays[ci]!++;
    out.holdSum[ci]! += total;
  }
}

/**
 * purchaseDays for lines in any order: group lines by customer, each customer's lines in key
 * order (stable), by a counting sort by key then a stable counting sort by customer (two linear
 * passes instead of a comparator sort per customer); a key range too wide for a table falls back
 * to a sort per customer.
 */
function sortedDays(customer: Int32Array, date: Float64Array, amount: Float64Array | null, n: number, c: number, calLastIn: number): PurchaseDays {
  const out = emptyDays(c);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = date[i]!;
    key[i] = dayKey(t, calLastIn);
    if (t > out.lastLine) out.lastLine = t;
    if (t < out.firstLine) out.firstLine = t;
  }
  const byKey = keyOrder(key, n);
  const start = new Int32Array(c + 1);
  for (let i = 0; i < n; i++) start[customer[i]! + 1]++;
  for (let k = 0; k < c; k++) start[k + 1] += start[k]!;
  const fill = start.slice(0, c);
  const idx = new Int32Array(n);
  for (let q = 0; q < n; q++) { const i = byKey ? byKey[q]! : q; idx[fill[customer[i]!]!++] = i; }
  for (let k = 0; k < c; k++) {
    const seg = idx.subarray(start[k]!, start[k + 1]!);
    if (!byKey) seg.sort((i, j) => key[i]! - key[j]!);
    out.firstKey[k] = key[seg[0]!]!;
    // Walk the customer's lines in day order; a day's amounts are summed before the day is counted.
    for (let q = 0; q < seg.length;) {
      const kq = key[seg[q]!]!;
      let daySum = 0;
      for (; q < seg.length && key[seg[q]!] === kq; q++) if (amount) daySum += amount[seg[q]!]!;
      closeDay(out, k, kq, daySum);
    }
  }
  return out;
}

/**
 * Summarizes order lines per customer for CLV models, as Fader, Hardie & Lee (2005) and lifetimes'
 * `summary_data_from_transaction_data(..., freq='D')` do: lines on the same UTC calendar day are
 * one purchase (amounts summed), frequency counts purchase days after the first, recency and T run
 * from the first purchase day, in whole days divided by the unit (7 for weeks). O(n log n).
 * @param orders - Order lines as row objects (read through the accessors) or as columns
 *   `{ customer, date, amount? }`; dates are Date, epoch ms or ISO strings.
 * @param options - See {@link SummarizeTransactionsOptions}; `calibrationEnd` is required.
 * @returns A {@link ClvSummary}, customers in ascending id order.
 * @throws CrmError `INVALID_ORDER` (a purchase after observationEnd, observationEnd before
 *   calibrationEnd, a customer whose first purchase is after calibrationEnd), `INVALID_OPTION`,
 *   `INVALID_DATE`, `EMPTY_INPUT`, `INVALID_INPUT`, `MISSING_VALUE`, `NON_FINITE`, `LENGTH_MISMATCH`
 * @example
 * const s = summarizeTransactions(
 *   [{ customer: 'a', date: '2024-01-01', amount: 10 }, { customer: 'a', date: '2024-01-15', amount: 30 }, { customer: 'a', date: '2024-01-15', amount: 2 }],
 *   { calibrationEnd: '2024-01-29', timeUnit: 'weeks' });
 * [s.frequency[0], s.recency[0], s.T[0], s.monetary![0]]; // => [1, 2, 4, 32]
 */
export function summarizeTransactions<R>(orders: OrderInput<R>, options: SummarizeTransactionsOptions<R>): ClvSummary {
  if (options === null || typeof options !== 'object') {
    throw new CrmError('INVALID_OPTION', `${FN}: options must be an object with at least calibrationEnd; got ${describeValue(options)}.`, { option: 'options' });
  }
  const o = resolveOptions(FN, DEFAULTS, options as object);
  if (o.calibrationEnd === undefined) {
    throw new CrmError('INVALID_OPTION', `${FN}: calibrationEnd is required: the last day of the period the models learn from, e.g. '1997-09-30'.`, { option: 'calibrationEnd' });
  }
  const unit = checkOneOf('timeUnit', o.timeUnit, ['days', 'weeks'] as const);
  const laterCustomers = checkOneOf('laterCustomers', o.laterCustomers, ['refuse', 'drop'] as const);
  const missingCustomer = checkOneOf('missingCustomer', o.missingCustomer, ['refuse', 'drop'] as const);
  const laterLines = checkOneOf('laterLines', o.laterLines, ['refuse', 'drop'] as const);
  const calCut = parseCut(o.calibrationEnd, `${FN}: calibrationEnd`);
  const obsGiven: Cut | undefined = o.observationEnd === null ? undefined : parseCut(o.observationEnd, `${FN}: observationEnd`);
  if (obsGiven && obsGiven.lastIn < calCut.lastIn) {
    throw new CrmError('INVALID_ORDER', `${FN}: ${describeCut('observationEnd', obsGiven)} is before ${describeCut('calibrationEnd', calCut)}; the holdout follows calibration, so pass an observationEnd on or after it.`, { option: 'observationEnd' });
  }
  const isObject = orders !== null && typeof orders === 'object';
  const wantAmount = o.amount !== false && isObject && (Array.isArray(orders) || hasOrderColumn(orders, o.amount, 'amount'));
  let table;
  try {
    table = readOrders(orders, {
      customer: o.customer as Accessor<R, Id | null | undefined> | undefined,
      date: o.date as Accessor<R, DateInput> | undefined,
      amount: o.amount === false ? undefined : (o.amount as Accessor<R, number> | undefined),
      needAmount: wantAmount,
      missingCustomer,
      cut: obsGiven,
      cutName: 'observationEnd',
      laterLines,
      fn: FN,
      transient: true,
    });
  } catch (e) {
    // Rows read amounts by default: say how to summarize without them.
    const d = e instanceof CrmError ? (e.details as { field?: string; option?: string }) : {};
    if (e instanceof CrmError && o.amount === undefined && ((d.field === 'amount' && e.message.includes('undefined')) || (d.option === 'amount' && e.code === 'INVALID_OPTION'))) {
      throw new CrmError(e.code, `${e.message} Pass amount: (row) => ... to read it, or amount: false to summarize without values.`, e.details);
    }
    throw e;
  }
  const n = table.n;
  const c = table.customers.length;
  const calLastIn = calCut.lastIn;
  let days: PurchaseDays;
  try {
    days = purchaseDays(table.customer, table.date, table.amount, n, c, calLastIn);
  } finally {
    // Per-customer days only from here on: the per-line columns go back to the reused buffer.
    releaseOrders(table);
  }
  const { firstLine, lastLine } = days;
  const calDay = calCut.lastDay;
  if (calLastIn < firstLine) {
    throw new CrmError('INVALID_ORDER', `${FN}: ${describeCut('calibrationEnd', calCut)} is before the first purchase (${isoDay(Math.floor(firstLine / DAY_MS))}), so no customer has a calibration history. Pass a calibrationEnd between ${isoDay(Math.floor(firstLine / DAY_MS))} and ${isoDay(Math.floor(lastLine / DAY_MS))}.`, { option: 'calibrationEnd' });
  }
  // Default observation end: the last purchase day (or calibrationEnd when that is later).
  const lastCut = dayCut(lastLine);
  const obsCut = obsGiven ?? (lastCut.lastIn >= calCut.lastIn ? lastCut : calCut);
  const obsDay = obsCut.lastDay;
  const unitDays = UNIT_DAYS[unit];
  const hasAmount = table.amount !== null;

  const customers: Id[] = [];
  const frequency: number[] = [], recency: number[] = [], T: number[] = [], holdoutFrequency: number[] = [];
  const monetary: number[] | null = hasAmount ? [] : null;
  const holdoutMonetary: number[] | null = hasAmount ? [] : null;
  let dropped = 0;
  for (let k = 0; k < c; k++) {
    const k0 = days.firstKey[k]!;
    const first = Math.floor(k0 / 2);
    if (k0 - 2 * first === 1) {
      if (laterCustomers === 'drop') { dropped++; continue; }
      throw new CrmError('INVALID_ORDER', `${FN}: customer ${describeValue(table.customers[k])} first bought on ${isoDay(first)}, after ${describeCut('calibrationEnd', calCut)}, so they have no calibration history. Pass a later calibrationEnd, or laterCustomers: 'drop' to leave such customers out (they are counted).`, { customer: table.customers[k] });
    }
    const calDays = days.calDays[k]!, holdDays = days.holdDays[k]!;
    customers.push(table.customers[k]!);
    frequency.push(calDays - 1);
    recency.push((days.lastDay[k]! - first) / unitDays);
    T.push((calDay - first) / unitDays);
    holdoutFrequency.push(holdDays);
    if (monetary) monetary.push(calDays > 1 ? days.repeatSum[k]! / (calDays - 1) : 0);
    if (holdoutMonetary) holdoutMonetary.push(holdDays > 0 ? days.holdSum[k]! / holdDays : 0);
  }
  return {
    kind: 'clvSummary', timeUnit: unit, calibrationEnd: calCut.label, observationEnd: obsCut.label,
    customers, frequency, recency, T, monetary, holdoutFrequency, holdoutMonetary,
    holdoutDuration: (obsDay - calDay) / unitDays,
    droppedLaterCustomers: dropped, droppedMissingCustomer: table.droppedMissingCustomer, droppedLaterLines: table.droppedLaterLines,
  };
}
