/**
 * Lloyd's k-means iteration, with an exact assignment step pruned by centroid-to-centroid distances.
 * @module
 * @internal
 */
import { type Ctx, type Run, iterate, moveRow, padCenters, rowDist, runningSums } from './kmeansSteps.js';

/**
 * Assignment step of Lloyd; returns the number of labels that changed. The search is exact but
 * pruned: the previous centroid b is measured first; the other centroids are visited in increasing
 * distance from b, and the scan stops at the first c with ||b - c||^2 > 4 d(x, b)^2 (with a 1e-9
 * margin for rounding): by the triangle inequality neither it nor any farther one can be nearer
 * (Phillips 2002, "compare-means"). Every distance is summed over j = 0..d-1 in the same order as a
 * plain scan, and equal distances go to the lower index, so labels are exactly those of a plain scan,
 * with far fewer operations. For d <= 8 the row is held in locals and the centroids are padded with
 * zero columns to 4 or 8 (adding 0 * 0 leaves a sum unchanged), which V8 compiles to straight-line code.
 */
export function assignAll(
  x: Float64Array, n: number, d: number, k: number, centers: Float64Array, labels: Int32Array, dist: Float64Array | null,
  moved: Int32Array | null = null, from: Int32Array | null = null,
): number {
  const k1 = k - 1;
  const near = new Int32Array(k * k1);
  const nearDist = new Float64Array(k * k1);
  const others = new Int32Array(k1);
  const db = new Float64Array(k1);
  for (let b = 0; b < k; b++) {
    // Insertion sort of the other centroids by distance from b, ties by index (k is small).
    let m = 0;
    for (let c = 0; c < k; c++) {
      if (c === b) continue;
      const v = rowDist(centers, b, centers, c, d);
      let t = m++;
      while (t > 0 && db[t - 1]! > v) { db[t] = db[t - 1]!; others[t] = others[t - 1]!; t--; }
      db[t] = v;
      others[t] = c;
    }
    near.set(others, b * k1);
    nearDist.set(db, b * k1);
  }
  if (d <= 4) return assignNarrow4(x, n, d, k1, padCenters(centers, k, d, 4), labels, dist, near, nearDist, moved, from);
  if (d <= 8) return assignNarrow(x, n, d, k1, padCenters(centers, k, d, 8), labels, dist, near, nearDist, moved, from);
  return assignWide(x, n, d, k1, centers, labels, dist, near, nearDist, moved, from);
}

/** {@link assignAll} for d <= 4: `cp` holds the centroids with 4 columns, zero beyond d. */
export function assignNarrow4(
  x: Float64Array, n: number, d: number, k1: number, cp: Float64Array, labels: Int32Array, dist: Float64Array | null,
  near: Int32Array, nearDist: Float64Array, moved: Int32Array | null, from: Int32Array | null,
): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    const x0 = x[base]!;
    const x1 = d > 1 ? x[base + 1]! : 0;
    const x2 = d > 2 ? x[base + 2]! : 0;
    const x3 = d > 3 ? x[base + 3]! : 0;
    const prev = labels[i]!;
    let best = prev < 0 ? 0 : prev;
    const pb = best * 4;
    let u = x0 - cp[pb]!;
    let bestDist = u * u;
    u = x1 - cp[pb + 1]!; bestDist += u * u;
    u = x2 - cp[pb + 2]!; bestDist += u * u;
    u = x3 - cp[pb + 3]!; bestDist += u * u;
    const limit = 4 * bestDist * (1 + 1e-9);
    const row = best * k1;
    for (let t = 0; t < k1; t++) {
      if (nearDist[row + t]! > limit) break;
      const c = near[row + t]!;
      const cb = c * 4;
      let v = x0 - cp[cb]!;
      let s = v * v;
      v = x1 - cp[cb + 1]!; s += v * v;
      v = x2 - cp[cb + 2]!; s += v * v;
      v = x3 - cp[cb + 3]!; s += v * v;
      if (s < bestDist || (s === bestDist && c < best)) { bestDist = s; best = c; }
    }
    if (dist !== null) dist[i] = bestDist;
    if (prev !== best) {
      labels[i] = best;
      if (moved !== null) { moved[changed] = i; from![changed] = prev; }
      changed++;
    }
  }
  return changed;
}

/** {@link assignAll} for d <= 8: `cp` holds the centroids with 8 columns, zero beyond d. */
export function assignNarrow(
  x: Float64Array, n: number, d: number, k1: number, cp: Float64Array, labels: Int32Array, dist: Float64Array | null,
  near: Int32Array, nearDist: Float64Array, moved: Int32Array | null, from: Int32Array | null,
): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    const x0 = x[base]!;
    const x1 = d > 1 ? x[base + 1]! : 0;
    const x2 = d > 2 ? x[base + 2]! : 0;
    const x3 = d > 3 ? x[base + 3]! : 0;
    const x4 = d > 4 ? x[base + 4]! : 0;
    const x5 = d > 5 ? x[base + 5]! : 0;
    const x6 = d > 6 ? x[base + 6]! : 0;
    const x7 = d > 7 ? x[base + 7]! : 0;
    const prev = labels[i]!;
    let best = prev < 0 ? 0 : prev;
    const pb = best * 8;
    let u = x0 - cp[pb]!;
    let bestDist = u * u;
    u = x1 - cp[pb + 1]!; bestDist += u * u;
    u = x2 - cp[pb + 2]!; bestDist += u * u;
    u = x3 - cp[pb + 3]!; bestDist += u * u;
    u = x4 - cp[pb + 4]!; bestDist += u * u;
    u = x5 - cp[pb + 5]!; bestDist += u * u;
    u = x6 - cp[pb + 6]!; bestDist += u * u;
    u = x7 - cp[pb + 7]!; bestDist += u * u;
    const limit = 4 * bestDist * (1 + 1e-9);
    const row = best * k1;
    for (let t = 0; t < k1; t++) {
      if (nearDist[row + t]! > limit) break;
      const c = near[row + t]!;
      const cb = c * 8;
      let v = x0 - cp[cb]!;
      let s = v * v;
      v = x1 - cp[cb + 1]!; s += v * v;
      v = x2 - cp[cb + 2]!; s += v * v;
      v = x3 - cp[cb + 3]!; s += v * v;
      v = x4 - cp[cb + 4]!; s += v * v;
      v = x5 - cp[cb + 5]!; s += v * v;
      v = x6 - cp[cb + 6]!; s += v * v;
      v = x7 - cp[cb + 7]!; s += v * v;
      if (s < bestDist || (s === bestDist && c < best)) { bestDist = s; best = c; }
    }
    if (dist !== null) dist[i] = bestDist;
    if (prev !== best) {
      labels[i] = best;
      if (moved !== null) { moved[changed] = i; from![changed] = prev; }
      changed++;
    }
  }
  return changed;
}

/** {@link assignAll} for d > 8, the distance loop unrolled by 4 (same summation order). */
export function assignWide(
  x: Float64Array, n: number, d: number, k1: number, centers: Float64Array, labels: Int32Array, dist: Float64Array | null,
  near: Int32Array, nearDist: Float64Array, moved: Int32Array | null, from: Int32Array | null,
): number {
  let changed = 0;
  const d4 = d & ~3;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    const prev = labels[i]!;
    let best = prev < 0 ? 0 : prev;
    let bestDist = 0;
    const pb = best * d;
    let j = 0;
    for (; j < d4; j += 4) {
      let u = x[base + j]! - centers[pb + j]!; bestDist += u * u;
      u = x[base + j + 1]! - centers[pb + j + 1]!; bestDist += u * u;
      u = x[base + j + 2]! - centers[pb + j + 2]!; bestDist += u * u;
      u = x[base + j + 3]! - centers[pb + j + 3]!; bestDist += u * u;
    }
    for (; j < d; j++) { const u = x[base + j]! - centers[pb + j]!; bestDist += u * u; }
    const limit = 4 * bestDist * (1 + 1e-9);
    const row = best * k1;
    for (let t = 0; t < k1; t++) {
      if (nearDist[row + t]! > limit) break;
      const c = near[row + t]!;
      const cb = c * d;
      let s = 0;
      let jj = 0;
      for (; jj < d4; jj += 4) {
        let u = x[base + jj]! - centers[cb + jj]!; s += u * u;
        u = x[base + jj + 1]! - centers[cb + jj + 1]!; s += u * u;
        u = x[base + jj + 2]! - centers[cb + jj + 2]!; s += u * u;
        u = x[base + jj + 3]! - centers[cb + jj + 3]!; s += u * u;
        if (s > bestDist) break;
      }
      if (s > bestDist) continue;
      for (; jj < d; jj++) { const u = x[base + jj]! - centers[cb + jj]!; s += u * u; }
      if (s < bestDist || (s === bestDist && c < best)) { bestDist = s; best = c; }
    }
    if (dist !== null) dist[i] = bestDist;
    if (prev !== best) {
      labels[i] = best;
      if (moved !== null) { moved[changed] = i; from![changed] = prev; }
      changed++;
    }
  }
  return changed;
}

/**
 * Lloyd's iteration: the assignment step is {@link assignAll}; the loop and stopping rule are
 * `iterate`'s (scikit-learn's).
 */
export function lloyd(ctx: Ctx, init: Float64Array): Run {
  const { x, n, d, k } = ctx;
  const labels = new Int32Array(n).fill(-1);
  const run = runningSums(k, d, ctx.w);
  // Rows that changed label in the last assignment, and their previous labels: the running sums are
  // updated after the pass (or recomputed by the update when many rows moved).
  const moved = new Int32Array(n);
  const from = new Int32Array(n);
  return iterate(ctx, init, labels, run, {
    assign(centers) {
      const changed = assignAll(x, n, d, k, centers, labels, null, moved, from);
      if (changed * 4 <= n) for (let t = 0; t < changed; t++) { const i = moved[t]!; moveRow(run, x, d, i, from[t]!, labels[i]!); }
      return changed;
    },
  });
}
