/**
 * Value-based segments and "value at risk": which valuable customers are likely to leave, and a
 * hook that lines CLV up with an RFM result per customer.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { compareIds, type Id } from '../core/orders.js';
import { checkNumber } from '../core/validate.js';
import { defineOptions, number, opt, resolveOptionTable } from '../core/options.js';
import type { CustomerLifetimeValueResult } from './customerLifetimeValue.js';

/** Value tier by CLV rank. */
export type ClvTier = 'high' | 'mid' | 'low';
/** Alive status by probability alive. */
/** Alive status; stage-like ids are camelCase across the library ('atRisk' as lifecycleStage's). */
export type ClvStatus = 'active' | 'atRisk';

/** Options of {@link clvSegments}. */
export interface ClvSegmentsOptions {
  /** Share of customers, by CLV rank, in the 'high' tier. @defaultValue 0.2 */
  highShare?: number;
  /** Share of customers, by CLV rank, in the 'low' tier (the rest are 'mid'). @defaultValue 0.5 */
  lowShare?: number;
  /** Probability alive below which a customer is 'atRisk'. @defaultValue 0.5 */
  aliveThreshold?: number;
}

/** One customer's value view. */
export interface ClvSegmentRow {
  readonly customer: Id;
  readonly clv: number;
  readonly clvIfAlive: number;
  readonly probabilityAlive: number;
  /**
   * clv * (1 - probabilityAlive): the expected value held by customers whose activity is in doubt.
   * Zero both for customers surely active (no risk) and surely gone (nothing left to save).
   */
  readonly valueAtRisk: number;
  readonly expectedPurchases: number;
  readonly expectedAverageValue: number;
  readonly tier: ClvTier;
  readonly status: ClvStatus;
  /** Tier and status as one camelCase id, e.g. 'highAtRisk' (until this release: 'high-at-risk'). */
  readonly segment: string;
  /** 1 = highest CLV. */
  readonly valueRank: number;
  /** 1 = highest value at risk. */
  readonly riskRank: number;
}

/** Per-segment totals. */
export interface ClvSegmentTotal {
  readonly segment: string;
  readonly customers: number;
  readonly clv: number;
  readonly valueAtRisk: number;
}

/** Result of {@link clvSegments}. */
export interface ClvSegmentsResult {
  readonly kind: 'clvSegments';
  readonly options: Required<ClvSegmentsOptions>;
  /** Rows in the order of the CLV result (summary order). */
  readonly customers: ClvSegmentRow[];
  /** Customer ids by value at risk, highest first: the retention target list. */
  readonly byValueAtRisk: Id[];
  /** Totals per segment, in the order highActive, highAtRisk, midActive, ..., empty ones included. */
  readonly segments: ClvSegmentTotal[];
}

const FN = 'clvSegments';

/** 'high' + 'atRisk' -> 'highAtRisk': one camelCase id, as the lifecycle stages. */
const segmentId = (tier: ClvTier, status: ClvStatus): string => `${tier}${status[0]!.toUpperCase()}${status.slice(1)}`;
/** The option table of {@link clvSegments}; highShare + lowShare <= 1 is checked in the function. */
export const CLV_SEGMENTS_OPTIONS = defineOptions<ClvSegmentsOptions>()({
  highShare: opt({ default: 0.2, accepts: [number({ min: 0, max: 1 })], description: "Share of customers, by CLV rank, in the 'high' tier.", stored: 'as-given' }),
  lowShare: opt({ default: 0.5, accepts: [number({ min: 0, max: 1 })], description: "Share of customers, by CLV rank, in the 'low' tier.", stored: 'as-given' }),
  aliveThreshold: opt({ default: 0.5, accepts: [number({ min: 0, max: 1 })], description: "Probability alive below which a customer is 'atRisk'.", stored: 'as-given' }),
});

const CLV_COLUMNS = ['clv', 'clvIfAlive', 'probabilityAlive', 'expectedPurchases', 'expectedAverageValue'] as const;

/**
 * Checks a CLV result read from anywhere (JSON, another tool) before it is ranked: kind 'clv',
 * version 1 if given, ids, and five columns of finite numbers as long as the ids (probabilities in
 * [0, 1]). O(n).
 */
function checkClvResult(clv: unknown, fn: string): CustomerLifetimeValueResult {
  if (clv === null || typeof clv !== 'object' || (clv as { kind?: unknown }).kind !== 'clv') {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: expected the result of customerLifetimeValue (kind 'clv'); got ${clv !== null && typeof clv === 'object' ? `kind ${describeValue((clv as { kind?: unknown }).kind)}` : describeValue(clv)}.`);
  }
  const r = clv as Record<string, unknown>;
  if (r.version !== undefined && r.version !== 1) {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: this version reads CLV results of version 1; got version ${describeValue(r.version)}. Recompute it with customerLifetimeValue.`, { field: 'version' });
  }
  const ids = r.customers;
  if (!Array.isArray(ids)) {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: the CLV result has no customers array; got ${describeValue(ids)}. Pass the result of customerLifetimeValue.`, { field: 'customers' });
  }
  ids.forEach((id, i) => {
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: customers[${i}] of the CLV result is ${describeValue(id)}; ids are strings or finite numbers.`, { field: 'customers', row: i });
    }
  });
  for (const key of CLV_COLUMNS) {
    const col = r[key];
    if (!Array.isArray(col) || col.length !== ids.length) {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: the CLV result's '${key}' must be an array of ${ids.length} numbers (one per customer); got ${Array.isArray(col) ? `${col.length} values` : describeValue(col)}. Pass the result of customerLifetimeValue unchanged.`, { field: key });
    }
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new CrmError('NON_FINITE', `${fn}: the CLV result's ${key}[${i}] is ${describeValue(v)}; it must be a finite number. Recompute the result, or fix that customer.`, { field: key, row: i });
      }
      if (key === 'probabilityAlive' && !(v >= 0 && v <= 1)) {
        throw new CrmError('WRONG_RESULT_KIND', `${fn}: the CLV result's probabilityAlive[${i}] is ${v}; a probability is in [0, 1].`, { field: key, row: i });
      }
    }
  }
  return clv as CustomerLifetimeValueResult;
}

function rankDescending(values: readonly number[], ids: readonly Id[]): Int32Array {
  const order = values.map((_, i) => i).sort((i, j) => values[j]! - values[i]! || compareIds(ids[i]!, ids[j]!) || i - j);
  const rank = new Int32Array(values.length);
  order.forEach((i, r) => { rank[i] = r + 1; });
  return rank;
}

/**
 * Segments customers by value tier (CLV rank: top `highShare` 'high', bottom `lowShare` 'low') and
 * alive status (probability alive below `aliveThreshold` = 'atRisk'), and ranks them by value at
 * risk = CLV * (1 - probability alive), which peaks for valuable customers whose status is in
 * doubt: the ones a retention campaign can still win back. Ties in CLV or value at risk are broken by
 * customer id (ascending), as pandas' rank(method='first') on id-sorted rows. O(n log n).
 * @param clvResult - A {@link CustomerLifetimeValueResult}.
 * @param options - See {@link ClvSegmentsOptions}.
 * @returns A {@link ClvSegmentsResult}.
 * @throws CrmError `WRONG_RESULT_KIND` (not a CLV result, or its columns missing, ragged, or a probability outside [0, 1]), `NON_FINITE` (a value that is not a finite number), `INVALID_OPTION`
 * @example
 * const clv = { kind: 'clv', customers: ['a', 'b', 'c'], clv: [90, 5, 40], clvIfAlive: [100, 50, 40], probabilityAlive: [0.9, 0.1, 1], expectedPurchases: [3, 0.2, 2], expectedAverageValue: [30, 25, 20] } as unknown as CustomerLifetimeValueResult;
 * clvSegments(clv, { highShare: 0.34, lowShare: 0.34 }).byValueAtRisk; // => ['a', 'b', 'c']
 */
export function clvSegments(clvResult: CustomerLifetimeValueResult, options: ClvSegmentsOptions = {}): ClvSegmentsResult {
  const clv = checkClvResult(clvResult, FN);
  const o = resolveOptionTable(FN, CLV_SEGMENTS_OPTIONS, options);
  const { highShare, aliveThreshold } = o;
  // The one rule that reads two options.
  const lowShare = checkNumber('lowShare', o.lowShare, { min: 0, max: 1 - highShare, hint: 'highShare + lowShare must not exceed 1.' });
  const n = clv.customers.length;
  const atRisk = clv.clv.map((v, i) => v * (1 - clv.probabilityAlive[i]!));
  const valueRank = rankDescending(clv.clv, clv.customers);
  const riskRank = rankDescending(atRisk, clv.customers);
  const nHigh = Math.round(highShare * n), nLow = Math.round(lowShare * n);
  const rows: ClvSegmentRow[] = [];
  for (let i = 0; i < n; i++) {
    const vr = valueRank[i]!;
    const tier: ClvTier = vr <= nHigh ? 'high' : vr > n - nLow ? 'low' : 'mid';
    const status: ClvStatus = clv.probabilityAlive[i]! < aliveThreshold ? 'atRisk' : 'active';
    rows.push({
      customer: clv.customers[i]!, clv: clv.clv[i]!, clvIfAlive: clv.clvIfAlive[i]!, probabilityAlive: clv.probabilityAlive[i]!,
      valueAtRisk: atRisk[i]!, expectedPurchases: clv.expectedPurchases[i]!, expectedAverageValue: clv.expectedAverageValue[i]!,
      tier, status, segment: segmentId(tier, status), valueRank: vr, riskRank: riskRank[i]!,
    });
  }
  const byValueAtRisk = new Array<Id>(n);
  for (let i = 0; i < n; i++) byValueAtRisk[riskRank[i]! - 1] = clv.customers[i]!;
  const segments: ClvSegmentTotal[] = [];
  for (const tier of ['high', 'mid', 'low']) {
    for (const status of ['active', 'atRisk'] as const) {
      const segment = segmentId(tier as ClvTier, status);
      let customers = 0, total = 0, risk = 0;
      for (const r of rows) if (r.segment === segment) { customers++; total += r.clv; risk += r.valueAtRisk; }
      segments.push({ segment, customers, clv: total, valueAtRisk: risk });
    }
  }
  return { kind: 'clvSegments', options: { highShare, lowShare, aliveThreshold }, customers: rows, byValueAtRisk, segments };
}

/** Checks the rows of a clvSegments result: ids, segment names, finite numbers, risk ranks 1..n. */
function checkSegmentRows(segments: ClvSegmentsResult, fn: string): void {
  const rows = (segments as { customers?: unknown }).customers;
  if (!Array.isArray(rows)) {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: the clvSegments result has no customers array; got ${describeValue(rows)}.`, { field: 'customers' });
  }
  const n = rows.length;
  rows.forEach((row: unknown, i) => {
    const c = row as Record<string, unknown> | null;
    if (c === null || typeof c !== 'object' || (typeof c.customer !== 'string' && typeof c.customer !== 'number') || typeof c.segment !== 'string') {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: segments.customers[${i}] must have a customer id and a segment; got ${describeValue(row)}. Pass the result of clvSegments unchanged.`, { row: i });
    }
    for (const key of ['clv', 'probabilityAlive', 'valueAtRisk'] as const) {
      const v = c[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new CrmError('NON_FINITE', `${fn}: segments.customers[${i}].${key} is ${describeValue(v)}; it must be a finite number.`, { row: i, field: key });
      }
    }
    const rank = c.riskRank;
    if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1 || rank > n) {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: segments.customers[${i}].riskRank is ${describeValue(rank)}; ranks are integers 1..${n}.`, { row: i, field: 'riskRank' });
    }
  });
}

/** The part of an RFM result this hook reads (structural: any object of this shape works). */
export interface RfmLikeResult {
  readonly kind: 'rfm';
  readonly customers: readonly {
    readonly customer: Id; readonly recency: number; readonly frequency: number; readonly monetary: number;
    readonly r: number; readonly f: number; readonly m: number; readonly segment: string;
  }[];
}

/** One customer seen by both views. */
export interface ClvRfmRow {
  readonly customer: Id;
  readonly clvSegment: string;
  readonly rfmSegment: string;
  readonly clv: number;
  readonly probabilityAlive: number;
  readonly valueAtRisk: number;
  readonly riskRank: number;
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
}

/** Result of {@link joinClvRfm}. */
export interface ClvRfmJoin {
  readonly kind: 'clvRfm';
  /** Customers in both, ordered by value at risk (highest first). */
  readonly customers: ClvRfmRow[];
  /** Counts and totals per (RFM segment, CLV segment) pair present, sorted by RFM then CLV segment. */
  readonly crossTab: { rfmSegment: string; clvSegment: string; customers: number; clv: number; valueAtRisk: number }[];
  /** Customers only in the CLV result, and only in the RFM result. */
  readonly onlyInClv: Id[];
  readonly onlyInRfm: Id[];
}

/**
 * Lines up CLV segments with an RFM result per customer (matched by id; `"1"` and `1` differ), so
 * a campaign can read both: e.g. RFM 'Champions' that the BG/NBD model already sees as at risk.
 * O(n log n).
 * @param segments - A {@link ClvSegmentsResult}.
 * @param rfm - An RFM result `{ kind: 'rfm', customers: [{ customer, recency, frequency, monetary, r, f, m, segment }] }`.
 * @returns A {@link ClvRfmJoin}.
 * @throws CrmError `WRONG_RESULT_KIND`, `NON_FINITE` (a number in either result that is not finite), `INVALID_INPUT`
 * @example
 * const clv = { kind: 'clv', customers: ['a', 'b'], clv: [90, 5], clvIfAlive: [100, 50], probabilityAlive: [0.9, 0.1], expectedPurchases: [3, 0.2], expectedAverageValue: [30, 25] } as unknown as CustomerLifetimeValueResult;
 * const rfm = { kind: 'rfm', customers: [{ customer: 'b', recency: 200, frequency: 1, monetary: 25, r: 1, f: 1, m: 2, segment: 'Lost' }] } as RfmLikeResult;
 * joinClvRfm(clvSegments(clv), rfm).crossTab.map((c) => `${c.rfmSegment}/${c.clvSegment}`); // => ['Lost/lowAtRisk']
 */
export function joinClvRfm(segments: ClvSegmentsResult, rfm: RfmLikeResult): ClvRfmJoin {
  const fn = 'joinClvRfm';
  if (segments === null || typeof segments !== 'object' || (segments as { kind?: unknown }).kind !== 'clvSegments') {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: the first argument must be the result of clvSegments (kind 'clvSegments'); got ${describeValue((segments as { kind?: unknown } | null)?.kind ?? segments)}.`);
  }
  if (rfm === null || typeof rfm !== 'object' || (rfm as { kind?: unknown }).kind !== 'rfm' || !Array.isArray(rfm.customers)) {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: the second argument must be an RFM result { kind: 'rfm', customers: [...] } (from crm-mining/rfm); got ${describeValue((rfm as { kind?: unknown } | null)?.kind ?? rfm)}.`);
  }
  checkSegmentRows(segments, fn);
  const byId = new Map<Id, RfmLikeResult['customers'][number]>();
  rfm.customers.forEach((c, i) => {
    if (c === null || typeof c !== 'object' || (typeof c.customer !== 'string' && typeof c.customer !== 'number') || typeof c.segment !== 'string') {
      throw new CrmError('INVALID_INPUT', `${fn}: rfm.customers[${i}] must have a customer id and a segment; got ${describeValue(c)}.`, { row: i });
    }
    for (const key of ['recency', 'frequency', 'monetary', 'r', 'f', 'm'] as const) {
      const v = c[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new CrmError('NON_FINITE', `${fn}: rfm.customers[${i}].${key} is ${describeValue(v)}; it must be a finite number. Pass the result of rfmScore unchanged.`, { row: i, field: key });
      }
    }
    byId.set(c.customer, c);
  });
  const rows: ClvRfmRow[] = [];
  const onlyInClv: Id[] = [];
  const seen = new Set<Id>();
  for (const s of segments.customers) {
    const c = byId.get(s.customer);
    if (!c) { onlyInClv.push(s.customer); continue; }
    seen.add(s.customer);
    rows.push({
      customer: s.customer, clvSegment: s.segment, rfmSegment: c.segment, clv: s.clv, probabilityAlive: s.probabilityAlive,
      valueAtRisk: s.valueAtRisk, riskRank: s.riskRank, recency: c.recency, frequency: c.frequency, monetary: c.monetary, r: c.r, f: c.f, m: c.m,
    });
  }
  rows.sort((p, q) => p.riskRank - q.riskRank);
  const onlyInRfm = rfm.customers.filter((c) => !seen.has(c.customer)).map((c) => c.customer);
  const cells = new Map<string, ClvRfmJoin['crossTab'][number]>();
  for (const r of rows) {
    const key = JSON.stringify([r.rfmSegment, r.clvSegment]);
    const cell = cells.get(key) ?? { rfmSegment: r.rfmSegment, clvSegment: r.clvSegment, customers: 0, clv: 0, valueAtRisk: 0 };
    cell.customers++; cell.clv += r.clv; cell.valueAtRisk += r.valueAtRisk;
    cells.set(key, cell);
  }
  const crossTab = [...cells.values()].sort((p, q) => (p.rfmSegment < q.rfmSegment ? -1 : p.rfmSegment > q.rfmSegment ? 1 : p.clvSegment < q.clvSegment ? -1 : p.clvSegment > q.clvSegment ? 1 : 0));
  return { kind: 'clvRfm', customers: rows, crossTab, onlyInClv, onlyInRfm };
}
