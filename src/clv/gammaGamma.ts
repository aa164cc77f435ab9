/**
 * Gamma-Gamma model of spend per transaction: fit on repeat customers and expected average order
 * value per customer. Source: P. S. Fader, B. G. S. Hardie (2013), "The Gamma-Gamma Model of
 * Monetary Value" (brucehardie.com note 025), eqs. 1-5; the same likelihood as lifetimes'
 * `GammaGammaFitter`.
 * @module
 */
import { MAX_PARAMETER, PARAMETER_HINT } from './fitSupport.js';
import { CrmError, describeValue } from '../core/errors.js';
import { indexMap } from '../core/idTable.js';
import { checkModel } from '../core/model.js';
import { runControl } from '../core/progress.js';
import { defineOptions, oneOf, opt, resolveOptionTable } from '../core/options.js';
import type { Random } from '../core/random.js';
import { checkNumber } from '../core/validate.js';
import {
  CLV_FIT_OPTIONS, fitSettings, multiStart,
  type ClvFitDiagnostics, type ClvFitOptions, type ResolvedClvFitOptions,
} from './fitSupport.js';
import type { Objective } from '../core/optimize.js';
import { digamma, lnGamma } from './special.js';
import { checkSummary, type CheckedSummary, type ClvSummaryColumns } from './summaryData.js';

/** Gamma-Gamma parameters: a transaction's value ~ Gamma(p, rate ν); ν ~ Gamma(q, rate v). */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  /** In the currency of the monetary values. */
  readonly v: number;
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaOptions extends ClvFitOptions {
  /** Customers with frequency 0 carry no repeat value: 'refuse' throws with their count; 'drop' leaves them out and counts them. @defaultValue 'refuse' */
  nonRepeat?: 'refuse' | 'drop';
  /** Repeat customers whose mean repeat value is 0 (all repeat purchases free): 'refuse' throws with their count; 'drop' leaves them out of the fit and counts them (predictions still cover them). @defaultValue 'refuse' */
  zeroMonetary?: 'refuse' | 'drop';
}

/** Resolved options stored on the model. */
export interface ResolvedGammaGammaOptions extends ResolvedClvFitOptions {
  readonly nonRepeat: 'refuse' | 'drop';
  readonly zeroMonetary: 'refuse' | 'drop';
}

/** A fitted Gamma-Gamma model: plain data. */
export interface GammaGammaModel {
  readonly kind: 'gammaGamma';
  readonly version: 1;
  readonly options: ResolvedGammaGammaOptions;
  readonly params: GammaGammaParams;
  /** Log-likelihood of the mean repeat values (in their currency). */
  readonly logLikelihood: number;
  /** Repeat customers fitted. */
  readonly customers: number;
  /** Customers with frequency 0 left out (nonRepeat: 'drop'). */
  readonly droppedNonRepeat: number;
  /** Repeat customers with a zero mean value left out (zeroMonetary: 'drop'). */
  readonly droppedZeroMonetary: number;
  /** Pearson correlation of frequency and monetary value over the fitted customers; the model assumes independence. */
  readonly frequencyMonetaryCorrelation: number;
  /** Values were divided by this (their mean) during the fit. */
  readonly valueScale: number;
  readonly diagnostics: ClvFitDiagnostics;
}

const FN = 'fitGammaGamma';
/** The option table of {@link fitGammaGamma}. */
export const GAMMA_GAMMA_OPTIONS = defineOptions<GammaGammaOptions>()({
  ...CLV_FIT_OPTIONS,
  nonRepeat: opt({ default: 'refuse', accepts: [oneOf(['refuse', 'drop'])], description: "Customers with frequency 0: 'refuse' throws, 'drop' leaves them out (counted).", stored: 'as-given' }),
  zeroMonetary: opt({ default: 'refuse', accepts: [oneOf(['refuse', 'drop'])], description: "Repeat customers with a zero mean value: 'refuse' or 'drop' (counted).", stored: 'as-given' }),
});

/** Distinct frequencies (ascending) and, per customer, the index of its frequency. */
function distinct(x: Float64Array): { values: Float64Array; of: Int32Array } {
  const values = Float64Array.from(new Set(x)).sort();
  const pos = indexMap(values);
  return { values, of: Int32Array.from(x, (v) => pos.get(v)!) };
}

/**
 * Mean negative log-likelihood per customer (plus penalty) and its gradient in log-parameters; the Γ and ψ terms depend on
 * x only and are computed once per distinct frequency. Exported for tests only.
 */
export function gammaGammaObjective(x: Float64Array, m: Float64Array, l2: number): Objective {
  const n = x.length;
  const { values, of } = distinct(x);
  const u = values.length;
  const lg = new Float64Array(u), psiPxq = new Float64Array(u), psiPx = new Float64Array(u);
  let sumLogM = 0, sumXLogXM = 0;
  for (let i = 0; i < n; i++) {
    sumLogM += Math.log(m[i]!);
    sumXLogXM += x[i]! * (Math.log(m[i]!) + Math.log(x[i]!));
  }
  return (theta, grad) => {
    const p = Math.exp(theta[0]!), q = Math.exp(theta[1]!), v = Math.exp(theta[2]!);
    for (let k = 0; k < u; k++) {
      const px = p * values[k]!;
      lg[k] = lnGamma(px + q) - lnGamma(px);
      psiPxq[k] = digamma(px + q);
      psiPx[k] = digamma(px);
    }
    const logV = Math.log(v);
    // Σ (px - 1) log m + px log x = p Σ x (log m + log x) - Σ log m
    let ll = p * sumXLogXM - sumLogM + n * (q * logV - lnGamma(q));
    let dp = sumXLogXM, dq = n * (logV - digamma(q)), dv = (n * q) / v;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!, k = of[i]!;
      const w = xi * m[i]! + v;
      const lw = Math.log(w);
      const pxq = p * xi + q;
      ll += lg[k]! - pxq * lw;
      dp += xi * (psiPxq[k]! - psiPx[k]! - lw);
      dq += psiPxq[k]! - lw;
      dv -= pxq / w;
    }
    grad[0] = (-p * dp) / n + 2 * l2 * theta[0]!;
    grad[1] = (-q * dq) / n + 2 * l2 * theta[1]!;
    grad[2] = (-v * dv) / n + 2 * l2 * theta[2]!;
    return -ll / n + l2 * (theta[0]! ** 2 + theta[1]! ** 2 + theta[2]! ** 2);
  };
}

function checkParams(params: GammaGammaParams, fn: string): void {
  if (params === null || typeof params !== 'object') {
    throw new CrmError('INVALID_INPUT', `${fn}: params must be an object { p, q, v }; got ${describeValue(params)}.`);
  }
  for (const k of ['p', 'q', 'v'] as const) checkNumber(`params.${k}`, params[k], { min: 0, exclusiveMin: true, max: MAX_PARAMETER, hint: PARAMETER_HINT });
}

/** Repeat customers' frequency and mean value, after the checks Gamma-Gamma needs. */
function repeatData(summary: ClvSummaryColumns, fn: string, nonRepeat: 'refuse' | 'drop', zeroMonetary: 'refuse' | 'drop' = 'refuse'): { x: Float64Array; m: Float64Array; dropped: number; droppedZero: number } {
  const s = checkSummary(summary, fn, { times: false, monetary: true });
  let zeros = 0, negative = -1, zeroValue = 0, firstZero = -1;
  for (let i = 0; i < s.n; i++) {
    if (s.frequency[i] === 0) { zeros++; continue; }
    const v = s.monetary![i]!;
    if (v < 0 && negative < 0) negative = i;
    if (v === 0) { zeroValue++; if (firstZero < 0) firstZero = i; }
  }
  if (negative >= 0) {
    throw new CrmError('NEGATIVE_VALUE', `${fn}: summary.monetary[${negative}] is ${s.monetary![negative]} for a repeat customer. Gamma-Gamma models positive spend: remove returns before summarizing, or drop that customer.`, { row: negative });
  }
  if (zeros > 0 && nonRepeat === 'refuse') {
    throw new CrmError('INVALID_INPUT', `${fn}: ${zeros} of ${s.n} customers have frequency 0 (no repeat purchase), so they have no mean repeat value to learn from. Fit on repeat customers only: pass nonRepeat: 'drop' (they are counted on the model), or filter frequency > 0 first. Predictions still cover them.`, { count: zeros });
  }
  if (zeroValue > 0 && zeroMonetary === 'refuse') {
    throw new CrmError('INVALID_INPUT', `${fn}: summary.monetary[${firstZero}] is 0 for a repeat customer (${zeroValue} repeat customer(s) have a value <= 0). Gamma-Gamma models positive spend: pass zeroMonetary: 'drop' to leave them out of the fit (they are counted on the model and still get predictions), or remove zero-value purchases before summarizing.`, { row: firstZero, count: zeroValue });
  }
  const keep = s.n - zeros - zeroValue;
  if (keep === 0) throw new CrmError('EMPTY_INPUT', `${fn}: no customer has a repeat purchase with a positive value (frequency > 0, monetary > 0); Gamma-Gamma needs some. Use a longer calibration period.`);
  const x = new Float64Array(keep), m = new Float64Array(keep);
  for (let i = 0, j = 0; i < s.n; i++) {
    if (s.frequency[i] === 0 || s.monetary![i] === 0) continue;
    x[j] = s.frequency[i]!; m[j] = s.monetary![i]!; j++;
  }
  return { x, m, dropped: zeros, droppedZero: zeroValue };
}

function correlation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]!; my += y[i]!; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) { const dx = x[i]! - mx, dy = y[i]! - my; sxy += dx * dy; sxx += dx * dx; syy += dy * dy; }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * Gamma-Gamma log-likelihood of repeat customers' mean values (sum over customers), in their
 * currency. Customers with frequency 0 are refused. O(n).
 * @param params - { p, q, v }, all > 0.
 * @param summary - Columns frequency and monetary (mean repeat value).
 * @returns The total log-likelihood.
 * @throws CrmError `INVALID_INPUT`, `INVALID_OPTION`, `NEGATIVE_VALUE`, `NON_FINITE`, `LENGTH_MISMATCH`, `EMPTY_INPUT`
 * @example
 * gammaGammaLogLikelihood({ p: 1, q: 2, v: 1 }, { frequency: [1], monetary: [1] }); // => -1.3862943611
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, summary: ClvSummaryColumns): number {
  const fn = 'gammaGammaLogLikelihood';
  checkParams(params, fn);
  const { x, m } = repeatData(summary, fn, 'refuse');
  const theta = Float64Array.of(Math.log(params.p), Math.log(params.q), Math.log(params.v));
  return -x.length * gammaGammaObjective(x, m, 0)(theta, new Float64Array(3));
}

/**
 * Fits Gamma-Gamma by maximum likelihood on log-parameters (BFGS, several starts, values rescaled
 * by their mean) on repeat customers only. Diagnostics warn when q <= 1 (unbounded mean spend) and
 * when frequency and value are correlated (|r| > 0.3; the model assumes they are independent).
 * Repeat customers whose mean value is 0 are refused unless `zeroMonetary: 'drop'` (counted in
 * `droppedZeroMonetary`). `onProgress` is called after every BFGS iteration and start.
 * O(starts * iterations * n).
 * @param summary - Columns frequency and monetary (mean value of the repeat purchases).
 * @param options - See {@link GammaGammaOptions}.
 * @returns A {@link GammaGammaModel}.
 * @throws CrmError `INVALID_INPUT` (frequency-0 customers with nonRepeat 'refuse', or a zero value with zeroMonetary 'refuse'), `NEGATIVE_VALUE`, `EMPTY_INPUT`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_OPTION`, `NOT_CONVERGED`, `ABORTED`
 * @example
 * const m = fitGammaGamma({ frequency: [1, 2, 3, 1, 4, 2], monetary: [10, 12, 30, 8, 22, 15] });
 * m.customers; // => 6
 */
export function fitGammaGamma(summary: ClvSummaryColumns, options: GammaGammaOptions = {}): GammaGammaModel {
  const o = resolveOptionTable(FN, GAMMA_GAMMA_OPTIONS, options);
  const fit = fitSettings(o);
  const { nonRepeat, zeroMonetary } = o;
  const tick = runControl(FN, o);
  const { x, m, dropped, droppedZero } = repeatData(summary, FN, nonRepeat, zeroMonetary);
  let scale = 0;
  for (let i = 0; i < m.length; i++) scale += m[i]!;
  scale /= m.length;
  const scaled = m.map((v) => v / scale);
  const { theta, diagnostics } = multiStart(FN, gammaGammaObjective(x, scaled, fit.l2), ['p', 'q', 'v'], fit, o.random as Random | undefined, tick);
  const params = { p: Math.exp(theta[0]!), q: Math.exp(theta[1]!), v: Math.exp(theta[2]!) * scale };
  const logLikelihood = -x.length * gammaGammaObjective(x, m, 0)(Float64Array.of(theta[0]!, theta[1]!, Math.log(params.v)), new Float64Array(3));
  const rho = correlation(x, m);
  const warnings = [...diagnostics.warnings];
  if (params.q <= 1) {
    warnings.push(`${FN}: q = ${params.q.toPrecision(4)} <= 1, so the population mean spend is unbounded and predictGammaGammaAverageValue refuses this model. Check for extreme values, or add a penalty such as l2: 0.01.`);
  }
  if (Math.abs(rho) > 0.3) {
    warnings.push(`${FN}: frequency and mean value are correlated (r = ${rho.toFixed(3)}); the model assumes independence, so expected values may be biased.`);
  }
  return {
    kind: 'gammaGamma', version: 1,
    options: { ...fit, nonRepeat, zeroMonetary },
    params, logLikelihood, customers: x.length, droppedNonRepeat: dropped, droppedZeroMonetary: droppedZero,
    frequencyMonetaryCorrelation: rho, valueScale: scale,
    diagnostics: { ...diagnostics, converged: diagnostics.converged && params.q > 1, warnings },
  };
}

/** Refuses a negative mean value of a repeat customer (frequency-0 rows are not read). */
export function checkRepeatValues(s: CheckedSummary, fn: string): void {
  for (let i = 0; i < s.n; i++) {
    if (s.frequency[i]! > 0 && s.monetary![i]! < 0) {
      throw new CrmError('NEGATIVE_VALUE', `${fn}: summary.monetary[${i}] is ${s.monetary![i]} for a repeat customer; a mean purchase value cannot be negative. Remove returns before summarizing, or drop that customer.`, { column: 'monetary', row: i });
    }
  }
}

/** E[value | x, mean m] for a model already checked: (p (v + x m)) / (p x + q - 1). */
export function averageValue(p: GammaGammaParams, x: number, m: number): number {
  return (p.p * (p.v + x * m)) / (p.p * x + p.q - 1);
}

/** Checks a Gamma-Gamma model for prediction: kind, version, params p, q, v finite and > 0, q > 1. */
export function checkGammaGamma(model: unknown, fn: string): GammaGammaParams {
  const mdl = checkModel<GammaGammaModel>(model, 'gammaGamma', 1, fn);
  const params = (mdl as { params?: unknown }).params as GammaGammaParams | undefined;
  if (params === null || typeof params !== 'object') {
    throw new CrmError('INVALID_MODEL', `${fn}: the Gamma-Gamma model has no params object { p, q, v }; got ${describeValue(params)}. Refit with fitGammaGamma.`, { field: 'params' });
  }
  for (const k of ['p', 'q', 'v'] as const) {
    const v = params[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0) || v > MAX_PARAMETER) {
      throw new CrmError('INVALID_MODEL', `${fn}: the Gamma-Gamma model has params.${k} = ${describeValue(v)}; every parameter must be a number in (0, 1e15]. Refit with fitGammaGamma.`, { field: `params.${k}` });
    }
  }
  if (mdl.params.q <= 1) {
    throw new CrmError('INVALID_MODEL', `${fn}: the model has q = ${mdl.params.q} <= 1, for which the expected spend is infinite. Refit with a penalty such as l2: 0.01.`, { q: mdl.params.q });
  }
  return mdl.params;
}

/**
 * Expected average value of each customer's future transactions (Fader & Hardie 2013, eq. 5;
 * lifetimes' `conditional_expected_average_profit`): a weighted mean of the population mean
 * p v / (q - 1) and the customer's own mean, weighted by their repeat frequency. Customers with
 * frequency 0 get the population mean. O(n).
 * @param model - A {@link GammaGammaModel} with q > 1.
 * @param summary - Columns frequency and monetary.
 * @returns One expected value per summary row, in the currency of `monetary`.
 * @throws CrmError `INVALID_MODEL` (missing or non-finite parameters, q <= 1), `INVALID_INPUT`, `NON_FINITE`, `NEGATIVE_VALUE` (a repeat customer's mean value below 0), `LENGTH_MISMATCH`, `EMPTY_INPUT`
 * @example
 * const m = { kind: 'gammaGamma', version: 1, params: { p: 6.25, q: 3.74, v: 15.44 } } as GammaGammaModel;
 * predictGammaGammaAverageValue(m, { frequency: [2, 0], monetary: [22.35, 0] }).map((v) => +v.toFixed(2)); // => [24.66, 35.22]
 */
export function predictGammaGammaAverageValue(model: GammaGammaModel, summary: ClvSummaryColumns): number[] {
  const fn = 'predictGammaGammaAverageValue';
  const p = checkGammaGamma(model, fn);
  const s = checkSummary(summary, fn, { times: false, monetary: true });
  checkRepeatValues(s, fn);
  return Array.from(s.frequency, (x, i) => averageValue(p, x, x === 0 ? 0 : s.monetary![i]!));
}
