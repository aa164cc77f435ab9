/**
 * The benchmark forecasts every method must beat: naive (last value), seasonal naive (the value one
 * season ago) and drift (the line through the first and last values), with R's analytic intervals.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { defineOptions, resolveOptionTable } from '../core/options.js';
import { checkLevels, HORIZON_OPTION, LEVEL_OPTION, normalForecast, PERIOD_OPTION, readSeries, type Forecast, type SeriesInput } from './series.js';
import { futureLabels } from './calendar.js';

/** Options of {@link naive}, {@link seasonalNaive} and {@link drift}. */
export interface BaselineOptions {
  /** Steps ahead. */
  horizon: number;
  /** Interval levels in percent. @defaultValue [80, 95] */
  level?: readonly number[];
  /** Seasonal period (used by seasonalNaive). @defaultValue the salesSeries' period, else 1 */
  period?: number;
}

/** The option table of {@link naive}, {@link seasonalNaive} and {@link drift} (core/options.ts). */
export const BASELINE_OPTIONS = defineOptions<BaselineOptions>()({ horizon: HORIZON_OPTION, level: LEVEL_OPTION, period: PERIOD_OPTION });

/**
 * A lag walk as R's forecast:::lagwalk: the forecast repeats the last `lag` values (plus a drift),
 * the residual variance is the mean squared lag difference (around the drift, with one degree of
 * freedom less, when there is one), and the standard error at step j grows with the number of
 * whole seasons ahead. O(n + h).
 */
function lagWalk(fn: string, method: string, series: SeriesInput, options: BaselineOptions, lagOf: (period: number) => number, withDrift: boolean): Forecast {
  const o = resolveOptionTable(fn, BASELINE_OPTIONS, options);
  const h = o.horizon as number;
  const levels = checkLevels(fn, o.level);
  const s = readSeries(fn, series, o.period);
  const { y, period } = s;
  const n = y.length;
  const lag = lagOf(period);
  const need = lag + (withDrift ? 2 : 1);
  if (n < need) {
    throw new CrmError('TOO_SHORT', `${fn}: the series has ${n} values; ${method} with ${withDrift ? 'a drift' : `lag ${lag}`} needs at least ${need}.` + (lag > 1 ? ' Use naive (or a shorter period) for a series shorter than a season plus one.' : ''), { length: n, needed: need });
  }
  const count = n - lag;
  let b = 0;
  let bSe = 0;
  let sum = 0;
  for (let t = lag; t < n; t++) sum += y[t]! - y[t - lag]!;
  if (withDrift) b = sum / count;
  let ss = 0;
  for (let t = lag; t < n; t++) {
    const r = y[t]! - y[t - lag]! - b;
    ss += r * r;
  }
  if (withDrift) bSe = Math.sqrt(ss / (count - 1)) / Math.sqrt(count);
  // R divides by one less only when the fitted drift is not exactly zero.
  const mse = ss / (count - (b !== 0 ? 1 : 0));
  const mean = new Float64Array(h);
  const se = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const steps = Math.floor(j / lag) + 1;
    mean[j] = y[n - lag + (j % lag)]! + steps * b;
    se[j] = Math.sqrt(mse * steps + (steps * bSe) ** 2);
  }
  const f = normalForecast(method, period, mean, se, levels);
  const labels = futureLabels(s.labels, s.frequency, h);
  return labels ? { ...f, labels } : f;
}

/**
 * Naive forecast: every step ahead is the last value; intervals widen with sqrt(step), the
 * residual variance being the mean squared one-step change. Equals R's `naive()` (forecast
 * 8.20) to 1e-10. O(n + h).
 * @param series - Values oldest first, or a `salesSeries` result.
 * @param options - `horizon` (required), `level` (default [80, 95]).
 * @returns A {@link Forecast} with analytic normal intervals.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `MISSING_VALUE`, `INVALID_OPTION`, `TOO_SHORT` (fewer than 2 values)
 * Source: Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), 5.2 and 5.5.
 * @example
 * naive([3, 5, 4], { horizon: 2 }).mean; // => [4, 4]
 */
export function naive(series: SeriesInput, options: BaselineOptions): Forecast {
  return lagWalk('naive', 'naive', series, options, () => 1, false);
}

/**
 * Seasonal naive forecast: each step ahead is the value of the same season in the last observed
 * season; the standard error grows with the square root of the number of whole seasons ahead.
 * Equals R's `snaive()` to 1e-10. O(n + h).
 * @param series - Values oldest first, or a `salesSeries` result (its period is the season).
 * @param options - `horizon` (required), `period`, `level`.
 * @returns A {@link Forecast} with analytic normal intervals.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `MISSING_VALUE`, `INVALID_OPTION`, `TOO_SHORT` (fewer than period + 1 values)
 * Source: Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), 5.2.
 * @example
 * seasonalNaive([1, 2, 3, 4, 5, 6], { horizon: 3, period: 4 }).mean; // => [3, 4, 5]
 */
export function seasonalNaive(series: SeriesInput, options: BaselineOptions): Forecast {
  return lagWalk('seasonalNaive', 'seasonalNaive', series, options, (m) => m, false);
}

/**
 * Drift (random walk with drift) forecast: the last value plus the mean one-step change per
 * step; the standard error adds the uncertainty of the estimated drift. Equals R's
 * `rwf(drift = TRUE)` to 1e-10. O(n + h).
 * @param series - Values oldest first, or a `salesSeries` result.
 * @param options - `horizon` (required), `level`.
 * @returns A {@link Forecast} with analytic normal intervals.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `MISSING_VALUE`, `INVALID_OPTION`, `TOO_SHORT` (fewer than 3 values)
 * Source: Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), 5.2 and 5.5.
 * @example
 * drift([1, 2, 4], { horizon: 2 }).mean; // => [5.5, 7]
 */
export function drift(series: SeriesInput, options: BaselineOptions): Forecast {
  return lagWalk('drift', 'drift', series, options, () => 1, true);
}
