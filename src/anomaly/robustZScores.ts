/**
 * Robust z-scores: (x - median) / (1.4826 * MAD) per feature, and one combined score per row.
 * @module
 */
import type { RowOf, AnyRow } from '../core/table.js';
import { CrmError } from '../core/errors.js';
import { checkOneOf, resolveOptions } from '../core/validate.js';
import { anomalyPoints, type AnomalyColumnsOption, type AnomalyPoints } from './points.js';

/** MAD scale that makes 1.4826 * MAD estimate the standard deviation of a normal sample. */
export const MAD_SCALE = 1.4826;
/** Mean absolute deviation scale used when the MAD is 0 (sqrt(pi / 2), as in Iglewicz and Hoaglin's modified z-score). */
export const MEAN_AD_SCALE = 1.2533141373155001;

/** How {@link robustZScores} combines a row's per-feature scores. */
export type RobustCombine = 'maxAbs' | 'meanAbs' | 'euclidean';

/** Result of {@link robustZScores}. */
export interface RobustZScoresResult {
  readonly kind: 'robustZScores';
  readonly version: 1;
  readonly combine: RobustCombine;
  readonly medians: number[];
  /** The scale used per feature: 1.4826 * MAD, or 1.2533 * mean absolute deviation when the MAD is 0, or 0 for a constant feature. */
  readonly scales: number[];
  /** Which scale each feature got. */
  readonly scaleKinds: ('mad' | 'meanAbsoluteDeviation' | 'constant')[];
  /** Per row, per feature: (x - median) / scale (0 for a constant feature). */
  readonly scores: number[][];
  /** Per row: max |z| (`maxAbs`), mean |z| (`meanAbs`) or sqrt(sum z^2) (`euclidean`) over features. */
  readonly combined: number[];
}

/** Median of a Float64Array (sorted in place). */
export function medianInPlace(a: Float64Array): number {
  a.sort();
  const m = a.length >> 1;
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

/** Median, scale and scale kind of a sample, with the zero-MAD fallback. */
export function robustCenterScale(values: Float64Array): { median: number; scale: number; kind: 'mad' | 'meanAbsoluteDeviation' | 'constant' } {
  const median = medianInPlace(values.slice());
  const dev = new Float64Array(values.length);
  let meanAd = 0;
  for (let i = 0; i < values.length; i++) {
    dev[i] = Math.abs(values[i]! - median);
    meanAd += dev[i]!;
  }
  meanAd /= values.length;
  const mad = medianInPlace(dev);
  if (mad > 0) return { median, scale: MAD_SCALE * mad, kind: 'mad' };
  if (meanAd > 0) return { median, scale: MEAN_AD_SCALE * meanAd, kind: 'meanAbsoluteDeviation' };
  return { median, scale: 0, kind: 'constant' };
}

/**
 * Robust z-score of every value: `(x - median) / (1.4826 * MAD)` per feature, so a normal sample
 * gives ordinary z-scores but a few extreme values do not inflate the scale. When more than half
 * the values of a feature are equal the MAD is 0; the scale then falls back to
 * 1.2533 * mean absolute deviation (Iglewicz and Hoaglin's modified z-score), and a constant feature
 * scores 0 everywhere. Rows also get one combined score. O(n d log n).
 * Source: Iglewicz and Hoaglin (1993), How to Detect and Handle Outliers, ch. 3 (|z| > 3.5 is their cut-off).
 * @param points - Rows x features, finite; or row objects, columns or an Arrow table (docs/input.md).
 * @param options - `combine`: `maxAbs` (default), `meanAbs` or `euclidean`; `columns`: the features of row objects, columns or Arrow tables.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `RAGGED_ROWS`, `NON_FINITE`, `INVALID_OPTION`
 * @example
 * const r = robustZScores([[1], [2], [3], [4], [100]]);
 * r.scores.map((s) => s[0]!.toFixed(2)); // => ['-1.35', '-0.67', '0.00', '0.67', '65.43']
 */
export function robustZScores<D extends AnomalyPoints<AnyRow>>(points: D, options?: { combine?: RobustCombine } & AnomalyColumnsOption<RowOf<D>>): RobustZScoresResult {
  const fn = 'robustZScores';
  const o = resolveOptions(fn, { combine: 'maxAbs' as RobustCombine }, options, ['columns']);
  const combine = checkOneOf('combine', o.combine, ['maxAbs', 'meanAbs', 'euclidean'] as const);
  const x = anomalyPoints(fn, points, o.columns);
  const { rows: n, cols: d, data } = x;
  const medians: number[] = [];
  const scales: number[] = [];
  const scaleKinds: RobustZScoresResult['scaleKinds'] = [];
  const col = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = data[i * d + j]!;
    const c = robustCenterScale(col);
    medians.push(c.median);
    scales.push(c.scale);
    scaleKinds.push(c.kind);
  }
  const scores: number[][] = [];
  const combined: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(d);
    let agg = 0;
    for (let j = 0; j < d; j++) {
      const z = scales[j]! > 0 ? (data[i * d + j]! - medians[j]!) / scales[j]! : 0;
      row[j] = z;
      if (combine === 'maxAbs') agg = Math.max(agg, Math.abs(z));
      else if (combine === 'meanAbs') agg += Math.abs(z) / d;
      else agg += z * z;
    }
    scores.push(row);
    combined.push(combine === 'euclidean' ? Math.sqrt(agg) : agg);
  }
  if (n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: points has no rows.`, {});
  return { kind: 'robustZScores', version: 1, combine, medians, scales, scaleKinds, scores, combined };
}
