/**
 * Sales series from order lines: revenue, distinct orders or units per day, ISO week, month,
 * quarter or year (UTC, docs/dates.md), per group if asked, with every period between the first
 * and the last present (zero where nothing was sold).
 * @module
 */
import { checkAccessor, missingPropertyError } from '../core/accessor.js';
import { parseCut, parseDate, DAY_MS } from '../core/dates.js';
import { CrmError, describeValue } from '../core/errors.js';
import { compareIds, type Accessor, type Id } from '../core/orders.js';
import { accessor, custom, defineOptions, oneOf, opt, resolveOptionTable, type ResolvedOptions } from '../core/options.js';
import type { DateInput } from '../core/dates.js';
import { periodLabel, periodOf, periodStart } from './calendar.js';
import { FREQUENCY_PERIOD, type Frequency } from './series.js';

/** What is summed per period. */
export type SalesValue = 'revenue' | 'orders' | 'units';

/** Options of {@link salesSeries}. */
export interface SalesSeriesOptions<R> {
  /** Period length. @defaultValue 'month' */
  frequency?: Frequency;
  /** `'revenue'` (amount, or quantity x price), `'orders'` (distinct orderId), `'units'` (quantity). @defaultValue 'revenue' */
  value?: SalesValue;
  /** @defaultValue 'date' */
  date?: Accessor<R, DateInput>;
  /** Revenue of a line. @defaultValue 'amount' when the rows have it, else quantity x price */
  amount?: Accessor<R, number>;
  /** @defaultValue 'quantity' */
  quantity?: Accessor<R, number>;
  /** Unit price. @defaultValue 'price' */
  price?: Accessor<R, number>;
  /** Order (invoice) id, for `value: 'orders'`. @defaultValue 'orderId' */
  orderId?: Accessor<R, Id>;
  /** One series per value of this field (product class, segment, country). @defaultValue undefined */
  group?: Accessor<R, Id>;
  /** First day (or instant) counted; earlier lines are left out and counted. @defaultValue the first line's day */
  from?: DateInput;
  /** Last day (or instant) counted (docs/dates.md: a day is the whole day). @defaultValue the last line's day */
  to?: DateInput;
  /**
   * A first or last period that the window (from..to, by default the first and last line days)
   * covers only in part: `'drop'` leaves it out (reported in diagnostics), `'keep'` keeps its
   * partial total. @defaultValue 'drop'
   */
  partialPeriods?: 'drop' | 'keep';
}

/** How the series was built. */
export interface SalesSeriesDiagnostics {
  /** Order lines read. */
  readonly lines: number;
  /** Lines before `from` or after `to`, left out. */
  readonly linesOutside: number;
  /** Labels of periods only partly inside the window, and whether each was dropped. */
  readonly partialPeriods: { readonly label: string; readonly dropped: boolean }[];
  readonly warnings: string[];
}

/** One sales series: values per period, oldest first, every period present. */
export interface SalesSeries {
  readonly kind: 'salesSeries';
  readonly version: 1;
  readonly frequency: Frequency;
  /** Seasonal period of the frequency: 7 (day), 52 (week), 12 (month), 4 (quarter), 1 (year). */
  readonly period: number;
  readonly value: SalesValue;
  /** Label of the first period. */
  readonly start: string;
  /** `'2024-03-05'`, `'2024-W09'` (ISO week), `'2024-03'`, `'2024-Q1'` or `'2024'` per period. */
  readonly labels: string[];
  readonly values: number[];
  /** The group's value, with the `group` option. */
  readonly group?: Id;
  readonly diagnostics: SalesSeriesDiagnostics;
}

/** One series per group, on the same periods. */
export interface SalesSeriesByGroup {
  readonly kind: 'salesSeriesByGroup';
  readonly version: 1;
  readonly frequency: Frequency;
  readonly period: number;
  readonly value: SalesValue;
  readonly start: string;
  readonly labels: string[];
  /** Group values, ascending (numbers first, then strings). */
  readonly groups: Id[];
  /** The series of each group, in the order of `groups`. */
  readonly series: SalesSeries[];
  readonly diagnostics: SalesSeriesDiagnostics;
}

const DATE_FORM = custom<DateInput>({
  describe: 'a Date, epoch milliseconds or an ISO-8601 string',
  test: (v) => v instanceof Date || typeof v === 'number' || typeof v === 'string',
  bad: [{}, true, null],
});

/**
 * The option table of {@link salesSeries} (core/options.ts): forms only; parseDate reads `from` and
 * `to` (docs/dates.md) and the accessors are checked against the first row. Nothing is stored: the
 * result carries `frequency` and `value`.
 */
export const SALES_SERIES_OPTIONS = defineOptions<SalesSeriesOptions<unknown>>()({
  frequency: opt({ default: 'month', accepts: [oneOf(['day', 'week', 'month', 'quarter', 'year'])], description: 'Period length.' }),
  value: opt({ default: 'revenue', accepts: [oneOf(['revenue', 'orders', 'units'])], description: "'revenue' (amount, or quantity x price), 'orders' (distinct orderId), 'units' (quantity)." }),
  date: opt({ computedDefault: 'date', accepts: [accessor<DateInput>()], description: 'The date of a line.' }),
  amount: opt({ computedDefault: "'amount' when the rows have it, else quantity x price", accepts: [accessor<number>()], description: 'Revenue of a line.' }),
  quantity: opt({ computedDefault: 'quantity', accepts: [accessor<number>()], description: 'Quantity of a line.' }),
  price: opt({ computedDefault: 'price', accepts: [accessor<number>()], description: 'Unit price of a line.' }),
  orderId: opt({ computedDefault: 'orderId', accepts: [accessor<Id>()], description: "Order (invoice) id, for value: 'orders'." }),
  group: opt({ accepts: [accessor<Id>()], description: 'One series per value of this field.' }),
  from: opt({ computedDefault: "the first line's day", accepts: [DATE_FORM], description: 'First day (or instant) counted.' }),
  to: opt({ computedDefault: "the last line's day", accepts: [DATE_FORM], description: 'Last day (or instant) counted.' }),
  partialPeriods: opt({ default: 'drop', accepts: [oneOf(['drop', 'keep'])], description: "A first or last period the window covers in part: 'drop' or 'keep'." }),
});

/** More periods than this is a unit mistake (epoch seconds read as days, ...). */
const MAX_PERIODS = 1_000_000;

/**
 * Aggregates order lines into a regular sales series: revenue (an amount, or quantity x price),
 * distinct orders or units per day, ISO week (Monday start, week 53 where the ISO year has one,
 * labelled by ISO year), month, quarter or year, on UTC days (docs/dates.md). Every period from
 * the first to the last is present, zero where nothing was sold. Returns (negative lines) are
 * summed in, so revenue is net. A first or last period the window covers only in part is dropped
 * by default (a half month looks like a slump) and reported. O(n + periods x groups).
 * @param orders - Order lines: row objects, read with the accessor options.
 * @param options - `frequency`, `value`, accessors, `group`, `from`, `to`, `partialPeriods`.
 * @returns A {@link SalesSeries}, or a {@link SalesSeriesByGroup} with `group`.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `INVALID_OPTION`, `INVALID_DATE`, `NON_FINITE`, `MISSING_VALUE`, `INVALID_ORDER` (to before from), `TOO_LARGE`
 * @example
 * const lines = [
 *   { date: '2024-01-05', amount: 10 }, { date: '2024-01-20', amount: 5 }, { date: '2024-03-02', amount: 7 },
 * ];
 * const s = salesSeries(lines, { frequency: 'month', partialPeriods: 'keep' });
 * [s.labels, s.values]; // => [['2024-01', '2024-02', '2024-03'], [15, 0, 7]]
 */
export function salesSeries<R>(orders: readonly R[], options?: SalesSeriesOptions<R> & { group?: undefined }): SalesSeries;
export function salesSeries<R>(orders: readonly R[], options: SalesSeriesOptions<R> & { group: Accessor<R, Id> }): SalesSeriesByGroup;
export function salesSeries<R>(orders: readonly R[], options?: SalesSeriesOptions<R>): SalesSeries | SalesSeriesByGroup;
export function salesSeries<R>(orders: readonly R[], options?: SalesSeriesOptions<R>): SalesSeries | SalesSeriesByGroup {
  const fn = 'salesSeries';
  const o = resolveOptionTable(fn, SALES_SERIES_OPTIONS, options) as ResolvedOptions<typeof SALES_SERIES_OPTIONS> & SalesSeriesOptions<R>;
  if (!Array.isArray(orders)) throw new CrmError('INVALID_INPUT', `${fn}: orders must be an array of order lines (objects); got ${describeValue(orders)}.`);
  if (orders.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: there are no order lines; pass at least one.`);
  const frequency = o.frequency;
  const value = o.value;
  for (const key of ['date', 'amount', 'quantity', 'price', 'orderId', 'group'] as const) if (o[key] !== undefined) checkAccessor(fn, key, o[key]);
  const first = orders[0] as unknown;
  const has = (key: string) => first !== null && typeof first === 'object' && key in (first as object);
  // Which fields are read.
  const useAmount = value === 'revenue' && (o.amount !== undefined || (o.quantity === undefined && o.price === undefined && has('amount')));
  const needQuantity = value === 'units' || (value === 'revenue' && !useAmount);
  const needPrice = value === 'revenue' && !useAmount;
  const accessors: [string, Accessor<R, unknown> | undefined, boolean][] = [
    ['date', o.date ?? ('date' as keyof R), true],
    ['amount', useAmount ? o.amount ?? ('amount' as keyof R) : undefined, useAmount],
    ['quantity', needQuantity ? o.quantity ?? ('quantity' as keyof R) : undefined, needQuantity],
    ['price', needPrice ? o.price ?? ('price' as keyof R) : undefined, needPrice],
    ['orderId', value === 'orders' ? o.orderId ?? ('orderId' as keyof R) : undefined, value === 'orders'],
    ['group', o.group, o.group !== undefined],
  ];
  const read: Record<string, ((row: R, i: number) => unknown) | undefined> = {};
  for (const [name, acc, needed] of accessors) {
    if (!needed || acc === undefined) continue;
    if (typeof acc !== 'function') {
      const err = missingPropertyError(fn, 'orders', 0, first, name, acc);
      if (err && !orders.some((r) => r !== null && typeof r === 'object' && (acc as PropertyKey) in (r as object))) throw err;
      read[name] = (row) => (row as Record<PropertyKey, unknown>)[acc as PropertyKey];
    } else read[name] = acc as (row: R, i: number) => unknown;
  }
  const fromT = o.from === undefined ? -Infinity : parseDate(o.from, `${fn}: from`);
  const toCut = o.to === undefined ? undefined : parseCut(o.to, `${fn}: to`);
  const toT = toCut ? toCut.lastIn : Infinity;
  if (toT < fromT) throw new CrmError('INVALID_ORDER', `${fn}: to (${describeValue(o.to)}) is before from (${describeValue(o.from)}).`, { option: 'to' });

  const n = orders.length;
  const day = new Float64Array(n);
  const amount = new Float64Array(n);
  const groupIdx = new Int32Array(n);
  const groupMap = new Map<Id, number>();
  const groupIds: Id[] = [];
  const keep = new Uint8Array(n);
  const where = (i: number, f: string) => `${fn}: orders[${i}].${f}`;
  const num = (i: number, f: string, v: unknown): number => {
    if (v === null || v === undefined) throw new CrmError('MISSING_VALUE', `${where(i, f)} is ${describeValue(v)}; every line needs a ${f}.`, { row: i, field: f });
    if (typeof v !== 'number') throw new CrmError('INVALID_INPUT', `${where(i, f)} is ${describeValue(v)}; it must be a number (convert strings with Number() first).`, { row: i, field: f });
    if (!Number.isFinite(v)) throw new CrmError('NON_FINITE', `${where(i, f)} is ${v}; it must be a finite number.`, { row: i, field: f });
    return v;
  };
  const orderSeen = value === 'orders' ? new Set<string>() : null;
  const orderIds: unknown[] | null = value === 'orders' ? new Array<unknown>(n) : null;
  let minDay = Infinity, maxDay = -Infinity, outside = 0, kept = 0;
  for (let i = 0; i < n; i++) {
    const row = orders[i]!;
    if (row === null || typeof row !== 'object') throw new CrmError('INVALID_INPUT', `${fn}: orders[${i}] is ${describeValue(row)}; each order line must be an object.`, { row: i });
    const t = parseDate(read.date!(row, i), where(i, 'date'));
    if (t < fromT || t > toT) { outside++; continue; }
    const d = Math.floor(t / DAY_MS);
    day[i] = d;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
    if (read.group) {
      const g = read.group(row, i);
      if (g === null || g === undefined || g === '' || (typeof g === 'number' && Number.isNaN(g))) {
        throw new CrmError('MISSING_VALUE', `${where(i, 'group')} is ${describeValue(g)}; every line needs a group value (fill it, e.g. with 'unknown').`, { row: i, field: 'group' });
      }
      if (typeof g !== 'string' && !(typeof g === 'number' && Number.isFinite(g))) throw new CrmError('INVALID_INPUT', `${where(i, 'group')} is ${describeValue(g)}; a group must be a string or a finite number.`, { row: i, field: 'group' });
      let gi = groupMap.get(g);
      if (gi === undefined) { gi = groupIds.length; groupMap.set(g, gi); groupIds.push(g); }
      groupIdx[i] = gi;
    }
    if (value === 'revenue') amount[i] = useAmount ? num(i, 'amount', read.amount!(row, i)) : num(i, 'quantity', read.quantity!(row, i)) * num(i, 'price', read.price!(row, i));
    else if (value === 'units') amount[i] = num(i, 'quantity', read.quantity!(row, i));
    else {
      const id = read.orderId!(row, i);
      if (id === null || id === undefined || id === '') throw new CrmError('MISSING_VALUE', `${where(i, 'orderId')} is ${describeValue(id)}; value: 'orders' counts distinct order ids, so every line needs one.`, { row: i, field: 'orderId' });
      if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) throw new CrmError('INVALID_INPUT', `${where(i, 'orderId')} is ${describeValue(id)}; an order id must be a string or a finite number.`, { row: i, field: 'orderId' });
      orderIds![i] = id;
    }
    keep[i] = 1;
    kept++;
  }
  if (kept === 0) throw new CrmError('EMPTY_INPUT', `${fn}: no order line is between from and to (${outside} outside); widen the window.`, { option: 'from' });
  const windowFirst = Number.isFinite(fromT) ? Math.floor(fromT / DAY_MS) : minDay;
  const windowLast = toCut ? toCut.lastDay : maxDay;
  let p0 = periodOf(frequency, windowFirst);
  let p1 = periodOf(frequency, windowLast);
  if (p1 - p0 + 1 > MAX_PERIODS) throw new CrmError('TOO_LARGE', `${fn}: the window spans ${p1 - p0 + 1} ${frequency} periods (more than ${MAX_PERIODS}); check the dates' unit or pass from/to.`, { periods: p1 - p0 + 1 });
  const partial: { label: string; dropped: boolean }[] = [];
  const warnings: string[] = [];
  const drop = o.partialPeriods === 'drop';
  const firstPartial = periodStart(frequency, p0) < windowFirst;
  const lastPartial = periodStart(frequency, p1 + 1) - 1 > windowLast;
  // Drop only when something is left: a window of one or two partial periods keeps them (with a warning).
  const lastDroppable = lastPartial && p1 > p0;
  const leaves = p1 - p0 + 1 - (firstPartial ? 1 : 0) - (lastDroppable ? 1 : 0) > 0;
  const dropNow = drop && leaves;
  if (firstPartial) partial.push({ label: periodLabel(frequency, p0), dropped: dropNow });
  if (lastDroppable) partial.push({ label: periodLabel(frequency, p1), dropped: dropNow });
  else if (lastPartial && !firstPartial) partial.push({ label: periodLabel(frequency, p1), dropped: false });
  if (dropNow) {
    if (firstPartial) p0++;
    if (lastDroppable) p1--;
  } else if (drop && partial.length > 0) {
    warnings.push(`Every ${frequency} of the window is only partly inside it, so none was dropped; the totals are partial.`);
  }
  for (const p of partial) if (p.dropped) warnings.push(`The ${frequency} ${p.label} is only partly inside the window (from ${periodLabel('day', windowFirst)} to ${periodLabel('day', windowLast)}) and was dropped; pass partialPeriods: 'keep' to keep it.`);

  const P = p1 - p0 + 1;
  // Groups ascending, as everywhere in crm-mining.
  const order = groupIds.map((_, i) => i).sort((a, b) => compareIds(groupIds[a]!, groupIds[b]!));
  const rank = new Int32Array(groupIds.length);
  order.forEach((g, r) => { rank[g] = r; });
  const G = read.group ? groupIds.length : 1;
  const totals = new Float64Array(G * P);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const p = periodOf(frequency, day[i]!) - p0;
    if (p < 0 || p >= P) continue;
    const g = read.group ? rank[groupIdx[i]!]! : 0;
    if (orderSeen) {
      // An order counts once per period and group (strings and numbers are distinct ids).
      const id = orderIds![i];
      const key = `${g}\u0000${p}\u0000${typeof id}\u0000${String(id)}`;
      if (orderSeen.has(key)) continue;
      orderSeen.add(key);
      totals[g * P + p]! += 1;
    } else totals[g * P + p]! += amount[i]!;
  }
  for (let k = 0; k < totals.length; k++) {
    if (!Number.isFinite(totals[k]!)) throw new CrmError('NON_FINITE', `${fn}: the ${value} of ${periodLabel(frequency, p0 + (k % P))} overflows to ${totals[k]}; check the amounts' scale.`, { period: periodLabel(frequency, p0 + (k % P)) });
  }
  const labels = new Array<string>(P);
  for (let p = 0; p < P; p++) labels[p] = periodLabel(frequency, p0 + p);
  const diagnostics: SalesSeriesDiagnostics = { lines: n, linesOutside: outside, partialPeriods: partial, warnings };
  const period = FREQUENCY_PERIOD[frequency];
  const make = (g: number, group?: Id): SalesSeries => {
    const base = { kind: 'salesSeries' as const, version: 1 as const, frequency, period, value, start: labels[0]!, labels: [...labels], values: Array.from(totals.subarray(g * P, (g + 1) * P)) };
    return group === undefined ? { ...base, diagnostics } : { ...base, group, diagnostics };
  };
  if (!read.group) return make(0);
  const groups = order.map((g) => groupIds[g]!);
  return { kind: 'salesSeriesByGroup', version: 1, frequency, period, value, start: labels[0]!, labels, groups, series: groups.map((g, r) => make(r, g)), diagnostics };
}
