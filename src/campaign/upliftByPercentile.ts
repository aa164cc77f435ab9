/**
 * Uplift by score group (deciles by default): the uplift analogue of a lift table.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkInteger, checkOneOf, resolveOptions } from '../core/validate.js';
import { readCampaign, readScores, type BinaryFlag } from './input.js';
import { descendingOrder, type UpliftStrategy } from './upliftAtK.js';

/** Options of {@link upliftByPercentile} and {@link weightedAverageUplift}. */
export interface UpliftByPercentileOptions {
  /** Number of groups; fewer than the number of rows. @defaultValue 10 */
  bins?: number;
  /**
   * `'overall'`: rows sorted by predicted uplift and cut into `bins` groups together; `'byGroup'`:
   * each arm sorted and cut into `bins` groups on its own, group i pairing the i-th cuts. @defaultValue 'overall'
   */
  strategy?: UpliftStrategy;
}

/** One group of {@link upliftByPercentile}, best-scored first. Rates are null when the group has no row of that arm. */
export interface UpliftGroup {
  /** 1 = highest predicted uplift. */
  readonly bin: number;
  /** scikit-uplift's label, e.g. '0-10', '10-20' (percentiles rounded half to even, as Python's round). */
  readonly percentile: string;
  readonly treated: number;
  readonly control: number;
  readonly treatedRate: number | null;
  readonly controlRate: number | null;
  /** treatedRate - controlRate. */
  readonly uplift: number | null;
  /** sqrt(rate (1 - rate) / size) per arm, and sqrt of the summed variances for the uplift. */
  readonly treatedStd: number | null;
  readonly controlStd: number | null;
  readonly upliftStd: number | null;
}

/** Result of {@link upliftByPercentile}. */
export interface UpliftByPercentile {
  readonly kind: 'upliftByPercentile';
  readonly strategy: UpliftStrategy;
  readonly groups: UpliftGroup[];
  /** All rows: sizes, rates and their difference (scikit-uplift's `total=True` row). */
  readonly total: { readonly treated: number; readonly control: number; readonly treatedRate: number; readonly controlRate: number; readonly uplift: number };
}

const BY_PERCENTILE_DEFAULTS = Object.freeze({ bins: 10, strategy: 'overall' as UpliftStrategy });

/** numpy's array_split bounds: the first n % bins parts get one extra row. */
function splitBounds(n: number, bins: number): number[] {
  const base = Math.floor(n / bins);
  const extra = n % bins;
  const bounds = [0];
  for (let b = 0; b < bins; b++) bounds.push(bounds[b]! + base + (b < extra ? 1 : 0));
  return bounds;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function groupsOf(fn: string, outcomes: ArrayLike<BinaryFlag>, uplift: ArrayLike<number>, treatment: ArrayLike<BinaryFlag>, options: UpliftByPercentileOptions | undefined) {
  const o = resolveOptions(fn, BY_PERCENTILE_DEFAULTS, options);
  const strategy = checkOneOf('strategy', o.strategy, ['overall', 'byGroup'] as const);
  const { y, w, treated, control } = readCampaign(fn, outcomes, treatment);
  const n = y.length;
  const bins = checkInteger('bins', o.bins, { min: 1, max: n - 1, hint: `There are ${n} rows; use fewer bins than rows.` });
  const order = descendingOrder(readScores(fn, uplift, n));
  const nt = new Float64Array(bins);
  const nc = new Float64Array(bins);
  const yt = new Float64Array(bins);
  const yc = new Float64Array(bins);
  if (strategy === 'overall') {
    const bounds = splitBounds(n, bins);
    for (let b = 0; b < bins; b++) {
      for (let r = bounds[b]!; r < bounds[b + 1]!; r++) {
        const i = order[r]!;
        if (w[i] === 1) {
          nt[b]!++;
          yt[b]! += y[i]!;
        } else {
          nc[b]!++;
          yc[b]! += y[i]!;
        }
      }
    }
  } else {
    const bt = splitBounds(treated, bins);
    const bc = splitBounds(control, bins);
    let rt = 0;
    let rc = 0;
    let gt = 0;
    let gc = 0;
    for (let r = 0; r < n; r++) {
      const i = order[r]!;
      if (w[i] === 1) {
        while (rt >= bt[gt + 1]!) gt++;
        nt[gt]!++;
        yt[gt]! += y[i]!;
        rt++;
      } else {
        while (rc >= bc[gc + 1]!) gc++;
        nc[gc]!++;
        yc[gc]! += y[i]!;
        rc++;
      }
    }
  }
  let totalT = 0;
  let totalC = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] === 1) totalT += y[i]!;
    else totalC += y[i]!;
  }
  return { strategy, bins, nt, nc, yt, yc, total: { treated, control, treatedRate: totalT / treated, controlRate: totalC / control, uplift: totalT / treated - totalC / control } };
}

/**
 * Uplift by percentile group: customers sorted by predicted uplift (ties: the later row first, as
 * scikit-uplift) and cut into `bins` groups as numpy's `array_split` does (the first n mod bins
 * groups one row larger); per group the treated and control counts, rates, their difference and
 * the binomial standard deviations. A good model shows uplift falling from the first group to the
 * last. Equals scikit-uplift `uplift_by_percentile(..., strategy, bins, std=True, total=True)`,
 * except that the total row's deviations (scikit-uplift sums the groups' deviations) are left out. O(n log n).
 * Source: scikit-uplift `sklift.metrics.uplift_by_percentile`.
 * @param outcomes - 1 = converted, 0 = not; length n.
 * @param uplift - Predicted uplift; finite; length n.
 * @param treatment - 1 = treated, 0 = control; both arms present; length n.
 * @param options - See {@link UpliftByPercentileOptions}.
 * @returns One entry per group, best first, and the totals.
 * @throws CrmError `INVALID_OPTION` (bins not below n), `NOT_BINARY`, `MISSING_VALUE`, `NON_FINITE`,
 * `LENGTH_MISMATCH`, `EMPTY_INPUT`, `SINGLE_CLASS`, `INVALID_INPUT`.
 * @example
 * upliftByPercentile([1, 0, 0, 1], [0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0], { bins: 2 }).groups.map((g) => g.uplift); // => [1, -1]
 */
export function upliftByPercentile(outcomes: ArrayLike<BinaryFlag>, uplift: ArrayLike<number>, treatment: ArrayLike<BinaryFlag>, options?: UpliftByPercentileOptions): UpliftByPercentile {
  const g = groupsOf('upliftByPercentile', outcomes, uplift, treatment, options);
  const labels: number[] = [];
  for (let p = 1; p <= g.bins; p++) labels.push(roundHalfEven((p * 100) / g.bins));
  const groups: UpliftGroup[] = [];
  for (let b = 0; b < g.bins; b++) {
    const rt = g.nt[b]! > 0 ? g.yt[b]! / g.nt[b]! : null;
    const rc = g.nc[b]! > 0 ? g.yc[b]! / g.nc[b]! : null;
    const vt = rt === null ? null : (rt * (1 - rt)) / g.nt[b]!;
    const vc = rc === null ? null : (rc * (1 - rc)) / g.nc[b]!;
    groups.push({
      bin: b + 1,
      percentile: `${b === 0 ? 0 : labels[b - 1]}-${labels[b]}`,
      treated: g.nt[b]!,
      control: g.nc[b]!,
      treatedRate: rt,
      controlRate: rc,
      uplift: rt === null || rc === null ? null : rt - rc,
      treatedStd: vt === null ? null : Math.sqrt(vt),
      controlStd: vc === null ? null : Math.sqrt(vc),
      upliftStd: vt === null || vc === null ? null : Math.sqrt(vt + vc),
    });
  }
  return { kind: 'upliftByPercentile', strategy: g.strategy, groups, total: g.total };
}

/**
 * Weighted average uplift: the groups' uplifts of {@link upliftByPercentile} averaged with the
 * treated counts as weights. Equals scikit-uplift `weighted_average_uplift(..., strategy, bins)`. O(n log n).
 * Source: scikit-uplift `sklift.metrics.weighted_average_uplift`.
 * @param outcomes - 1 = converted, 0 = not; length n.
 * @param uplift - Predicted uplift; finite; length n.
 * @param treatment - 1 = treated, 0 = control; both arms present; length n.
 * @param options - See {@link UpliftByPercentileOptions}.
 * @returns The weighted average of the groups' uplifts.
 * @throws CrmError `INVALID_INPUT` (a group with no treated or no control row: its uplift is
 * undefined, as scikit-uplift's NaN; use fewer bins or strategy 'byGroup'), and those of {@link upliftByPercentile}.
 * @example
 * weightedAverageUplift([1, 0, 0, 1], [0.9, 0.5, 0.4, 0.1], [1, 0, 1, 0], { bins: 2 }); // => 0
 */
export function weightedAverageUplift(outcomes: ArrayLike<BinaryFlag>, uplift: ArrayLike<number>, treatment: ArrayLike<BinaryFlag>, options?: UpliftByPercentileOptions): number {
  const g = groupsOf('weightedAverageUplift', outcomes, uplift, treatment, options);
  let num = 0;
  let den = 0;
  for (let b = 0; b < g.bins; b++) {
    if (g.nt[b] === 0 || g.nc[b] === 0) {
      throw new CrmError(
        'INVALID_INPUT',
        `weightedAverageUplift: group ${b + 1} of ${g.bins} has no ${g.nt[b] === 0 ? 'treated' : 'control'} row, so its uplift is undefined. Use fewer bins or { strategy: 'byGroup' }.`,
        { bin: b + 1 },
      );
    }
    num += g.nt[b]! * (g.yt[b]! / g.nt[b]! - g.yc[b]! / g.nc[b]!);
    den += g.nt[b]!;
  }
  return num / den;
}

