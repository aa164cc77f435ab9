/**
 * Per-customer frequency / recency / T / mean repeat value from order lines: the input of every CLV
 * model, with an optional holdout period for validation.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { DAY_MS, dayCut, describeCut, parseCut, type Cut, type DateInput, type LaterLines } from '../core/dates.js';
import { hasOrderColumn, readOrders, type Accessor, type Id, type OrderInput } from '../core/orders.js';
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
  // Sort key: the UTC day, twice, plus 1 for a line after the calibration cut (an instant cut can
  // split its own day between calibration and holdout). The day is floor(key / 2), the holdout
  // flag key - 2 * day: one array instead of three.
  const key = new Float64Array(n);
  const calLastIn = calCut.lastIn;
  let lastLine = -Infinity, firstLine = Infinity;
  for (let i = 0; i < n; i++) {
    const t = table.date[i]!;
    key[i] = 2 * Math.floor(t / DAY_MS) + (t > calLastIn ? 1 : 0);
    if (t > lastLine) lastLine = t;
    if (t < firstLine) firstLine = t;
  }
  const calDay = calCut.lastDay;
  if (calLastIn < firstLine) {
    throw new CrmError('INVALID_ORDER', `${FN}: ${describeCut('calibrationEnd', calCut)} is before the first purchase (${isoDay(Math.floor(firstLine / DAY_MS))}), so no customer has a calibration history. Pass a calibrationEnd between ${isoDay(Math.floor(firstLine / DAY_MS))} and ${isoDay(Math.floor(lastLine / DAY_MS))}.`, { option: 'calibrationEnd' });
  }
  // Default observation end: the last purchase day (or calibrationEnd when that is later).
  const lastCut = dayCut(lastLine);
  const obsCut = obsGiven ?? (lastCut.lastIn >= calCut.lastIn ? lastCut : calCut);
  const obsDay = obsCut.lastDay;

  // Group lines by customer, each customer's lines in key (day) order: a counting sort by key, then
  // a stable counting sort by customer (two linear passes instead of a comparator sort per
  // customer). A key range too wide for a table falls back to the per-customer sort below.
  const c = table.customers.length;
  const byKey = keyOrder(key, n);
  const start = new Int32Array(c + 1);
  for (let i = 0; i < n; i++) start[table.customer[i]! + 1]++;
  for (let k = 0; k < c; k++) start[k + 1] += start[k]!;
  const fill = start.slice(0, c);
  const idx = new Int32Array(n);
  for (let q = 0; q < n; q++) { const i = byKey ? byKey[q]! : q; idx[fill[table.customer[i]!]!++] = i; }
  const amount = table.amount;
  const unitDays = UNIT_DAYS[unit];

  const customers: Id[] = [];
  const frequency: number[] = [], recency: number[] = [], T: number[] = [], holdoutFrequency: number[] = [];
  const monetary: number[] | null = amount ? [] : null;
  const holdoutMonetary: number[] | null = amount ? [] : null;
  let dropped = 0;
  for (let k = 0; k < c; k++) {
    const seg = idx.subarray(start[k]!, start[k + 1]!);
    if (!byKey) seg.sort((i, j) => key[i]! - key[j]!);
    const k0 = key[seg[0]!]!;
    const first = Math.floor(k0 / 2);
    if (k0 - 2 * first === 1) {
      if (laterCustomers === 'drop') { dropped++; continue; }
      throw new CrmError('INVALID_ORDER', `${FN}: customer ${describeValue(table.customers[k])} first bought on ${isoDay(first)}, after ${describeCut('calibrationEnd', calCut)}, so they have no calibration history. Pass a later calibrationEnd, or laterCustomers: 'drop' to leave such customers out (they are counted).`, { customer: table.customers[k] });
    }
    let calDays = 0, last = first, repeatSum = 0, holdDays = 0, holdSum = 0;
    // Walk the customer's lines in day order; a day's amounts are summed before the day is counted.
    for (let q = 0; q < seg.length;) {
      const kq = key[seg[q]!]!;
      const d = Math.floor(kq / 2);
      let daySum = 0;
      for (; q < seg.length && key[seg[q]!] === kq; q++) if (amount) daySum += amount[seg[q]!]!;
      if (kq === 2 * d) { calDays++; last = d; if (calDays > 1) repeatSum += daySum; }
      else { holdDays++; holdSum += daySum; }
    }
    customers.push(table.customers[k]!);
    frequency.push(calDays - 1);
    recency.push((last - first) / unitDays);
    T.push((calDay - first) / unitDays);
    holdoutFrequency.push(holdDays);
    if (monetary) monetary.push(calDays > 1 ? repeatSum / (calDays - 1) : 0);
    if (holdoutMonetary) holdoutMonetary.push(holdDays > 0 ? holdSum / holdDays : 0);
  }
  return {
    kind: 'clvSummary', timeUnit: unit, calibrationEnd: calCut.label, observationEnd: obsCut.label,
    customers, frequency, recency, T, monetary, holdoutFrequency, holdoutMonetary,
    holdoutDuration: (obsDay - calDay) / unitDays,
    droppedLaterCustomers: dropped, droppedMissingCustomer: table.droppedMissingCustomer, droppedLaterLines: table.droppedLaterLines,
  };
}
