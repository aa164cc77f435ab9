/**
 * Forecasts many series at once (thousands of product, segment or country series) with one
 * method, reporting progress and honouring an AbortSignal, without the caller writing a loop.
 * @module
 */
import { CrmError, describeValue, isCrmError, type ErrorCode } from '../core/errors.js';
import { defineOptions, oneOf, opt, resolveOptionTable, RUN_CONTROL_OPTIONS } from '../core/options.js';
import { runControl, type RunControl } from '../core/progress.js';
import { BIAS_ADJUST_OPTION, LAMBDA_OPTION, PRUNE_OPTION } from './ets.js';
import { etsSettings, METHOD_OPTION, runMethod, type BoxCoxSetting, type EtsTuning, type ForecastMethod } from './forecastSeries.js';
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
  /** fitEts's `prune` for `'ets'` and the ETS half of `'auto'` (see forecastSeries). @defaultValue true */
  prune?: boolean;
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
  prune: PRUNE_OPTION,
  ...RUN_CONTROL_OPTIONS,
});

/**
 * Forecasts every series with one method, reporting progress once per series (phase `'series'`)
 * and checking the signal there (docs/progress.md). Each series gets its own fit. O(total length
 * x the method's cost per value).
 * @param many - A `salesSeries(..., { group })` result, `{ [group]: series }`, or an array of series.
 * @param options - `horizon` (required), `method` (default `'auto'`), `level`, `period`, `failures`, `lambda`, `biasAdjust`, `prune`, `onProgress`, `signal`.
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
  const settings = manySettings(fn, o);
  const { groups, list } = readMany(fn, many);
  const out = new ManyCollector(settings);
  for (let i = 0; i < list.length; i++) {
    const group = groups[i]!;
    try {
      out.add(group, forecastGroup(fn, settings, list[i], group));
    } catch (e) {
      if (!isCrmError(e) || e.code === 'ABORTED') throw e;
      if (o.failures === 'refuse') throw refusal(fn, e, group);
      out.fail(group, e);
    }
    tick('series', i + 1, list.length);
  }
  return out.result();
}

/** What every series of a many-series run is forecast with: plain data, so a worker can take it. */
export interface ManySettings {
  readonly method: ForecastMethod;
  readonly horizon: number;
  readonly level: number[];
  readonly period: number | undefined;
  readonly boxCox: BoxCoxSetting | undefined;
  readonly tuning: EtsTuning;
}

/** The per-series settings from resolved forecastMany options. */
export function manySettings(fn: string, o: { method: ForecastMethod; horizon: number | undefined; level: readonly number[]; period?: number | undefined; lambda: number | 'auto' | null; biasAdjust: boolean; prune: boolean }): ManySettings {
  return {
    method: o.method,
    horizon: o.horizon as number, // required: resolveOptionTable refused its absence
    level: checkLevels(fn, o.level),
    period: o.period,
    ...etsSettings(o),
  };
}

/** The series of a many-series input and the group of each, in input order. */
export function readMany(fn: string, many: unknown): { groups: (string | number)[]; list: readonly unknown[] } {
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
  return { groups, list };
}

/** One group's forecast; a refused series throws the method's own CrmError. */
export function forecastGroup(fn: string, settings: ManySettings, series: unknown, group: string | number): Forecast {
  const read = readSeries(`${fn} (group ${String(group)})`, series, settings.period);
  return runMethod(fn, settings.method, series as SeriesInput, read, settings.horizon, settings.level, settings.boxCox, settings.tuning);
}

/** The error `failures: 'refuse'` throws for a group's refused series. */
export function refusal(fn: string, e: CrmError, group: string | number): CrmError {
  return new CrmError(e.code, `${fn}: group ${describeValue(group)}: ${e.message} Pass failures: 'skip' to leave such series out (listed in failed).`, { ...e.details, group, option: 'failures' });
}

/** Gathers forecasts and failures in input order into a {@link ForecastManyResult}. */
export class ManyCollector {
  private readonly groups: (string | number)[] = [];
  private readonly forecasts: Forecast[] = [];
  private readonly failed: { group: string | number; code: ErrorCode; message: string }[] = [];
  private methodName: string;

  constructor(private readonly settings: ManySettings) {
    const m = settings.method;
    this.methodName = typeof m === 'string' ? m : m.name || 'custom';
  }

  add(group: string | number, f: Forecast): void {
    this.methodName = f.method;
    this.groups.push(group);
    this.forecasts.push(f);
  }

  fail(group: string | number, e: { code: ErrorCode; message: string }): void {
    this.failed.push({ group, code: e.code, message: e.message });
  }

  result(): ForecastManyResult {
    return { kind: 'forecastMany', version: 1, method: this.methodName, horizon: this.settings.horizon, groups: this.groups, forecasts: this.forecasts, failed: this.failed };
  }
}
