/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000) as Hyndman & Billah (2003) showed it to
 * be, SES with drift equal to half the slope of the linear trend, on the seasonally adjusted
 * series, with R's `thetaf()` intervals.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { checkModel, checkModelDiagnostics, checkModelNumber, checkModelNumbers, type Diagnostics } from '../core/model.js';
import { defineOptions, oneOf, opt, resolveOptionTable } from '../core/options.js';
import { futureLabels } from './calendar.js';
import { isConstant, multiplicativeFigure, seasonalityTest } from './decompose.js';
import { fitSesMse } from './ses.js';
import { checkHorizon, checkLevels, FREQUENCY_PERIOD, LEVEL_OPTION, normalForecast, PERIOD_OPTION, readSeries, type Forecast, type Frequency, type SeriesInput } from './series.js';

/** Options of {@link fitTheta}. */
export interface ThetaOptions {
  /** Seasonal period. @defaultValue the salesSeries' period, else 1 */
  period?: number;
  /**
   * `'test'` decomposes when thetaf's autocorrelation test finds seasonality (as R); `'never'`
   * skips the decomposition. @defaultValue 'test'
   */
  seasonal?: 'test' | 'never';
}

/** A fitted Theta model: plain JSON. */
export interface ThetaModel {
  readonly kind: 'theta';
  readonly version: 1;
  readonly options: { readonly period: number; readonly seasonal: 'test' | 'never' };
  /** Length of the history. */
  readonly n: number;
  /** Whether the series was seasonally adjusted (multiplicative classical decomposition). */
  readonly seasonal: boolean;
  /** Seasonal indices by position (index 0 is the first value of the history); empty when not seasonal. */
  readonly seasonalIndex: number[];
  /** SES smoothing weight (>= 1e-10, as thetaf). */
  readonly alpha: number;
  /** SES initial level (of the adjusted series). */
  readonly level0: number;
  /** SES level after the last value. */
  readonly level: number;
  /** Half the least-squares slope of the adjusted series: the Theta drift per step. */
  readonly drift: number;
  /** SES residual variance, sum of squared one-step errors / (n - 2) (/ n for n <= 6), as ets() reports it. */
  readonly sigma2: number;
  /** Labels of the last history period and the frequency, for forecast labels; else null. */
  readonly lastLabel: string | null;
  readonly frequency: Frequency | null;
  readonly diagnostics: Diagnostics;
}

/** The option table of {@link fitTheta} (core/options.ts). */
export const THETA_OPTIONS = defineOptions<ThetaOptions>()({
  period: { ...PERIOD_OPTION, stored: 'derived' },
  seasonal: opt({ default: 'test', accepts: [oneOf(['test', 'never'])], description: "'test': decompose when thetaf's autocorrelation test finds seasonality; 'never': skip it.", stored: 'as-given' }),
});

/**
 * Fits the Theta method as R's `thetaf()` (forecast 8.20): a seasonality test on the
 * autocorrelation at lag m (90% one-sided), a classical multiplicative decomposition when it
 * passes, SES by mean squared error on the adjusted series, and a drift of half the
 * least-squares slope. SES is solved by profiling the initial level (the errors are linear in it)
 * and a grid plus golden-section search on alpha in [1e-4, 0.9999], which finds the optimum more
 * exactly than R's Nelder-Mead; forecasts agree with R to about 1e-6 relative (docs/forecast.md).
 * Fallbacks, each noted in `diagnostics.warnings`: a constant series gives a flat forecast with
 * zero-width intervals; negative values or a non-positive trend skip the multiplicative
 * decomposition; seasonal indices below 1e-4 skip it too (as R). O(n m).
 * @param series - Values oldest first (at least 3), or a `salesSeries` result.
 * @param options - `period`, `seasonal`.
 * @returns A {@link ThetaModel}; forecast it with {@link forecastTheta}.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `MISSING_VALUE`, `INVALID_OPTION`, `TOO_SHORT`
 * Source: Hyndman & Billah (2003), Unmasking the Theta method, IJF 19(2); R forecast::thetaf.
 * @example
 * const model = fitTheta([10, 12, 11, 13, 12, 14, 13, 15]);
 * [model.seasonal, model.drift > 0]; // => [false, true]
 */
export function fitTheta(series: SeriesInput, options?: ThetaOptions): ThetaModel {
  const fn = 'fitTheta';
  const o = resolveOptionTable(fn, THETA_OPTIONS, options);
  const seasonalOption = o.seasonal;
  const s = readSeries(fn, series, o.period);
  const { y, period: m } = s;
  const n = y.length;
  if (n < 3) throw new CrmError('TOO_SHORT', `${fn}: the series has ${n} values; Theta needs at least 3. Use naive for shorter series.`, { length: n, needed: 3 });
  const warnings: string[] = [];
  let seasonalIndex: Float64Array | undefined;
  if (seasonalOption === 'test' && seasonalityTest(y, m)) {
    seasonalIndex = multiplicativeFigure(y, m);
    if (!seasonalIndex) warnings.push('The series is seasonal but has negative values or a non-positive trend, so the multiplicative decomposition was skipped (non-seasonal Theta).');
    else if (seasonalIndex.some((v) => Math.abs(v) < 1e-4)) {
      warnings.push('Seasonal indices close to zero: non-seasonal Theta was used (as R).');
      seasonalIndex = undefined;
    }
  } else if (seasonalOption === 'test' && m > 1 && n <= 2 * m) {
    warnings.push(`The series has ${n} values, not more than two seasons (${2 * m}), so seasonality was not tested (non-seasonal Theta, as R).`);
  }
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) x[t] = seasonalIndex ? y[t]! / seasonalIndex[t % m]! : y[t]!;
  let alpha: number, level0: number, level: number, sigma2: number, iterations: number;
  if (isConstant(x)) {
    // ets() refuses to optimise a constant series; the forecast is that constant, with no spread.
    alpha = 0.9999; level0 = x[0]!; level = x[0]!; sigma2 = 0; iterations = 0;
    warnings.push('The series is constant: the forecast is that value with zero-width intervals.');
  } else {
    // ets() fits series of 6 or fewer values by HoltWintersZZ: l0 = x[0], variance SSE / n.
    const short = n <= 6;
    const fit = fitSesMse(x, short);
    alpha = Math.max(1e-10, fit.alpha);
    level0 = fit.level0; level = fit.level; iterations = fit.iterations;
    sigma2 = short ? fit.mse : (fit.mse * n) / (n - 2);
  }
  // Least-squares slope of x on 0..n-1 (lsfit), halved.
  const tMean = (n - 1) / 2;
  let xMean = 0;
  for (let t = 0; t < n; t++) xMean += x[t]!;
  xMean /= n;
  let sxy = 0, sxx = 0;
  for (let t = 0; t < n; t++) { sxy += (t - tMean) * (x[t]! - xMean); sxx += (t - tMean) ** 2; }
  const driftValue = isConstant(x) ? 0 : sxy / sxx / 2;
  return {
    kind: 'theta',
    version: 1,
    options: { period: m, seasonal: seasonalOption },
    n,
    seasonal: seasonalIndex !== undefined,
    seasonalIndex: seasonalIndex ? Array.from(seasonalIndex) : [],
    alpha,
    level0,
    level,
    drift: driftValue,
    sigma2,
    lastLabel: s.labels && s.frequency ? s.labels[s.labels.length - 1]! : null,
    frequency: s.labels && s.frequency ? s.frequency : null,
    diagnostics: { converged: true, iterations, warnings },
  };
}

/** Options of {@link forecastTheta}. */
export interface ForecastThetaOptions {
  /** Interval levels in percent. @defaultValue [80, 95] */
  level?: readonly number[];
}

/** The option table of {@link forecastTheta} (core/options.ts). */
export const FORECAST_THETA_OPTIONS = defineOptions<ForecastThetaOptions>()({ level: LEVEL_OPTION });

/**
 * Forecasts a Theta model h steps ahead with R's `thetaf()` intervals: the SES level plus the
 * drift times (j - 1 + (1 - (1 - alpha)^n) / alpha), reseasonalised by the last season's indices;
 * standard error sqrt(sigma2 (1 + (j - 1) alpha^2)), applied after reseasonalising, as R does.
 * O(h).
 * @param model - From {@link fitTheta} (or its JSON).
 * @param horizon - Steps ahead.
 * @param options - `level`.
 * @returns A {@link Forecast} with method `'theta'` and analytic intervals.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION`
 * @example
 * forecastTheta(fitTheta([5, 5, 5, 5]), 2).mean; // => [5, 5]
 */
export function forecastTheta(model: ThetaModel, horizon: number, options?: ForecastThetaOptions): Forecast {
  const fn = 'forecastTheta';
  const m = checkThetaModel(model, fn);
  const h = checkHorizon(fn, horizon);
  const o = resolveOptionTable(fn, FORECAST_THETA_OPTIONS, options);
  const levels = checkLevels(fn, o.level);
  const period = m.options.period;
  const { n, alpha, drift: b } = m;
  const shrink = (1 - (1 - alpha) ** n) / alpha;
  const mean = new Float64Array(h);
  const se = new Float64Array(h);
  const sigma = Math.sqrt(m.sigma2);
  for (let j = 0; j < h; j++) {
    let f = m.level + b * (j + shrink);
    if (m.seasonal) f *= m.seasonalIndex[(n + j) % period]!;
    mean[j] = f;
    se[j] = sigma * Math.sqrt(j * alpha * alpha + 1);
    if (!Number.isFinite(f) || !Number.isFinite(f + 3 * se[j]!) || !Number.isFinite(f - 3 * se[j]!)) {
      throw new CrmError('INVALID_MODEL', `${fn}: the 'theta' model gives a forecast of ${f} at step ${j + 1}; its level, drift, sigma2 or seasonal indices are out of range (a damaged JSON?). Refit it.`, { kind: 'theta', step: j + 1 });
    }
  }
  const f = normalForecast('theta', period, mean, se, levels, [...m.diagnostics.warnings]);
  const labels = m.lastLabel !== null && m.frequency !== null ? futureLabels([m.lastLabel], m.frequency, h) : undefined;
  return labels ? { ...f, labels } : f;
}

/** Checks a Theta model read back from JSON. O(period). */
function checkThetaModel(model: unknown, fn: string): ThetaModel {
  const m = checkModel<ThetaModel>(model, 'theta', 1, fn);
  const bad = (field: string, what: string) => new CrmError('INVALID_MODEL', `${fn}: the 'theta' model's ${field} ${what}; the model is damaged (for example by editing its JSON). Refit it.`, { kind: 'theta', field });
  const opts = m.options as unknown;
  if (opts === null || typeof opts !== 'object') throw bad('options', 'must be { period, seasonal }');
  const period = (opts as { period?: unknown }).period;
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 1) throw bad('options.period', 'must be an integer >= 1');
  const n = m.n as unknown;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 3) throw bad('n', 'must be an integer >= 3');
  if (typeof m.seasonal !== 'boolean') throw bad('seasonal', 'must be true or false');
  checkModelNumbers(fn, 'theta', 'seasonalIndex', m.seasonalIndex, m.seasonal ? { length: period, positive: true } : { length: 0 });
  const alpha = checkModelNumber(fn, 'theta', 'alpha', m.alpha);
  if (!(alpha > 0 && alpha <= 1)) throw bad('alpha', `must be in (0, 1] but is ${alpha}`);
  checkModelNumber(fn, 'theta', 'level0', m.level0);
  checkModelNumber(fn, 'theta', 'level', m.level);
  checkModelNumber(fn, 'theta', 'drift', m.drift);
  const s2 = checkModelNumber(fn, 'theta', 'sigma2', m.sigma2);
  if (s2 < 0) throw bad('sigma2', `must be >= 0 but is ${s2}`);
  if (m.frequency !== null && !(typeof m.frequency === 'string' && m.frequency in FREQUENCY_PERIOD)) throw bad('frequency', 'must be null or a frequency');
  if (m.lastLabel !== null && typeof m.lastLabel !== 'string') throw bad('lastLabel', 'must be null or a label');
  checkModelDiagnostics(fn, 'theta', m.diagnostics);
  return m;
}
