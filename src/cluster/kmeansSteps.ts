/**
 * Shared pieces of the k-means iterations: the run context, squared distances, per-cluster running
 * sums, the update step (with scikit-learn's empty-cluster relocation), shifts and inertia.
 * @module
 * @internal
 */
import type { Tick } from '../core/progress.js';

/** The result of one restart: final centroids, labels and inertia, and how the loop ended. */
export interface Run {
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
  relocated: number;
}

/** What every restart shares: rows (n x d, row-major), weights, k and the stopping settings (tol absolute). */
export interface Ctx {
  x: Float64Array;
  n: number;
  d: number;
  k: number;
  w: Float64Array;
  tol: number;
  maxIterations: number;
  /** Progress and abort, from runControl('fitKMeans', options). */
  tick: Tick;
  nInit: number;
}

/** Squared Euclidean distance between row i of `a` and row j of `b`, both with d columns. */
export function rowDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const p = i * d;
  const q = j * d;
  for (let t = 0; t < d; t++) { const u = a[p + t]! - b[q + t]!; s += u * u; }
  return s;
}

/**
 * Per-cluster weighted sums of the rows currently assigned, kept up to date as rows move, so an
 * update step costs O(moved rows * d) instead of a pass over the data.
 */
export interface RunningSums { sums: Float64Array; sumW: Float64Array; counts: Int32Array; w: Float64Array }

export function runningSums(k: number, d: number, w: Float64Array): RunningSums {
  return { sums: new Float64Array(k * d), sumW: new Float64Array(k), counts: new Int32Array(k), w };
}

/**
 * Centroids copied into `width` columns (4 or 8), zero beyond d: the kernels for small d then read
 * a centroid at a fixed stride, and adding 0 * 0 leaves a sum unchanged. Those kernels spell the
 * distance out inline: moved into a helper function, V8 does not inline it and Lloyd's pass takes
 * 1.6x as long (measured on T-KM).
 */
export function padCenters(centers: Float64Array, k: number, d: number, width: number): Float64Array {
  const cp = new Float64Array(k * width);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) cp[c * width + j] = centers[c * d + j]!;
  return cp;
}

/** Row i leaves cluster `from` (-1: none) for cluster `to`. */
export function moveRow(r: RunningSums, x: Float64Array, d: number, i: number, from: number, to: number): void {
  const { sums, sumW, counts } = r;
  const wi = r.w[i]!;
  const base = i * d;
  if (from >= 0) {
    counts[from]--;
    sumW[from] -= wi;
    const fb = from * d;
    for (let j = 0; j < d; j++) sums[fb + j] -= wi * x[base + j]!;
    // An emptied cluster gets exact zeros, not the rounding residue of the subtractions.
    if (counts[from] === 0) { sumW[from] = 0; sums.fill(0, fb, fb + d); }
  }
  counts[to]++;
  sumW[to] += wi;
  const tb = to * d;
  for (let j = 0; j < d; j++) sums[tb + j] += wi * x[base + j]!;
}

/** Recomputes the sums from the labels; after many moves this also keeps rounding from accumulating. */
function resetSums(r: RunningSums, x: Float64Array, n: number, d: number, labels: Int32Array): void {
  const { sums, sumW, counts, w } = r;
  sums.fill(0);
  sumW.fill(0);
  counts.fill(0);
  if (d <= 8) { resetSumsNarrow(r, x, n, d, labels); return; }
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    const wi = w[i]!;
    counts[c]++;
    sumW[c] += wi;
    const cb = c * d;
    const base = i * d;
    if (wi === 1) for (let j = 0; j < d; j++) sums[cb + j] += x[base + j]!;
    else for (let j = 0; j < d; j++) sums[cb + j] += wi * x[base + j]!;
  }
}

/**
 * {@link resetSums} for d <= 8: straight-line code over sums padded to 8 columns, copied back after
 * (about 2.5x faster than the loop over j; each sum gets the same additions in the same order).
 */
function resetSumsNarrow(r: RunningSums, x: Float64Array, n: number, d: number, labels: Int32Array): void {
  const { sums, sumW, counts, w } = r;
  const k = counts.length;
  const p = new Float64Array(k * 8);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    const wi = w[i]!;
    counts[c]++;
    sumW[c] += wi;
    const cb = c * 8;
    const base = i * d;
    p[cb] += wi * x[base]!;
    if (d > 1) p[cb + 1] += wi * x[base + 1]!;
    if (d > 2) p[cb + 2] += wi * x[base + 2]!;
    if (d > 3) p[cb + 3] += wi * x[base + 3]!;
    if (d > 4) p[cb + 4] += wi * x[base + 4]!;
    if (d > 5) p[cb + 5] += wi * x[base + 5]!;
    if (d > 6) p[cb + 6] += wi * x[base + 6]!;
    if (d > 7) p[cb + 7] += wi * x[base + 7]!;
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j] = p[c * 8 + j]!;
}

/**
 * The update after an assignment pass that changed `changed` labels, shared by Lloyd and Hamerly. The
 * running sums already follow the rows that moved, unless more than a quarter of them did: then
 * they are recomputed. New centroids go into `out`; returns the clusters relocated.
 */
function updateStep(ctx: Ctx, r: RunningSums, labels: Int32Array, centers: Float64Array, out: Float64Array, scratch: { dist: Float64Array; weightIn: Float64Array }, changed: number): number {
  const { x, n, d, k } = ctx;
  if (changed * 4 > n) resetSums(r, x, n, d, labels);
  // The relocation rule needs squared distances to the current centroid; only when a cluster empties.
  let empty = false;
  for (let c = 0; c < k; c++) if (r.sumW[c] === 0) empty = true;
  if (empty) for (let i = 0; i < n; i++) scratch.dist[i] = rowDist(x, i, centers, labels[i]!, d);
  return updateCenters(ctx, labels, scratch.dist, out, scratch.weightIn, r.sums, r.sumW);
}

/**
 * Update step: weighted means into `out`; empty clusters relocated onto the rows farthest from their
 * centroid (`dist` holds squared distances to the current centroid), as scikit-learn does. Returns
 * the number of relocated clusters.
 */
function updateCenters(ctx: Ctx, labels: Int32Array, dist: Float64Array, out: Float64Array, weightIn: Float64Array, sums: Float64Array, sumW: Float64Array): number {
  const { x, n, d, k, w } = ctx;
  out.set(sums);
  weightIn.set(sumW);
  let relocated = 0;
  let empty = 0;
  for (let c = 0; c < k; c++) if (weightIn[c] === 0) empty++;
  if (empty > 0) {
    // Farthest rows first; ties go to the lower row index. Only rows with positive weight can seed a cluster.
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (w[i]! > 0) order.push(i);
    order.sort((a, b) => dist[b]! - dist[a]! || a - b);
    let t = 0;
    for (let c = 0; c < k && t < order.length; c++) {
      if (weightIn[c] !== 0) continue;
      const i = order[t++]!;
      const old = labels[i]!;
      const wi = w[i]!;
      for (let j = 0; j < d; j++) {
        out[old * d + j] -= wi * x[i * d + j]!;
        out[c * d + j] = wi * x[i * d + j]!;
      }
      weightIn[old] -= wi;
      weightIn[c] = wi;
      relocated++;
    }
  }
  for (let c = 0; c < k; c++) {
    const wc = weightIn[c]!;
    if (wc > 0) for (let j = 0; j < d; j++) out[c * d + j] /= wc;
  }
  return relocated;
}

export function shiftOf(a: Float64Array, b: Float64Array, k: number, d: number, perCenter?: Float64Array): number {
  let total = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) { const t = a[c * d + j]! - b[c * d + j]!; s += t * t; }
    if (perCenter) perCenter[c] = Math.sqrt(s);
    total += s;
  }
  return total;
}

export function inertiaOf(ctx: Ctx, centers: Float64Array, labels: Int32Array): number {
  const { x, n, d, w } = ctx;
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i]! * rowDist(x, i, centers, labels[i]!, d);
  return s;
}

/** How one exact k-means variant assigns rows; {@link iterate} runs the rest of the loop. */
export interface AssignPass {
  /**
   * Assigns every row to its nearest centroid (`first`: no labels yet) and returns the number of
   * labels changed. The running sums must follow the rows that moved, unless more than a quarter
   * of them did (the update then recomputes the sums).
   */
  assign(centers: Float64Array, first: boolean): number;
  /** Told, after each update, how far each centroid moved (Euclidean). */
  moved?(shift: Float64Array): void;
}

/**
 * The k-means loop with scikit-learn's stopping rule, shared by Lloyd and Hamerly: assign, update,
 * stop strictly when an assignment changes no label, else when the summed squared centroid shift is
 * at most tol; unless the stop was strict, a final assignment makes labels and inertia those of the
 * returned centroids. `labels` must start at -1 and `r` empty; the pass reads and writes both.
 */
export function iterate(ctx: Ctx, init: Float64Array, labels: Int32Array, r: RunningSums, pass: AssignPass): Run {
  const { n, d, k, maxIterations, tol } = ctx;
  let centers: Float64Array = init;
  let next: Float64Array = new Float64Array(k * d);
  const scratch = { dist: new Float64Array(n), weightIn: new Float64Array(k) };
  const shift = new Float64Array(k);
  let relocated = 0;
  let strict = false;
  let converged = false;
  let it = 0;
  for (; it < maxIterations; ) {
    const changed = pass.assign(centers, it === 0);
    relocated += updateStep(ctx, r, labels, centers, next, scratch, changed);
    const t = centers; centers = next; next = t;
    it++;
    if (changed === 0 && it > 1) { strict = true; converged = true; break; }
    const total = shiftOf(centers, next, k, d, shift);
    pass.moved?.(shift);
    if (total <= tol) { converged = true; break; }
    ctx.tick('iteration', it, maxIterations);
  }
  if (!strict) pass.assign(centers, it === 0);
  return { centers, labels, inertia: inertiaOf(ctx, centers, labels), iterations: it, converged, relocated };
}
