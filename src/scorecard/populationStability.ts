/**
 * Population stability index (PSI) between a reference sample and a recent one, from bin counts or
 * from raw scores binned at the reference sample's quantiles.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkArray, checkInteger, checkNumber, resolveOptions } from '../core/validate.js';
import { bisectRight } from '../core/bisect.js';

/** PSI with its per-bin terms. */
export interface PopulationStabilityResult {
  readonly kind: 'populationStability';
  readonly version: 1;
  /** sum over bins of (actual share - expected share) * ln(actual share / expected share); >= 0. */
  readonly psi: number;
  readonly bins: { readonly label: string; readonly expected: number; readonly actual: number; readonly expectedShare: number; readonly actualShare: number; readonly psi: number }[];
  /** Count added to every bin of both samples because some bin was empty (0 when none was). */
  readonly smoothing: number;
}

function counts(fn: string, name: string, v: unknown): number[] {
  const a = checkArray<number>(name, v, { nonEmpty: true });
  const out: number[] = [];
  // A loop, not map: map skips holes, and a hole is a missing count.
  for (let k = 0; k < a.length; k++) {
    const c = a[k];
    if (typeof c !== 'number' || !Number.isFinite(c)) throw new CrmError('NON_FINITE', `${fn}: ${name}[${k}] is ${describeValue(c)}; counts must be finite numbers.`, { argument: name, bin: k });
    if (c < 0) throw new CrmError('NEGATIVE_VALUE', `${fn}: ${name}[${k}] is ${c}; counts must be >= 0.`, { argument: name, bin: k });
    out.push(c);
  }
  return out;
}

/**
 * PSI from the counts of the same bins in two samples (e.g. `binning.variables[j].bins.map((b) => b.count)`
 * and the counts of new rows in those bins). When a bin is empty in either sample, `smoothing` is
 * added to every bin of both, so the index stays finite. O(bins).
 * Common reading: < 0.1 stable, 0.1-0.25 some shift, > 0.25 a major shift (Siddiqi 2006, ch. 12).
 * @throws CrmError `EMPTY_INPUT`, `LENGTH_MISMATCH`, `NON_FINITE`, `NEGATIVE_VALUE`, `INVALID_INPUT` (a sample with no rows), `INVALID_OPTION`
 * @example
 * populationStabilityFromCounts([50, 30, 20], [40, 30, 30]).psi.toFixed(4); // => '0.0629'
 */
export function populationStabilityFromCounts(expected: readonly number[], actual: readonly number[], options?: { smoothing?: number; labels?: string[] }): PopulationStabilityResult {
  const fn = 'populationStabilityFromCounts';
  const o = resolveOptions(fn, { smoothing: 0.5 }, options, ['labels']);
  const smoothingOption = checkNumber('smoothing', o.smoothing, { min: 0, max: 1e9 });
  const e = counts(fn, 'expected', expected);
  const a = counts(fn, 'actual', actual);
  if (e.length !== a.length) throw new CrmError('LENGTH_MISMATCH', `${fn}: expected has ${e.length} bins but actual has ${a.length}; they must be the same bins.`, { expected: e.length, actual: a.length });
  const labels = o.labels === undefined ? e.map((_, k) => `bin ${k}`) : checkArray<string>('labels', o.labels).map(String);
  if (labels.length !== e.length) throw new CrmError('INVALID_OPTION', `${fn}: labels has ${labels.length} entries for ${e.length} bins.`, { option: 'labels' });
  const te = e.reduce((s, c) => s + c, 0);
  const ta = a.reduce((s, c) => s + c, 0);
  if (te === 0 || ta === 0) throw new CrmError('INVALID_INPUT', `${fn}: the ${te === 0 ? 'expected' : 'actual'} counts add up to 0; both samples need rows.`, {});
  const empty = e.some((c, k) => c === 0 || a[k] === 0);
  if (empty && smoothingOption === 0) {
    const k = e.findIndex((c, j) => c === 0 || a[j] === 0);
    throw new CrmError('INVALID_INPUT', `${fn}: bin ${labels[k]} is empty in the ${e[k] === 0 ? 'expected' : 'actual'} sample, so the PSI is infinite; set smoothing > 0 (default 0.5) or merge bins.`, { bin: k });
  }
  const add = empty ? smoothingOption : 0;
  const se = te + add * e.length;
  const sa = ta + add * a.length;
  let psi = 0;
  const bins = e.map((c, k) => {
    const pe = (c + add) / se;
    const pa = (a[k]! + add) / sa;
    const term = (pa - pe) * Math.log(pa / pe);
    psi += term;
    return { label: labels[k]!, expected: c, actual: a[k]!, expectedShare: pe, actualShare: pa, psi: term };
  });
  return { kind: 'populationStability', version: 1, psi, bins, smoothing: add };
}

function finiteValues(fn: string, name: string, v: unknown): Float64Array {
  const a = checkArray<number>(name, v, { nonEmpty: true });
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new CrmError('NON_FINITE', `${fn}: ${name}[${i}] is ${describeValue(x)}; scores must be finite numbers.`, { argument: name, row: i });
    out[i] = x;
  }
  return out;
}

/**
 * PSI between two samples of a score (or any numeric variable): bins are cut at the `bins`-quantiles
 * of `expected` (distinct cut points only, bins [c_{k-1}, c_k)), then
 * {@link populationStabilityFromCounts}. O((n + m) log n).
 * @param expected - Reference sample (e.g. scores at development).
 * @param actual - Recent sample.
 * @throws CrmError `EMPTY_INPUT`, `NON_FINITE`, `INVALID_OPTION`
 * @example
 * populationStability([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).psi; // => 0
 */
export function populationStability(expected: ArrayLike<number>, actual: ArrayLike<number>, options?: { bins?: number; smoothing?: number }): PopulationStabilityResult & { readonly cuts: number[] } {
  const fn = 'populationStability';
  const o = resolveOptions(fn, { bins: 10, smoothing: 0.5 }, options);
  const nb = checkInteger('bins', o.bins, { min: 2, max: 10000 });
  const e = finiteValues(fn, 'expected', Array.isArray(expected) ? expected : Array.from(expected ?? ([] as number[])));
  const a = finiteValues(fn, 'actual', Array.isArray(actual) ? actual : Array.from(actual ?? ([] as number[])));
  const sorted = e.slice().sort();
  const cuts: number[] = [];
  for (let q = 1; q < nb; q++) {
    const c = sorted[Math.floor((q * sorted.length) / nb)]!;
    if (c > sorted[0]! && (cuts.length === 0 || c > cuts[cuts.length - 1]!)) cuts.push(c);
  }
  const bin = (x: number) => bisectRight(cuts, x);
  const ce = new Array<number>(cuts.length + 1).fill(0);
  const ca = new Array<number>(cuts.length + 1).fill(0);
  for (const x of e) ce[bin(x)]!++;
  for (const x of a) ca[bin(x)]!++;
  const labels = ce.map((_, k) => (k === 0 ? `(-inf, ${cuts[0] ?? 'inf'})` : `[${cuts[k - 1]}, ${k < cuts.length ? cuts[k] : 'inf'})`));
  return { ...populationStabilityFromCounts(ce, ca, { smoothing: o.smoothing, labels }), cuts };
}
