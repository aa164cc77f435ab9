/**
 * Mini-batch k-means (Sculley 2010) with scikit-learn's per-centre learning rate.
 * @module
 * @internal
 */
import { type Random, fork, permutation, randomInt } from '../core/random.js';
import type { KMeansInit } from './kmeans.js';
import { initCenters } from './kmeansInit.js';
import { assignAll } from './kmeansLloyd.js';
import { type Ctx, type Run, inertiaOf, shiftOf } from './kmeansSteps.js';
import { nearestCenter } from './shared.js';

/**
 * Mini-batch k-means (Sculley 2010) with scikit-learn's per-centre learning rate: each step draws
 * `batchSize` rows with replacement, assigns them, and moves each centroid to the weighted mean of
 * its past and new points. The `nInit` initialisations are compared on a sample of 3 * batchSize
 * rows and the best one is iterated. Stops after maxIterations epochs, when the squared centroid
 * shift of a step is <= tol, or when the smoothed batch inertia has not improved for
 * `maxNoImprovement` steps. Labels and inertia come from a final full assignment.
 */
export function miniBatch(ctx: Ctx, given: Float64Array | undefined, how: KMeansInit, random: Random, batchSize: number, maxNoImprovement: number): Run {
  const { x, n, d, k, w } = ctx;
  const b = Math.min(batchSize, n);
  let centers: Float64Array;
  if (given) centers = given.slice();
  else {
    // Initialise on a random sample (scikit-learn's init_size = 3 * batch_size).
    const size = Math.min(n, Math.max(3 * b, k));
    const perm = permutation(fork(random), n);
    const sx = new Float64Array(size * d);
    const sw = new Float64Array(size);
    for (let t = 0; t < size; t++) { const i = perm[t]!; sx.set(x.subarray(i * d, i * d + d), t * d); sw[t] = w[i]!; }
    const sub: Ctx = { ...ctx, x: sx, n: size, w: sw };
    let bestInertia = Infinity;
    centers = new Float64Array(k * d);
    for (let r = 0; r < ctx.nInit; r++) {
      const c = initCenters(sub, how as 'k-means++' | 'random', fork(random));
      const lab = new Int32Array(size);
      assignAll(sx, size, d, k, c, lab, new Float64Array(size));
      const inertia = inertiaOf(sub, c, lab);
      if (inertia < bestInertia) { bestInertia = inertia; centers = c; }
    }
  }
  const counts = new Float64Array(k);
  const sums = new Float64Array(k * d);
  const bw = new Float64Array(k);
  const old = new Float64Array(k * d);
  const tmp = new Float64Array(1);
  const stepsPerEpoch = Math.ceil(n / b);
  const totalSteps = ctx.maxIterations * stepsPerEpoch;
  const alpha = Math.min(1, (2 * b) / (n + 1));
  let ewa = NaN;
  let bestEwa = Infinity;
  let noImprovement = 0;
  let converged = false;
  let step = 0;
  for (; step < totalSteps; ) {
    sums.fill(0);
    bw.fill(0);
    let batchInertia = 0;
    let batchWeight = 0;
    for (let t = 0; t < b; t++) {
      const i = randomInt(random, n);
      const c = nearestCenter(x, i, centers, k, d, tmp);
      const wi = w[i]!;
      batchInertia += wi * tmp[0]!;
      batchWeight += wi;
      bw[c] += wi;
      for (let j = 0; j < d; j++) sums[c * d + j] += wi * x[i * d + j]!;
    }
    old.set(centers);
    for (let c = 0; c < k; c++) {
      const add = bw[c]!;
      if (add === 0) continue;
      const total = counts[c]! + add;
      for (let j = 0; j < d; j++) centers[c * d + j] = (centers[c * d + j]! * counts[c]! + sums[c * d + j]!) / total;
      counts[c] = total;
    }
    step++;
    const shift = shiftOf(centers, old, k, d);
    if (ctx.tol > 0 && shift <= ctx.tol) { converged = true; break; }
    const bi = batchWeight > 0 ? batchInertia / batchWeight : 0;
    ewa = Number.isNaN(ewa) ? bi : ewa * (1 - alpha) + bi * alpha;
    if (ewa < bestEwa) { bestEwa = ewa; noImprovement = 0; }
    else if (++noImprovement >= maxNoImprovement) { converged = true; break; }
    if (step % stepsPerEpoch === 0) ctx.tick('step', step, totalSteps);
  }
  const labels = new Int32Array(n);
  const dist = new Float64Array(n);
  assignAll(x, n, d, k, centers, labels, dist);
  return { centers, labels, inertia: inertiaOf(ctx, centers, labels), iterations: Math.ceil(step / stepsPerEpoch), converged, relocated: 0 };
}
