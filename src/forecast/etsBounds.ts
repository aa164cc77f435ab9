/**
 * Parameter space of ETS fits as R's forecast::ets defines it: start values (initparam), the
 * "usual" box constraints (0 < beta < alpha < 1, 0 < gamma < 1 - alpha, phi in [0.8, 0.98]) and
 * the "admissible" (forecastable) region of Hyndman et al. (2008), chapter 10, which for seasonal
 * models asks that the characteristic polynomial have its roots in the unit disk.
 * @module
 */

/** Which constraints hold: R's `bounds` argument. */
export type EtsBounds = 'both' | 'usual' | 'admissible';

/** Which parameters are estimated (true) or fixed by the caller (false), and which exist. */
export interface ParamFlags {
  optAlpha: boolean;
  optBeta: boolean;
  optGamma: boolean;
  optPhi: boolean;
  givenBeta: boolean;
  givenGamma: boolean;
}

/**
 * True when every root of c[0] + c[1] z + ... + c[d] z^d has modulus <= rho, by the Schur-Cohn
 * step-down (no root finding; O(d^2)). `work` must hold 2 (d + 1) numbers.
 * @example
 * rootsWithin(Float64Array.of(0.25, 0, 1), 2, 1, new Float64Array(6)); // => true
 * rootsWithin(Float64Array.of(-4, 0, 1), 2, 1, new Float64Array(6)); // => false
 */
export function rootsWithin(c: Float64Array, d: number, rho: number, work: Float64Array): boolean {
  // work holds two rows of d + 1: the current polynomial and the next one.
  let cur = 0;
  let nxt = d + 1;
  let scale = 1;
  for (let i = 0; i <= d; i++) { work[i] = c[i]! * scale; scale *= rho; }
  for (let k = d; k > 0; k--) {
    const c0 = work[cur]!;
    const ck = work[cur + k]!;
    if (!(Math.abs(c0) < Math.abs(ck))) return false;
    // (ck p(z) - c0 p*(z)) / z has degree k - 1 and the same roots inside the disk, less one.
    // Divided by ck so the coefficients neither underflow nor overflow over many steps.
    const r = c0 / ck;
    for (let i = 0; i < k; i++) work[nxt + i] = work[cur + i + 1]! - r * work[cur + k - 1 - i]!;
    const t = cur; cur = nxt; nxt = t;
  }
  return true;
}

/**
 * The admissible region (R's `admissible`): phi in [0, 1 + 1e-8], then the non-seasonal
 * inequalities, or for seasonal models the inequalities plus the root condition (roots of the
 * characteristic polynomial within 1 + 1e-10). O(m^2).
 * @example
 * const flags = { optAlpha: true, optBeta: false, optGamma: false, optPhi: false, givenBeta: false, givenGamma: false };
 * admissible(2.5, 0, 0, 1, 1, flags, false, false, new Float64Array(3), new Float64Array(6)); // => false
 */
export function admissible(
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  m: number,
  flags: ParamFlags,
  hasTrend: boolean,
  hasSeason: boolean,
  poly: Float64Array,
  work: Float64Array,
): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!hasSeason) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (hasTrend && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  if (m <= 1) return true;
  const b = hasTrend ? beta : 0;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (b < -(1 - phi) * (gamma / m + alpha)) return false;
  // Ascending coefficients: phi(1-a-g), a+b-a*phi+g-1, (a+b-a*phi) x (m-2), a+b-phi, 1.
  poly[0] = phi * (1 - alpha - gamma);
  poly[1] = alpha + b - alpha * phi + gamma - 1;
  for (let i = 2; i < m; i++) poly[i] = alpha + b - alpha * phi;
  poly[m] = alpha + b - phi;
  poly[m + 1] = 1;
  return rootsWithin(poly, m + 1, 1 + 1e-10, work);
}

/**
 * R's check.param as the optimiser applies it (forecast's C++ target function): box bounds on the
 * estimated parameters, then admissibility. O(m^2).
 * @example
 * const flags = { optAlpha: true, optBeta: false, optGamma: false, optPhi: false, givenBeta: false, givenGamma: false };
 * paramsOk(0.5, 0, 0, 1, [1e-4, 1e-4, 1e-4, 0.8], [0.9999, 0.9999, 0.9999, 0.98], 'both', 1, flags, false, false, new Float64Array(3), new Float64Array(6)); // => true
 */
export function paramsOk(
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  lower: readonly number[],
  upper: readonly number[],
  bounds: EtsBounds,
  m: number,
  flags: ParamFlags,
  hasTrend: boolean,
  hasSeason: boolean,
  poly: Float64Array,
  work: Float64Array,
): boolean {
  if (bounds !== 'admissible') {
    if (flags.optAlpha && (alpha < lower[0]! || alpha > upper[0]!)) return false;
    if (flags.optBeta && (beta < lower[1]! || beta > alpha || beta > upper[1]!)) return false;
    if (flags.optPhi && (phi < lower[3]! || phi > upper[3]!)) return false;
    if (flags.optGamma && (gamma < lower[2]! || gamma > 1 - alpha || gamma > upper[2]!)) return false;
  }
  if (bounds !== 'usual') {
    return admissible(alpha, beta, gamma, phi, m, flags, hasTrend, hasSeason, poly, work);
  }
  return true;
}

/**
 * Start values of the estimated smoothing parameters (R's initparam), in the order alpha, beta,
 * gamma, phi (only those estimated). `lower`/`upper` are the caller's, already adjusted for fixed
 * values. O(1).
 * @example
 * initialParams({}, true, false, false, [1e-4, 1e-4, 1e-4, 0.8], [0.9999, 0.9999, 0.9999, 0.98], 1, 'both').names; // => ['alpha', 'beta']
 */
export function initialParams(
  fixed: { alpha?: number; beta?: number; gamma?: number; phi?: number },
  hasTrend: boolean,
  hasSeason: boolean,
  damped: boolean,
  lowerIn: readonly number[],
  upperIn: readonly number[],
  m: number,
  bounds: EtsBounds,
): { names: ('alpha' | 'beta' | 'gamma' | 'phi')[]; values: number[]; alpha: number } {
  const lower = lowerIn.slice();
  const upper = upperIn.slice();
  if (bounds === 'admissible') {
    for (let i = 0; i < 3; i++) { lower[i] = 0; upper[i] = 0.001; }
  }
  const names: ('alpha' | 'beta' | 'gamma' | 'phi')[] = [];
  const values: number[] = [];
  let alpha = fixed.alpha;
  if (alpha === undefined) {
    alpha = lower[0]! + (0.2 * (upper[0]! - lower[0]!)) / m;
    if (alpha > 1 || alpha < 0) alpha = lower[0]! + 0.002;
    names.push('alpha'); values.push(alpha);
  }
  if (hasTrend && fixed.beta === undefined) {
    upper[1] = Math.min(upper[1]!, alpha);
    let beta = lower[1]! + 0.1 * (upper[1]! - lower[1]!);
    if (beta < 0 || beta > alpha) beta = alpha - 0.001;
    names.push('beta'); values.push(beta);
  }
  if (hasSeason && fixed.gamma === undefined) {
    upper[2] = Math.min(upper[2]!, 1 - alpha);
    let gamma = lower[2]! + 0.05 * (upper[2]! - lower[2]!);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 0.001;
    names.push('gamma'); values.push(gamma);
  }
  if (damped && fixed.phi === undefined) {
    let phi = lower[3]! + 0.99 * (upper[3]! - lower[3]!);
    if (phi < 0 || phi > 1) phi = upper[3]! - 0.001;
    names.push('phi'); values.push(phi);
  }
  return { names, values, alpha };
}
