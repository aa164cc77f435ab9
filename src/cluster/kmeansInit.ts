/**
 * k-means initialisation: greedy k-means++ as scikit-learn, or random distinct rows.
 * @module
 * @internal
 */
import { bisectLeft } from '../core/bisect.js';
import { type Random, permutation } from '../core/random.js';
import { type Ctx, rowDist } from './kmeansSteps.js';

export function initCenters(ctx: Ctx, how: 'k-means++' | 'random', random: Random): Float64Array {
  return how === 'random' ? randomRows(ctx, random) : kMeansPlusPlus(ctx.x, ctx.n, ctx.d, ctx.k, ctx.w, random);
}

/** k distinct rows with positive weight, uniformly (fewer positive-weight rows than k: reuse). */
export function randomRows(ctx: Ctx, random: Random): Float64Array {
  const { x, n, d, k, w } = ctx;
  const perm = permutation(random, n);
  const centers = new Float64Array(k * d);
  let c = 0;
  for (let t = 0; t < n && c < k; t++) {
    const i = perm[t]!;
    if (w[i]! > 0) { centers.set(x.subarray(i * d, i * d + d), c * d); c++; }
  }
  for (let t = 0; c < k; t++, c++) centers.set(centers.subarray((t % Math.max(1, c)) * d, (t % Math.max(1, c)) * d + d), c * d);
  return centers;
}

/**
 * Greedy k-means++ as scikit-learn's `_kmeans_plusplus`: the first centre is drawn with probability
 * proportional to weight, each next one is the best of `2 + floor(ln k)` candidates drawn with
 * probability proportional to weight * D^2 (the one that lowers the potential most).
 */
export function kMeansPlusPlus(x: Float64Array, n: number, d: number, k: number, w: Float64Array, random: Random): Float64Array {
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) { total += w[i]!; cum[i] = total; }
  let first = bisectLeft(cum, random() * total);
  if (first >= n) first = n - 1;
  centers.set(x.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) { closest[i] = rowDist(x, i, x, first, d); pot += w[i]! * closest[i]!; }
  const candDist = new Float64Array(trials * n);
  const cand = new Int32Array(trials);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) { acc += w[i]! * closest[i]!; cum[i] = acc; }
    let bestT = 0;
    let bestPot = Infinity;
    for (let t = 0; t < trials; t++) {
      let id = bisectLeft(cum, random() * pot);
      if (id >= n) id = n - 1;
      cand[t] = id;
      let p = 0;
      const off = t * n;
      for (let i = 0; i < n; i++) {
        const dd = rowDist(x, i, x, id, d);
        const m = dd < closest[i]! ? dd : closest[i]!;
        candDist[off + i] = m;
        p += w[i]! * m;
      }
      if (p < bestPot) { bestPot = p; bestT = t; }
    }
    const id = cand[bestT]!;
    centers.set(x.subarray(id * d, id * d + d), c * d);
    closest.set(candDist.subarray(bestT * n, bestT * n + n));
    pot = bestPot;
  }
  return centers;
}
