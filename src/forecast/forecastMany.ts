/**
 * Forecasts many series at once (thousands of product, segment or country series) with one
 * method, reporting progress and honouring an AbortSignal, without the caller writing a loop.
 * @module
 */
import { CrmError, describeValue, isCrmError, type ErrorCode } from '../core/errors.js';
import { defineOptions, oneOf, opt, resolveOptionTable, RUN_CONTROL_OPTIONS } from '../core/options.js';
import { runControl, type RunControl } from '../core/progress.js';
import { BIAS_ADJUST_OPTION, LAMBDA_OPTION } from './ets.js';
import { METHOD_OPTION, runMethod, type ForecastMethod } from './forecastSeries.js';
import { checkLevels, HORIZON_OPTION, LEVEL_OPTION, PERIOD_OPTION, readSeries, type Forecast, type SeriesInput, type SeriesShape } from './series.js';

/** Many series: a `salesSeries` result with a `group`, an object of series by name, or an array. */
export type ManySeriesInput =
  | { readonly kind: 'salesSeriesByGroup'; readonly groups: readonly (string | number)[]; readonly series: readonly SeriesShape[] }
  | Readonly<Record<string, SeriesInput>>
  | readonly SeriesInput[];

/** Options of {@link forecastMany}. */
export interface ForecastManyOptions extends RunControl {
  /** Steps ahead. */
  horizon: number;
  /** The method for every series (see forecastSeries). @defaultValue 'auto' */
  method?: ForecastMethod;
  /** Interval levels in percent. @defaultValue [80, 95] */
  level?: readonly number[];
  /** Seasonal period for every series. @defaultValue each salesSeries' period, else 1 */
  period?: number;
  /**
   * A series the method refuses (too short, NaN): `'refuse'` throws naming the group; `'skip'`
   * leaves it out and lists it in `failed` with the error code and message. @defaultValue 'refuse'
   */
  failures?: 'refuse' | 'skip';
  /** Box-Cox transform for every series, as in forecastSeries (a number, `'auto'` or null). @defaultValue null */
  lambda?: number | 'auto' | null;
  /** With a lambda, back-transformed point forecasts are means, not medians (R's `biasadj`). @defaultValue false */
  biasAdjust?: boolean;
}

/** Forecasts by group. */
export interface ForecastManyResult {
  readonly kind: 'forecastMany';
  readonly version: 1;
  readonly method: string;
  readonly horizon: number;
  /** Group of each forecast, in input order (array input: '0', '1', ...). */
  readonly groups: (string | number)[];
  readonly forecasts: Forecast[];
  /** Series left out with `failures: 'skip'`. */
  readonly failed: { readonly group: string | number; readonly code: ErrorCode; readonly message: string }[];
}

/** The option table of {@link forecastMany} (core/options.ts); nothing is stored on the result. */
export const FORECAST_MANY_OPTIONS = defineOptions<ForecastManyOptions>()({
  horizon: HORIZON_OPTION,
  method: METHOD_OPTION,
  level: LEVEL_OPTION,
  period: { ...PERIOD_OPTION, computedDefault: "each salesSeries' period, else 1", description: "Seasonal period for every series; absent: each salesSeries' period, else 1." },
  failures: opt({ default: 'refuse', accepts: [oneOf(['refuse', 'skip'])], description: "A series the method refuses: 'refuse' throws naming the group, 'skip' lists it in failed." }),
  lambda: { ...LAMBDA_OPTION, stored: 'no' },
  biasAdjust: { ...BIAS_ADJUST_OPTION, stored: 'no' },
  ...RUN_CONTROL_OPTIONS,
});

/**
 * Forecasts every series with one method, reporting progress once per series (phase `'series'`)
 * and checking the signal there (docs/progress.md). Each series gets its own fit. O(total length
 * x the method's cost per value).
 * @param many - A `salesSeries(..., { group })` result, `{ [group]: series }`, or an array of series.
 * @param options - `horizon` (required), `method` (default `'auto'`), `level`, `period`, `failures`, `lambda`, `biasAdjust`, `onProgress`, `signal`.
 * @returns A {@link ForecastManyResult}.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `INVALID_OPTION`, `ABORTED`; with `failures: 'refuse'`, the first series' error, naming its group
 * @example
 * const out = forecastMany({ tea: [3, 4, 5], cake: [9, 8, 7] }, { horizon: 1, method: 'naive' });
 * out.forecasts.map((f) => f.mean); // => [[5], [7]]
 */
export function forecastMany(many: ManySeriesInput, options: ForecastManyOptions): ForecastManyResult {
  const fn = 'forecastMany';
  const o = resolveOptionTable(fn, FORECAST_MANY_OPTIONS, options);
  const tick = runControl(fn, o);
  const method: ForecastMethod = o.method;
  const h = o.horizon as number;
  const level = checkLevels(fn, o.level);
  let groups: (string | number)[];
  let list: readonly unknown[];
  if (Array.isArray(many)) {
    list = many;
    groups = many.map((_, i) => String(i));
  } else if (many !== null && typeof many === 'object' && !ArrayBuffer.isView(many)) {
    const g = many as { kind?: unknown; groups?: unknown; series?: unknown };
    if (g.kind === 'salesSeriesByGroup') {
      if (!Array.isArray(g.groups) || !Array.isArray(g.series) || g.groups.length !== g.series.length) {
        throw new CrmError('INVALID_INPUT', `${fn}: the salesSeries result's groups and series must be arrays of the same length; rebuild it with salesSeries.`);
      }
      groups = [...(g.groups as (string | number)[])];
      list = g.series as unknown[];
    } else if (g.kind === 'salesSeries') {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: got one salesSeries; build one per group with salesSeries(orders, { group }), or use forecastSeries for one series.`);
    } else {
      groups = Object.keys(many);
      list = groups.map((k) => (many as Record<string, unknown>)[k as string]);
    }
  } else {
    throw new CrmError('INVALID_INPUT', `${fn}: pass series by group (an object), an array of series, or a salesSeries result with a group; got ${describeValue(many)}.`);
  }
  if (list.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: there are no series; pass at least one.`);
  const outGroups: (string | number)[] = [];
  const forecasts: Forecast[] = [];
  const failed: { group: string | number; code: ErrorCode; message: string }[] = [];
  let methodName = typeof method === 'string' ? method : method.name || 'custom';
  const boxCox = o.lambda === null ? undefined : { lambda: o.lambda, biasAdjust: o.biasAdjust };
  for (let i = 0; i < list.length; i++) {
    const group = groups[i]!;
    try {
      const series = list[i] as SeriesInput;
      const f = runMethod(fn, method, series, readSeries(`${fn} (group ${String(group)})`, series, o.period), h, level, boxCox);
      methodName = f.method;
      outGroups.push(group);
      forecasts.push(f);
    } catch (e) {
      if (!isCrmError(e) || e.code === 'ABORTED') throw e;
      if (o.failures === 'refuse') {
        throw new CrmError(e.code, `${fn}: group ${describeValue(group)}: ${e.message} Pass failures: 'skip' to leave such series out (listed in failed).`, { ...e.details, group, option: 'failures' });
      }
      failed.push({ group, code: e.code, message: e.message });
    }
    tick('series', i + 1, list.length);
  }
  return { kind: 'forecastMany', version: 1, method: methodName, horizon: h, groups: outGroups, forecasts, failed };
}
