/**
 * Internal cluster-quality indices (silhouette, Davies-Bouldin, Calinski-Harabasz) with
 * scikit-learn's definitions, and an elbow helper for choosing k.
 * @module
 */
import type { RowOf, AnyRow } from '../core/table.js';
import { CrmError } from '../core/errors.js';
import { permutation, resolveRandom, type Random } from '../core/random.js';
import { checkInteger, checkOneOf, resolveOptions } from '../core/validate.js';
import { toDense, type DenseMatrix } from '../core/dense.js';
import { runControl, RUN_CONTROL_KEYS, type RunControl, type Tick } from '../core/progress.js';
import { rescaleInPlace } from './magnitude.js';
import { codeLabels, densePoints, type ClusterColumnsOption, type ClusterData, type ClusterPoints } from './shared.js';

interface Prepared { m: DenseMatrix; codes: Int32Array; k: number }

function checkClusterCount(k: number, rows: number, fn: string): void {
  if (k < 2 || k > rows - 1) {
    throw new CrmError('INVALID_INPUT', `${fn} needs between 2 and n - 1 = ${rows - 1} distinct labels; got ${k}. The index compares clusters, so it is undefined for one cluster or one row per cluster.`, { clusters: k, rows });
  }
}

/** Points copied (never the caller's), labels coded, and the copy rescaled by a power of two when huge (the indices are scale-free). */
function prepare(points: unknown, labels: ArrayLike<number | string>, fn: string, options?: ClusterColumnsOption<unknown>): Prepared & { exponent: number } {
  const o = resolveOptions(fn, {}, options, ['columns']) as ClusterColumnsOption<unknown>;
  const m = densePoints(points, 'points', fn, o.columns);
  const { codes, values } = codeLabels(labels, m.rows);
  checkClusterCount(values.length, m.rows, fn);
  return { m, codes, k: values.length, exponent: rescaleInPlace(m.data) };
}

/** Options of {@link silhouetteSamples}. */
export interface SilhouetteSamplesOptions<R = Record<string, unknown>> extends RunControl, ClusterColumnsOption<R> {
  /**
   * `'euclidean'`: `points` are n rows of d features. `'precomputed'`: `points` is the n x n matrix
   * of distances between the rows (scikit-learn's `metric='precomputed'`): square, symmetric (to a
   * relative 1e-10), zero diagonal (to 100 machine epsilons, as scikit-learn), finite and >= 0.
   * @defaultValue 'euclidean'
   */
  metric?: 'euclidean' | 'precomputed';
}

const SAMPLES_DEFAULTS = Object.freeze({ metric: 'euclidean' as 'euclidean' | 'precomputed' });

/**
 * A precomputed distance matrix, checked: square, finite, >= 0, symmetric within a relative 1e-10,
 * diagonal within 100 eps of 0 (scikit-learn's tolerance). Returned as a copy, rescaled when huge.
 */
function distanceMatrix(points: ClusterPoints, fn: string): DenseMatrix {
  const m = toDense(points, { name: 'distances' });
  const n = m.rows;
  if (m.cols !== n) {
    throw new CrmError('INVALID_INPUT', `${fn}: with metric 'precomputed', points must be the square n x n matrix of distances; got ${n} rows of ${m.cols} columns.`, { argument: 'points' });
  }
  const x = m.data;
  const eps100 = 100 * Number.EPSILON;
  for (let i = 0; i < n; i++) {
    const dii = x[i * n + i]!;
    if (Math.abs(dii) > eps100) {
      throw new CrmError('INVALID_INPUT', `${fn}: distances[${i}][${i}] is ${dii}; the diagonal of a distance matrix must be 0.`, { row: i, column: i });
    }
    for (let j = 0; j < n; j++) {
      const v = x[i * n + j]!;
      if (v < 0) throw new CrmError('NEGATIVE_VALUE', `${fn}: distances[${i}][${j}] is ${v}; distances must be >= 0.`, { row: i, column: j });
      if (j > i) {
        const w = x[j * n + i]!;
        if (Math.abs(v - w) > 1e-10 * Math.max(Math.abs(v), Math.abs(w))) {
          throw new CrmError('INVALID_INPUT', `${fn}: the distance matrix is not symmetric: distances[${i}][${j}] = ${v} but distances[${j}][${i}] = ${w}.`, { row: i, column: j });
        }
      }
    }
  }
  rescaleInPlace(x);
  return m;
}

/**
 * Silhouette of every row: (b - a) / max(a, b), where a is the mean Euclidean distance to the other
 * rows of its cluster and b the smallest mean distance to another cluster; 0 for a row alone in its
 * cluster (scikit-learn's `silhouette_samples`). With `metric: 'precomputed'`, `points` is the
 * n x n distance matrix and any distance can be used. Values so large that squared distances would
 * overflow are handled by rescaling (the silhouette is scale-free). Reports progress as phase
 * `'distances'` (rows done) every 256 rows. O(n^2 d) time (O(n^2) precomputed), O(n k) memory.
 * Source: Rousseeuw (1987), "Silhouettes: a graphical aid to the interpretation and validation of cluster analysis".
 * @param points - n rows of d numbers, or with `metric: 'precomputed'` the n x n distance matrix.
 * @param labels - n cluster labels (numbers or strings), 2..n-1 distinct.
 * @param options - `metric`, `onProgress`, `signal`.
 * @returns One value in [-1, 1] per row.
 * @throws CrmError `INVALID_INPUT` (fewer than 2 or more than n - 1 labels; a matrix not square, not symmetric or with a non-zero diagonal),
 *   `NEGATIVE_VALUE`, `LENGTH_MISMATCH`, `NON_FINITE`, `EMPTY_INPUT`, `INVALID_OPTION`, `ABORTED`.
 * @example
 * silhouetteSamples([[0], [1], [4], [5]], [0, 0, 1, 1]).map((s) => +s.toFixed(4)); // => [0.7778, 0.7143, 0.7143, 0.7778]
 */
export function silhouetteSamples<D extends ClusterData<AnyRow>>(points: D, labels: ArrayLike<number | string>, options?: SilhouetteSamplesOptions<RowOf<D>>): number[] {
  const fn = 'silhouetteSamples';
  const o = resolveOptions(fn, SAMPLES_DEFAULTS, options, ['columns', ...RUN_CONTROL_KEYS]);
  const metric = checkOneOf('metric', o.metric, ['euclidean', 'precomputed'] as const);
  const tick = runControl(fn, o);
  if (metric === 'precomputed') {
    const D = distanceMatrix(points as ClusterPoints, fn);
    const { codes, values } = codeLabels(labels, D.rows);
    checkClusterCount(values.length, D.rows, fn);
    return Array.from(silhouetteOfMatrix(D.data, D.rows, codes, values.length, tick));
  }
  const { m, codes, k } = prepare(points, labels, fn, { columns: o.columns as ClusterColumnsOption<unknown>['columns'] });
  return Array.from(silhouetteOf(m.data, m.rows, m.cols, codes, k, tick));
}

function finish(sums: Float64Array, n: number, k: number, codes: Int32Array): Float64Array {
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[codes[i]!]++;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ci = codes[i]!;
    const own = counts[ci]!;
    if (own <= 1) { out[i] = 0; continue; }
    const a = sums[i * k + ci]! / (own - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === ci || counts[c] === 0) continue;
      const v = sums[i * k + c]! / counts[c]!;
      if (v < b) b = v;
    }
    const den = a > b ? a : b;
    out[i] = den === 0 ? 0 : (b - a) / den;
  }
  return out;
}

function silhouetteOf(x: Float64Array, n: number, d: number, codes: Int32Array, k: number, tick: Tick): Float64Array {
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) tick('distances', i, n);
    const ci = codes[i]!;
    const a = i * d;
    for (let j = i + 1; j < n; j++) {
      const b = j * d;
      let s = 0;
      for (let q = 0; q < d; q++) { const u = x[a + q]! - x[b + q]!; s += u * u; }
      const dist = Math.sqrt(s);
      sums[i * k + codes[j]!] += dist;
      sums[j * k + ci] += dist;
    }
  }
  return finish(sums, n, k, codes);
}

/** The same sums from a full distance matrix; each row's own row is used (as scikit-learn reads D[i]). */
function silhouetteOfMatrix(D: Float64Array, n: number, codes: Int32Array, k: number, tick: Tick): Float64Array {
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) tick('distances', i, n);
    const base = i * n;
    for (let j = 0; j < n; j++) if (j !== i) sums[i * k + codes[j]!] += D[base + j]!;
  }
  return finish(sums, n, k, codes);
}

/** Options of {@link silhouette}. */
export interface SilhouetteOptions<R = Record<string, unknown>> extends SilhouetteSamplesOptions<R> {
  /** Compute on a random subset of this many rows (without replacement), as scikit-learn's `sample_size`. Absent: all rows. */
  sampleSize?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** Generator to use instead of `seed`. */
  random?: Random;
}

/** Defaults of {@link silhouette}. */
export const SILHOUETTE_DEFAULTS = Object.freeze({ seed: 0, metric: 'euclidean' as 'euclidean' | 'precomputed' });

/**
 * Mean silhouette (scikit-learn's `silhouette_score`). Exact by default; with `sampleSize` it is
 * computed on a seeded random subset of rows (distances within the subset only), which makes it
 * O(s^2 d) for large n. With `metric: 'precomputed'`, `points` is the n x n distance matrix (a
 * sample takes the same rows and columns). Takes `onProgress` (phase `'distances'`) and `signal`.
 * Source: Rousseeuw (1987).
 * @param points - n rows of d numbers, or with `metric: 'precomputed'` the n x n distance matrix.
 * @param labels - n cluster labels, 2..n-1 distinct (within the sample when sampling).
 * @returns The mean silhouette, in [-1, 1]; higher is better separated.
 * @throws CrmError `INVALID_INPUT`, `INVALID_OPTION` (also a null or non-integer seed), `NEGATIVE_VALUE`, `LENGTH_MISMATCH`, `NON_FINITE`, `EMPTY_INPUT`, `ABORTED`.
 * @example
 * silhouette([[0], [1], [4], [5]], [0, 0, 1, 1]).toFixed(4); // => '0.7460'
 */
export function silhouette<D extends ClusterData<AnyRow>>(points: D, labels: ArrayLike<number | string>, options: SilhouetteOptions<RowOf<D>> = {}): number {
  const fn = 'silhouette';
  const o = resolveOptions(fn, SILHOUETTE_DEFAULTS, options, ['sampleSize', 'random', 'columns', ...RUN_CONTROL_KEYS]);
  const metric = checkOneOf('metric', o.metric, ['euclidean', 'precomputed'] as const);
  checkInteger('seed', o.seed, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  const tick = runControl(fn, o);
  const m = metric === 'precomputed' ? distanceMatrix(points as ClusterPoints, fn) : densePoints(points, 'points', fn, o.columns);
  let lab: ArrayLike<number | string> = labels;
  let use = m;
  if (o.sampleSize !== undefined) {
    const s = checkInteger('sampleSize', o.sampleSize, { min: 2 });
    if (s < m.rows) {
      codeLabels(labels, m.rows);
      const perm = permutation(resolveRandom(o), m.rows);
      const sub: (number | string)[] = new Array(s);
      for (let t = 0; t < s; t++) sub[t] = labels[perm[t]!]!;
      if (metric === 'precomputed') {
        const n = m.rows;
        const data = new Float64Array(s * s);
        for (let a = 0; a < s; a++) for (let b = 0; b < s; b++) data[a * s + b] = m.data[perm[a]! * n + perm[b]!]!;
        use = { rows: s, cols: s, data };
      } else {
        const d = m.cols;
        const data = new Float64Array(s * d);
        for (let t = 0; t < s; t++) data.set(m.data.subarray(perm[t]! * d, perm[t]! * d + d), t * d);
        use = { rows: s, cols: d, data };
      }
      lab = sub;
    }
  }
  const { codes, values } = codeLabels(lab, use.rows);
  checkClusterCount(values.length, use.rows, fn);
  let sil: Float64Array;
  if (metric === 'precomputed') sil = silhouetteOfMatrix(use.data, use.rows, codes, values.length, tick);
  else {
    rescaleInPlace(use.data);
    sil = silhouetteOf(use.data, use.rows, use.cols, codes, values.length, tick);
  }
  let total = 0;
  for (let i = 0; i < sil.length; i++) total += sil[i]!;
  return total / sil.length;
}

function centroidsOf(m: DenseMatrix, codes: Int32Array, k: number): { c: Float64Array; counts: Float64Array } {
  const { rows: n, cols: d, data: x } = m;
  const c = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const g = codes[i]!;
    counts[g]++;
    for (let q = 0; q < d; q++) c[g * d + q] += x[i * d + q]!;
  }
  for (let g = 0; g < k; g++) for (let q = 0; q < d; q++) c[g * d + q] /= counts[g]!;
  return { c, counts };
}

/**
 * Davies-Bouldin index: the mean over clusters of the worst (s_i + s_j) / d(c_i, c_j), where s is the
 * mean distance of a cluster's rows to its centroid (scikit-learn's `davies_bouldin_score`, including
 * its 0 when all spreads or all centroid distances are 0). Lower is better. O(n d + k^2 d).
 * Source: Davies & Bouldin (1979), "A cluster separation measure".
 * @param points - n rows of d numbers.
 * @param labels - n cluster labels, 2..n-1 distinct.
 * @returns The index, >= 0.
 * @throws CrmError `INVALID_INPUT`, `LENGTH_MISMATCH`, `NON_FINITE`, `EMPTY_INPUT`.
 * @example
 * daviesBouldin([[0], [1], [4], [5]], [0, 0, 1, 1]); // => 0.25
 */
export function daviesBouldin<D extends ClusterData<AnyRow>>(points: D, labels: ArrayLike<number | string>, options?: ClusterColumnsOption<RowOf<D>>): number {
  const { m, codes, k, exponent } = prepare(points, labels, 'daviesBouldin', options as ClusterColumnsOption<unknown>);
  const { rows: n, cols: d, data: x } = m;
  const { c, counts } = centroidsOf(m, codes, k);
  const spread = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const g = codes[i]!;
    let s = 0;
    for (let q = 0; q < d; q++) { const u = x[i * d + q]! - c[g * d + q]!; s += u * u; }
    spread[g] += Math.sqrt(s);
  }
  for (let g = 0; g < k; g++) spread[g] /= counts[g]!;
  const cd = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    let s = 0;
    for (let q = 0; q < d; q++) { const u = c[a * d + q]! - c[b * d + q]!; s += u * u; }
    cd[a * k + b] = Math.sqrt(s);
  }
  // scikit-learn returns 0 when np.allclose(spreads, 0) or np.allclose(centroid distances, 0):
  // 1e-8 in the data's own units, so in the rescaled units 1e-8 * 2^-exponent.
  const atol = exponent === 0 ? 1e-8 : 1e-8 * 2 ** -Math.min(exponent, 1000);
  const allClose = (v: Float64Array) => v.every((t) => Math.abs(t) <= atol);
  if (allClose(spread) || allClose(cd)) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const dist = cd[a * k + b]!;
      if (dist === 0) continue;
      const r = (spread[a]! + spread[b]!) / dist;
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / k;
}

/**
 * Calinski-Harabasz index (variance ratio): between-cluster dispersion over within-cluster
 * dispersion, times (n - k) / (k - 1); 1 when the within dispersion is 0 (scikit-learn's
 * `calinski_harabasz_score`). Higher is better. O(n d).
 * Source: Calinski & Harabasz (1974), "A dendrite method for cluster analysis".
 * @param points - n rows of d numbers.
 * @param labels - n cluster labels, 2..n-1 distinct.
 * @returns The index, >= 0.
 * @throws CrmError `INVALID_INPUT`, `LENGTH_MISMATCH`, `NON_FINITE`, `EMPTY_INPUT`.
 * @example
 * calinskiHarabasz([[0], [1], [4], [5]], [0, 0, 1, 1]); // => 32
 */
export function calinskiHarabasz<D extends ClusterData<AnyRow>>(points: D, labels: ArrayLike<number | string>, options?: ClusterColumnsOption<RowOf<D>>): number {
  const { m, codes, k } = prepare(points, labels, 'calinskiHarabasz', options as ClusterColumnsOption<unknown>);
  const { rows: n, cols: d, data: x } = m;
  const { c, counts } = centroidsOf(m, codes, k);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let q = 0; q < d; q++) mean[q] += x[i * d + q]!;
  for (let q = 0; q < d; q++) mean[q] /= n;
  let extra = 0;
  let intra = 0;
  for (let g = 0; g < k; g++) {
    let s = 0;
    for (let q = 0; q < d; q++) { const u = c[g * d + q]! - mean[q]!; s += u * u; }
    extra += counts[g]! * s;
  }
  for (let i = 0; i < n; i++) {
    const g = codes[i]!;
    for (let q = 0; q < d; q++) { const u = x[i * d + q]! - c[g * d + q]!; intra += u * u; }
  }
  return intra === 0 ? 1 : (extra * (n - k)) / (intra * (k - 1));
}
