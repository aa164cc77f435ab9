/**
 * RFM (recency, frequency, monetary) scores per customer from order lines.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { accessor, custom, defineOptions, integer, oneOf, opt, resolveOptionTable } from '../core/options.js';
import { checkAccessor } from '../core/accessor.js';
import { DAY_MS, dayCut, parseCut, type DateInput, type LaterLines } from '../core/dates.js';
import { isArrowTable } from '../core/arrow.js';
import { hasOrderColumn, readOrders, releaseOrders, type Id, type OrderAccessors, type OrderInput, type OrderTable } from '../core/orders.js';
import { binOf, equalCountEdges, quantileSorted } from '../core/rank.js';
import { bisectLeft } from '../core/bisect.js';
import { buildRfmCellTable, DEFAULT_RFM_SEGMENTS, type RfmSegmentRule } from './rfmSegment.js';

/** Explicit cut points per dimension: `bins - 1` ascending values, bins closed on the right. */
export interface RfmCutPoints {
  /** In days, ascending; recency <= recency[0] gets R = bins (most recent). */
  readonly recency?: readonly number[];
  /** frequency <= frequency[0] gets F = 1. */
  readonly frequency?: readonly number[];
  /** monetary <= monetary[0] gets M = 1. */
  readonly monetary?: readonly number[];
}

/** Options of {@link rfmScore}. Accessors apply to row objects only; columns are named `customer`, `date`, `amount`, `orderId`. */
export interface RfmOptions<R = unknown> extends OrderAccessors<R> {
  /**
   * Date the scores are computed at (docs/dates.md). A calendar day (`'2011-12-09'`) includes that
   * whole day and measures recency and tenure from its end (the next midnight UTC); an instant
   * (Date, epoch ms, ISO string with a time) includes the lines at or before it and measures from it.
   * @defaultValue the day of the latest order (so asOf is the midnight UTC after it)
   */
  asOf?: DateInput;
  /**
   * Lines dated after `asOf`: `refuse` throws `INVALID_ORDER` naming the first and the count;
   * `drop` leaves them out and counts them in `counts.droppedLaterLines`. The same option in
   * lifecycleStage, lifecycleTransitions and summarizeTransactions. @defaultValue 'refuse'
   */
  laterLines?: LaterLines;
  /** `orders`: distinct order ids per customer; `lines`: purchase lines. @defaultValue 'orders' when orderId is given, else 'lines' */
  frequency?: 'orders' | 'lines';
  /** `total` spend, or `meanOrder` = total / frequency. @defaultValue 'total' */
  monetary?: 'total' | 'meanOrder';
  /** Number of scores per dimension, 1..20. @defaultValue 5 */
  bins?: number;
  /** Fixed cut points for some or all dimensions (instead of quantile bins). @defaultValue none */
  cutPoints?: RfmCutPoints;
  /**
   * `first`: equal-count bins over ranks, ties broken by ascending customer id (pandas
   * `rank(method='first')` then `qcut`); `shared`: equal values always share a score (bins by the
   * value quantiles, pandas `qcut(values, duplicates='drop')` kept on the 1..bins scale).
   * @defaultValue 'first'
   */
  ties?: 'first' | 'shared';
  /**
   * Lines with a negative amount: `exclude` drops them (counted), `net` subtracts them from the
   * customer's monetary value (they are not purchases: no effect on dates or frequency),
   * `refuse` throws `NEGATIVE_VALUE`.
   * @defaultValue 'exclude'
   */
  returns?: 'exclude' | 'net' | 'refuse';
  /** `refuse` throws on a line without customer id; `drop` drops and counts it. @defaultValue 'refuse' */
  missingCustomer?: 'refuse' | 'drop';
  /** Segment table, first match wins. @defaultValue DEFAULT_RFM_SEGMENTS */
  segments?: readonly RfmSegmentRule[];
}

/** One scored customer. Dates are epoch milliseconds; day counts are whole days (floor). */
export interface RfmCustomer {
  readonly customer: Id;
  readonly firstPurchase: number;
  readonly lastPurchase: number;
  /** Whole days from the last purchase to asOf. */
  readonly recency: number;
  readonly frequency: number;
  /** Total spend or mean order value (see `options.monetary`). */
  readonly monetary: number;
  /** Total spend, net of returns with `returns: 'net'`. */
  readonly revenue: number;
  /** Whole days from the first purchase to asOf. */
  readonly tenure: number;
  /** 1..bins, most recent = bins. */
  readonly r: number;
  readonly f: number;
  readonly m: number;
  /** Scores joined, e.g. `"545"` (with `-` between them when bins > 9). */
  readonly cell: string;
  readonly segment: string;
}

/** Options after defaults, as used. */
export interface ResolvedRfmOptions {
  /** The instant recency is measured from (epoch ms): the end of the day for a day asOf. */
  readonly asOf: number;
  readonly laterLines: LaterLines;
  readonly frequency: 'orders' | 'lines';
  readonly monetary: 'total' | 'meanOrder';
  readonly bins: number;
  readonly cutPoints: { readonly recency: number[] | null; readonly frequency: number[] | null; readonly monetary: number[] | null };
  readonly ties: 'first' | 'shared';
  readonly returns: 'exclude' | 'net' | 'refuse';
  readonly missingCustomer: 'refuse' | 'drop';
  readonly segments: readonly RfmSegmentRule[];
}

/** Line and customer counts of an RFM run. */
export interface RfmCounts {
  /** Lines given. */
  readonly lines: number;
  /** Lines counted as purchases (amount >= 0). */
  readonly purchaseLines: number;
  /** Customers scored. */
  readonly customers: number;
  /** Negative lines dropped (`returns: 'exclude'`). */
  readonly excludedNegativeLines: number;
  /** Negative lines subtracted from monetary (`returns: 'net'`). */
  readonly nettedLines: number;
  /** Lines dropped for a missing customer id (`missingCustomer: 'drop'`). */
  readonly droppedMissingCustomer: number;
  /** Lines dropped because they are dated after asOf (`laterLines: 'drop'`). */
  readonly droppedLaterLines: number;
  /** Customers left out because they have only negative lines. */
  readonly customersWithoutPurchases: number;
}

/** Result of {@link rfmScore}: plain, JSON-friendly data. */
export interface RfmResult {
  readonly kind: 'rfm';
  readonly version: 1;
  /** The instant recency and tenure are measured from, epoch ms: for `asOf: '2011-12-09'`, 2011-12-10T00:00Z. */
  readonly asOf: number;
  /** Ascending customer id (numbers first, then strings). */
  readonly customers: RfmCustomer[];
  /**
   * `bins - 1` ascending cut points per dimension in the metric's units (recency in days), bins
   * closed on the right: passing them back as `cutPoints` reproduces the scores (with
   * `ties: 'first'`, except customers tied with a cut point, who then go to the lower bin).
   */
  readonly thresholds: { readonly recency: number[]; readonly frequency: number[]; readonly monetary: number[] };
  /** Sum of `revenue` over customers (compensated sum). */
  readonly totalRevenue: number;
  readonly counts: RfmCounts;
  readonly options: ResolvedRfmOptions;
}

const isPlainObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The option table of {@link rfmScore}. The accessors have no table default: readOrders reads the
 * property of the option's name, and for column input they must be absent.
 */
export const RFM_OPTIONS = defineOptions<RfmOptions>()({
  // The form only; parseCut reads the date (docs/dates.md).
  asOf: opt({ computedDefault: 'the day of the latest order', accepts: [custom<DateInput>({ describe: 'a Date, epoch milliseconds or an ISO-8601 string', test: (v) => v instanceof Date || typeof v === 'number' || typeof v === 'string', bad: [{}, true] })], description: 'Date the scores are computed at; stored as the instant used.', stored: 'derived' }),
  laterLines: opt({ default: 'refuse', accepts: [oneOf(['refuse', 'drop'])], description: "Lines dated after asOf: 'refuse' or 'drop' (counted).", stored: 'as-given' }),
  frequency: opt({ computedDefault: "'orders' when orderId is given, else 'lines'", accepts: [oneOf(['orders', 'lines'])], description: 'Distinct orders or purchase lines per customer.', stored: 'derived' }),
  monetary: opt({ default: 'total', accepts: [oneOf(['total', 'meanOrder'])], description: 'Total spend or mean order value.', stored: 'as-given' }),
  bins: opt({ default: 5, accepts: [integer({ min: 1, max: 20, hint: 'Use 5 for quintiles, 10 for deciles.' })], description: 'Scores per dimension.', stored: 'as-given' }),
  // The form only; the cut points are checked against bins by checkCutPoints.
  cutPoints: opt({ computedDefault: 'none', accepts: [custom<RfmCutPoints>({ describe: 'an object { recency?, frequency?, monetary? } of arrays', test: isPlainObject, bad: [[1, 2], 'none'] })], description: 'Fixed cut points instead of quantile bins; stored with null for dimensions not given.', stored: 'derived' }),
  ties: opt({ default: 'first', accepts: [oneOf(['first', 'shared'])], description: 'Equal-count bins over ranks, or equal values share a score.', stored: 'as-given' }),
  returns: opt({ default: 'exclude', accepts: [oneOf(['exclude', 'net', 'refuse'])], description: 'Lines with a negative amount.', stored: 'as-given' }),
  missingCustomer: opt({ default: 'refuse', accepts: [oneOf(['refuse', 'drop'])], description: 'Lines without a customer id.', stored: 'as-given' }),
  // The form only; buildRfmCellTable checks every rule.
  segments: opt({ default: DEFAULT_RFM_SEGMENTS, accepts: [custom<readonly RfmSegmentRule[]>({ describe: 'an array of segment rules', test: Array.isArray, bad: ['Champions', {}] })], description: 'Segment table, first match wins.', stored: 'as-given' }),
  customer: opt({ computedDefault: 'customer', accepts: [accessor<Id | null | undefined>()], description: 'The customer of a row.' }),
  date: opt({ computedDefault: 'date', accepts: [accessor<DateInput>()], description: 'The date of a row.' }),
  amount: opt({ computedDefault: 'amount', accepts: [accessor<number>()], description: 'The amount of a row.' }),
  orderId: opt({ accepts: [accessor<Id>()], description: 'The order of a row; distinct orders are counted when given.' }),
});
const ACCESSORS = ['customer', 'date', 'amount', 'orderId'] as const;
const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

/**
 * Neumaier's compensated sum: adds `x` to `sum[i]`, carrying the lost low-order bits in `comp[i]`;
 * the total is `sum[i] + comp[i]`, correctly rounded unless the terms cancel massively.
 * @internal
 */
export function addCompensated(sum: Float64Array, comp: Float64Array, i: number, x: number): void {
  const s = sum[i]!;
  const t = s + x;
  comp[i]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  sum[i] = t;
}

function checkCutPoints(value: unknown, bins: number, fn: string): ResolvedRfmOptions['cutPoints'] {
  const out: Record<string, number[] | null> = { recency: null, frequency: null, monetary: null };
  if (value === undefined) return out as ResolvedRfmOptions['cutPoints'];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CrmError('INVALID_OPTION', `${fn}: cutPoints must be an object { recency?, frequency?, monetary? } of arrays; got ${describeValue(value)}.`, { option: 'cutPoints' });
  }
  for (const key of Object.keys(value)) {
    if (!(DIMENSIONS as readonly string[]).includes(key)) {
      throw new CrmError('INVALID_OPTION', `${fn}: cutPoints has an unknown key '${key}'; use recency, frequency, monetary.`, { option: 'cutPoints' });
    }
    const cuts = (value as Record<string, unknown>)[key];
    if (cuts === undefined) continue;
    const ok = Array.isArray(cuts) && cuts.length === bins - 1 &&
      cuts.every((c, i) => typeof c === 'number' && Number.isFinite(c) && (i === 0 || c >= cuts[i - 1]));
    if (!ok) {
      throw new CrmError('INVALID_OPTION', `${fn}: cutPoints.${key} must be ${bins - 1} finite ascending numbers (bins - 1 for bins: ${bins}); got ${Array.isArray(cuts) ? JSON.stringify(cuts) : describeValue(cuts)}. Change bins to match, or fix the cut points.`, { option: 'cutPoints' });
    }
    out[key] = [...(cuts as number[])];
  }
  return out as ResolvedRfmOptions['cutPoints'];
}

/**
 * pandas `rank(method='first')` (1-based, ties in index order) without a comparator sort, which is
 * several times slower on a million customers: counting sort when the values are small
 * non-negative integers (recency, frequency), else a native sort plus a binary search per value.
 * O(n + range) or O(n log n).
 */
function firstRanks(values: Float64Array): Int32Array {
  const n = values.length;
  const ranks = new Int32Array(n);
  let max = 0;
  let small = true;
  for (let i = 0; i < n && small; i++) {
    const v = values[i]!;
    small = Number.isInteger(v) && v >= 0 && v <= 4 * n + 1024;
    if (v > max) max = v;
  }
  if (small) {
    const start = new Int32Array(max + 2);
    for (let i = 0; i < n; i++) start[values[i]! + 1]!++;
    for (let v = 1; v <= max + 1; v++) start[v]! += start[v - 1]!;
    for (let i = 0; i < n; i++) ranks[i] = ++start[values[i]!]!;
    return ranks;
  }
  const sorted = Float64Array.from(values).sort();
  const taken = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const lb = bisectLeft(sorted, values[i]!);
    ranks[i] = lb + ++taken[lb]!;
  }
  return ranks;
}

/**
 * Scores one dimension in place (ascending: a larger value never gets a lower score) and returns
 * the `bins - 1` cut points in the metric's units. O(n log n).
 */
function scoreDimension(values: Float64Array, bins: number, ties: 'first' | 'shared', cuts: number[] | null, scores: Uint8Array): number[] {
  const n = values.length;
  if (cuts) {
    const edges = [-Infinity, ...cuts, Infinity];
    for (let i = 0; i < n; i++) scores[i] = binOf(values[i]!, edges);
    return cuts;
  }
  if (ties === 'shared') {
    const edges = equalCountEdges(values, bins);
    for (let i = 0; i < n; i++) scores[i] = binOf(values[i]!, edges);
    return edges.slice(1, bins);
  }
  // ties 'first': rank = (number of smaller values) + (earlier equal values, i.e. lower customer
  // ids, since customers are numbered by id) + 1.
  const ranks = firstRanks(values);
  const rankEdges = new Array<number>(bins + 1);
  const iota = new Float64Array(n);
  for (let i = 0; i < n; i++) iota[i] = i + 1;
  // The same quantile positions as equalCountEdges (numpy linspace), over the ranks 1..n.
  for (let k = 0; k <= bins; k++) rankEdges[k] = quantileSorted(iota, k === bins ? 1 : k * (1 / bins));
  const top = new Float64Array(bins + 1).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const s = binOf(ranks[i]!, rankEdges);
    scores[i] = s;
    if (v > top[s]!) top[s] = v;
  }
  // Cut point k = the largest value scored <= k; an empty bin repeats the cut point below it.
  const thresholds: number[] = [];
  let running = -Infinity;
  for (let k = 1; k < bins; k++) {
    running = Math.max(running, top[k]!);
    thresholds.push(running);
  }
  return thresholds;
}

/**
 * RFM scores of every customer from order lines: recency (whole days since the last purchase),
 * frequency (distinct orders or lines), monetary (total or mean order value), each scored 1..bins
 * by equal-count bins (R reversed: most recent = bins), the cell (`"545"`) and a segment name.
 * O(n + c log c) for n lines and c customers; memory O(n).
 *
 * Method: Hughes (1994), *Strategic Database Marketing*; quintile scoring as in pandas
 * `qcut(x.rank(method='first'), 5)` over customers sorted by id.
 * @param orders - Order lines: row objects read through the accessors (by default the properties
 *   `customer`, `date`, `amount`, `orderId`), or columns `{ customer, date, amount, orderId? }`.
 *   Dates: `Date`, epoch ms or ISO-8601 strings (UTC when no zone).
 *   Ids: strings or finite numbers.
 * @param options - See {@link RfmOptions}. A day `asOf` covers the whole day (docs/dates.md).
 * @returns Customers in ascending id order, the thresholds used, counts and resolved options.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `MISSING_VALUE` (customer id, with the row),
 *   `INVALID_DATE`, `NON_FINITE` (amounts), `NEGATIVE_VALUE` (with `returns: 'refuse'`),
 *   `INVALID_ORDER` (lines dated after `asOf`, unless `laterLines: 'drop'`; the message names the
 *   first and the count), `INVALID_OPTION` (also a property accessor no row has, e.g. a misspelt key).
 * @example
 * const lines = [
 *   { customer: 'a', date: '2024-03-01', amount: 30, orderId: 1 },
 *   { customer: 'a', date: '2024-03-20', amount: 20, orderId: 2 },
 *   { customer: 'b', date: '2024-01-05', amount: 10, orderId: 3 },
 * ];
 * rfmScore(lines, { orderId: 'orderId' }).customers.map((c) => [c.customer, c.recency, c.frequency, c.monetary, c.cell, c.segment]);
 * // => [['a', 1, 2, 50, '555', 'Champions'], ['b', 76, 1, 10, '111', 'Lost']]
 */
export function rfmScore<R>(orders: OrderInput<R>, options?: RfmOptions<R>): RfmResult {
  const fn = 'rfmScore';
  const o = resolveOptionTable(fn, RFM_OPTIONS, options as Record<string, unknown> | undefined);
  const { bins, ties, monetary: monetaryMode, returns, missingCustomer, laterLines } = o;
  const isRows = Array.isArray(orders);
  const arrow = isArrowTable(orders);
  const accessors = o as unknown as Record<string, unknown>;
  for (const key of ACCESSORS) {
    const a = accessors[key];
    if (a === undefined) continue;
    checkAccessor(fn, key, a);
    if (!isRows && !arrow) {
      throw new CrmError('INVALID_OPTION', `${fn}: option '${key}' is an accessor for row objects, but the orders are columns. Name the column '${key}' instead.`, { option: key });
    }
  }
  const hasOrderId = isRows ? accessors.orderId !== undefined : hasOrderColumn(orders, accessors.orderId, 'orderId');
  const frequencyMode = o.frequency === undefined ? (hasOrderId ? 'orders' : 'lines') : o.frequency;
  if (frequencyMode === 'orders' && !hasOrderId) {
    throw new CrmError('INVALID_OPTION', `${fn}: frequency 'orders' counts distinct order ids, but no orderId ${isRows ? 'accessor' : 'column'} was given. Give one, or use frequency: 'lines'.`, { option: 'frequency' });
  }
  const cutPoints = checkCutPoints(o.cutPoints, bins, fn);
  const cellTable = buildRfmCellTable(o.segments, bins, fn);
  const cut = o.asOf === undefined ? undefined : parseCut(o.asOf, `${fn}: asOf`);

  const table = readOrders(orders, {
    customer: accessors.customer as OrderAccessors<R>['customer'],
    date: accessors.date as OrderAccessors<R>['date'],
    amount: accessors.amount as OrderAccessors<R>['amount'],
    orderId: accessors.orderId as OrderAccessors<R>['orderId'],
    needAmount: true,
    missingCustomer,
    cut,
    cutName: 'asOf',
    laterLines,
    fn,
    transient: true,
  });
  // Per-customer sums only: the per-line columns go back to the reused buffer right after.
  let agg: Aggregates;
  try {
    agg = aggregate(table, returns, frequencyMode === 'orders', fn);
  } finally {
    releaseOrders(table);
  }
  const asOf = (cut ?? dayCut(agg.maxDate)).instant;

  // Keep customers with at least one purchase; `keep` holds their dense indices, ascending id.
  const c = table.customers.length;
  let kept = 0;
  for (let ci = 0; ci < c; ci++) if (agg.purchaseLines[ci]! > 0) kept++;
  const keep = new Int32Array(kept);
  const recency = new Float64Array(kept);
  const frequency = new Float64Array(kept);
  const monetary = new Float64Array(kept);
  const revenue = new Float64Array(kept);
  const counted = frequencyMode === 'orders' ? agg.orders! : agg.purchaseLines;
  for (let ci = 0, k = 0; ci < c; ci++) {
    if (agg.purchaseLines[ci] === 0) continue;
    keep[k] = ci;
    recency[k] = Math.floor((asOf - agg.last[ci]!) / DAY_MS);
    frequency[k] = counted[ci]!;
    const total = agg.sum[ci]! + agg.comp[ci]!;
    if (!Number.isFinite(total)) {
      throw new CrmError('NON_FINITE', `${fn}: customer ${describeValue(table.customers[ci])} spends ${total} in total; the amounts overflow. Rescale the amounts (e.g. to thousands).`, { customer: table.customers[ci] });
    }
    revenue[k] = total;
    monetary[k] = monetaryMode === 'total' ? total : total / counted[ci]!;
    k++;
  }

  const r = new Uint8Array(kept);
  const f = new Uint8Array(kept);
  const m = new Uint8Array(kept);
  const thresholds = {
    recency: scoreDimension(recency, bins, ties, cutPoints.recency, r),
    frequency: scoreDimension(frequency, bins, ties, cutPoints.frequency, f),
    monetary: scoreDimension(monetary, bins, ties, cutPoints.monetary, m),
  };
  const customers: RfmCustomer[] = new Array(kept);
  const total = new Float64Array(1);
  const totalComp = new Float64Array(1);
  for (let k = 0; k < kept; k++) {
    const ci = keep[k]!;
    const rs = bins + 1 - r[k]!;
    const cell = ((rs - 1) * bins + f[k]! - 1) * bins + m[k]! - 1;
    addCompensated(total, totalComp, 0, revenue[k]!);
    customers[k] = {
      customer: table.customers[ci]!,
      firstPurchase: agg.first[ci]!,
      lastPurchase: agg.last[ci]!,
      recency: recency[k]!,
      frequency: frequency[k]!,
      monetary: monetary[k]!,
      revenue: revenue[k]!,
      tenure: Math.floor((asOf - agg.first[ci]!) / DAY_MS),
      r: rs,
      f: f[k]!,
      m: m[k]!,
      cell: cellTable.cell[cell]!,
      segment: cellTable.segment[cell]!,
    };
  }
  return {
    kind: 'rfm',
    version: 1,
    asOf,
    customers,
    thresholds,
    totalRevenue: total[0]! + totalComp[0]!,
    counts: {
      lines: table.n + table.droppedMissingCustomer + table.droppedLaterLines,
      purchaseLines: agg.purchaseLineCount,
      customers: kept,
      excludedNegativeLines: returns === 'exclude' ? agg.negativeLines : 0,
      nettedLines: returns === 'net' ? agg.negativeLines : 0,
      droppedMissingCustomer: table.droppedMissingCustomer,
      droppedLaterLines: table.droppedLaterLines,
      customersWithoutPurchases: c - kept,
    },
    options: {
      asOf,
      laterLines,
      frequency: frequencyMode,
      monetary: monetaryMode,
      bins,
      cutPoints,
      ties,
      returns,
      missingCustomer,
      segments: o.segments as readonly RfmSegmentRule[],
    },
  };
}

interface Aggregates {
  first: Float64Array;
  last: Float64Array;
  sum: Float64Array;
  comp: Float64Array;
  purchaseLines: Int32Array;
  orders: Int32Array | null;
  purchaseLineCount: number;
  negativeLines: number;
  maxDate: number;
}

/** One pass over the lines into per-customer typed arrays. O(n), plus O(n log n) only when an order id spans customers. */
function aggregate(t: OrderTable, returns: 'exclude' | 'net' | 'refuse', countOrders: boolean, fn: string): Aggregates {
  const c = t.customers.length;
  const first = new Float64Array(c).fill(Infinity);
  const last = new Float64Array(c).fill(-Infinity);
  const sum = new Float64Array(c);
  const comp = new Float64Array(c);
  const purchaseLines = new Int32Array(c);
  const { customer, date, n } = t;
  const amount = t.amount!;
  let negativeLines = 0;
  let maxDate = -Infinity;
  // A customer's lines come in runs (the lines of an order): its sums and dates stay in locals for
  // the run and are stored when the customer changes. The same additions in the same order as
  // addCompensated per line, so the same totals.
  let cur = -1, s = 0, cs = 0, lines = 0, lo = Infinity, hi = -Infinity;
  // Distinct orders per customer in the same pass: each order's first purchase line counts for
  // its owner. An order id under two customers (rare) is counted by pairs afterwards.
  const order = countOrders ? t.order! : null;
  const owner = countOrders ? new Int32Array(t.orderCount).fill(-1) : null;
  const orders = countOrders ? new Int32Array(c) : null;
  let shared = false;
  let lastOrder = -1, lastOwner = -1;
  for (let i = 0; i < n; i++) {
    const ci = customer[i]!;
    if (ci !== cur) {
      if (cur >= 0) { sum[cur] = s; comp[cur] = cs; purchaseLines[cur] = lines; first[cur] = lo; last[cur] = hi; }
      cur = ci; s = sum[ci]!; cs = comp[ci]!; lines = purchaseLines[ci]!; lo = first[ci]!; hi = last[ci]!;
    }
    const a = amount[i]!;
    const d = date[i]!;
    if (a < 0) {
      if (returns === 'refuse') {
        throw new CrmError('NEGATIVE_VALUE', `${fn}: order line ${t.sourceRow[i]} has amount ${a}. With returns: 'refuse' every amount must be >= 0; use returns: 'exclude' to drop returns or 'net' to subtract them.`, { row: t.sourceRow[i] });
      }
      negativeLines++;
      if (returns === 'exclude') continue;
    } else {
      lines++;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
      if (order) {
        const o = order[i]!;
        // The next line of the same order and customer changes nothing.
        if (o !== lastOrder || ci !== lastOwner) {
          lastOrder = o; lastOwner = ci;
          const w = owner![o]!;
          if (w === -1) { owner![o] = ci; orders![ci]!++; }
          else if (w !== ci) shared = true;
        }
      }
    }
    const u = s + a;
    cs += Math.abs(s) >= Math.abs(a) ? s - u + a : a - u + s;
    s = u;
    if (d > maxDate) maxDate = d;
  }
  if (cur >= 0) { sum[cur] = s; comp[cur] = cs; purchaseLines[cur] = lines; first[cur] = lo; last[cur] = hi; }
  const purchaseLineCount = n - negativeLines;
  if (purchaseLineCount === 0) {
    throw new CrmError('EMPTY_INPUT', `${fn}: none of the ${n} order lines is a purchase (all amounts are negative), so there is no customer to score.`);
  }
  return {
    first, last, sum, comp, purchaseLines,
    orders: shared ? countOrderPairs(t, c) : orders,
    purchaseLineCount, negativeLines, maxDate,
  };
}

/** Distinct order ids per customer over purchase lines, by sorting (customer, order) pairs: for an order id shared by customers, which counts for each. */
function countOrderPairs(t: OrderTable, c: number): Int32Array {
  const { customer, n } = t;
  const amount = t.amount!;
  const order = t.order!;
  const counts = new Int32Array(c);
  // Rare: some order id appears under several customers. Count distinct (customer, order) pairs.
  const keys: number[] = [];
  for (let i = 0; i < n; i++) if (amount[i]! >= 0) keys.push(customer[i]! * t.orderCount + order[i]!);
  const sorted = Float64Array.from(keys).sort();
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) counts[Math.floor(sorted[i]! / t.orderCount)]!++;
  }
  return counts;
}
