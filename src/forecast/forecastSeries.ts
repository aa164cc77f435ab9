/**
 * One entry point for every method, by name, so backtests and many-series runs take a method
 * name: the baselines, Theta, and (with the ETS module) ETS and the default combination.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { custom, defineOptions, opt, resolveOptionTable } from '../core/options.js';
import { drift, naive, seasonalNaive } from './baselines.js';
import { futureLabels } from './calendar.js';
import { checkLevels, HORIZON_OPTION, LEVEL_OPTION, PERIOD_OPTION, readSeries, type Forecast, type ReadSeries, type SeriesInput, type SeriesShape } from './series.js';
import { fitTheta, forecastTheta } from './theta.js';
import { BIAS_ADJUST_OPTION, backTransform, fitEts, forecastEts, LAMBDA_OPTION, PRUNE_OPTION } from './ets.js';
import { boxCoxInto, guerreroLambda } from './boxCox.js';

/** A forecasting method: a name, or a function of the history (numbers, oldest first). */
export type ForecastMethod = ForecastMethodName | CustomForecastMethod;

/** The built-in methods. */
export type ForecastMethodName = 'auto' | 'ets' | 'theta' | 'naive' | 'seasonalNaive' | 'drift';

/** A method of your own: returns a Forecast, or just the point forecasts (then no intervals). */
export type CustomForecastMethod = (history: number[], context: { horizon: number; period: number; level: number[] }) => Forecast | ArrayLike<number>;

/** The built-in method names. */
export const FORECAST_METHODS: readonly ForecastMethodName[] = Object.freeze(['auto', 'ets', 'theta', 'naive', 'seasonalNaive', 'drift']);

/** Options of {@link forecastSeries}. */
export interface ForecastSeriesOptions {
  /** Steps ahead. */
  horizon: number;
  /** The method. @defaultValue 'auto' (the mean of ETS and Theta) */
  method?: ForecastMethod;
  /** Interval levels in percent. @defaultValue [80, 95] */
  level?: readonly number[];
  /** Seasonal period. @defaultValue the salesSeries' period, else 1 */
  period?: number;
  /**
   * Box-Cox transform (R's `lambda`): a number (0 = log), `'auto'` (Guerrero's lambda, in [-0.9, 2]
   * as R's ets) or null. Used by `'ets'` (R's `ets(y, lambda)`), by the baselines (R's `naive`,
   * `snaive`, `rwf(drift = TRUE)` with `lambda`) and by the ETS half of `'auto'`; the Theta half of
   * `'auto'` stays untransformed (R's `thetaf` has no lambda), and `'theta'` or a function method
   * with a lambda is refused. @defaultValue null
   */
  lambda?: number | 'auto' | null;
  /** With a lambda, back-transform the point forecasts as means, not medians (R's `biasadj`). @defaultValue false */
  biasAdjust?: boolean;
  /**
   * fitEts's `prune` for `'ets'` and the ETS half of `'auto'`: stop candidate forms early once they
   * cannot win (docs/forecast-ets.md, "Pruning"). False fits every form in full, as R. @defaultValue true
   */
  prune?: boolean;
}

/** How the ETS of `'ets'` and `'auto'` is fitted, beyond the Box-Cox setting. */
export interface EtsTuning {
  readonly prune: boolean;
}

/** The tuning of callers that pass none: the option table's default. */
const NO_TUNING: EtsTuning = Object.freeze({ prune: PRUNE_OPTION.default });

/** Box-Cox settings of a run: the option as given (a number or 'auto') and the bias adjustment. */
export interface BoxCoxSetting {
  readonly lambda: number | 'auto';
  readonly biasAdjust: boolean;
}

/**
 * The Box-Cox setting (none without a lambda) and the ETS tuning of resolved options, as
 * forecastSeries, forecastMany and backtest pass them to {@link runMethod}.
 * @example
 * etsSettings({ lambda: null, biasAdjust: false, prune: true }); // => { boxCox: undefined, tuning: { prune: true } }
 */
export function etsSettings(o: { lambda: number | 'auto' | null; biasAdjust: boolean; prune: boolean }): { boxCox: BoxCoxSetting | undefined; tuning: EtsTuning } {
  return { boxCox: o.lambda === null ? undefined : { lambda: o.lambda, biasAdjust: o.biasAdjust }, tuning: { prune: o.prune } };
}

const METHOD_FORM = `one of ${FORECAST_METHODS.map((m) => `'${m}'`).join(', ')} or a function (history, { horizon, period, level }) => forecast`;

function isMethod(method: unknown): boolean {
  return typeof method === 'function' || (typeof method === 'string' && (FORECAST_METHODS as readonly string[]).includes(method));
}

/** The `method` option (a built-in name or a function) as a table row, with {@link checkMethod}'s message. */
export const METHOD_OPTION = opt({
  default: 'auto',
  accepts: [custom<ForecastMethod>({ describe: METHOD_FORM, test: isMethod, bad: ['arima', 'AUTO', 7, {}] })],
  description: "A built-in method name or a function (history, { horizon, period, level }) => forecast; 'auto' is the mean of ETS and Theta.",
});

/** The option table of {@link forecastSeries} (core/options.ts); nothing is stored on the forecast. */
export const FORECAST_SERIES_OPTIONS = defineOptions<ForecastSeriesOptions>()({
  horizon: HORIZON_OPTION,
  method: METHOD_OPTION,
  level: LEVEL_OPTION,
  period: PERIOD_OPTION,
  lambda: { ...LAMBDA_OPTION, stored: 'no' },
  biasAdjust: { ...BIAS_ADJUST_OPTION, stored: 'no' },
  prune: PRUNE_OPTION,
});

/** Checks a method option. */
export function checkMethod(fn: string, method: unknown): ForecastMethod {
  if (!isMethod(method)) throw new CrmError('INVALID_OPTION', `${fn}: method must be ${METHOD_FORM}; got ${describeValue(method)}.`, { option: 'method', value: method });
  return method as ForecastMethod;
}

/**
 * Runs a checked method on a checked series. A custom method's output is checked: h finite means.
 * @internal
 */
export function runMethod(fn: string, method: ForecastMethod, series: SeriesInput, read: ReadSeries, horizon: number, level: number[], boxCox?: BoxCoxSetting, tuning: EtsTuning = NO_TUNING): Forecast {
  const period = read.period;
  if (boxCox !== undefined) return runBoxCox(fn, method, series, read, horizon, level, boxCox, tuning);
  if (typeof method === 'function') {
    const history = Array.from(read.y);
    const out = method(history, { horizon, period, level: [...level] });
    const isForecast = out !== null && typeof out === 'object' && (out as { kind?: unknown }).kind === 'forecast';
    const mean = isForecast ? (out as Forecast).mean : (out as ArrayLike<number>);
    const ok = mean !== null && typeof mean === 'object' && typeof mean.length === 'number' && mean.length >= horizon;
    if (!ok) throw new CrmError('INVALID_OPTION', `${fn}: the method function must return a Forecast or an array of ${horizon} numbers; got ${describeValue(out)}.`, { option: 'method' });
    for (let j = 0; j < horizon; j++) {
      if (typeof mean[j] !== 'number' || !Number.isFinite(mean[j])) {
        throw new CrmError('NON_FINITE', `${fn}: the method function's forecast at step ${j + 1} is ${describeValue(mean[j])}; it must be a finite number.`, { option: 'method', step: j + 1 });
      }
    }
    if (isForecast) return out as Forecast;
    return { kind: 'forecast', version: 1, method: method.name || 'custom', period, mean: Array.from(mean).slice(0, horizon), level: [], lower: {}, upper: {}, intervals: 'none', warnings: [] };
  }
  const o = { horizon, level, period };
  switch (method) {
    case 'naive':
      return naive(series, o);
    case 'seasonalNaive':
      return seasonalNaive(series, o);
    case 'drift':
      return drift(series, o);
    case 'theta':
      return forecastTheta(fitTheta(series, { period }), horizon, { level });
    case 'ets':
      return etsForecast(read, horizon, level, undefined, tuning);
    default:
      return autoForecast(series, read, horizon, level, undefined, tuning);
  }
}

/**
 * A method with a Box-Cox transform, as R's forecast functions: 'ets' and the ETS half of 'auto'
 * fit the transformed series (fitEts's lambda); the baselines forecast it and are back-transformed
 * as R's forecast.lagwalk. The series is checked against the transform first, so a lambda that
 * cannot take it is an error, not a silent fallback to Theta.
 */
function runBoxCox(fn: string, method: ForecastMethod, series: SeriesInput, read: ReadSeries, horizon: number, level: number[], bc: BoxCoxSetting, tuning: EtsTuning): Forecast {
  if (typeof method === 'function' || method === 'theta') {
    const which = typeof method === 'function' ? 'a function method' : "method 'theta'";
    throw new CrmError('INVALID_OPTION', `${fn}: lambda is not used by ${which} (R's thetaf has no Box-Cox transform); use method 'ets', 'auto' or a baseline, or transform the series yourself (boxCox, invBoxCox).`, { option: 'lambda' });
  }
  const n = read.y.length;
  // A constant series goes to ETS untransformed (R's ets fits it so): no check for 'ets' and 'auto'.
  const constant = read.y.every((v) => v === read.y[0]);
  if (constant && (method === 'ets' || method === 'auto')) return method === 'ets' ? etsForecast(read, horizon, level, bc, tuning) : autoForecast(series, read, horizon, level, bc, tuning);
  const lambda = bc.lambda === 'auto' ? guerreroLambda(read.y, read.period, -0.9, 2) : bc.lambda;
  const transformed = boxCoxInto(fn, read.y, lambda, new Float64Array(n), 'series', read.labels);
  const notes = bc.lambda === 'auto' && read.y.some((v) => v <= 0) ? ["lambda 'auto': the series has values <= 0, so Guerrero's lambda was searched in [0, 2] (the method assumes positive data), as R."] : [];
  let f: Forecast;
  if (method === 'ets') f = etsForecast(read, horizon, level, bc, tuning);
  else if (method === 'auto') f = autoForecast(series, read, horizon, level, bc, tuning);
  else {
    const shape: SeriesShape = { kind: 'salesSeries', period: read.period, values: Array.from(transformed), ...(read.labels ? { labels: read.labels } : {}), ...(read.frequency ? { frequency: read.frequency } : {}) };
    const t = runMethod(fn, method, shape, { ...read, y: transformed }, horizon, level);
    const back = backTransform(fn, t, t.level, lambda, bc.biasAdjust);
    f = { ...t, mean: back.mean, lower: back.lower, upper: back.upper, method: `${t.method} (Box-Cox lambda ${lambda})` };
  }
  return notes.length > 0 ? { ...f, warnings: [...f.warnings, ...notes] } : f;
}

/** ETS with automatic selection (fitEts defaults, R's ets()), as a {@link Forecast}. */
function etsForecast(read: ReadSeries, horizon: number, level: number[], bc?: BoxCoxSetting, tuning: EtsTuning = NO_TUNING): Forecast {
  const model = fitEts(read.y, { period: read.period, prune: tuning.prune, ...(bc ? { lambda: bc.lambda, biasAdjust: bc.biasAdjust } : {}) });
  const f = forecastEts(model, horizon, { level });
  for (let j = 0; j < horizon; j++) {
    const bad = !Number.isFinite(f.mean[j]!) || level.some((l) => !Number.isFinite(f.lower[String(l)]![j]!) || !Number.isFinite(f.upper[String(l)]![j]!));
    if (bad) throw new CrmError('NOT_CONVERGED', `forecastSeries: the ETS forecast at step ${j + 1} is not finite; use method 'theta' or 'auto' (which falls back to Theta).`, { step: j + 1 });
  }
  const labels = futureLabels(read.labels, read.frequency, horizon);
  const lam = model.options.lambda;
  const method = `ets ${model.method}${lam === null ? '' : ` (Box-Cox lambda ${lam})`}`;
  const out: Forecast = { kind: 'forecast', version: 1, method, period: read.period, mean: f.mean.slice(0, horizon), level: [...level], lower: pick(f.lower, level), upper: pick(f.upper, level), intervals: f.method, warnings: model.diagnostics.warnings.map((w) => `fitEts: ${w}`) };
  return labels ? { ...out, labels } : out;
}

function pick(bounds: Readonly<Record<string, number[]>>, level: readonly number[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const l of level) out[String(l)] = bounds[String(l)]!.slice();
  return out;
}

/**
 * The default: the mean of the ETS (automatic selection) and Theta forecasts, and the mean of
 * their bounds at each level (a combination's own variance would need the two methods' error
 * correlation, which neither estimates). Fallbacks, noted in `warnings`: ETS alone fails or is not
 * finite -> Theta alone; fewer than 3 values -> naive.
 */
function autoForecast(series: SeriesInput, read: ReadSeries, horizon: number, level: number[], bc?: BoxCoxSetting, tuning: EtsTuning = NO_TUNING): Forecast {
  const n = read.y.length;
  if (n < 3) {
    const f = naive(series, { horizon, level, period: read.period });
    return { ...f, method: 'auto', warnings: [...f.warnings, `The series has ${n} values, too few for ETS or Theta (3): the naive forecast was used.`] };
  }
  const theta = forecastTheta(fitTheta(series, { period: read.period }), horizon, { level });
  let ets: Forecast;
  try {
    ets = etsForecast(read, horizon, level, bc, tuning);
  } catch (e) {
    if (!(e instanceof CrmError) || e.code === 'ABORTED') throw e;
    return { ...theta, method: 'auto', warnings: [...theta.warnings, `ETS could not be used (${e.code}: ${e.message}); the forecast is Theta alone.`] };
  }
  const avg = (a: readonly number[], b: readonly number[]) => a.map((v, j) => (v + b[j]!) / 2);
  const lower: Record<string, number[]> = {};
  const upper: Record<string, number[]> = {};
  for (const l of level) {
    const k = String(l);
    lower[k] = avg(theta.lower[k]!, ets.lower[k]!);
    upper[k] = avg(theta.upper[k]!, ets.upper[k]!);
  }
  const out: Forecast = { kind: 'forecast', version: 1, method: 'auto', period: read.period, mean: avg(theta.mean, ets.mean), level: [...level], lower, upper, intervals: 'combined', warnings: [...theta.warnings, ...ets.warnings, `Combination of ${ets.method} and theta.`] };
  return theta.labels ? { ...out, labels: theta.labels } : out;
}

/**
 * Forecasts one series with the named method: `'auto'` (default: the mean of ETS with automatic
 * selection and Theta, the M3 winner's recipe; see docs/forecast.md), `'ets'`, `'theta'`,
 * `'naive'`, `'seasonalNaive'`, `'drift'`, or a function of your own. The cost is the method's:
 * O(n m) for Theta, a few dozen ETS fits for `'ets'` and `'auto'`.
 * @param series - Values oldest first, or a `salesSeries` result.
 * With `lambda`, the method forecasts the Box-Cox transformed series and the forecasts are
 * back-transformed (medians, or means with `biasAdjust`), as R's forecast functions do.
 * @param options - `horizon` (required), `method`, `level`, `period`, `lambda`, `biasAdjust`, `prune`.
 * @returns A {@link Forecast}.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `MISSING_VALUE`, `INVALID_OPTION`, `TOO_SHORT`, `NOT_CONVERGED` ('ets'),
 *   `NEGATIVE_VALUE` (a value <= 0 with a lambda <= 0)
 * @example
 * forecastSeries([3, 5, 4, 6], { horizon: 2, method: 'naive' }).mean; // => [6, 6]
 */
export function forecastSeries(series: SeriesInput, options: ForecastSeriesOptions): Forecast {
  const fn = 'forecastSeries';
  const o = resolveOptionTable(fn, FORECAST_SERIES_OPTIONS, options);
  const horizon = o.horizon as number;
  const method = o.method;
  const level = checkLevels(fn, o.level);
  const { boxCox, tuning } = etsSettings(o);
  return runMethod(fn, method, series, readSeries(fn, series, o.period), horizon, level, boxCox, tuning);
}
