/**
 * Internal cluster-quality indices (silhouette, Davies-Bouldin, Calinski-Harabasz) with
 * scikit-learn's definitions, and an elbow helper for choosing k.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { permutation, resolveRandom, type Random } from '../core/random.js';
import { checkInteger, resolveOptions } from '../core/validate.js';
import type { DenseMatrix } from '../core/dense.js';
import { codeLabels, densePoints, type ClusterPoints } from './shared.js';

interface Prepared { m: DenseMatrix; codes: Int32Array; k: number }

function prepare(points: ClusterPoints, labels: ArrayLike<number | string>, fn: string): Prepared {
  const m = densePoints(points);
  const { codes, values } = codeLabels(labels, m.rows);
  const k = values.length;
  if (k < 2 || k > m.rows - 1) {
    throw new CrmError('INVALID_INPUT', `${fn} needs between 2 and n - 1 = ${m.rows - 1} distinct labels; got ${k}. The index compares clusters, so it is undefined for one cluster or one row per cluster.`, { clusters: k, rows: m.rows });
  }
  return { m, codes, k };
}

/**
 * Silhouette of every row: (b - a) / max(a, b), where a is the mean Euclidean distance to the other
 * rows of its cluster and b the smallest mean distance to another cluster; 0 for a row alone in its
 * cluster (scikit-learn's `silhouette_samples`). O(n^2 d) time, O(n k) memory.
 * Source: Rousseeuw (1987), "Silhouettes: a graphical aid to the interpretation and validation of cluster analysis".
 * @param points - n rows of d numbers.
 * @param labels - n cluster labels (numbers or strings), 2..n-1 distinct.
 * @returns One value in [-1, 1] per row.
 * @throws CrmError `INVALID_INPUT` (fewer than 2 or more than n - 1 labels), `LENGTH_MISMATCH`, `NON_FINITE`, `EMPTY_INPUT`.
 * @example
 * silhouetteSamples([[0], [1], [4], [5]], [0, 0, 1, 1]).map((s) => +s.toFixed(4)); // => [0.7778, 0.7143, 0.7143, 0.7778]
 */
export function silhouetteSamples(points: ClusterPoints, labels: ArrayLike<number | string>): number[] {
  const { m, codes, k } = prepare(points, labels, 'silhouetteSamples');
  return Array.from(silhouetteOf(m.data, m.rows, m.cols, codes, k));
}

function silhouetteOf(x: Float64Array, n: number, d: number, codes: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(n * k);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[codes[i]!]++;
  for (let i = 0; i < n; i++) {
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

/** Options of {@link silhouette}. */
export interface SilhouetteOptions {
  /** Compute on a random subset of this many rows (without replacement), as scikit-learn's `sample_size`. Absent: all rows. */
  sampleSize?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** Generator to use instead of `seed`. */
  random?: Random;
}

/** Defaults of {@link silhouette}. */
export const SILHOUETTE_DEFAULTS = Object.freeze({ seed: 0 });

/**
 * Mean silhouette (scikit-learn's `silhouette_score`). Exact by default; with `sampleSize` it is
 * computed on a seeded random subset of rows (distances within the subset only), which makes it
 * O(s^2 d) for large n. Source: Rousseeuw (1987).
 * @param points - n rows of d numbers.
 * @param labels - n cluster labels, 2..n-1 distinct (within the sample when sampling).
 * @returns The mean silhouette, in [-1, 1]; higher is better separated.
 * @throws CrmError `INVALID_INPUT`, `INVALID_OPTION`, `LENGTH_MISMATCH`, `NON_FINITE`, `EMPTY_INPUT`.
 * @example
 * silhouette([[0], [1], [4], [5]], [0, 0, 1, 1]).toFixed(4); // => '0.7460'
 */
export function silhouette(points: ClusterPoints, labels: ArrayLike<number | string>, options: SilhouetteOptions = {}): number {
  const o = resolveOptions('silhouette', SILHOUETTE_DEFAULTS, options, ['sampleSize', 'random']);
  const m = densePoints(points);
  let use = m;
  let lab: ArrayLike<number | string> = labels;
  if (o.sampleSize !== undefined) {
    const s = checkInteger('sampleSize', o.sampleSize, { min: 2 });
    if (s < m.rows) {
      codeLabels(labels, m.rows);
      const perm = permutation(resolveRandom(o), m.rows);
      const d = m.cols;
      const data = new Float64Array(s * d);
      const sub: (number | string)[] = new Array(s);
      for (let t = 0; t < s; t++) {
        const i = perm[t]!;
        data.set(m.data.subarray(i * d, i * d + d), t * d);
        sub[t] = labels[i]!;
      }
      use = { rows: s, cols: d, data };
      lab = sub;
    }
  }
  const { codes, k } = prepare(use, lab, 'silhouette');
  const s = silhouetteOf(use.data, use.rows, use.cols, codes, k);
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i]!;
  return total / s.length;
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
export function daviesBouldin(points: ClusterPoints, labels: ArrayLike<number | string>): number {
  const { m, codes, k } = prepare(points, labels, 'daviesBouldin');
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
  // scikit-learn returns 0 when np.allclose(spreads, 0) or np.allclose(centroid distances, 0).
  const allClose = (v: Float64Array) => v.every((t) => Math.abs(t) <= 1e-8);
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
export function calinskiHarabasz(points: ClusterPoints, labels: ArrayLike<number | string>): number {
  const { m, codes, k } = prepare(points, labels, 'calinskiHarabasz');
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
