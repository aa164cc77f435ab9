/**
 * The ETS state equations (Hyndman, Koehler, Ord & Snyder 2008, Forecasting with Exponential
 * Smoothing, tables 2.2-2.3, in the error-correction form R's forecast::ets evaluates in C):
 * one-step forecasts, innovations, state updates and the likelihood criterion
 * `n log(sum e^2) + 2 sum log|yhat|` (the last term for multiplicative error only), which is
 * -2 log L up to a constant.
 * @module
 */

/** Component codes: 0 none, 1 additive, 2 multiplicative (error: 1 or 2). */
export type Component = 0 | 1 | 2;

/** A model form with its seasonal period (m = 1 when there is no season). */
export interface EtsForm {
  readonly error: 1 | 2;
  readonly trend: Component;
  readonly season: Component;
  readonly damped: boolean;
  /** Seasonal period; 1 when season is 0. */
  readonly m: number;
}

/** Smoothing parameters; beta, gamma and phi are ignored where the form has no such component. */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** Scratch buffers reused across likelihood evaluations (no allocation per evaluation). */
export interface EtsWorkspace {
  readonly s: Float64Array;
  readonly olds: Float64Array;
  readonly f: Float64Array;
  readonly amse: Float64Array;
  readonly denom: Float64Array;
  /** The level and trend {@link updateState} writes. */
  readonly lb: Float64Array;
}

const TOL = 1e-10;
const HUGE = 1e10;

/**
 * Number of states of a form: level, trend if any, m seasonal states if any. O(1).
 * @example
 * stateCount({ error: 2, trend: 1, season: 2, damped: true, m: 12 }); // => 14
 */
export function stateCount(form: EtsForm): number {
  return 1 + (form.trend > 0 ? 1 : 0) + (form.season > 0 ? form.m : 0);
}

/**
 * Buffers for a form with period m and nmse-step mse. O(m + nmse).
 * @example
 * etsWorkspace(4, 3).amse.length; // => 3
 */
export function etsWorkspace(m: number, nmse: number): EtsWorkspace {
  const k = Math.max(nmse, 1);
  return { s: new Float64Array(Math.max(m, 1)), olds: new Float64Array(Math.max(m, 1)), f: new Float64Array(k), amse: new Float64Array(k), denom: new Float64Array(k), lb: new Float64Array(2) };
}

/**
 * h point forecasts from level l, trend b and seasonal states s (s[0] most recent) into f.
 * Returns false when a multiplicative trend is negative (no forecast). O(h).
 * @example
 * const f = new Float64Array(3);
 * forecastInto(10, 2, new Float64Array(1), { error: 1, trend: 1, season: 0, damped: false, m: 1 }, 1, f, 3);
 * Array.from(f); // => [12, 14, 16]
 */
export function forecastInto(l: number, b: number, s: Float64Array, form: EtsForm, phi: number, f: Float64Array, h: number): boolean {
  const { trend, season, m } = form;
  let phistar = phi;
  for (let i = 0; i < h; i++) {
    let v: number;
    if (trend === 0) v = l;
    else if (trend === 1) v = l + phistar * b;
    else if (b < 0) return false;
    else v = l * Math.pow(b, phistar);
    if (season > 0) {
      let j = m - 1 - i;
      while (j < 0) j += m;
      v = season === 1 ? v + s[j]! : v * s[j]!;
    }
    f[i] = v;
    // phi + phi^2 + ... + phi^(i+2) for the next step. forecast 8.20's C code adds phi^(i+1) here
    // (2 phi at step 2), fixed upstream in forecast PR #1172; it only touched simulated-interval
    // means and the amse of damped fits.
    if (i < h - 1) phistar += Math.abs(phi - 1) < TOL ? 1 : Math.pow(phi, i + 2);
  }
  return true;
}

/**
 * Runs the state equations over y from the initial state x0 (level, trend?, s_0..s_{m-1} with
 * s_0 the most recent) and returns the likelihood criterion, or NaN when a multiplicative trend
 * turns negative. Writes innovations into `e` and the n+1 state vectors (row-major) into
 * `states` when given; ws.amse[j] gets the in-sample (j+1)-step mean squared error. O(n (m + nmse)).
 * @example
 * // ETS(A,N,N), alpha 0.5 from level 10: errors 0, 2, 0, so the criterion is 3 log 4.
 * etsRecursion([10, 12, 11], { error: 1, trend: 0, season: 0, damped: false, m: 1 }, [10], { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, etsWorkspace(1, 1), 1, null, null) === 3 * Math.log(4); // => true
 */
export function etsRecursion(
  y: ArrayLike<number>,
  form: EtsForm,
  x0: ArrayLike<number>,
  par: EtsParams,
  ws: EtsWorkspace,
  nmse: number,
  e: Float64Array | null,
  states: Float64Array | null,
): number {
  const { error, trend, season, m } = form;
  const n = y.length;
  const alpha = par.alpha;
  const beta = trend > 0 ? par.beta : 0;
  const gamma = season > 0 ? par.gamma : 0;
  const phi = form.damped ? par.phi : 1;
  const { s, olds, f, amse, denom, lb } = ws;
  const p = stateCount(form);
  const ti = trend > 0 ? 1 : 0;
  let l = x0[0]!;
  let b = trend > 0 ? x0[1]! : 0;
  if (season > 0) for (let j = 0; j < m; j++) s[j] = x0[1 + ti + j]!;
  if (states !== null) for (let j = 0; j < p; j++) states[j] = x0[j]!;
  for (let j = 0; j < nmse; j++) { amse[j] = 0; denom[j] = 0; }
  let sse = 0;
  let sumLog = 0;
  for (let i = 0; i < n; i++) {
    const oldl = l;
    const oldb = b;
    if (season > 0) for (let j = 0; j < m; j++) olds[j] = s[j]!;
    if (!forecastInto(oldl, oldb, olds, form, phi, f, nmse > 0 ? nmse : 1)) return NaN;
    const yi = y[i]!;
    const fit = f[0]!;
    const ei = error === 1 ? yi - fit : (yi - fit) / fit;
    if (e !== null) e[i] = ei;
    for (let j = 0; j < nmse; j++) {
      if (i + j < n) {
        denom[j]! += 1;
        const t = y[i + j]! - f[j]!;
        amse[j] = (amse[j]! * (denom[j]! - 1) + t * t) / denom[j]!;
      }
    }
    updateState(yi, oldl, oldb, olds, s, form, alpha, beta, gamma, phi, lb);
    l = lb[0]!;
    b = lb[1]!;
    if (states !== null) {
      const o = p * (i + 1);
      states[o] = l;
      if (trend > 0) states[o + 1] = b;
      if (season > 0) for (let j = 0; j < m; j++) states[o + 1 + ti + j] = s[j]!;
    }
    sse += ei * ei;
    sumLog += Math.log(Math.abs(fit));
  }
  let lik = n * Math.log(sse);
  if (error === 2) lik += 2 * sumLog;
  return lik;
}

/**
 * One state update in error-correction form, as forecast's C code: from the previous level `oldl`,
 * trend `oldb` and seasonal states `olds` (olds[0] most recent) and the observation `yi`, writes the
 * new level and trend to lb[0], lb[1] and the new seasonal states to `s`. Used by the recursion and
 * by the simulation, so both follow one set of equations. O(m).
 * @example
 * const lb = new Float64Array(2);
 * updateState(12, 10, 0, new Float64Array(1), new Float64Array(1), { error: 1, trend: 0, season: 0, damped: false, m: 1 }, 0.5, 0, 0, 1, lb);
 * lb[0]; // => 11
 */
export function updateState(
  yi: number,
  oldl: number,
  oldb: number,
  olds: Float64Array,
  s: Float64Array,
  form: EtsForm,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  lb: Float64Array,
): void {
  const { trend, season, m } = form;
  let q: number;
  let phib: number;
  if (trend === 0) { q = oldl; phib = 0; }
  else if (trend === 1) { phib = phi * oldb; q = oldl + phib; }
  else { phib = Math.abs(phi - 1) < TOL ? oldb : Math.pow(oldb, phi); q = oldl * phib; }
  const sm = season > 0 ? olds[m - 1]! : 0;
  let pv: number;
  if (season === 0) pv = yi;
  else if (season === 1) pv = yi - sm;
  else pv = Math.abs(sm) < TOL ? HUGE : yi / sm;
  const l = q + alpha * (pv - q);
  let b = oldb;
  if (trend > 0) {
    const r = trend === 1 ? l - oldl : Math.abs(oldl) < TOL ? HUGE : l / oldl;
    b = phib + (beta / alpha) * (r - phib);
  }
  if (season > 0) {
    const t = season === 1 ? yi - q : Math.abs(q) < TOL ? HUGE : yi / q;
    s[0] = sm + gamma * (t - sm);
    for (let j = 1; j < m; j++) s[j] = olds[j - 1]!;
  }
  lb[0] = l;
  lb[1] = b;
}

/**
 * The likelihood criterion alone, for the optimiser: the same arithmetic as {@link etsRecursion}
 * in the same order, but the seasonal states live in a ring buffer (the slot read as s_{t-m} is
 * the one overwritten by s_t, so nothing is copied) and no innovations, states or multi-step
 * errors are kept. `ring` must hold m numbers. O(n).
 * @example
 * etsLikelihood(Float64Array.of(10, 12, 11), { error: 1, trend: 0, season: 0, damped: false, m: 1 }, Float64Array.of(10), { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, new Float64Array(1)) === 3 * Math.log(4); // => true
 */
export function etsLikelihood(y: Float64Array, form: EtsForm, x0: Float64Array, par: EtsParams, ring: Float64Array): number {
  const { error, trend, season } = form;
  const m = season > 0 ? form.m : 1;
  const n = y.length;
  const alpha = par.alpha;
  const bovera = trend > 0 ? par.beta / alpha : 0;
  const gamma = season > 0 ? par.gamma : 0;
  const phi = form.damped ? par.phi : 1;
  const unitPhi = Math.abs(phi - 1) < TOL;
  const ti = trend > 0 ? 1 : 0;
  let l = x0[0]!;
  let b = ti ? x0[1]! : 0;
  // ring[k] holds s_{m-1-k} of the initial vector, so the oldest state (s_{m-1}) is at slot 0.
  if (season > 0) for (let j = 0; j < m; j++) ring[m - 1 - j] = x0[1 + ti + j]!;
  let slot = 0;
  let sse = 0;
  let sumLog = 0;
  let prod = 1;
  for (let i = 0; i < n; i++) {
    const oldl = l;
    let q: number;
    let phib: number;
    if (trend === 0) { q = oldl; phib = 0; }
    else if (trend === 1) { phib = phi * b; q = oldl + phib; }
    else {
      if (b < 0) return NaN;
      phib = unitPhi ? b : Math.pow(b, phi);
      q = oldl * phib;
    }
    const sm = season > 0 ? ring[slot]! : 0;
    const fit = season === 0 ? q : season === 1 ? q + sm : q * sm;
    const yi = y[i]!;
    const ei = error === 1 ? yi - fit : (yi - fit) / fit;
    sse += ei * ei;
    if (error === 2) {
      // One log per run of steps instead of per step: multiply |yhat| until the product nears
      // the floating-point range, then take its log (same sum to ~1e-15).
      prod *= Math.abs(fit);
      if (prod > 1e150 || prod < 1e-150) { sumLog += Math.log(prod); prod = 1; }
    }
    const pv = season === 0 ? yi : season === 1 ? yi - sm : Math.abs(sm) < TOL ? HUGE : yi / sm;
    l = q + alpha * (pv - q);
    if (trend === 1) b = phib + bovera * (l - oldl - phib);
    else if (trend === 2) b = phib + bovera * ((Math.abs(oldl) < TOL ? HUGE : l / oldl) - phib);
    if (season > 0) {
      const t = season === 1 ? yi - q : Math.abs(q) < TOL ? HUGE : yi / q;
      ring[slot] = sm + gamma * (t - sm);
      slot = slot + 1 === m ? 0 : slot + 1;
    }
  }
  let lik = n * Math.log(sse);
  if (error === 2) lik += 2 * (sumLog + Math.log(prod));
  return lik;
}
