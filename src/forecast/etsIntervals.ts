/**
 * Forecast means and variances of ETS models as R's forecast.ets computes them: exact analytic
 * variances for class 1 (additive error, trend N/A/Ad, season N/A), class 2 (multiplicative error,
 * same trend and season) and class 3 (multiplicative error and season, trend N/A/Ad) of
 * Hyndman et al. (2008), chapter 6; other forms by simulating sample paths with normal
 * innovations (R's simulate.ets) and taking type-8 quantiles.
 * @module
 */
import type { Random } from '../core/random.js';
import { normalQuantile } from '../core/distributions.js';
import { type Flat, flat, kron, sandwich, sparseRows, sparseTimes, timesSparseT } from '../core/smallMatrix.js';
import { type EtsForm, type EtsParams, etsWorkspace, forecastInto, updateState } from './etsRecursion.js';

/** Means and variances of the h forecasts. */
export interface MeanVariance {
  mu: number[];
  variance: number[];
}

/**
 * h point forecasts from a state vector (level, trend?, s_0..s_{m-1}); NaN when a multiplicative trend is negative. O(h).
 * @example
 * pointForecasts([10, 2], { error: 1, trend: 1, season: 0, damped: false, m: 1 }, 1, 3); // => [12, 14, 16]
 */
export function pointForecasts(state: readonly number[], form: EtsForm, phi: number, h: number): number[] {
  const ti = form.trend > 0 ? 1 : 0;
  const s = new Float64Array(Math.max(form.m, 1));
  if (form.season > 0) for (let j = 0; j < form.m; j++) s[j] = state[1 + ti + j]!;
  const f = new Float64Array(h);
  if (!forecastInto(state[0]!, ti ? state[1]! : 0, s, form, phi, f, h)) return new Array<number>(h).fill(NaN);
  return Array.from(f);
}

/**
 * Class 1 (linear homoscedastic) means, variances and the c_j coefficients. O(h p^2).
 * @example
 * class1(3, [10], { error: 1, trend: 0, season: 0, damped: false, m: 1 }, 1, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }).variance; // => [1, 1.25, 1.5]
 */
export function class1(h: number, last: readonly number[], form: EtsForm, sigma2: number, par: EtsParams): MeanVariance & { cj: number[] } {
  const p = last.length;
  const m = form.m;
  const phi = form.damped ? par.phi : 1;
  const H = new Float64Array(p);
  H[0] = 1;
  if (form.season === 1) H[p - 1] = 1;
  if (form.trend === 1) H[1] = phi;
  const F = flat(p, p);
  F.a[0] = 1;
  if (form.trend === 1) { F.a[1] = phi; F.a[p + 1] = phi; }
  if (form.season === 1) {
    F.a[(p - m) * p + p - 1] = 1;
    for (let i = 0; i < m - 1; i++) F.a[(p - m + 1 + i) * p + p - m + i] = 1;
  }
  const Ft = sparseRows(F, true);
  const G = new Float64Array(p);
  G[0] = par.alpha;
  if (form.trend === 1) G[1] = par.beta;
  if (form.season === 1) G[form.trend === 1 ? 2 : 1] = par.gamma;
  const mu: number[] = [];
  const cj: number[] = [];
  let Fj = flat(p, p);
  for (let i = 0; i < p; i++) Fj.a[i * p + i] = 1;
  const hRow = (M: Flat, v: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < p; i++) { let r = 0; for (let j = 0; j < p; j++) r += M.a[i * p + j]! * v[j]!; s += H[i]! * r; }
    return s;
  };
  for (let i = 0; i < h - 1; i++) {
    mu.push(hRow(Fj, last));
    cj.push(hRow(Fj, G));
    Fj = timesSparseT(Fj, Ft);
  }
  mu.push(hRow(Fj, last));
  const variance = [sigma2];
  let acc = 0;
  for (let i = 0; i < h - 1; i++) { acc += cj[i]! * cj[i]!; variance.push(sigma2 * (1 + acc)); }
  return { mu, variance, cj };
}

/**
 * Class 2 (multiplicative error, linear states) variances. O(h^2 + class 1).
 * @example
 * class2(2, [10], { error: 2, trend: 0, season: 0, damped: false, m: 1 }, 0.01, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }).variance[0]; // => 1
 */
export function class2(h: number, last: readonly number[], form: EtsForm, sigma2: number, par: EtsParams): MeanVariance {
  const c = class1(h, last, form, sigma2, par);
  const theta = new Float64Array(h);
  theta[0] = c.mu[0]! ** 2;
  for (let j = 1; j < h; j++) {
    let s = 0;
    for (let k = 0; k < j; k++) s += c.cj[k]! ** 2 * theta[j - 1 - k]!;
    theta[j] = c.mu[j]! ** 2 + sigma2 * s;
  }
  return { mu: c.mu, variance: c.mu.map((mu, j) => (1 + sigma2) * theta[j]! - mu * mu) };
}

/**
 * Class 3 (multiplicative error and season) means and variances, by Kronecker products (sparse, so
 * O(h (m(p-m))^2) rather than the dense cube).
 * @example
 * class3(1, [10, 1.2, 0.8], { error: 2, trend: 0, season: 2, damped: false, m: 2 }, 0.01, { alpha: 0.5, beta: 0, gamma: 0.1, phi: 1 }).mu; // => [8]
 */
export function class3(h: number, last: readonly number[], form: EtsForm, sigma2: number, par: EtsParams): MeanVariance {
  const p = last.length;
  const m = form.m;
  const nt = p - m;
  const H1 = flat(1, nt);
  H1.a.fill(1);
  const H2 = flat(1, m);
  H2.a[m - 1] = 1;
  const F1 = form.trend === 0 ? flat(1, 1, [[1]]) : flat(2, 2, [[1, 1], [0, form.damped ? par.phi : 1]]);
  const G1 = form.trend === 0 ? flat(1, 1, [[par.alpha]]) : flat(2, 2, [[par.alpha, par.alpha], [par.beta, par.beta]]);
  const F2 = flat(m, m);
  F2.a[m - 1] = 1;
  for (let i = 1; i < m; i++) F2.a[i * m + i - 1] = 1;
  const G2 = flat(m, m);
  G2.a[m - 1] = par.gamma;
  const size = nt * m;
  // Mh = x1 x2' (level and trend times the season states); Vh its covariance, in vec (column-major) order.
  let Mh = flat(nt, m);
  for (let r = 0; r < nt; r++) for (let c = 0; c < m; c++) Mh.a[r * m + c] = last[r]! * last[nt + c]!;
  let Vh = flat(size, size);
  const K = kron(G2, F1);
  addInto(K, kron(F2, G1));
  const sH1 = sparseRows(H1), sH2 = sparseRows(H2), sH21 = sparseRows(kron(H2, H1));
  const sF1 = sparseRows(F1), sG1 = sparseRows(G1), sF2 = sparseRows(F2), sG2 = sparseRows(G2);
  const sF21 = sparseRows(kron(F2, F1)), sG21 = sparseRows(kron(G2, G1)), sK = sparseRows(K);
  const mu: number[] = [];
  const variance: number[] = [];
  const vv = flat(size, size);
  const vec = new Float64Array(size);
  const sum = flat(size, size);
  for (let i = 0; i < h; i++) {
    const mi = timesSparseT(sparseTimes(sH1, Mh), sH2).a[0]!;
    mu.push(mi);
    variance.push((1 + sigma2) * sandwich(sH21, Vh, sH21).a[0]! + sigma2 * mi * mi);
    for (let c = 0; c < m; c++) for (let r = 0; r < nt; r++) vec[c * nt + r] = Mh.a[r * m + c]!;
    for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) vv.a[a * size + b] = vec[a]! * vec[b]!;
    // R's terms in R's order: F V F' + sigma2 ((F V G' + G V F' + K (V + vv) K') + sigma2 G (3 V + 2 vv) G').
    const FV = sparseTimes(sF21, Vh);
    const next = timesSparseT(FV, sF21);
    const inner = timesSparseT(FV, sG21);
    addInto(inner, sandwich(sG21, Vh, sF21));
    for (let t = 0; t < sum.a.length; t++) sum.a[t] = Vh.a[t]! + vv.a[t]!;
    addInto(inner, sandwich(sK, sum, sK));
    for (let t = 0; t < sum.a.length; t++) sum.a[t] = Vh.a[t]! * 3 + vv.a[t]! * 2;
    const E = sandwich(sG21, sum, sG21);
    for (let t = 0; t < inner.a.length; t++) next.a[t]! += (inner.a[t]! + E.a[t]! * sigma2) * sigma2;
    Vh = next;
    const GM = sandwich(sG1, Mh, sG2);
    Mh = sandwich(sF1, Mh, sF2);
    for (let t = 0; t < Mh.a.length; t++) Mh.a[t]! += GM.a[t]! * sigma2;
  }
  return { mu, variance };
}

/** A += B, entrywise. */
function addInto(A: Flat, B: Flat): void {
  for (let t = 0; t < A.a.length; t++) A.a[t]! += B.a[t]!;
}

/**
 * R's quantile type 8 (median-unbiased) of sorted values. O(1).
 * @example
 * quantileType8(Float64Array.of(1, 2, 3, 4), 0.5); // => 2.5
 */
export function quantileType8(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const nppm = n * p + (p + 1) / 3;
  const j = Math.floor(nppm + 4 * 2.220446049250313e-16);
  const g = nppm - j;
  const lo = sorted[Math.min(Math.max(j, 1), n) - 1]!;
  const hi = sorted[Math.min(Math.max(j + 1, 1), n) - 1]!;
  return Math.abs(g) < 4 * 2.220446049250313e-16 ? lo : (1 - g) * lo + g * hi;
}

/**
 * Simulated future paths from the last state with N(0, sigma2) innovations (clamped at -1 for
 * multiplicative error, as R's simulate.ets), row-major paths x h; NaN where a multiplicative
 * trend turned negative. O(paths * h * m).
 * @example
 * simulatePaths([10], { error: 1, trend: 0, season: 0, damped: false, m: 1 }, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, 1, 3, 2, createRandom(1)).length; // => 6
 */
export function simulatePaths(
  last: readonly number[],
  form: EtsForm,
  par: EtsParams,
  sigma2: number,
  h: number,
  paths: number,
  random: Random,
): Float64Array {
  const sims = new Float64Array(paths * h);
  const ws = etsWorkspace(form.m, 1);
  const { s, olds, f, lb } = ws;
  const ti = form.trend > 0 ? 1 : 0;
  const m = form.m;
  const phi = form.damped ? par.phi : 1;
  const beta = form.trend > 0 ? par.beta : 0;
  const gamma = form.season > 0 ? par.gamma : 0;
  const sd = Math.sqrt(sigma2);
  for (let k = 0; k < paths; k++) {
    let l = last[0]!;
    let b = ti ? last[1]! : 0;
    if (form.season > 0) for (let j = 0; j < m; j++) s[j] = last[1 + ti + j]!;
    for (let i = 0; i < h; i++) {
      let u = random();
      while (u <= 0) u = random();
      let e = sd * normalQuantile(u);
      if (form.error === 2 && e < -1) e = -1;
      const oldl = l, oldb = b;
      if (form.season > 0) for (let j = 0; j < m; j++) olds[j] = s[j]!;
      if (!forecastInto(oldl, oldb, olds, form, phi, f, 1)) { sims[k * h + i] = NaN; continue; }
      const yi = form.error === 1 ? f[0]! + e : f[0]! * (1 + e);
      sims[k * h + i] = yi;
      updateState(yi, oldl, oldb, olds, s, form, par.alpha, beta, gamma, phi, lb);
      l = lb[0]!;
      b = lb[1]!;
    }
  }
  return sims;
}

/**
 * Per-horizon type-8 quantiles (R's default in forecast.ets) of {@link simulatePaths} at the given
 * probabilities; paths that failed are left out. O(paths * h * m + h paths log paths).
 * @example
 * // Zero variance: every path stays at the level.
 * simulatedQuantiles([10], { error: 1, trend: 0, season: 0, damped: false, m: 1 }, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, 0, 2, 50, [0.1, 0.9], createRandom(1)); // => [[10, 10], [10, 10]]
 */
export function simulatedQuantiles(
  last: readonly number[],
  form: EtsForm,
  par: EtsParams,
  sigma2: number,
  h: number,
  paths: number,
  probs: readonly number[],
  random: Random,
): number[][] {
  const sims = simulatePaths(last, form, par, sigma2, h, paths, random);
  const out = probs.map(() => new Array<number>(h));
  const col = new Float64Array(paths);
  for (let i = 0; i < h; i++) {
    let c = 0;
    for (let k = 0; k < paths; k++) { const v = sims[k * h + i]!; if (Number.isFinite(v)) col[c++] = v; }
    const sorted = col.subarray(0, c).slice().sort();
    for (let q = 0; q < probs.length; q++) out[q]![i] = c > 0 ? quantileType8(sorted, probs[q]!) : NaN;
  }
  return out;
}
