/**
 * BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing:
 * maximum-likelihood fit, probability alive, and expected purchases.
 * Source: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "Counting Your Customers the Easy Way:
 * An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284 (eq. 6 likelihood,
 * eq. 9 E[X(t)], eq. 10 conditional expectation) and Fader, Hardie & Lee (2008) "Computing
 * P(alive) using the BG/NBD model".
 * @module
 */
import { MAX_PARAMETER, PARAMETER_HINT } from './fitSupport.js';
import { CrmError, describeValue } from '../core/errors.js';
import { createIdTable, idOf } from '../core/idTable.js';
import { checkModel } from '../core/model.js';
import { runControl } from '../core/progress.js';
import { custom, defineOptions, opt, resolveOptionTable } from '../core/options.js';
import type { Random } from '../core/random.js';
import { checkNumber } from '../core/validate.js';
import {
  BOUNDARY, CLV_FIT_OPTIONS, fitSettings, multiStart,
  type ClvFitDiagnostics, type ClvFitOptions, type ResolvedClvFitOptions,
} from './fitSupport.js';
import type { Objective } from '../core/optimize.js';
import { digamma, lnGamma } from './special.js';
import { checkSummary, type CheckedSummary, type ClvSummaryColumns } from './summaryData.js';

/** BG/NBD parameters: purchase rate λ ~ Gamma(r, rate alpha); dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  /** Scale of the purchase rate, in the model's time unit. */
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Options of {@link fitBgNbd}. */
export interface BgNbdOptions extends ClvFitOptions {
  /** Unit of recency and T when the summary does not carry one (`summary.timeUnit` wins). @defaultValue null (then 'periods') */
  timeUnit?: string | null;
}

/** Resolved options stored on the model. */
export interface ResolvedBgNbdOptions extends ResolvedClvFitOptions {
  readonly timeUnit: string | null;
}

/** A fitted BG/NBD model: plain data. */
export interface BgNbdModel {
  readonly kind: 'bgNbd';
  readonly version: 1;
  readonly options: ResolvedBgNbdOptions;
  /** Time unit of alpha, recency, T and every prediction horizon `t`. */
  readonly timeUnit: string;
  readonly params: BgNbdParams;
  /** Log-likelihood in the model's time unit (Fader, Hardie & Lee's -9582.4 on CDNOW in weeks). */
  readonly logLikelihood: number;
  /** Customers fitted. */
  readonly customers: number;
  /** Times were divided by this during the fit (max T / 10, as lifetimes does) to condition the problem. */
  readonly timeScale: number;
  readonly diagnostics: BgNbdDiagnostics;
}

/** Diagnostics of a BG/NBD fit: the shared ones plus the limit the fit ran to, if any. */
export interface BgNbdDiagnostics extends ClvFitDiagnostics {
  /**
   * 'no-dropout' when the likelihood is highest in the limit a -> 0, b -> infinity (mean dropout
   * probability per repeat purchase a / (a + b) below 1e-6, and still rising along that direction):
   * the data show no customer leaving, the model is the NBD limit of BG/NBD, and every prediction
   * is valid there. null otherwise.
   */
  readonly limit: 'no-dropout' | null;
  /** a / (a + b): the mean probability that a customer drops out after a repeat purchase. */
  readonly meanDropout: number;
}

const FN = 'fitBgNbd';
/** The option table of {@link fitBgNbd}. */
export const BG_NBD_OPTIONS = defineOptions<BgNbdOptions>()({
  ...CLV_FIT_OPTIONS,
  timeUnit: opt({ default: null, nullable: true, accepts: [custom<string>({ describe: 'a non-empty string', test: (v) => typeof v === 'string' && v !== '', bad: ['', 7] })], description: "Unit of recency and T when the summary carries none; null = the summary's, else 'periods'.", stored: 'as-given' }),
});

/** Distinct frequencies with their counts, ascending: the x-only likelihood terms are summed per value. */
function frequencyHistogram(x: Float64Array): { values: Float64Array; counts: Float64Array } {
  const sorted = Float64Array.from(x).sort();
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]!++;
    else { values.push(sorted[i]!); counts.push(1); }
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts) };
}

/**
 * Sum over customers of the terms that depend on x only:
 * log Γ(r+x)/Γ(r) + log Γ(b+x)/Γ(b) - log Γ(a+b+x)/Γ(a+b), with their derivatives in r, a, b.
 * Gaps between distinct x are bridged by sums of logs (exact, no cancellation) when short, and
 * by log-gamma differences when long.
 */
function frequencyTerms(r: number, a: number, b: number, hist: { values: Float64Array; counts: Float64Array }, out: Float64Array): number {
  let value = 0, dr = 0, da = 0, db = 0;
  let cum = 0, cr = 0, ca = 0, cb = 0;
  let k = 0;
  const { values, counts } = hist;
  for (let u = 0; u < values.length; u++) {
    const x = values[u]!;
    if (x - k <= 64) {
      for (; k < x; k++) {
        cum += Math.log(r + k) + Math.log(b + k) - Math.log(a + b + k);
        cr += 1 / (r + k);
        ca -= 1 / (a + b + k);
        cb += 1 / (b + k) - 1 / (a + b + k);
      }
    } else {
      cum = lnGamma(r + x) - lnGamma(r) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x) + lnGamma(a + b);
      cr = digammaDiff(r, x);
      ca = -digammaDiff(a + b, x);
      cb = digammaDiff(b, x) - digammaDiff(a + b, x);
      k = x;
    }
    const c = counts[u]!;
    value += c * cum; dr += c * cr; da += c * ca; db += c * cb;
  }
  out[0] = dr; out[1] = da; out[2] = db;
  return value;
}

// ψ(z + x) - ψ(z) for integer x >= 0: 1/z + ... + 1/(z+x-1), summed smallest first.
// Closed form past 64 terms, so the cost does not grow with x (a frequency of 1e9 costs what 1 does).
function digammaDiff(z: number, x: number): number {
  if (x > 64) return digamma(z + x) - digamma(z);
  let s = 0;
  for (let k = x - 1; k >= 0; k--) s += 1 / (z + k);
  return s;
}

/**
 * Mean negative log-likelihood per customer (plus penalty) and its gradient in log-parameters, over the
 * (rescaled) data; only log(alpha+T), log(alpha+t_x) and one exp per customer. Exported for tests only.
 */
export function bgNbdObjective(x: Float64Array, tx: Float64Array, T: Float64Array, l2: number): Objective {
  const n = x.length;
  const hist = frequencyHistogram(x);
  // Customers with the same (x, t_x, T) share one likelihood term (CDNOW master: 23,570 customers,
  // 8,685 distinct rows), and real data has few distinct T and t_x (whole days), so the logs are
  // taken once per distinct value and each row needs one exp and one log1p.
  const rows = new Map<string, number>();
  const xs = createIdTable<number>(), ts = createIdTable<number>(), txs = createIdTable<number>();
  const rx: number[] = [], rt: number[] = [], rtx: number[] = [], rw: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${x[i]}|${tx[i]}|${T[i]}`;
    const at = rows.get(key);
    if (at !== undefined) { rw[at]!++; continue; }
    rows.set(key, rw.length);
    rx.push(idOf(xs, x[i]!)); rt.push(idOf(ts, T[i]!)); rtx.push(x[i] === 0 ? -1 : idOf(txs, tx[i]!)); rw.push(1);
  }
  const m = rw.length;
  const RX = Int32Array.from(rx), RT = Int32Array.from(rt), RTX = Int32Array.from(rtx), W = Float64Array.from(rw);
  const X = Float64Array.from(xs.keys), TV = Float64Array.from(ts.keys), TXV = Float64Array.from(txs.keys);
  const logB = new Float64Array(X.length), logT = new Float64Array(TV.length), invT = new Float64Array(TV.length);
  const logTx = new Float64Array(TXV.length), invTx = new Float64Array(TXV.length);
  const xt = new Float64Array(3);
  return (theta, grad) => {
    const r = Math.exp(theta[0]!), alpha = Math.exp(theta[1]!), a = Math.exp(theta[2]!), b = Math.exp(theta[3]!);
    let ll = frequencyTerms(r, a, b, hist, xt);
    let dr = xt[0]!, da = xt[1]!, db = xt[2]!;
    const logAlpha = Math.log(alpha);
    ll += n * r * logAlpha;
    dr += n * logAlpha;
    let dAlpha = (n * r) / alpha;
    const logA = Math.log(a);
    for (let k = 0; k < X.length; k++) logB[k] = Math.log(b + X[k]! - 1);
    for (let k = 0; k < TV.length; k++) { logT[k] = Math.log(alpha + TV[k]!); invT[k] = 1 / (alpha + TV[k]!); }
    for (let k = 0; k < TXV.length; k++) { logTx[k] = Math.log(alpha + TXV[k]!); invTx[k] = 1 / (alpha + TXV[k]!); }
    for (let i = 0; i < m; i++) {
      const xi = X[RX[i]!]!, w = W[i]!, ti = RT[i]!;
      const rxi = r + xi;
      const lT = logT[ti]!;
      const a3 = -rxi * lT;
      if (xi === 0) {
        ll += w * a3;
        dr -= w * lT;
        dAlpha -= w * rxi * invT[ti]!;
        continue;
      }
      const si = RTX[i]!;
      const lt = logTx[si]!;
      const a4 = logA - logB[RX[i]!]! - rxi * lt;
      // log(e^a3 + e^a4) and the weight w4 of the second term, without overflow.
      const diff = a4 - a3;
      let w4: number;
      if (diff > 0) { const e = Math.exp(-diff); ll += w * (a4 + Math.log1p(e)); w4 = 1 / (1 + e); }
      else { const e = Math.exp(diff); ll += w * (a3 + Math.log1p(e)); w4 = e / (1 + e); }
      const w3 = 1 - w4;
      dr -= w * (w3 * lT + w4 * lt);
      dAlpha -= w * rxi * (w3 * invT[ti]! + w4 * invTx[si]!);
      da += (w * w4) / a;
      db -= (w * w4) / (b + xi - 1);
    }
    grad[0] = (-r * dr) / n + 2 * l2 * theta[0]!;
    grad[1] = (-alpha * dAlpha) / n + 2 * l2 * theta[1]!;
    grad[2] = (-a * da) / n + 2 * l2 * theta[2]!;
    grad[3] = (-b * db) / n + 2 * l2 * theta[3]!;
    let pen = 0;
    for (let j = 0; j < 4; j++) pen += theta[j]! * theta[j]!;
    return -ll / n + l2 * pen;
  };
}

function checkParams(params: BgNbdParams, fn: string): void {
  if (params === null || typeof params !== 'object') {
    throw new CrmError('INVALID_INPUT', `${fn}: params must be an object { r, alpha, a, b }; got ${describeValue(params)}.`);
  }
  for (const k of ['r', 'alpha', 'a', 'b'] as const) checkNumber(`params.${k}`, params[k], { min: 0, exclusiveMin: true, max: MAX_PARAMETER, hint: PARAMETER_HINT });
}

/**
 * BG/NBD log-likelihood of a summary under given parameters (sum over customers, eq. 6 of Fader,
 * Hardie & Lee 2005), in the summary's time unit. O(n log n): log-gamma and digamma differences
 * past 64 steps between distinct frequencies, so a frequency of 1e9 costs what 1 does.
 * @param params - { r, alpha, a, b }, all > 0.
 * @param summary - Columns frequency, recency, T.
 * @returns The total log-likelihood.
 * @throws CrmError `INVALID_INPUT`, `INVALID_OPTION`, `NON_FINITE`, `NEGATIVE_VALUE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`
 * @example
 * bgNbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, { frequency: [0], recency: [0], T: [1] }); // => -0.6931471806
 */
export function bgNbdLogLikelihood(params: BgNbdParams, summary: ClvSummaryColumns): number {
  const fn = 'bgNbdLogLikelihood';
  checkParams(params, fn);
  const s = checkSummary(summary, fn, { times: true, monetary: false });
  const theta = Float64Array.of(Math.log(params.r), Math.log(params.alpha), Math.log(params.a), Math.log(params.b));
  return -s.n * bgNbdObjective(s.frequency, s.recency, s.T, 0)(theta, new Float64Array(4));
}

/**
 * Fits BG/NBD by maximum likelihood on log-parameters (BFGS with the analytic gradient, several
 * starting points, times rescaled so the largest T is 10). A fit that does not converge returns
 * with `diagnostics.converged = false` and warnings that name what to change. When the likelihood
 * is highest in the no-dropout limit (a -> 0, b -> infinity: the data show no customer leaving),
 * `diagnostics.limit` is 'no-dropout' and a warning says what that means; the model then is BG/NBD's
 * NBD limit and every predict function works on it. `onProgress` is called after every BFGS
 * iteration (phase 'iteration') and start (phase 'start'). O(starts * iterations * (distinct rows
 * + distinct frequencies)); the cost does not depend on the size of the frequencies.
 * @param summary - Columns frequency, recency, T (from {@link summarizeTransactions}, or your own).
 * @param options - See {@link BgNbdOptions}.
 * @returns A {@link BgNbdModel}.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `LENGTH_MISMATCH`, `NON_FINITE`, `NEGATIVE_VALUE`, `INVALID_OPTION` (including a `random` whose draws are not in [0, 1)), `NOT_CONVERGED` (no start gave a finite likelihood), `ABORTED`
 * @example
 * const m = fitBgNbd({ frequency: [0, 1, 2, 5, 0, 3], recency: [0, 2, 5, 9, 0, 4], T: [10, 10, 8, 10, 6, 9] });
 * [m.kind, m.timeUnit]; // => ['bgNbd', 'periods']
 */
export function fitBgNbd(summary: ClvSummaryColumns, options: BgNbdOptions = {}): BgNbdModel {
  const o = resolveOptionTable(FN, BG_NBD_OPTIONS, options);
  const fit = fitSettings(o);
  const tick = runControl(FN, o);
  const s = checkSummary(summary, FN, { times: true, monetary: false });
  let maxT = 0;
  for (let i = 0; i < s.n; i++) maxT = Math.max(maxT, s.T[i]!);
  if (maxT === 0) {
    throw new CrmError('INVALID_INPUT', `${FN}: every customer has T = 0 (first purchase on the calibration end), so there is nothing to learn. Move calibrationEnd later.`);
  }
  const scale = maxT / 10;
  const rec = s.recency.map((v) => v / scale), T = s.T.map((v) => v / scale);
  const objective = bgNbdObjective(s.frequency, rec, T, fit.l2);
  const run = multiStart(FN, objective, ['r', 'alpha', 'a', 'b'], fit, o.random as Random | undefined, tick);
  const theta = run.theta;
  const params = { r: Math.exp(theta[0]!), alpha: Math.exp(theta[1]!) * scale, a: Math.exp(theta[2]!), b: Math.exp(theta[3]!) };
  const logLikelihood = -s.n * bgNbdObjective(s.frequency, s.recency, s.T, 0)(
    Float64Array.of(theta[0]!, Math.log(params.alpha), theta[2]!, theta[3]!), new Float64Array(4));
  const meanDropout = 1 / (1 + Math.exp(theta[3]! - theta[2]!));
  const limit = noDropoutLimit(objective, theta, run.atBoundary, meanDropout) ? 'no-dropout' as const : null;
  let diagnostics: BgNbdDiagnostics = { ...run.diagnostics, limit, meanDropout };
  if (limit !== null) {
    diagnostics = {
      ...diagnostics,
      converged: run.optimizerConverged,
      warnings: [
        ...run.diagnostics.warnings.filter((w) => !w.includes('edge of the parameter space')),
        `${FN}: the likelihood is highest in the no-dropout limit (a -> 0, b -> infinity; the fit stopped at a = ${params.a.toExponential(2)}, b = ${params.b.toExponential(2)}, mean dropout probability per repeat purchase a/(a+b) = ${meanDropout.toExponential(2)}). The calibration data show no sign of customers leaving, so BG/NBD reduces to its NBD limit: every customer stays active and buys at their own Gamma(r, alpha) rate. The model is usable as it is: probability alive is ~1 and expected purchases are ~(r + x) t / (alpha + T) for every customer; it cannot foresee customers who leave later. A longer calibration period can reveal dropout; l2 forces some into the model at the cost of the fit (it also moves r and alpha).`,
      ],
    };
  }
  return {
    kind: 'bgNbd', version: 1,
    options: { ...fit, timeUnit: o.timeUnit },
    timeUnit: s.timeUnit ?? o.timeUnit ?? 'periods',
    params, logLikelihood, customers: s.n, timeScale: scale, diagnostics,
  };
}

/**
 * Whether the fit ran to the no-dropout limit: only a and b at the edge, a/(a+b) negligible, and the
 * objective not worse a long way further along (a / e^5, b * e^5), so the supremum is the limit.
 */
function noDropoutLimit(objective: Objective, theta: Float64Array, atBoundary: readonly string[], meanDropout: number): boolean {
  if (!(meanDropout < 1e-6) || atBoundary.includes('r') || atBoundary.includes('alpha') || atBoundary.length === 0) return false;
  if (Math.abs(theta[0]!) > BOUNDARY || Math.abs(theta[1]!) > BOUNDARY) return false;
  const g = new Float64Array(4);
  const here = objective(theta, g);
  const there = objective(Float64Array.of(theta[0]!, theta[1]!, theta[2]! - 5, theta[3]! + 5), g);
  return Number.isFinite(there) && there <= here + 1e-12 * Math.max(1, Math.abs(here));
}

/**
 * Checks a BG/NBD model read from anywhere (JSON, another tool): kind, version, params r, alpha,
 * a, b finite and > 0, timeUnit a string if present. Returns the parameters and time unit.
 * @throws CrmError `INVALID_MODEL`
 */
export function checkBgNbdModel(model: unknown, fn: string): { params: BgNbdParams; timeUnit: string } {
  const m = checkModel<BgNbdModel>(model, 'bgNbd', 1, fn);
  const params = (m as { params?: unknown }).params as BgNbdParams | undefined;
  if (params === null || typeof params !== 'object') {
    throw new CrmError('INVALID_MODEL', `${fn}: the BG/NBD model has no params object { r, alpha, a, b }; got ${describeValue(params)}. Refit with fitBgNbd.`, { field: 'params' });
  }
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    const v = params[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0) || v > MAX_PARAMETER) {
      throw new CrmError('INVALID_MODEL', `${fn}: the BG/NBD model has params.${k} = ${describeValue(v)}; every parameter must be a number in (0, 1e15]. Refit with fitBgNbd.`, { field: `params.${k}` });
    }
  }
  const timeUnit = (m as { timeUnit?: unknown }).timeUnit;
  if (timeUnit !== undefined && typeof timeUnit !== 'string') {
    throw new CrmError('INVALID_MODEL', `${fn}: the BG/NBD model has timeUnit ${describeValue(timeUnit)}; it must be a string such as 'weeks'.`, { field: 'timeUnit' });
  }
  return { params: { r: params.r, alpha: params.alpha, a: params.a, b: params.b }, timeUnit: timeUnit ?? 'periods' };
}

function modelParams(model: unknown, fn: string): BgNbdParams {
  return checkBgNbdModel(model, fn).params;
}

function checkHorizon(t: unknown, fn: string): number {
  return checkNumber('t', t, { min: 0, hint: `${fn}: t is a duration in the model's timeUnit.` });
}

/** log of the odds a / (b + x - 1) * ((alpha + T) / (alpha + tx))^(r + x) that a repeat customer is dead. */
function logDeadOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  return Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/** Most series terms one conditional expectation may use (about t / (alpha + T) = 100,000). */
export const MAX_SERIES_TERMS = 4_000_000;
/** Rescaling step that keeps the series of very large `a` finite. */
const HUGE = 1e250;
const LOG_HUGE = Math.log(HUGE);

/**
 * Expected purchases in (T, T + t] for a customer who is alive, with x repeat purchases and age T
 * (Fader, Hardie & Lee 2005, eq. 10 without the P(alive) factor):
 *   E = (a+b+x-1)/(a-1) [1 - (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z)],  z = t/(alpha+T+t).
 * Euler's transformation gives (1-z)^(a-1) 2F1(A, a-1; C; z) with A = a+b-1-r, C = a+b+x-1, and
 * subtracting the series of (1-z)^(1-a) term by term leaves
 *   E = (1-z)^(a-1) sum_{k>=1} (a)_(k-1)/k! z^k Q_k,  Q_k = C (1 - (A)_k/(C)_k) = (r+x) + A D_k,
 * where D_k = 1 - (A+1)_(k-1)/(C+1)_(k-1) is accumulated as a sum (D_(k+1) = D_k + R_k (r+x)/(C+k))
 * instead of a difference. Every term is positive when A >= 0, so there is no cancellation: not at
 * a = 1 (where the closed form is 0/0), not for a -> 0 with b -> infinity (a fit at the boundary,
 * where the closed form's two parts agree to ten digits and scipy's 2F1 loses them). The sum stops on a
 * rigorous tail bound; it needs about 37 / (1 - z) = 37 (alpha+T+t)/(alpha+T) terms. O(terms).
 * @throws CrmError `INVALID_OPTION` (naming `option`) when t exceeds about 100,000 (alpha + T).
 */
export function expectedIfAlive(p: BgNbdParams, x: number, T: number, t: number, fn: string, option = 't'): number {
  if (t === 0) return 0;
  const beta = p.alpha + T;
  const z = t / (beta + t);
  const a = p.a, m = p.r + x, A = p.a + p.b - 1 - p.r, C = p.a + p.b + x - 1;
  // The series needs about 40 / (1 - z) = 40 (alpha + T + t) / (alpha + T) terms: refuse before summing.
  if (t / beta > MAX_SERIES_TERMS / 40) return tooLong(fn, option, t, beta);
  const logW = Math.log(beta / (beta + t));
  if (a > 1 + m || (A < -30 && x < -A && Math.abs(C) > 1e-9)) return expectedIfAliveOriginal(a, m, p.b + x, C, z, logW, fn, option, t, beta);
  if (z > 0.5 && Math.abs(a - 1) > 1e-3) {
    // Far horizons (t > 4 (alpha + T), where the series in z need over ~200 terms): the series in
    // 1 - z cost O(1) whatever t is (D22), where they apply.
    if (z > 0.8) {
      const e = expectedNearOne(a, A, C, m, p.b + x, logW);
      if (e !== null) return e;
    }
    // Else the closed form's series (Euler form) has terms smaller by k^-(r+x) and needs
    // fewer of them; use it unless 1 - (1-z)^(a-1) 2F1 cancels (more than 2 digits lost), as it
    // does near a = 1 and at the boundary fit.
    const f = eulerSeries(A, a - 1, C, z);
    if (f !== null) {
      const w = Math.exp((a - 1) * logW);
      const y = w * f[0];
      if (w * f[1] <= 100 * Math.abs(1 - y)) return (C / (a - 1)) * (1 - y);
    }
  }
  let u = z, R = 1, D = 0, sum = 0, scaled = 0;
  for (let k = 1; k <= MAX_SERIES_TERMS; k++) {
    const Q = m + A * D;
    sum += u * Q;
    if ((k & 7) === 0 && k > -A) {
      // Later terms: u shrinks by at most rho per step ((a+j-1)/(j+1) is monotone in j) and |Q| stays
      // below m + |A| max(|D_k|, 1) (R_j keeps its sign and shrinks in size once A + j > 0).
      const rho = z * Math.max(1, (a + k - 1) / (k + 1));
      const qMax = m + Math.abs(A) * Math.max(Math.abs(D), 1);
      if (rho < 1 && u * qMax * rho <= 1e-17 * (1 - rho) * Math.abs(sum)) {
        return Math.exp(Math.log(sum) + scaled * LOG_HUGE + (a - 1) * logW);
      }
    }
    const inv = 1 / (C + k);
    D += R * m * inv;
    R *= (A + k) * inv;
    u *= ((a + k - 1) / (k + 1)) * z;
    if (Math.abs(sum) > HUGE) { sum /= HUGE; u /= HUGE; scaled++; }
  }
  return tooLong(fn, option, t, beta);
}

/** Sign and log |Γ(x)| for real x that is not a non-positive integer. */
function signedLnGamma(x: number): [number, number] {
  if (x > 0) return [1, lnGamma(x)];
  return [Math.sin(Math.PI * x) < 0 ? -1 : 1, lnGamma(x)];
}

/**
 * E for z near 1 from the connection formula 2F1(A, B; C; z) = G1 2F1(A, B; 1-d; 1-z)
 * + (1-z)^d G2 2F1(C-A, C-B; 1+d; 1-z), d = C - A - B = r + x - a + 1 (Abramowitz & Stegun 15.3.6),
 * applied to the Euler form (B = a - 1). Both series are in w = 1 - z, so far horizons cost O(1).
 * Returns null where it does not apply or could lose digits: d within 0.05 of an integer (the
 * formula's poles), A or C near a non-positive integer, a series not done within 500 terms (large
 * b with w not yet small), or an error estimate (cancellation times the log-gamma rounding) above 3e-14.
 */
function expectedNearOne(a: number, A: number, C: number, m: number, bx: number, logW: number): number | null {
  const B = a - 1, d = C - A - B;
  const nearInt = (v: number, tol: number) => Math.abs(v - Math.round(v)) < tol;
  if (nearInt(d, 0.05) || (A <= 0 && nearInt(A, 1e-6)) || (C <= 0 && nearInt(C, 1e-6))) return null;
  const w = Math.exp(logW);
  const f1 = eulerSeries(A, B, 1 - d, w, 500);
  if (f1 === null) return null;
  const f2 = eulerSeries(m, bx, 1 + d, w, 500);
  if (f2 === null) return null;
  const [sC, lC] = signedLnGamma(C), [sD, lD] = signedLnGamma(d), [sMD, lMD] = signedLnGamma(-d);
  const [sA, lA] = signedLnGamma(A), [sB, lB] = signedLnGamma(B);
  const l1 = lC + lD - lnGamma(m) - lnGamma(bx);
  const l2 = lC + lMD - lA - lB;
  // (1-z)^(a-1) F: both parts scaled by w^(a-1) in logs, so nothing overflows.
  const p1 = sC * sD * Math.exp(l1 + B * logW);
  const p2 = sC * sMD * sA * sB * Math.exp(l2 + (B + d) * logW);
  const y = p1 * f1[0] + p2 * f2[0];
  const scale = Math.abs(p1) * f1[1] + Math.abs(p2) * f2[1];
  const logError = 2.3e-16 * (Math.abs(l1) + Math.abs(l2) + Math.abs((B + d) * logW) + 20);
  if (!Number.isFinite(y) || !((scale * logError) <= 3e-14 * Math.abs(1 - y))) return null;
  return (C / (a - 1)) * (1 - y);
}

/** 2F1(A, B; C; z) as hyp2f1 sums it, with the sum of |terms| (the rounding scale); null if cut. */
function eulerSeries(A: number, B: number, C: number, z: number, maxTerms = MAX_SERIES_TERMS): [number, number] | null {
  let term = 1, sum = 1, abs = 1;
  const past = -Math.min(A, B, C);
  for (let k = 0; k < maxTerms; k++) {
    term *= (((A + k) * (B + k)) / ((C + k) * (k + 1))) * z;
    sum += term;
    abs += Math.abs(term);
    if (term === 0) return [sum, abs];
    // The bound holds at any k past `past`; testing every 8th term saves its divisions.
    if ((k & 7) === 7 && k + 1 > past) {
      const j = k + 1;
      const q = z * Math.min(Math.max(1, (A + j) / (C + j)) * Math.max(1, (B + j) / (j + 1)), Math.max(1, (B + j) / (C + j)) * Math.max(1, (A + j) / (j + 1)));
      if (q < 1 && Math.abs(term) * q <= 1e-17 * (1 - q) * abs) return [sum, abs];
    }
  }
  return null;
}

/**
 * The same expectation from the closed form directly, where the Euler form's terms behave badly:
 * a > 1 + r + x (its terms (a)_(k-1)/k! z^k peak late), or A = a+b-1-r far below 0 (r large against
 * a + b, where (A+1)_(k-1)/(C+1)_(k-1) would overflow). Subtracting the series of (1-z)^(-m),
 *   E = C/(a-1) (1-z)^m sum_{k>=1} (m)_k/k! z^k (1 - (b+x)_k/(C)_k),  m = r + x,
 * with (1 - (b+x)_k/(C)_k)/(a-1) accumulated as a sum of positive parts (C - (b+x) = a - 1, so a = 1
 * needs no limit). For a < 1 the ratios (b+x)_k/(C)_k grow by at most (b+x+k)/(C+k) per term, which
 * the tail bound includes. Needs C != 0.
 */
function expectedIfAliveOriginal(a: number, m: number, bx: number, C: number, z: number, logW: number, fn: string, option: string, t: number, beta: number): number {
  // H_k = (1 - S_k) / (a - 1) = sum_{i<k} S_i / (C + i), so a = 1 needs no limit; E = C (1-z)^m sum v_k H_k.
  let v = m * z, S = 1, H = 0, sum = 0, scaled = 0;
  for (let k = 1; k <= MAX_SERIES_TERMS; k++) {
    const inv = 1 / (C + k - 1);
    H += S * inv;
    S *= (bx + k - 1) * inv;
    sum += v * H;
    if ((k & 7) === 0) {
      // Later terms: v shrinks by rho per step, S_j by sigma, so |H_j| <= |H_k| + |S_k| (j-k+1) sigma^(j-k) / (C+k).
      const rho = z * Math.max(1, (m + k) / (k + 1));
      const q = rho * Math.max(1, (bx + k) / (C + k));
      if (q < 1 && v * q * (Math.abs(H) + (2 * Math.abs(S)) / ((C + k) * (1 - q))) <= 1e-17 * (1 - q) * Math.abs(sum)) {
        if (!(C * sum > 0)) return 0; // rounding of a value that is 0 to double precision
        return Math.exp(Math.log(Math.abs(C)) + Math.log(Math.abs(sum)) + scaled * LOG_HUGE + m * logW);
      }
    }
    v *= ((m + k) / (k + 1)) * z;
    if (Math.abs(sum) > HUGE) { sum /= HUGE; v /= HUGE; scaled++; }
  }
  return tooLong(fn, option, t, beta);
}

function tooLong(fn: string, option: string, t: number, beta: number): never {
  const limit = (beta * MAX_SERIES_TERMS) / 40;
  throw new CrmError('INVALID_OPTION', `${fn}: ${option} = ${t} (${(t / beta).toPrecision(3)} times alpha + T = ${beta.toPrecision(6)}) is too long a horizon: the expected-purchases series converges like (t/(alpha+T+t))^k and would need more than ${MAX_SERIES_TERMS.toLocaleString('en-US')} terms for these parameters. Horizons up to about 100,000 times alpha + T work (here about ${limit.toPrecision(3)} time units) while r + x is moderate; when r + x is large the terms grow with (r + x) t / (alpha + T). Use a shorter ${option}.`, { option });
}

/**
 * Probability that each customer is still alive at the end of calibration (Fader, Hardie & Lee
 * 2008): 1 for customers with no repeat purchase (the model lets customers drop out only after a
 * repeat purchase). O(n).
 * @param model - A {@link BgNbdModel}.
 * @param summary - Columns frequency, recency, T in the model's time unit.
 * @returns One probability in [0, 1] per summary row.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `NON_FINITE`, `NEGATIVE_VALUE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`
 * @example
 * const m = { kind: 'bgNbd', version: 1, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as BgNbdModel;
 * predictBgNbdProbabilityAlive(m, { frequency: [2], recency: [30.43], T: [38.86] })[0]; // => 0.7266
 */
export function predictBgNbdProbabilityAlive(model: BgNbdModel, summary: ClvSummaryColumns): number[] {
  const fn = 'predictBgNbdProbabilityAlive';
  const p = modelParams(model, fn);
  const s = checkSummary(summary, fn, { times: true, monetary: false });
  return probabilityAlive(p, s);
}

/** P(alive) per customer of a checked summary. */
export function probabilityAlive(p: BgNbdParams, s: CheckedSummary): number[] {
  const out = new Array<number>(s.n);
  for (let i = 0; i < s.n; i++) {
    const x = s.frequency[i]!;
    out[i] = x === 0 ? 1 : 1 / (1 + Math.exp(logDeadOdds(p, x, s.recency[i]!, s.T[i]!)));
  }
  return out;
}

/**
 * Expected purchases of each customer in the next `t` time units, given their history (eq. 10 of
 * Fader, Hardie & Lee 2005; lifetimes' `conditional_expected_number_of_purchases_up_to_time`),
 * summed so that nothing cancels (also on a model at the no-dropout limit). O(n * series terms),
 * about 40 (alpha + T + t) / (alpha + T) terms at most; t up to about 100,000 (alpha + T).
 * @param model - A {@link BgNbdModel}; `t` is in `model.timeUnit`.
 * @param summary - Columns frequency, recency, T in the model's time unit.
 * @param t - Horizon length >= 0.
 * @returns Expected purchase count per summary row.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION`, `INVALID_INPUT`, `NON_FINITE`, `NEGATIVE_VALUE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`
 * @example
 * const m = { kind: 'bgNbd', version: 1, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as BgNbdModel;
 * predictBgNbdExpectedPurchases(m, { frequency: [2], recency: [30.43], T: [38.86] }, 39)[0]; // => 1.226
 */
export function predictBgNbdExpectedPurchases(model: BgNbdModel, summary: ClvSummaryColumns, t: number): number[] {
  const fn = 'predictBgNbdExpectedPurchases';
  const p = modelParams(model, fn);
  const h = checkHorizon(t, fn);
  const s = checkSummary(summary, fn, { times: true, monetary: false });
  const alive = probabilityAlive(p, s);
  return alive.map((pa, i) => pa * expectedIfAlive(p, s.frequency[i]!, s.T[i]!, h, fn));
}

/**
 * Expected purchases of a new customer (one just acquired, T = 0) in their first `t` time units
 * (eq. 9 of Fader, Hardie & Lee 2005; lifetimes' `expected_number_of_purchases_up_to_time`). O(series terms).
 * @param model - A {@link BgNbdModel}; `t` is in `model.timeUnit`.
 * @param t - Horizon length >= 0.
 * @returns The expected number of repeat purchases.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION`
 * @example
 * const m = { kind: 'bgNbd', version: 1, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as BgNbdModel;
 * predictBgNbdNewCustomerPurchases(m, 39); // => 1.197
 */
export function predictBgNbdNewCustomerPurchases(model: BgNbdModel, t: number): number {
  const fn = 'predictBgNbdNewCustomerPurchases';
  const p = modelParams(model, fn);
  return expectedIfAlive(p, 0, 0, checkHorizon(t, fn), fn);
}
