/**
 * What every forecasting function shares: reading a series (numbers, or a `salesSeries` result)
 * into a checked Float64Array with its seasonal period, the forecast result shape, and the
 * prediction-interval levels.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { normalQuantile } from '../core/distributions.js';
import { custom, opt } from '../core/options.js';

/** Calendar frequencies of {@link salesSeries}. */
export type Frequency = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Seasonal period of each frequency: a week of days, a year of weeks, months or quarters. */
export const FREQUENCY_PERIOD: Readonly<Record<Frequency, number>> = Object.freeze({ day: 7, week: 52, month: 12, quarter: 4, year: 1 });

/** The fields of a `salesSeries` result a forecast reads. */
export interface SeriesShape {
  readonly kind: 'salesSeries';
  readonly period: number;
  readonly values: readonly number[];
  readonly labels?: readonly string[];
  readonly frequency?: Frequency;
}

/** A series: its values in time order (numbers, a typed array) or a `salesSeries` result. */
export type SeriesInput = ArrayLike<number> | SeriesShape;

/** A series once read: checked values and the seasonal period. */
export interface ReadSeries {
  readonly y: Float64Array;
  readonly period: number;
  readonly labels: readonly string[] | undefined;
  readonly frequency: Frequency | undefined;
}

/** Prediction intervals at each level: `lower['80']` is the 80% lower bound per step. */
export type IntervalBounds = Readonly<Record<string, number[]>>;

/** A forecast: the same shape from every method, plain JSON. */
export interface Forecast {
  readonly kind: 'forecast';
  readonly version: 1;
  /** The method: `'naive'`, `'seasonalNaive'`, `'drift'`, `'theta'`, `'ets'`, `'auto'`, ... */
  readonly method: string;
  /** Seasonal period used. */
  readonly period: number;
  /** Point forecasts, one per step ahead. */
  readonly mean: number[];
  /** Interval levels in percent, e.g. `[80, 95]`. */
  readonly level: number[];
  /** Lower bounds by level (`lower['95']`). */
  readonly lower: IntervalBounds;
  /** Upper bounds by level. */
  readonly upper: IntervalBounds;
  /** How the intervals were made: `'analytic'` (normal, closed-form variance) or `'combined'`. */
  readonly intervals: string;
  /** Labels of the forecast periods when the history was a `salesSeries`; otherwise absent. */
  readonly labels?: string[];
  /** Notes on fallbacks taken (a too-short series, a seasonal test skipped). */
  readonly warnings: string[];
}

/** The largest |value| a forecast takes: squares and sums of squares of such values stay finite. */
export const MAX_ABS_VALUE = 1e100;

/** The error for a value beyond {@link MAX_ABS_VALUE}. */
export function tooLarge(fn: string, where: string, x: number): CrmError {
  return new CrmError('NON_FINITE', `${fn}: ${where} is ${x}; values beyond 1e100 in magnitude make squared errors overflow. Rescale the series (for example to thousands) first.`, { where });
}

/** Default interval levels (percent), as R's forecast package. */
export const DEFAULT_LEVELS: readonly number[] = Object.freeze([80, 95]);

const PERIOD_HELP = 'the seasonal period: 12 for months, 4 for quarters, 7 for days, 1 for none';

/**
 * The `period` option of the functions that read a series, as a table row (core/options.ts), with
 * {@link readSeries}'s rule and message. Absent: the salesSeries' period, else 1.
 * @example
 * PERIOD_OPTION.computedDefault; // => "the salesSeries' period, else 1"
 */
export const PERIOD_OPTION = opt({
  computedDefault: "the salesSeries' period, else 1",
  accepts: [custom<number>({ describe: `an integer >= 1 (${PERIOD_HELP})`, test: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1, bad: [0, -1, 2.5, NaN, Infinity, '4'] })],
  description: "Seasonal period; absent: the salesSeries' period, else 1.",
});

/**
 * Reads a series into a Float64Array, refusing what a forecast cannot use: not an array, empty,
 * NaN or Infinity (naming the position). The input is never mutated. O(n).
 * @param fn - The calling function, for messages.
 * @param period - The `period` option (undefined: the salesSeries period, else 1).
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `INVALID_OPTION`
 * @example
 * readSeries('naive', [1, 2, 3], undefined).period; // => 1
 */
export function readSeries(fn: string, series: unknown, period: unknown): ReadSeries {
  let values: unknown = series;
  let ownPeriod = 1;
  let labels: readonly string[] | undefined;
  let frequency: Frequency | undefined;
  if (series !== null && typeof series === 'object' && !Array.isArray(series) && !ArrayBuffer.isView(series)) {
    const s = series as Omit<Partial<SeriesShape>, 'kind'> & { kind?: unknown };
    if (s.kind === 'salesSeriesByGroup') {
      throw new CrmError('WRONG_RESULT_KIND', `${fn}: got a salesSeries result with one series per group; pass one group's series (result.series[i]) or use forecastMany for all of them.`);
    }
    if (s.kind !== 'salesSeries') {
      throw new CrmError('INVALID_INPUT', `${fn}: series must be an array of numbers or a salesSeries result; got an object of kind ${describeValue(s.kind)}.`);
    }
    values = s.values;
    if (typeof s.period === 'number' && Number.isInteger(s.period) && s.period >= 1) ownPeriod = s.period;
    else throw new CrmError('INVALID_INPUT', `${fn}: the salesSeries' period must be an integer >= 1; got ${describeValue(s.period)}. Rebuild it with salesSeries.`);
    if (Array.isArray(s.labels) && s.labels.length === (Array.isArray(values) ? values.length : -1)) labels = s.labels as string[];
    if (typeof s.frequency === 'string' && s.frequency in FREQUENCY_PERIOD) frequency = s.frequency as Frequency;
  }
  const isArrayLike = Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView));
  if (!isArrayLike) throw new CrmError('INVALID_INPUT', `${fn}: series must be an array of numbers (oldest first) or a salesSeries result; got ${describeValue(values)}.`);
  const v = values as ArrayLike<unknown>;
  if (v.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: the series is empty; pass at least one value.`);
  const y = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' && typeof x !== 'bigint') {
      const missing = x === null || x === undefined;
      throw new CrmError(missing ? 'MISSING_VALUE' : 'INVALID_INPUT', `${fn}: series[${i}] is ${describeValue(x)}; every value must be a number. Fill gaps first (salesSeries fills days without sales with 0).`, { row: i });
    }
    if (typeof x === 'bigint' || !Number.isFinite(x)) {
      throw new CrmError('NON_FINITE', `${fn}: series[${i}] is ${describeValue(x)}; every value must be a finite number. Fill or drop it before the call.`, { row: i });
    }
    // Squared errors and variances must stay finite: beyond 1e100 they can overflow.
    if (Math.abs(x) > MAX_ABS_VALUE) throw tooLarge(fn, `series[${i}]`, x);
    y[i] = x;
  }
  let m = ownPeriod;
  if (period !== undefined) {
    if (typeof period !== 'number' || !Number.isInteger(period) || period < 1) {
      throw new CrmError('INVALID_OPTION', `${fn}: period must be an integer >= 1 (${PERIOD_HELP}); got ${describeValue(period)}.`, { option: 'period', value: period });
    }
    m = period;
  }
  return { y, period: m, labels, frequency };
}

/**
 * Checks the `level` option: interval levels in percent, each in (0, 100), ascending and distinct;
 * fractions such as 0.95 are refused rather than guessed (R rescales them). O(levels).
 * @throws CrmError `INVALID_OPTION`
 * @example
 * checkLevels('naive', undefined); // => [80, 95]
 */
export function checkLevels(fn: string, level: unknown): number[] {
  return parseLevels(`${fn}: `, 'level', level);
}

const LEVELS_FORM = 'interval levels in percent, e.g. [80, 95] (each in (0, 100), ascending, distinct)';

/** {@link checkLevels} with the option's name and the message's prefix given. */
function parseLevels(prefix: string, name: string, level: unknown): number[] {
  if (level === undefined) return [...DEFAULT_LEVELS];
  const list = typeof level === 'number' ? [level] : level;
  const bad = (why: string) => new CrmError('INVALID_OPTION', `${prefix}${name} must be ${LEVELS_FORM}; ${why}.`, { option: name, value: level });
  if (!Array.isArray(list) || list.length === 0) throw bad(`got ${describeValue(level)}`);
  const out: number[] = [];
  for (const l of list) {
    if (typeof l !== 'number' || !Number.isFinite(l) || l <= 0 || l >= 100) throw bad(`got ${describeValue(l)}`);
    if (out.length > 0 && l <= out[out.length - 1]!) throw bad(`got ${list.join(', ')}`);
    out.push(l);
  }
  if (out[out.length - 1]! <= 1) throw bad(`got ${out.join(', ')}, which look like fractions; write 95 for 95%`);
  return out;
}

/**
 * The `level` option of the forecasting functions as a table row, with {@link checkLevels}'s rule
 * and message (a lone number is read as a one-element array). Never stored.
 * @example
 * LEVEL_OPTION.default; // => [80, 95]
 */
export const LEVEL_OPTION = opt({
  default: DEFAULT_LEVELS,
  accepts: [custom<readonly number[]>({ describe: LEVELS_FORM, test: (v) => Array.isArray(v) || typeof v === 'number', check: (name, v) => void parseLevels('', name, v), bad: ['x', [], [0.8, 0.95], [95, 80], [80, 80], [0], [100], [NaN]] })],
  description: 'Interval levels in percent, ascending.',
});

/**
 * Checks the `horizon` option: steps ahead, an integer >= 1. O(1).
 * @throws CrmError `INVALID_OPTION`
 * @example
 * checkHorizon('naive', 12); // => 12
 */
export function checkHorizon(fn: string, horizon: unknown): number {
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1 || horizon > 1e6) {
    throw new CrmError('INVALID_OPTION', `${fn}: horizon must be an integer in [1, 1000000] (steps ahead); got ${describeValue(horizon)}.`, { option: 'horizon', value: horizon });
  }
  return horizon;
}

/**
 * The `horizon` option of the forecasting functions as a table row (required), with
 * {@link checkHorizon}'s rule and message. Never stored.
 * @example
 * HORIZON_OPTION.required; // => true
 */
export const HORIZON_OPTION = opt({
  accepts: [custom<number>({ describe: 'an integer in [1, 1000000] (steps ahead)', test: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1e6, bad: [0, -1, 1.5, 1e6 + 1, NaN, Infinity, '2'] })],
  required: true,
  description: 'Steps ahead (an integer >= 1).',
});

/** The normal quantile for a two-sided level in percent (1.2816 for 80). */
export function levelZ(level: number): number {
  return normalQuantile(0.5 + level / 200);
}

/**
 * A forecast with normal intervals mean +- z * se at each level. O(h * levels).
 * @internal
 */
export function normalForecast(
  method: string,
  period: number,
  mean: ArrayLike<number>,
  se: ArrayLike<number>,
  levels: readonly number[],
  warnings: string[] = [],
): Forecast {
  const h = mean.length;
  const lower: Record<string, number[]> = {};
  const upper: Record<string, number[]> = {};
  for (const l of levels) {
    const z = levelZ(l);
    const lo = new Array<number>(h);
    const hi = new Array<number>(h);
    for (let i = 0; i < h; i++) {
      lo[i] = mean[i]! - z * se[i]!;
      hi[i] = mean[i]! + z * se[i]!;
    }
    lower[String(l)] = lo;
    upper[String(l)] = hi;
  }
  return { kind: 'forecast', version: 1, method, period, mean: Array.from(mean), level: [...levels], lower, upper, intervals: 'analytic', warnings };
}
