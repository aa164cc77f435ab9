/**
 * Guards against finite values so large that squared distances (or their sums) overflow to
 * Infinity and come back as NaN. Scale-free results (silhouette, Davies-Bouldin,
 * Calinski-Harabasz, Pareto shares) are computed on the data times a power of two, which is exact;
 * results in the data's own units (k-means inertia, linkage heights) are refused with `NON_FINITE`.
 * @module
 * @internal
 */
import { CrmError } from '../core/errors.js';

/** Largest |value| and where it is (flat index), one pass. */
export function maxAbs(data: ArrayLike<number>): { value: number; at: number } {
  let value = 0;
  let at = -1;
  for (let i = 0; i < data.length; i++) {
    const v = Math.abs(data[i]!);
    if (v > value) { value = v; at = i; }
  }
  return { value, at };
}

/** Above this magnitude, scale-free computations rescale the data first (2^400, about 2.6e120). */
const RESCALE_ABOVE = 2 ** 400;

/** Sums of squared distances stay below this (leaves a wide margin below 1.8e308 for rounding). */
const SQUARED_LIMIT = 1e300;

/**
 * Multiplies `data` in place by 2^-e so that its largest |value| is in [0.5, 1) when it exceeds
 * 2^400; exact (a power of two), so every ratio and comparison is unchanged. Returns 2^e (1 when
 * nothing was done).
 */
export function rescaleInPlace(data: Float64Array): number {
  const { value } = maxAbs(data);
  if (!(value > RESCALE_ABOVE)) return 1;
  const e = Math.floor(Math.log2(value)) + 1;
  // Two normal powers of two: 2^-e alone can be subnormal for e near 1024.
  const half = Math.floor(e / 2);
  const f1 = 2 ** -half;
  const f2 = 2 ** -(e - half);
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * f1 * f2;
  return e;
}

/**
 * Refuses points whose weighted sums of squared distances could overflow: the bound is
 * totalWeight * d * (2 max|x|)^2 (every squared distance between points of the data, or to a mean
 * of them, is at most d (2 max|x|)^2).
 * @throws CrmError `NON_FINITE`
 */
export function checkSquaredDistances(fn: string, data: Float64Array, d: number, totalWeight: number, name = 'points'): void {
  const { value, at } = maxAbs(data);
  if (value === 0) return;
  const bound = totalWeight * d * 4 * value * value;
  if (bound <= SQUARED_LIMIT && Number.isFinite(bound)) return;
  const where = d > 0 ? ` (${name}[${Math.floor(at / d)}][${at % d}] = ${data[at]})` : '';
  throw new CrmError(
    'NON_FINITE',
    `${fn}: values too large: squared distances overflow; rescale the features. The largest |value| is ${value}${where}; ` +
      `with ${d} columns and total weight ${totalWeight}, sums of squared distances could exceed 1e300. Divide by a unit such as thousands, or standardise with fitClusterScaling.`,
    { fn, maxAbs: value, row: d > 0 ? Math.floor(at / d) : undefined, column: d > 0 ? at % d : undefined },
  );
}

/**
 * Refuses distances whose squares, weighted by cluster sizes (Ward, centroid, median, average
 * updates), could overflow: n max(D)^2 must stay below 1e300.
 * @throws CrmError `NON_FINITE`
 */
export function checkDistanceMagnitude(fn: string, D: Float64Array, n: number): void {
  const { value } = maxAbs(D);
  const bound = n * value * value;
  if (bound <= SQUARED_LIMIT && Number.isFinite(bound)) return;
  throw new CrmError(
    'NON_FINITE',
    `${fn}: values too large: squared distances overflow; rescale the distances. The largest distance is ${value}; with ${n} points, size-weighted squared distances could exceed 1e300.`,
    { fn, maxAbs: value },
  );
}
