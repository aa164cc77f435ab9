/**
 * One entry point for every method, by name, so backtests and many-series runs take a method
 * name: the baselines, Theta, and (with the ETS module) ETS and the default combination.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { resolveOptions } from '../core/validate.js';
import { drift, naive, seasonalNaive } from './baselines.js';
import { checkHorizon, checkLevels, readSeries, type Forecast, type ReadSeries, type SeriesInput } from './series.js';
import { fitTheta, forecastTheta } from './theta.js';

/** A forecasting method: a name, or a function of the history (numbers, oldest first). */
export type ForecastMethod = ForecastMethodName | CustomForecastMethod;

/** The built-in methods. */
export type ForecastMethodName = 'naive' | 'seasonalNaive' | 'drift' | 'theta';

/** A method of your own: returns a Forecast, or just the point forecasts (then no intervals). */
export type CustomForecastMethod = (history: number[], context: { horizon: number; period: number; level: number[] }) => Forecast | ArrayLike<number>;

/** The built-in method names. */
export const FORECAST_METHODS: readonly ForecastMethodName[] = Object.freeze(['naive', 'seasonalNaive', 'drift', 'theta']);

/** Options of {@link forecastSeries}. */
export interface ForecastSeriesOptions {
  /** Steps ahead. */
  horizon: number;
  /** The method. @defaultValue 'theta' */
  method?: ForecastMethod;
  /** Interval levels in percent. @defaultValue [80, 95] */
  level?: readonly number[];
  /** Seasonal period. @defaultValue the salesSeries' period, else 1 */
  period?: number;
}

const FORECAST_SERIES_DEFAULTS = Object.freeze({ horizon: undefined as unknown as number, method: 'theta' as ForecastMethod, level: undefined as readonly number[] | undefined, period: undefined as number | undefined });

/** Checks a method option. */
export function checkMethod(fn: string, method: unknown): ForecastMethod {
  if (typeof method === 'function') return method as CustomForecastMethod;
  if (typeof method !== 'string' || !(FORECAST_METHODS as readonly string[]).includes(method)) {
    throw new CrmError('INVALID_OPTION', `${fn}: method must be one of ${FORECAST_METHODS.map((m) => `'${m}'`).join(', ')} or a function (history, { horizon, period, level }) => forecast; got ${describeValue(method)}.`, { option: 'method', value: method });
  }
  return method as ForecastMethodName;
}

/**
 * Runs a checked method on a checked series. A custom method's output is checked: h finite means.
 * @internal
 */
export function runMethod(fn: string, method: ForecastMethod, series: SeriesInput, read: ReadSeries, horizon: number, level: number[]): Forecast {
  const period = read.period;
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
    default:
      return forecastTheta(fitTheta(series, { period }), horizon, { level });
  }
}

/**
 * Forecasts one series with the named method: `'naive'`, `'seasonalNaive'`, `'drift'`,
 * `'theta'` (default), or a function of your own. The cost is the method's: O(n m) for Theta.
 * @param series - Values oldest first, or a `salesSeries` result.
 * @param options - `horizon` (required), `method`, `level`, `period`.
 * @returns A {@link Forecast}.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `MISSING_VALUE`, `INVALID_OPTION`, `TOO_SHORT`
 * @example
 * forecastSeries([3, 5, 4, 6], { horizon: 2, method: 'naive' }).mean; // => [6, 6]
 */
export function forecastSeries(series: SeriesInput, options: ForecastSeriesOptions): Forecast {
  const fn = 'forecastSeries';
  const o = resolveOptions(fn, FORECAST_SERIES_DEFAULTS, options);
  const horizon = checkHorizon(fn, o.horizon);
  const method = checkMethod(fn, o.method);
  const level = checkLevels(fn, o.level);
  return runMethod(fn, method, series, readSeries(fn, series, o.period), horizon, level);
}
