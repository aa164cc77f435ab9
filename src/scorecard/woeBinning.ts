/**
 * Weight-of-evidence binning for credit scorecards: numeric variables (quantile pre-bins, then
 * merging for a minimum bin share, pure bins and a monotonic event-rate trend) and categorical
 * variables (rare categories pooled), each with a bin of its own for missing values.
 *
 * Convention (optbinning's): label 1 is the event ("bad"), 0 the non-event ("good"), and
 * `WoE = ln(non-event share / event share)`, so a positive WoE is a bin safer than average.
 * `IV = sum over bins of (non-event share - event share) * WoE`, which is >= 0.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel } from '../core/model.js';
import { bisectRight } from '../core/bisect.js';
import { checkArray, checkOneOf } from '../core/validate.js';
import { custom, defineOptions, integer, number, oneOf, opt, resolveOptionTable, type ResolvedOptions } from '../core/options.js';
import { columnsToRows, isColumnar, type ColumnTable } from '../core/table.js';
import type { ArrowTableLike } from '../core/arrow.js';

/** Applicant rows: row objects, or columns or an Arrow table holding the variables (docs/input.md). */
export type WoeRows = readonly Record<string, unknown>[] | ColumnTable | ArrowTableLike;

/** Columns and Arrow tables as row objects of the named variables; arrays pass through. */
export function woeRows(fn: string, rows: WoeRows, names: readonly string[]): readonly Record<string, unknown>[] {
  return isColumnar(rows) ? columnsToRows(rows, names, { fn, argument: 'rows', option: 'variables' }) : (rows as readonly Record<string, unknown>[]);
}

/** Required direction of the event rate across a numeric variable's bins, low values first. */
export type MonotonicTrend = 'auto' | 'ascending' | 'descending' | 'none';

/** One bin of a variable, with its counts and evidence. */
export interface WoeBin {
  /** `(-inf, 12.5)`, `[12.5, 24.5)`, `[24.5, inf)`; `A11, A12` for a categorical group; `missing`. */
  readonly label: string;
  readonly count: number;
  /** Rows with label 1. */
  readonly events: number;
  /** Rows with label 0. */
  readonly nonEvents: number;
  /** events / count (0 for an empty bin). */
  readonly eventRate: number;
  /** count / all rows. */
  readonly share: number;
  /** ln(non-event share / event share), after smoothing when a cell is zero; 0 for an empty bin. */
  readonly woe: number;
  /** (non-event share - event share) * woe: this bin's part of the variable's IV. */
  readonly iv: number;
}

/** The binning of one numeric variable: bin k holds splits[k-1] <= x < splits[k]; the missing bin is last. */
export interface NumericVariableBinning {
  readonly name: string;
  readonly type: 'numeric';
  readonly splits: number[];
  /** The trend the event rate follows over the bins (the one chosen when `monotonic: 'auto'`). */
  readonly trend: 'ascending' | 'descending' | 'none';
  /** splits.length + 1 interval bins, then the missing bin. */
  readonly bins: WoeBin[];
  readonly iv: number;
}

/** The binning of one categorical variable: bin k holds the categories `groups[k]`; the missing bin is last. */
export interface CategoricalVariableBinning {
  readonly name: string;
  readonly type: 'categorical';
  /** Categories per bin (as strings), bins in ascending order of event rate. */
  readonly groups: string[][];
  /** groups.length bins, then the missing bin. */
  readonly bins: WoeBin[];
  readonly iv: number;
}

export type VariableBinning = NumericVariableBinning | CategoricalVariableBinning;

/** Options of {@link woeBinNumeric}, {@link woeBinCategorical} and {@link fitWoeBinning}. */
export interface WoeBinningOptions {
  /** Quantile pre-bins of a numeric variable before merging, 2..1000. @defaultValue 20 */
  maxPrebins?: number;
  /** Smallest share of all rows a bin may hold; smaller bins (rare categories) are merged. In [0, 0.5]. @defaultValue 0.05 */
  minBinShare?: number;
  /** At most this many interval bins (or category groups), merging the adjacent pair that loses least IV. @defaultValue 10 */
  maxBins?: number;
  /**
   * Event-rate trend of numeric bins: `ascending` (riskier as x grows), `descending`, `auto` (the
   * one of the two that keeps the larger IV), or `none`. @defaultValue 'auto'
   */
  monotonic?: MonotonicTrend;
  /**
   * Added to the event and non-event counts of every non-empty bin of a variable when one of its
   * bins has zero events or zero non-events (so WoE stays finite). 0 refuses such a variable with
   * `SINGLE_CLASS`. @defaultValue 0.5
   */
  smoothing?: number;
}

/** Options of {@link fitWoeBinning}. */
export interface FitWoeBinningOptions extends WoeBinningOptions {
  /** Property names of the numeric variables. @defaultValue [] */
  numeric?: readonly string[];
  /** Property names of the categorical variables. @defaultValue [] */
  categorical?: readonly string[];
  /** Per-variable trend overrides, e.g. `{ age: 'descending' }`. @defaultValue {} */
  trends?: Readonly<Record<string, MonotonicTrend>>;
}

export interface ResolvedWoeBinningOptions {
  readonly maxPrebins: number;
  readonly minBinShare: number;
  readonly maxBins: number;
  readonly monotonic: MonotonicTrend;
  readonly smoothing: number;
}

/** A fitted binning of several variables: plain data, survives JSON. */
export interface WoeBinningModel {
  readonly kind: 'woeBinning';
  readonly version: 1;
  readonly options: ResolvedWoeBinningOptions;
  readonly variables: VariableBinning[];
  /** Rows, events and non-events of the training data. */
  readonly rows: number;
  readonly events: number;
  readonly nonEvents: number;
}

const TRENDS = ['auto', 'ascending', 'descending', 'none'] as const;

/** The binning settings every WoE function takes (stored on the model). */
const BINNING_OPTIONS = {
  maxPrebins: opt({ default: 20, accepts: [integer({ min: 2, max: 1000 })], description: 'Quantile pre-bins of a numeric variable before merging.', stored: 'as-given' }),
  minBinShare: opt({ default: 0.05, accepts: [number({ min: 0, max: 0.5 })], description: 'Smallest share of all rows a bin may hold.', stored: 'as-given' }),
  maxBins: opt({ default: 10, accepts: [integer({ min: 1, max: 1000 })], description: 'At most this many bins or category groups.', stored: 'as-given' }),
  monotonic: opt({ default: 'auto', accepts: [oneOf(TRENDS)], description: 'Event-rate trend of numeric bins.', stored: 'as-given' }),
  smoothing: opt({ default: 0.5, accepts: [number({ min: 0, max: 1e6 })], description: 'Added to the counts of a variable with a pure bin; 0 refuses it.', stored: 'as-given' }),
} as const;

const NAMES = custom<readonly string[]>({ describe: 'an array of property names', test: (v) => Array.isArray(v), bad: ['age', 1] });

/** The option table of {@link fitWoeBinning}. */
export const FIT_WOE_BINNING_OPTIONS = defineOptions<FitWoeBinningOptions>()({
  ...BINNING_OPTIONS,
  numeric: opt({ default: Object.freeze([]) as readonly string[], accepts: [NAMES], description: 'Property names of the numeric variables.' }),
  categorical: opt({ default: Object.freeze([]) as readonly string[], accepts: [NAMES], description: 'Property names of the categorical variables.' }),
  // The form only; fitWoeBinning checks each key against numeric and each trend.
  trends: opt({ default: Object.freeze({}) as Readonly<Record<string, MonotonicTrend>>, accepts: [custom<Readonly<Record<string, MonotonicTrend>>>({ describe: 'an object of variable -> trend', test: (v) => v !== null && typeof v === 'object' && !Array.isArray(v), bad: ['ascending', ['age']] })], description: 'Per-variable trend overrides.' }),
});

/** The option table of {@link woeBinNumeric} and {@link woeBinCategorical}. */
export const WOE_BIN_VARIABLE_OPTIONS = defineOptions<WoeBinningOptions & { name?: string }>()({
  ...BINNING_OPTIONS,
  name: opt({ computedDefault: 'x', accepts: [custom<string>({ describe: 'a string', test: () => true, bad: [] })], description: 'Name of the variable in the result (any value is read with String).' }),
});

function resolveBinning<Tb extends typeof FIT_WOE_BINNING_OPTIONS | typeof WOE_BIN_VARIABLE_OPTIONS>(fn: string, table: Tb, options: object | undefined): ResolvedOptions<Tb> {
  return resolveOptionTable(fn, table, options);
}

/** Labels as 0/1 bytes; refuses non-binary, missing and single-class labels. */
export function readEventLabels(fn: string, labels: ArrayLike<unknown>, n: number): Uint8Array {
  if (labels === null || typeof labels !== 'object' || typeof (labels as ArrayLike<unknown>).length !== 'number') {
    throw new CrmError('INVALID_INPUT', `${fn}: labels must be an array of 0/1 (or booleans); got ${describeValue(labels)}.`, { argument: 'labels' });
  }
  if (labels.length !== n) {
    throw new CrmError('LENGTH_MISMATCH', `${fn}: the data has ${n} rows but labels has ${labels.length}; they must match.`, { rows: n, labels: labels.length });
  }
  if (n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: no rows; pass at least one row of each class.`, { argument: 'labels' });
  const y = new Uint8Array(n);
  let events = 0;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v === 1 || v === true) { y[i] = 1; events++; }
    else if (v !== 0 && v !== false) {
      const missing = v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
      throw new CrmError(missing ? 'MISSING_VALUE' : 'NOT_BINARY', `${fn}: labels[${i}] is ${describeValue(v)}; labels must be 1 (event, "bad") or 0 (non-event, "good"), or booleans.`, { argument: 'labels', row: i });
    }
  }
  if (events === 0 || events === n) {
    throw new CrmError('SINGLE_CLASS', `${fn}: every label is ${events === 0 ? 0 : 1}; weight of evidence needs both events (1) and non-events (0).`, { rows: n, events });
  }
  return y;
}

interface Cell { count: number; events: number }

/** WoE and IV of every bin from counts; the missing bin is the last cell. */
function evidence(fn: string, name: string, cells: readonly Cell[], labels: readonly string[], totalEvents: number, totalRows: number, smoothing: number): { bins: WoeBin[]; iv: number } {
  let zeroCell = -1;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    if (c.count > 0 && (c.events === 0 || c.events === c.count)) { zeroCell = k; break; }
  }
  const add = zeroCell >= 0 ? smoothing : 0;
  if (zeroCell >= 0 && smoothing === 0) {
    const c = cells[zeroCell]!;
    throw new CrmError('SINGLE_CLASS', `${fn}: bin ${labels[zeroCell]} of ${name} holds only ${c.events === 0 ? 'non-events' : 'events'} (${c.count} rows), so its WoE is infinite; set smoothing > 0 (default 0.5) or raise minBinShare.`, { variable: name, bin: labels[zeroCell] });
  }
  let ev = 0;
  let ne = 0;
  for (const c of cells) {
    if (c.count === 0) continue;
    ev += c.events + add;
    ne += c.count - c.events + add;
  }
  const bins: WoeBin[] = [];
  let iv = 0;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    let woe = 0;
    let binIv = 0;
    if (c.count > 0) {
      const pe = (c.events + add) / ev;
      const pn = (c.count - c.events + add) / ne;
      woe = Math.log(pn / pe);
      binIv = (pn - pe) * woe;
    }
    iv += binIv;
    bins.push({ label: labels[k]!, count: c.count, events: c.events, nonEvents: c.count - c.events, eventRate: c.count > 0 ? c.events / c.count : 0, share: c.count / totalRows, woe, iv: binIv });
  }
  void totalEvents;
  return { bins, iv };
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function intervalLabels(splits: readonly number[]): string[] {
  if (splits.length === 0) return ['(-inf, inf)'];
  const out = [`(-inf, ${fmt(splits[0]!)})`];
  for (let k = 1; k < splits.length; k++) out.push(`[${fmt(splits[k - 1]!)}, ${fmt(splits[k]!)})`);
  out.push(`[${fmt(splits[splits.length - 1]!)}, inf)`);
  return out;
}

/** Index of the interval bin of x: the number of splits <= x. */
export function intervalIndex(splits: readonly number[], x: number): number {
  return bisectRight(splits, x);
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

interface Run { count: number; events: number; upper: number }

function rate(r: Run): number {
  return r.events / r.count;
}

function runsIv(runs: readonly Run[], E: number, N: number, smoothing: number): number {
  const pure = runs.some((r) => r.events === 0 || r.events === r.count);
  const add = pure ? smoothing : 0;
  const ev = E + add * runs.length;
  const ne = N + add * runs.length;
  let iv = 0;
  for (const r of runs) {
    const pe = (r.events + add) / ev;
    const pn = (r.count - r.events + add) / ne;
    if (pe > 0 && pn > 0) iv += (pn - pe) * Math.log(pn / pe);
  }
  return iv;
}

function mergeAt(runs: Run[], k: number): void {
  const a = runs[k]!;
  const b = runs[k + 1]!;
  runs.splice(k, 2, { count: a.count + b.count, events: a.events + b.events, upper: b.upper });
}

/** Merges bin k into whichever neighbour has the closer event rate (the smaller one on a tie). */
function mergeIntoNeighbour(runs: Run[], k: number): void {
  if (k === 0) return mergeAt(runs, 0);
  if (k === runs.length - 1) return mergeAt(runs, k - 1);
  const r = rate(runs[k]!);
  const dl = Math.abs(rate(runs[k - 1]!) - r);
  const dr = Math.abs(rate(runs[k + 1]!) - r);
  if (dl < dr || (dl === dr && runs[k - 1]!.count <= runs[k + 1]!.count)) mergeAt(runs, k - 1);
  else mergeAt(runs, k);
}

/** Pool-adjacent-violators on event rates: the finest merge of adjacent bins that is monotonic. */
function pool(runs: readonly Run[], ascending: boolean): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    out.push({ ...r });
    while (out.length > 1) {
      const b = out[out.length - 1]!;
      const a = out[out.length - 2]!;
      const violates = ascending ? a.events * b.count > b.events * a.count : a.events * b.count < b.events * a.count;
      if (!violates) break;
      out.splice(out.length - 2, 2, { count: a.count + b.count, events: a.events + b.events, upper: b.upper });
    }
  }
  return out;
}

function limitBins(runs: Run[], maxBins: number, E: number, N: number, smoothing: number): void {
  while (runs.length > maxBins) {
    let best = 0;
    let bestIv = -Infinity;
    for (let k = 0; k + 1 < runs.length; k++) {
      const trial = runs.slice();
      mergeAt(trial, k);
      const iv = runsIv(trial, E, N, smoothing);
      if (iv > bestIv) { bestIv = iv; best = k; }
    }
    mergeAt(runs, best);
  }
}

function numericValues(fn: string, name: string, values: ArrayLike<unknown>, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isMissing(v)) x[i] = NaN;
    else if (typeof v !== 'number') {
      throw new CrmError('INVALID_INPUT', `${fn}: ${name}[${i}] is ${describeValue(v)}; a numeric variable needs numbers (null, undefined or NaN for missing). Declare it categorical instead.`, { variable: name, row: i });
    } else if (!Number.isFinite(v)) {
      throw new CrmError('NON_FINITE', `${fn}: ${name}[${i}] is ${v}; numeric values must be finite (NaN, null and undefined count as missing).`, { variable: name, row: i });
    } else x[i] = v;
  }
  return x;
}

function binNumeric(fn: string, name: string, x: Float64Array, y: Uint8Array, o: ResolvedWoeBinningOptions, trendOption: MonotonicTrend): NumericVariableBinning {
  const n = x.length;
  const sorted = x.filter((v) => !Number.isNaN(v)).sort();
  const m = sorted.length;
  const candidates: number[] = [];
  for (let q = 1; q < o.maxPrebins && m > 0; q++) {
    let j = Math.floor((q * m) / o.maxPrebins);
    if (j <= 0 || j >= m) continue;
    const a = sorted[j]!;
    while (j > 0 && sorted[j - 1] === a) j--;
    if (j === 0) continue;
    const lower = sorted[j - 1]!;
    let s = lower + (a - lower) / 2;
    if (!(s > lower)) s = a;
    if (candidates.length === 0 || s > candidates[candidates.length - 1]!) candidates.push(s);
  }
  let runs: Run[] = Array.from({ length: candidates.length + 1 }, (_, k) => ({ count: 0, events: 0, upper: k < candidates.length ? candidates[k]! : Infinity }));
  const missing: Cell = { count: 0, events: 0 };
  let E = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) { missing.count++; missing.events += y[i]!; continue; }
    const r = runs[intervalIndex(candidates, v)]!;
    r.count++;
    r.events += y[i]!;
    E += y[i]!;
  }
  runs = runs.filter((r) => r.count > 0);
  const N = m - E;
  // Small bins first (the smallest each time), then bins holding one class only.
  const minCount = o.minBinShare * n;
  for (;;) {
    if (runs.length <= 1) break;
    let k = -1;
    for (let j = 0; j < runs.length; j++) if (runs[j]!.count < minCount && (k < 0 || runs[j]!.count < runs[k]!.count)) k = j;
    if (k < 0) break;
    mergeIntoNeighbour(runs, k);
  }
  for (;;) {
    if (runs.length <= 1) break;
    const k = runs.findIndex((r) => r.events === 0 || r.events === r.count);
    if (k < 0) break;
    mergeIntoNeighbour(runs, k);
  }
  let trend: 'ascending' | 'descending' | 'none' = 'none';
  if (trendOption === 'ascending' || trendOption === 'descending') {
    runs = pool(runs, trendOption === 'ascending');
    limitBins(runs, o.maxBins, E, N, o.smoothing);
    trend = trendOption;
  } else if (trendOption === 'auto') {
    const up = pool(runs, true);
    const down = pool(runs, false);
    limitBins(up, o.maxBins, E, N, o.smoothing);
    limitBins(down, o.maxBins, E, N, o.smoothing);
    const ivUp = runsIv(up, E, N, o.smoothing);
    const ivDown = runsIv(down, E, N, o.smoothing);
    if (ivDown > ivUp) { runs = down; trend = 'descending'; } else { runs = up; trend = 'ascending'; }
  } else limitBins(runs, o.maxBins, E, N, o.smoothing);
  if (runs.length <= 1) trend = trendOption === 'none' ? 'none' : trend;
  const splits = runs.slice(0, -1).map((r) => r.upper);
  const cells: Cell[] = runs.map((r) => ({ count: r.count, events: r.events }));
  if (cells.length === 0) cells.push({ count: 0, events: 0 });
  cells.push(missing);
  const { bins, iv } = evidence(fn, name, cells, [...intervalLabels(splits), 'missing'], E + missing.events, n, o.smoothing);
  return { name, type: 'numeric', splits, trend, bins, iv };
}

function categoryKey(fn: string, name: string, v: unknown, i: number): string | null {
  if (isMissing(v)) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new CrmError('INVALID_INPUT', `${fn}: ${name}[${i}] is ${describeValue(v)}; categories must be strings, numbers or booleans (null, undefined, '' or NaN for missing).`, { variable: name, row: i });
}

function binCategorical(fn: string, name: string, values: ArrayLike<unknown>, y: Uint8Array, o: ResolvedWoeBinningOptions): CategoricalVariableBinning {
  const n = y.length;
  const counts = new Map<string, Cell>();
  const missing: Cell = { count: 0, events: 0 };
  for (let i = 0; i < n; i++) {
    const key = categoryKey(fn, name, values[i], i);
    if (key === null) { missing.count++; missing.events += y[i]!; continue; }
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { count: 0, events: 0 }));
    c.count++;
    c.events += y[i]!;
  }
  const minCount = o.minBinShare * n;
  let groups: { cats: string[]; count: number; events: number }[] = [];
  const rare = { cats: [] as string[], count: 0, events: 0 };
  for (const [cat, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (c.count < minCount) { rare.cats.push(cat); rare.count += c.count; rare.events += c.events; }
    else groups.push({ cats: [cat], count: c.count, events: c.events });
  }
  const byRate = (a: { count: number; events: number; cats: string[] }, b: { count: number; events: number; cats: string[] }) =>
    a.events * b.count - b.events * a.count || (a.cats[0]! < b.cats[0]! ? -1 : 1);
  if (rare.count > 0) {
    // Pooled rare categories that are still too small join the group with the closest event rate.
    if (rare.count < minCount && groups.length > 0) {
      const r = rare.events / rare.count;
      let best = 0;
      for (let k = 1; k < groups.length; k++) if (Math.abs(groups[k]!.events / groups[k]!.count - r) < Math.abs(groups[best]!.events / groups[best]!.count - r)) best = k;
      const g = groups[best]!;
      g.cats.push(...rare.cats);
      g.count += rare.count;
      g.events += rare.events;
    } else groups.push(rare);
  }
  // Pure groups and the maxBins limit: merge neighbours in event-rate order.
  groups.sort(byRate);
  const E = groups.reduce((s, g) => s + g.events, 0);
  const N = groups.reduce((s, g) => s + g.count, 0) - E;
  for (;;) {
    if (groups.length <= 1) break;
    const k = groups.findIndex((g) => g.events === 0 || g.events === g.count);
    if (k < 0) break;
    const j = k === 0 ? 1 : k - 1;
    const a = groups[Math.min(j, k)]!;
    const b = groups[Math.max(j, k)]!;
    groups.splice(Math.min(j, k), 2, { cats: [...a.cats, ...b.cats], count: a.count + b.count, events: a.events + b.events });
  }
  if (groups.length > o.maxBins) {
    const runs: Run[] = groups.map((g, k) => ({ count: g.count, events: g.events, upper: k }));
    const members = groups.map((g) => g.cats);
    while (runs.length > o.maxBins) {
      let best = 0;
      let bestIv = -Infinity;
      for (let k = 0; k + 1 < runs.length; k++) {
        const trial = runs.slice();
        mergeAt(trial, k);
        const iv = runsIv(trial, E, N, o.smoothing);
        if (iv > bestIv) { bestIv = iv; best = k; }
      }
      mergeAt(runs, best);
      members.splice(best, 2, [...members[best]!, ...members[best + 1]!]);
    }
    groups = runs.map((r, k) => ({ cats: members[k]!, count: r.count, events: r.events }));
  }
  for (const g of groups) g.cats.sort();
  const cells: Cell[] = groups.map((g) => ({ count: g.count, events: g.events }));
  cells.push(missing);
  const labels = [...groups.map((g) => g.cats.join(', ')), 'missing'];
  const { bins, iv } = evidence(fn, name, cells, labels, E + missing.events, n, o.smoothing);
  return { name, type: 'categorical', groups: groups.map((g) => g.cats), bins, iv };
}

/**
 * Bins one numeric variable for weight of evidence: `maxPrebins` quantile pre-bins (cut halfway
 * between distinct values), bins under `minBinShare` merged into the neighbour with the closer event
 * rate, bins of one class merged likewise, then pool-adjacent-violators for a monotonic event rate
 * and at most `maxBins` bins (merging the adjacent pair that loses least IV). Missing values
 * (null, undefined, NaN) get a bin of their own, last. O(n log n).
 * Source: Siddiqi (2006), Credit Risk Scorecards, ch. 6; WoE sign as optbinning (Navas-Palencia 2020).
 * @param values - One value per row: finite numbers, or null / undefined / NaN for missing.
 * @param labels - 1 = event ("bad"), 0 = non-event, or booleans; both classes present.
 * @throws CrmError `EMPTY_INPUT`, `LENGTH_MISMATCH`, `SINGLE_CLASS`, `NOT_BINARY`, `MISSING_VALUE` (label), `NON_FINITE`, `INVALID_INPUT`, `INVALID_OPTION`
 * @example
 * const b = woeBinNumeric([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 0, 1, 0, 0, 0], { maxPrebins: 4, minBinShare: 0 });
 * b.splits; // => [4.5]
 * b.bins.map((x) => x.woe.toFixed(3)); // => ['-1.099', '1.099', '0.000']
 */
export function woeBinNumeric(values: ArrayLike<number | null | undefined>, labels: ArrayLike<number | boolean>, options?: WoeBinningOptions & { name?: string }): NumericVariableBinning {
  const fn = 'woeBinNumeric';
  const o = resolveBinning(fn, WOE_BIN_VARIABLE_OPTIONS, options);
  const name = o.name === undefined ? 'x' : String(o.name);
  checkArray('values', values);
  const y = readEventLabels(fn, labels, values.length);
  return binNumeric(fn, name, numericValues(fn, name, values, y.length), y, o, o.monotonic);
}

/**
 * Bins one categorical variable for weight of evidence: each category with at least `minBinShare`
 * of the rows is a bin, rarer ones are pooled (and the pool joins the closest group by event rate if
 * it is still too small); groups holding one class merge with a neighbour in event-rate order, and
 * at most `maxBins` groups are kept. Missing values (null, undefined, '', NaN) get their own bin.
 * Numbers and booleans are categories by their string form. O(n + c log c) for c categories.
 * @throws CrmError `EMPTY_INPUT`, `LENGTH_MISMATCH`, `SINGLE_CLASS`, `NOT_BINARY`, `MISSING_VALUE` (label), `INVALID_INPUT`, `INVALID_OPTION`
 * @example
 * const b = woeBinCategorical(['a', 'a', 'b', 'b', 'a', 'b'], [1, 1, 0, 1, 0, 0], { minBinShare: 0 });
 * b.groups; // => [['b'], ['a']]
 * b.iv.toFixed(4); // => '0.4621'
 */
export function woeBinCategorical(values: ArrayLike<unknown>, labels: ArrayLike<number | boolean>, options?: WoeBinningOptions & { name?: string }): CategoricalVariableBinning {
  const fn = 'woeBinCategorical';
  const o = resolveBinning(fn, WOE_BIN_VARIABLE_OPTIONS, options);
  const name = o.name === undefined ? 'x' : String(o.name);
  checkArray('values', values);
  const y = readEventLabels(fn, labels, values.length);
  return binCategorical(fn, name, values, y, o);
}

function readProperty(fn: string, rows: readonly Record<string, unknown>[], key: string): unknown[] {
  const out = new Array<unknown>(rows.length);
  let seen = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object') throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}] is ${describeValue(row)}; each row must be an object.`, { row: i });
    if (key in row) seen = true;
    out[i] = row[key];
  }
  if (!seen && rows.length > 0) {
    throw new CrmError('MISSING_VALUE', `${fn}: no row has the property '${key}' (rows[0] has ${Object.keys(rows[0]!).slice(0, 8).join(', ') || 'no properties'}). Check the variable name.`, { variable: key });
  }
  return out;
}

/**
 * Bins several variables of row objects at once (see {@link woeBinNumeric}, {@link woeBinCategorical}),
 * giving a plain-data model that {@link applyWoeBinning} and {@link buildScorecard} read.
 * O(v n log n) for v variables.
 * @param input - One object per applicant; the named properties are read. Or columns or an Arrow table holding them.
 * @param labels - 1 = event ("bad"), 0 = non-event, one per row.
 * @throws CrmError `EMPTY_INPUT`, `LENGTH_MISMATCH`, `SINGLE_CLASS`, `NOT_BINARY`, `MISSING_VALUE`, `NON_FINITE`, `INVALID_INPUT`, `INVALID_OPTION`
 * @example
 * const rows = [20, 30, 40, 50, 60, 70].map((age, i) => ({ age, job: i % 2 ? 'b' : 'a' }));
 * const m = fitWoeBinning(rows, [1, 1, 0, 1, 0, 0], { numeric: ['age'], categorical: ['job'], minBinShare: 0, maxPrebins: 2 });
 * m.variables.map((v) => `${v.name} ${v.iv.toFixed(3)}`); // => ['age 0.462', 'job 0.462']
 */
export function fitWoeBinning(input: WoeRows, labels: ArrayLike<number | boolean>, options?: FitWoeBinningOptions): WoeBinningModel {
  const fn = 'fitWoeBinning';
  const o = resolveBinning(fn, FIT_WOE_BINNING_OPTIONS, options);
  if (!isColumnar(input)) checkArray('rows', input);
  const numeric = o.numeric.map(String);
  const categorical = o.categorical.map(String);
  if (numeric.length + categorical.length === 0) {
    throw new CrmError('INVALID_OPTION', `${fn}: name at least one variable in numeric or categorical.`, { option: 'numeric' });
  }
  const all = [...numeric, ...categorical];
  const dup = all.find((v, i) => all.indexOf(v) !== i);
  if (dup !== undefined) throw new CrmError('INVALID_OPTION', `${fn}: variable '${dup}' is named twice (numeric and categorical lists must not overlap).`, { option: 'numeric', variable: dup });
  const rows = woeRows(fn, input, all);
  const trends = o.trends as Record<string, unknown>;
  for (const key of Object.keys(trends)) {
    if (!numeric.includes(key)) throw new CrmError('INVALID_OPTION', `${fn}: trends names '${key}', which is not in numeric.`, { option: 'trends', variable: key });
    checkOneOf(`trends.${key}`, trends[key], TRENDS);
  }
  const y = readEventLabels(fn, labels, rows.length);
  const variables: VariableBinning[] = [];
  for (const name of numeric) {
    const x = numericValues(fn, name, readProperty(fn, rows, name), rows.length);
    variables.push(binNumeric(fn, name, x, y, o, (trends[name] as MonotonicTrend | undefined) ?? o.monotonic));
  }
  for (const name of categorical) variables.push(binCategorical(fn, name, readProperty(fn, rows, name), y, o));
  let events = 0;
  for (let i = 0; i < y.length; i++) events += y[i]!;
  const { maxPrebins, minBinShare, maxBins, monotonic, smoothing } = o;
  return { kind: 'woeBinning', version: 1, options: { maxPrebins, minBinShare, maxBins, monotonic, smoothing }, variables, rows: rows.length, events, nonEvents: rows.length - events };
}

function bad(fn: string, what: string): CrmError {
  return new CrmError('INVALID_MODEL', `${fn}: the woeBinning model is damaged: ${what}. Refit it with fitWoeBinning.`, {});
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks a woeBinning model read back from JSON: kind, version, every variable's splits (finite,
 * increasing), groups (strings, each category once), bins (one per interval or group plus the
 * missing bin, finite WoE). O(size of the model).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * const m = fitWoeBinning([{ x: 1 }, { x: 2 }], [0, 1], { numeric: ['x'], minBinShare: 0 });
 * checkWoeBinningModel(JSON.parse(JSON.stringify(m)), 'demo').variables.length; // => 1
 */
export function checkWoeBinningModel(model: unknown, fn: string): WoeBinningModel {
  const m = checkModel<WoeBinningModel>(model, 'woeBinning', 1, fn);
  if (!Array.isArray(m.variables) || m.variables.length === 0 || m.variables.length > 1e5) throw bad(fn, 'variables must be a non-empty array');
  const names = new Set<string>();
  for (const v of m.variables as unknown[]) {
    if (v === null || typeof v !== 'object') throw bad(fn, 'a variable is not an object');
    const b = v as { name?: unknown; type?: unknown; bins?: unknown; splits?: unknown; groups?: unknown } as { name: string; type: unknown; bins: unknown[]; splits: number[]; groups: unknown[] };
    if (typeof b.name !== 'string' || names.has(b.name)) throw bad(fn, `variable name ${describeValue(b.name)} is missing or repeated`);
    names.add(b.name);
    if (!Array.isArray(b.bins)) throw bad(fn, `${b.name}: bins must be an array`);
    let intervals: number;
    if (b.type === 'numeric') {
      const trend = (v as { trend?: unknown }).trend;
      if (trend !== 'ascending' && trend !== 'descending' && trend !== 'none') throw bad(fn, `${b.name}: trend must be 'ascending', 'descending' or 'none'; got ${describeValue(trend)}`);
      if (!Array.isArray(b.splits) || b.splits.length > 1e5) throw bad(fn, `${b.name}: splits must be an array`);
      for (let k = 0; k < b.splits.length; k++) {
        if (!finite(b.splits[k]) || (k > 0 && !(b.splits[k]! > b.splits[k - 1]!))) throw bad(fn, `${b.name}: splits must be finite and increasing`);
      }
      intervals = b.splits.length + 1;
    } else if (b.type === 'categorical') {
      if (!Array.isArray(b.groups) || b.groups.length > 1e5) throw bad(fn, `${b.name}: groups must be an array`);
      const seen = new Set<string>();
      for (const g of b.groups as unknown[]) {
        if (!Array.isArray(g)) throw bad(fn, `${b.name}: each group must be an array of categories`);
        for (const c of g) {
          if (typeof c !== 'string' || seen.has(c)) throw bad(fn, `${b.name}: category ${describeValue(c)} is not a string or is in two groups`);
          seen.add(c);
        }
      }
      intervals = Math.max(1, b.groups.length);
    } else throw bad(fn, `${b.name}: type must be 'numeric' or 'categorical'; got ${describeValue(b.type)}`);
    if (b.bins.length !== intervals + 1) throw bad(fn, `${b.name}: ${b.bins.length} bins for ${intervals} intervals or groups plus the missing bin`);
    // WoE is a log ratio of shares: beyond +-50 no real data produces it, and points built from it overflow.
    for (const bin of b.bins as unknown[]) {
      if (bin === null || typeof bin !== 'object') throw bad(fn, `${b.name}: every bin must be an object`);
      const w = bin as WoeBin;
      if (!finite(w.woe) || Math.abs(w.woe) > 50) throw bad(fn, `${b.name}: every bin needs a finite woe in [-50, 50]`);
      if (typeof w.label !== 'string') throw bad(fn, `${b.name}: every bin needs a string label`);
      for (const k of ['count', 'events', 'nonEvents'] as const) {
        if (!Number.isInteger(w[k]) || w[k] < 0) throw bad(fn, `${b.name}: bin ${k} must be a non-negative integer; got ${describeValue(w[k])}`);
      }
      if (w.count !== w.events + w.nonEvents) throw bad(fn, `${b.name}: bin count ${w.count} is not events + nonEvents`);
      for (const k of ['eventRate', 'share'] as const) {
        if (!finite(w[k]) || w[k] < 0 || w[k] > 1) throw bad(fn, `${b.name}: bin ${k} must be a number in [0, 1]; got ${describeValue(w[k])}`);
      }
      if (!finite(w.iv) || w.iv < 0) throw bad(fn, `${b.name}: bin iv must be a finite number >= 0; got ${describeValue(w.iv)}`);
    }
    const iv = (v as { iv?: unknown }).iv;
    if (!finite(iv) || (iv as number) < 0) throw bad(fn, `${b.name}: iv must be a finite number >= 0; got ${describeValue(iv)}`);
  }
  return m;
}

/** Options of {@link applyWoeBinning}. */
export interface ApplyWoeBinningOptions {
  /**
   * A category not seen in training: `zero` gives WoE 0 (the training average: no evidence either
   * way), `missing` the missing bin's WoE, `refuse` throws `UNKNOWN_CATEGORY`. @defaultValue 'zero'
   */
  unknownCategory?: 'zero' | 'missing' | 'refuse';
  /** @deprecated The old name of `unknownCategory` (the tree's name for the same choice). */
  unseen?: 'zero' | 'missing' | 'refuse';
}

/** The handling of categories unseen in training, shared by applyWoeBinning and scoreScorecard. */
export const UNKNOWN_CATEGORY_OPTION = opt({
  default: 'zero',
  accepts: [oneOf(['zero', 'missing', 'refuse'])],
  aliases: ['unseen'],
  description: "A category not seen in training: WoE 0 ('zero'), the missing bin ('missing') or UNKNOWN_CATEGORY ('refuse'). 'unseen' is its deprecated name.",
});

/** The option table of {@link applyWoeBinning}. */
export const APPLY_WOE_BINNING_OPTIONS = { unknownCategory: UNKNOWN_CATEGORY_OPTION } as const;

/** Bin index of every row for one variable (missing = last bin; -1 = unseen category). */
export function binIndices(fn: string, v: VariableBinning, values: readonly unknown[], unseen: 'zero' | 'missing' | 'refuse'): Int32Array {
  const out = new Int32Array(values.length);
  const missingBin = v.bins.length - 1;
  if (v.type === 'numeric') {
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (isMissing(x)) out[i] = missingBin;
      else if (typeof x !== 'number' || !Number.isFinite(x)) throw new CrmError(typeof x === 'number' ? 'NON_FINITE' : 'INVALID_INPUT', `${fn}: ${v.name} of rows[${i}] is ${describeValue(x)}; expected a finite number (null, undefined or NaN for missing).`, { variable: v.name, row: i });
      else out[i] = intervalIndex(v.splits, x);
    }
    return out;
  }
  const lookup = new Map<string, number>();
  v.groups.forEach((g, k) => g.forEach((c) => lookup.set(c, k)));
  for (let i = 0; i < values.length; i++) {
    const key = categoryKey(fn, v.name, values[i], i);
    if (key === null) { out[i] = missingBin; continue; }
    const k = lookup.get(key);
    if (k !== undefined) out[i] = k;
    else if (unseen === 'refuse') throw new CrmError('UNKNOWN_CATEGORY', `${fn}: ${v.name} of rows[${i}] is ${describeValue(key)}, a category not seen in training; use unseen: 'zero' or 'missing' to score it, or refit.`, { variable: v.name, row: i, category: key });
    else out[i] = unseen === 'missing' ? missingBin : -1;
  }
  return out;
}

/**
 * Replaces each variable of each row by its bin's WoE: one row of `model.variables.length` numbers
 * per input row, in the model's variable order (ready for `fitLogistic` with
 * `featureNames: model.variables.map((v) => v.name)`). O(n v log bins).
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `NON_FINITE`, `UNKNOWN_CATEGORY` (with `unknownCategory: 'refuse'`), `INVALID_OPTION`
 * @example
 * const m = fitWoeBinning(['a', 'a', 'a', 'b', 'b', 'b'].map((c) => ({ c })), [1, 1, 0, 1, 0, 0], { categorical: ['c'], minBinShare: 0 });
 * applyWoeBinning(m, [{ c: 'b' }, { c: 'z' }, { c: null }]).map((r) => r[0]!.toFixed(3)); // => ['0.693', '0.000', '0.000']
 */
export function applyWoeBinning(model: WoeBinningModel, input: WoeRows, options?: ApplyWoeBinningOptions): number[][] {
  const fn = 'applyWoeBinning';
  const unseen = resolveOptionTable(fn, APPLY_WOE_BINNING_OPTIONS, options).unknownCategory;
  const m = checkWoeBinningModel(model, fn);
  const rows = woeRows(fn, input, m.variables.map((v) => v.name));
  checkArray('rows', rows);
  const out = rows.map(() => new Array<number>(m.variables.length));
  m.variables.forEach((v, j) => {
    const idx = binIndices(fn, v, readProperty(fn, rows, v.name), unseen);
    for (let i = 0; i < rows.length; i++) out[i]![j] = idx[i]! < 0 ? 0 : v.bins[idx[i]!]!.woe;
  });
  return out;
}
