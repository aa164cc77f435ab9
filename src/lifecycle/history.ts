/**
 * Internal: purchase histories grouped by customer, the interval rule that sets default thresholds,
 * and the stage rule. Shared by lifecycleStage and lifecycleTransitions (not exported publicly).
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { DAY_MS, dayCut, describeCut, isoInstant, parseCut, type Cut, type DateInput, type LaterLines } from '../core/dates.js';
import { isArrowTable } from '../core/arrow.js';
import { compareIds, readOrders, releaseOrders, type Accessor, type Id, type OrderColumns, type OrderInput, type OrderTable } from '../core/orders.js';
import { checkInteger, checkNumber, checkOneOf, resolveOptions } from '../core/validate.js';
import { bisectRight } from '../core/bisect.js';

/**
 * Lifecycle stages, in the order used for counts and matrices (from not yet bought to gone).
 * @example
 * LIFECYCLE_STAGES.indexOf('atRisk'); // => 4
 */
export const LIFECYCLE_STAGES = Object.freeze([
  'prospect',
  'new',
  'active',
  'reactivated',
  'atRisk',
  'lapsed',
  'former',
] as const);

/** One lifecycle stage; see {@link LIFECYCLE_STAGES}. */
export type LifecycleStageName = (typeof LIFECYCLE_STAGES)[number];

export const STAGE_PROSPECT = 0;
export const STAGE_NEW = 1;
export const STAGE_ACTIVE = 2;
export const STAGE_REACTIVATED = 3;
export const STAGE_AT_RISK = 4;
export const STAGE_LAPSED = 5;
export const STAGE_FORMER = 6;

/** Options shared by lifecycleStage and lifecycleTransitions. */
export interface LifecycleCommonOptions<R> {
  /** Customer id of a row (function or property name); ignored for columns. @defaultValue 'customer' */
  customer?: Accessor<R, Id | null | undefined>;
  /** Date of a row: Date, epoch ms or ISO-8601 string (UTC when no zone). @defaultValue 'date' */
  date?: Accessor<R, DateInput>;
  /** Customers known to exist (e.g. sign-ups); those with no purchase up to the date are prospects. @defaultValue [] */
  knownCustomers?: readonly Id[];
  /** `refuse` throws on a line without a customer id; `drop` drops and counts it. @defaultValue 'refuse' */
  missingCustomer?: 'refuse' | 'drop';
  /**
   * Lines dated after the cut (`asOf`; `to` for lifecycleTransitions): `refuse` throws
   * `INVALID_ORDER` naming the first and the count; `drop` leaves them out (their customers too,
   * unless in knownCustomers) and counts them in `lines.droppedLaterLines`. The same option as in
   * rfmScore and summarizeTransactions. @defaultValue 'refuse'
   */
  laterLines?: LaterLines;
  /**
   * Typical inter-purchase interval in days. By default it is derived from the data: the median, over
   * customers with purchases on at least two distinct UTC days, of (last day - first day) /
   * (distinct days - 1). @defaultValue undefined (derived)
   */
  intervalDays?: number;
  /** At risk once the days since the last purchase reach `atRiskAfter` x interval. @defaultValue 2 */
  atRiskAfter?: number;
  /** Lapsed once the days since the last purchase reach `lapsedAfter` x interval. @defaultValue 4 */
  lapsedAfter?: number;
  /** Former once the days since the last purchase reach `formerAfter` x interval. @defaultValue 8 */
  formerAfter?: number;
  /** New (or reactivated) while the first (or come-back) purchase is less than `newWithin` x interval old. @defaultValue 2 */
  newWithin?: number;
  /** Explicit at-risk threshold in whole days (overrides `atRiskAfter`). @defaultValue undefined */
  atRiskDays?: number;
  /** Explicit lapse threshold in whole days (overrides `lapsedAfter`). @defaultValue undefined */
  lapsedDays?: number;
  /** Explicit former threshold in whole days (overrides `formerAfter`). @defaultValue undefined */
  formerDays?: number;
  /** Explicit new/reactivated window in whole days (overrides `newWithin`). @defaultValue undefined */
  newDays?: number;
}

/** The thresholds a run used; every one is in whole days, compared as "days since >= threshold". */
export interface LifecycleThresholds {
  /** Typical inter-purchase interval in days, or null when it could not be derived and was not needed. */
  readonly intervalDays: number | null;
  /** `'data'` (derived), `'option'` (given as intervalDays) or `'unused'` (all four days were given). */
  readonly intervalSource: 'data' | 'option' | 'unused';
  /** Customers with purchases on two or more distinct days, whose intervals gave the median. */
  readonly repeatCustomers: number;
  /** The instant (epoch ms) up to which orders were used to derive the interval: the end of the day for a day cut. */
  readonly derivedAsOf: number;
  readonly atRiskDays: number;
  readonly lapsedDays: number;
  readonly formerDays: number;
  readonly newDays: number;
}

export const COMMON_DEFAULTS = Object.freeze({
  customer: 'customer',
  date: 'date',
  knownCustomers: Object.freeze([]) as readonly Id[],
  missingCustomer: 'refuse' as 'refuse' | 'drop',
  laterLines: 'refuse' as LaterLines,
  intervalDays: undefined as number | undefined,
  atRiskAfter: 2,
  lapsedAfter: 4,
  formerAfter: 8,
  newWithin: 2,
  atRiskDays: undefined as number | undefined,
  lapsedDays: undefined as number | undefined,
  formerDays: undefined as number | undefined,
  newDays: undefined as number | undefined,
});

type Resolved = typeof COMMON_DEFAULTS;

/** Purchase histories: per customer, the dates of its lines sorted ascending (CSR layout). */
export interface Histories {
  /** Customer ids ascending (log customers and known customers merged). */
  readonly ids: Id[];
  /** offsets[c]..offsets[c+1] index `times` for customer c. */
  readonly offsets: Int32Array;
  /** Line dates (epoch ms), grouped by customer, ascending within a customer. */
  readonly times: Float64Array;
  /** Earliest and latest line date over all customers. */
  readonly minTime: number;
  readonly maxTime: number;
  /** Lines kept (dated up to the cut, with a customer id). */
  readonly lines: number;
  readonly droppedMissingCustomer: number;
  readonly droppedLaterLines: number;
}

/** Line counts of a lifecycle run. */
export interface LifecycleLineCounts {
  /** Order lines given. */
  readonly read: number;
  /** Lines dated after the cut, left out with `laterLines: 'drop'`. */
  readonly droppedLaterLines: number;
  /** Lines without a customer id, left out with `missingCustomer: 'drop'`. */
  readonly droppedMissingCustomer: number;
}

/** The line counts of a result. */
export function lineCounts(h: Histories): LifecycleLineCounts {
  return { read: h.lines + h.droppedLaterLines + h.droppedMissingCustomer, droppedLaterLines: h.droppedLaterLines, droppedMissingCustomer: h.droppedMissingCustomer };
}

/** Resolves and checks the shared options (not the thresholds, which need the data). */
export function resolveCommon<O extends object>(fn: string, defaults: Resolved, options: O | undefined, extra: readonly string[]): Resolved & O {
  const o = resolveOptions(fn, defaults, options, extra) as Resolved & O;
  checkOneOf('missingCustomer', o.missingCustomer, ['refuse', 'drop']);
  checkOneOf('laterLines', o.laterLines, ['refuse', 'drop']);
  if (!Array.isArray(o.knownCustomers)) {
    throw new CrmError('INVALID_OPTION', `knownCustomers must be an array of customer ids; got ${describeValue(o.knownCustomers)}.`, { option: 'knownCustomers' });
  }
  for (const key of ['atRiskAfter', 'lapsedAfter', 'formerAfter', 'newWithin'] as const) {
    checkNumber(key, o[key], { min: 0, exclusiveMin: true, hint: 'It multiplies the typical inter-purchase interval.' });
  }
  if (o.intervalDays !== undefined) checkNumber('intervalDays', o.intervalDays, { min: 0, exclusiveMin: true });
  for (const key of ['atRiskDays', 'lapsedDays', 'formerDays', 'newDays'] as const) {
    if (o[key] !== undefined) checkInteger(key, o[key], { min: 1, hint: 'Thresholds are whole days.' });
  }
  return o;
}

/** Reads order lines (those up to `cut`, see laterLines) and groups their dates by customer, sorted. O(n log n). */
export function buildHistories<R>(fn: string, orders: OrderInput<R>, o: Resolved, cut?: Cut, cutName?: string): Histories {
  const cols = Array.isArray(orders) || orders === null || typeof orders !== 'object' || isArrowTable(orders)
    ? orders
    : { customer: (orders as OrderColumns).customer, date: (orders as OrderColumns).date };
  const table = readOrders(cols as readonly R[] | OrderColumns, {
    customer: o.customer as Accessor<R, Id | null | undefined>,
    date: o.date as Accessor<R, DateInput>,
    needAmount: false,
    missingCustomer: o.missingCustomer,
    cut,
    cutName,
    laterLines: o.laterLines,
    fn,
    transient: true,
  });
  try {
    return groupTimes(table, o);
  } finally {
    releaseOrders(table);
  }
}

/** Groups a table's dates by customer (known customers merged in), each customer's sorted. O(n log n). */
function groupTimes(table: OrderTable, o: Resolved): Histories {
  // Merge known customers that never appear in the log; ids keep compareIds order.
  let ids = table.customers;
  const extra: Id[] = [];
  if (o.knownCustomers.length > 0) {
    const seen = new Set<Id>(ids);
    for (let i = 0; i < o.knownCustomers.length; i++) {
      const id = o.knownCustomers[i];
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw new CrmError('INVALID_OPTION', `knownCustomers[${i}] is ${describeValue(id)}; customer ids must be strings or numbers.`, { option: 'knownCustomers', index: i });
      }
      if (id === '' || (typeof id === 'number' && !Number.isFinite(id))) {
        throw new CrmError('INVALID_OPTION', `knownCustomers[${i}] is ${describeValue(id)}; an id must be a non-empty string or a finite number.`, { option: 'knownCustomers', index: i });
      }
      if (!seen.has(id)) { seen.add(id); extra.push(id); }
    }
  }
  const nLog = ids.length;
  let remap: Int32Array | null = null;
  if (extra.length > 0) {
    const all = ids.concat(extra);
    const order = all.map((_, i) => i).sort((a, b) => compareIds(all[a]!, all[b]!));
    remap = new Int32Array(nLog);
    for (let r = 0; r < order.length; r++) if (order[r]! < nLog) remap[order[r]!] = r;
    ids = order.map((i) => all[i]!);
  }
  const nc = ids.length;
  const n = table.n;
  const offsets = new Int32Array(nc + 1);
  const cust = table.customer;
  for (let i = 0; i < n; i++) offsets[(remap ? remap[cust[i]!]! : cust[i]!) + 1]!++;
  for (let c = 0; c < nc; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, nc);
  const times = new Float64Array(n);
  let minTime = Infinity;
  let maxTime = -Infinity;
  for (let i = 0; i < n; i++) {
    const c = remap ? remap[cust[i]!]! : cust[i]!;
    const t = table.date[i]!;
    times[fill[c]!++] = t;
    if (t < minTime) minTime = t;
    if (t > maxTime) maxTime = t;
  }
  // Order exports list lines by date, so a customer's dates usually arrive sorted: check first
  // (as the typed-array sort orders them: -0 before 0).
  for (let c = 0; c < nc; c++) {
    const s = offsets[c]!, e = offsets[c + 1]!;
    let j = s + 1;
    for (; j < e; j++) {
      const a = times[j - 1]!, b = times[j]!;
      if (a > b || (a === 0 && b === 0 && 1 / a > 1 / b)) break;
    }
    if (j < e) times.subarray(s, e).sort();
  }
  return { ids, offsets, times, minTime, maxTime, lines: n, droppedMissingCustomer: table.droppedMissingCustomer, droppedLaterLines: table.droppedLaterLines };
}

/** Reads a cut option (docs/dates.md: a day covers the whole day). */
export function readCut(fn: string, name: string, value: unknown): Cut {
  return parseCut(value, `${fn}: ${name}`);
}

/** A cut before the first order (after reading) is INVALID_ORDER: no customer has bought yet. */
export function checkNotBeforeFirst(fn: string, name: string, cut: Cut, h: Histories): void {
  if (cut.lastIn < h.minTime) {
    throw new CrmError(
      'INVALID_ORDER',
      `${fn}: ${describeCut(name, cut)} is before the first order (${isoInstant(h.minTime)}); no customer has bought yet. Pass a date on or after the first order.`,
      { option: name, value: cut.instant },
    );
  }
}

/** The day of the latest order as a cut (measured from the next midnight UTC), the same default as rfmScore. */
export function defaultCut(h: Histories): Cut {
  return dayCut(h.maxTime);
}

/** Number of lines of customer c dated at or before lastIn (dates are sorted). */
function countUpTo(h: Histories, c: number, lastIn: number): number {
  const s = h.offsets[c]!;
  return bisectRight(h.times, lastIn, s, h.offsets[c + 1]!) - s;
}

/**
 * Typical interval: median (numpy's: mean of the two middle values) over customers with purchases on
 * two or more distinct UTC days up to asOf of (last day - first day) / (distinct days - 1). Whole
 * days make each interval at least 1 day, so two lines minutes apart across midnight cannot drive it
 * towards 0. Each repeat customer gets one vote, so heavy buyers do not dominate.
 */
function medianInterval(h: Histories, cut: Cut): { interval: number | null; repeat: number } {
  const nc = h.ids.length;
  const intervals = new Float64Array(nc);
  let k = 0;
  for (let c = 0; c < nc; c++) {
    const s = h.offsets[c]!;
    const m = countUpTo(h, c, cut.lastIn);
    if (m < 2) continue;
    let distinct = 1;
    let prevDay = Math.floor(h.times[s]! / DAY_MS);
    const firstDay = prevDay;
    for (let j = s + 1; j < s + m; j++) {
      const d = Math.floor(h.times[j]! / DAY_MS);
      if (d !== prevDay) { distinct++; prevDay = d; }
    }
    if (distinct >= 2) intervals[k++] = (prevDay - firstDay) / (distinct - 1);
  }
  if (k === 0) return { interval: null, repeat: 0 };
  const sorted = intervals.subarray(0, k).sort();
  const mid = k >> 1;
  return { interval: k % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, repeat: k };
}

/** Resolves the thresholds: explicit days win; otherwise ceil(multiplier x interval). */
export function resolveThresholds(fn: string, h: Histories, o: Resolved, derivedCut: Cut): LifecycleThresholds {
  const derivedAsOf = derivedCut.instant;
  const allGiven = o.atRiskDays !== undefined && o.lapsedDays !== undefined && o.formerDays !== undefined && o.newDays !== undefined;
  const { interval: derived, repeat } = o.intervalDays === undefined ? medianInterval(h, derivedCut) : { interval: null, repeat: 0 };
  const interval = o.intervalDays ?? derived;
  if (interval === null && !allGiven) {
    throw new CrmError(
      'INVALID_INPUT',
      `${fn}: no customer bought on two different days up to ${isoInstant(derivedAsOf)}, so the typical inter-purchase interval cannot be derived from the data. Pass intervalDays, or all of atRiskDays, lapsedDays, formerDays and newDays.`,
      { derivedAsOf },
    );
  }
  // ceil makes "days since >= multiplier x interval" and "days since >= threshold" the same test for whole days.
  const days = (explicit: number | undefined, mult: number) => explicit ?? Math.max(1, Math.ceil(mult * interval! - 1e-9));
  const atRiskDays = days(o.atRiskDays, o.atRiskAfter);
  const lapsedDays = days(o.lapsedDays, o.lapsedAfter);
  const formerDays = days(o.formerDays, o.formerAfter);
  const newDays = days(o.newDays, o.newWithin);
  if (!(atRiskDays < lapsedDays && lapsedDays < formerDays)) {
    throw new CrmError(
      'INVALID_OPTION',
      `${fn}: thresholds must rise strictly: atRiskDays < lapsedDays < formerDays; got ${atRiskDays}, ${lapsedDays}, ${formerDays} (interval ${interval ?? 'not derived'} days). Widen the gaps between atRiskAfter, lapsedAfter and formerAfter, or give the days explicitly.`,
      { atRiskDays, lapsedDays, formerDays },
    );
  }
  return {
    intervalDays: interval,
    intervalSource: o.intervalDays !== undefined ? 'option' : derived !== null ? 'data' : 'unused',
    repeatCustomers: repeat,
    derivedAsOf,
    atRiskDays,
    lapsedDays,
    formerDays,
    newDays,
  };
}

/** Facts behind one customer's stage at a date. */
export interface CustomerFacts {
  stage: number;
  purchases: number;
  purchaseDays: number;
  first: number;
  last: number;
  daysSinceFirst: number;
  daysSinceLast: number;
  /** Date of the purchase that ended the latest gap of lapsedDays or more, or NaN. */
  comeback: number;
  longestGapDays: number;
}

/**
 * The stage rule, first match wins:
 * no purchase up to asOf -> prospect; days since last >= formerDays -> former; >= lapsedDays ->
 * lapsed; >= atRiskDays -> atRisk; days since first < newDays -> new; the latest purchase that
 * ended a gap of lapsedDays or more is less than newDays old -> reactivated; otherwise active.
 * Days are floor((later - earlier) / 1 day), as rfmScore's recency.
 */
export function stageOf(h: Histories, c: number, cut: Cut, t: LifecycleThresholds, out: CustomerFacts): void {
  const s = h.offsets[c]!;
  const asOf = cut.instant;
  const m = countUpTo(h, c, cut.lastIn);
  out.purchases = m;
  out.comeback = Number.NaN;
  if (m === 0) {
    out.stage = STAGE_PROSPECT;
    out.purchaseDays = 0;
    out.first = out.last = out.daysSinceFirst = out.daysSinceLast = out.longestGapDays = Number.NaN;
    return;
  }
  const times = h.times;
  let distinct = 1;
  let longest = 0;
  let prevDay = Math.floor(times[s]! / DAY_MS);
  for (let j = s + 1; j < s + m; j++) {
    const gap = Math.floor((times[j]! - times[j - 1]!) / DAY_MS);
    if (gap > longest) longest = gap;
    if (gap >= t.lapsedDays) out.comeback = times[j]!;
    const d = Math.floor(times[j]! / DAY_MS);
    if (d !== prevDay) { distinct++; prevDay = d; }
  }
  const first = times[s]!, last = times[s + m - 1]!;
  const sinceFirst = Math.floor((asOf - first) / DAY_MS);
  const sinceLast = Math.floor((asOf - last) / DAY_MS);
  out.purchaseDays = distinct;
  out.first = first;
  out.last = last;
  out.daysSinceFirst = sinceFirst;
  out.daysSinceLast = sinceLast;
  out.longestGapDays = longest;
  if (sinceLast >= t.formerDays) out.stage = STAGE_FORMER;
  else if (sinceLast >= t.lapsedDays) out.stage = STAGE_LAPSED;
  else if (sinceLast >= t.atRiskDays) out.stage = STAGE_AT_RISK;
  else if (sinceFirst < t.newDays) out.stage = STAGE_NEW;
  else if (out.comeback === out.comeback && Math.floor((asOf - out.comeback) / DAY_MS) < t.newDays) out.stage = STAGE_REACTIVATED;
  else out.stage = STAGE_ACTIVE;
}

export function emptyFacts(): CustomerFacts {
  return { stage: 0, purchases: 0, purchaseDays: 0, first: 0, last: 0, daysSinceFirst: 0, daysSinceLast: 0, comeback: 0, longestGapDays: 0 };
}

/** Stage index of every customer at asOf. O(n) after grouping. */
export function stagesAt(h: Histories, cut: Cut, t: LifecycleThresholds): Uint8Array {
  const nc = h.ids.length;
  const out = new Uint8Array(nc);
  const f = emptyFacts();
  for (let c = 0; c < nc; c++) { stageOf(h, c, cut, t, f); out[c] = f.stage; }
  return out;
}

/** Both snapshots of a from/to comparison: the stage code of every customer at `from` and at `to`. */
export interface TwoSnapshots {
  readonly from: Cut;
  readonly to: Cut;
  readonly h: Histories;
  readonly thresholds: LifecycleThresholds;
  readonly before: Uint8Array;
  readonly after: Uint8Array;
}

/**
 * Reads `from` and `to` (both required, `to` not before `from`), the orders up to `to`, the
 * thresholds derived at `to`, and every customer's stage at both dates: the common part of
 * lifecycleTransitions and lifecycleMoves.
 * @throws CrmError `INVALID_OPTION` (a date missing), `INVALID_ORDER`, and what {@link buildHistories} throws
 */
export function twoSnapshots<R>(fn: string, orders: OrderInput<R>, o: Resolved & { from?: DateInput; to?: DateInput }): TwoSnapshots {
  if (o.from === undefined || o.to === undefined) {
    throw new CrmError('INVALID_OPTION', `${fn}: options.from and options.to are required dates (the two snapshots to compare); got from ${String(o.from)}, to ${String(o.to)}.`, { option: o.from === undefined ? 'from' : 'to' });
  }
  const from = readCut(fn, 'from', o.from);
  const to = readCut(fn, 'to', o.to);
  if (to.lastIn < from.lastIn) {
    throw new CrmError('INVALID_ORDER', `${fn}: to (${to.label}) is before from (${from.label}); pass the earlier date as from.`, { from: from.instant, to: to.instant });
  }
  const h = buildHistories(fn, orders, o, to, 'to');
  checkNotBeforeFirst(fn, 'from', from, h);
  const thresholds = resolveThresholds(fn, h, o, to);
  return { from, to, h, thresholds, before: stagesAt(h, from, thresholds), after: stagesAt(h, to, thresholds) };
}
