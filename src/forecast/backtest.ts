/**
 * Rolling-origin evaluation (time-series cross-validation): fit on the first t values, forecast
 * h steps, compare with what came next, for t = initial, initial + step, ...; the errors are those
 * of R's `tsCV()`.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { custom, defineOptions, opt, resolveOptionTable, RUN_CONTROL_OPTIONS } from '../core/options.js';
import { runControl, type RunControl } from '../core/progress.js';
import { forecastAccuracy, type ForecastAccuracy } from './forecastAccuracy.js';
import { BIAS_ADJUST_OPTION, LAMBDA_OPTION, PRUNE_OPTION } from './ets.js';
import { checkMethod, etsSettings, runMethod, type ForecastMethod } from './forecastSeries.js';
import { checkLevels, HORIZON_OPTION, LEVEL_OPTION, PERIOD_OPTION, readSeries, type SeriesInput } from './series.js';

/** Options of {@link backtest}. */
export interface BacktestOptions extends RunControl {
  /** Steps ahead at each origin. */
  horizon: number;
  /** Training lengths to forecast from (each in [1, n - 1]); overrides initial and step. @defaultValue undefined */
  origins?: readonly number[];
  /** The first training length. @defaultValue half the series, rounded up (at least 1) */
  initial?: number;
  /** Values between origins. @defaultValue 1 */
  step?: number;
  /** Interval levels in percent (coverage is reported for each). @defaultValue [80, 95] */
  level?: readonly number[];
  /** Seasonal period. @defaultValue the salesSeries' period, else 1 */
  period?: number;
  /** Box-Cox transform at every origin (`'auto'` is chosen on each origin's history), as in forecastSeries (a number, `'auto'` or null). @defaultValue null */
  lambda?: number | 'auto' | null;
  /** With a lambda, back-transformed point forecasts are means, not medians (R's `biasadj`). @defaultValue false */
  biasAdjust?: boolean;
  /** fitEts's `prune` for `'ets'` and the ETS half of `'auto'` (see forecastSeries). @defaultValue true */
  prune?: boolean;
}

/** What a backtest found. */
export interface BacktestResult {
  readonly kind: 'backtest';
  readonly version: 1;
  readonly method: string;
  readonly horizon: number;
  readonly period: number;
  /** Training length of each origin (the forecast starts after value origins[i]). */
  readonly origins: number[];
  /** Point forecasts per origin, `horizon` each (also past the end of the series). */
  readonly forecasts: number[][];
  /** actual - forecast per origin and step; null past the end of the series (as tsCV's NA). */
  readonly errors: (number | null)[][];
  /** Accuracy over every scored (origin, step) pair; MASE scaled per origin by its own history. */
  readonly accuracy: ForecastAccuracy;
  /** Accuracy of step j + 1 ahead over the origins that reach it; null where none does. */
  readonly byHorizon: (ForecastAccuracy | null)[];
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/**
 * The option table of {@link backtest} (core/options.ts). The bounds that need the series' length
 * (origins and initial at most n - 1) and origins vs initial are checked in the function.
 */
export const BACKTEST_OPTIONS = defineOptions<BacktestOptions>()({
  horizon: { ...HORIZON_OPTION, description: 'Steps ahead at each origin (an integer >= 1).', stored: 'as-given' },
  origins: opt({
    accepts: [custom<readonly number[]>({ describe: 'a non-empty array of training lengths', test: (v) => Array.isArray(v) && v.length > 0, bad: ['x', 3, []] })],
    description: 'Training lengths to forecast from (each in [1, n - 1], ascending); overrides initial and step; stored as result.origins.',
    stored: 'derived',
  }),
  initial: opt({
    computedDefault: 'half the series, rounded up',
    accepts: [custom<number>({ describe: 'an integer >= 1 (the first training length)', test: isCount, bad: [0, 1.5, NaN, '2'] })],
    description: 'The first training length, at most n - 1.',
  }),
  step: opt({ default: 1, accepts: [custom<number>({ describe: 'an integer >= 1', test: isCount, bad: [0, -1, 1.5, Infinity, '1'] })], description: 'Values between origins.' }),
  level: LEVEL_OPTION,
  period: { ...PERIOD_OPTION, stored: 'derived' },
  lambda: { ...LAMBDA_OPTION, stored: 'no' },
  biasAdjust: { ...BIAS_ADJUST_OPTION, stored: 'no' },
  prune: PRUNE_OPTION,
  ...RUN_CONTROL_OPTIONS,
});

/**
 * Rolling-origin backtest of a forecasting method: at each origin the method sees only the values
 * before it, forecasts `horizon` steps, and is scored on the values that follow (steps past the
 * end are left out). Reports per-origin forecasts and errors (equal to R's `tsCV()` errors), the
 * accuracy over all scored pairs and by step ahead, with interval coverage. O(origins x the
 * method's cost).
 * @param series - Values oldest first, or a `salesSeries` result.
 * @param method - `'auto'`, `'ets'`, `'naive'`, `'seasonalNaive'`, `'drift'`, `'theta'`, or a function (see {@link forecastSeries}).
 * @param options - `horizon` (required), `origins` or `initial` and `step`, `level`, `period`, `lambda`, `biasAdjust`, `prune`, `onProgress` (phase `'origin'`), `signal`.
 * @returns A {@link BacktestResult}.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `INVALID_OPTION`, `TOO_SHORT` (naming the origin), `ABORTED`
 * Source: Hyndman & Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), 5.10; R forecast::tsCV.
 * @example
 * const bt = backtest([1, 2, 3, 4, 5, 6], 'naive', { horizon: 2, initial: 4 });
 * [bt.origins, bt.errors]; // => [[4, 5], [[1, 2], [1, null]]]
 */
export function backtest(series: SeriesInput, method: ForecastMethod, options: BacktestOptions): BacktestResult {
  const fn = 'backtest';
  const o = resolveOptionTable(fn, BACKTEST_OPTIONS, options);
  const tick = runControl(fn, o);
  const m = checkMethod(fn, method);
  const h = o.horizon as number;
  const level = checkLevels(fn, o.level);
  const s = readSeries(fn, series, o.period);
  const { y, period } = s;
  const n = y.length;
  if (n < 2) throw new CrmError('TOO_SHORT', `${fn}: the series has ${n} value; a backtest needs at least 2 (one to fit, one to score).`, { length: n, needed: 2 });
  let origins: number[];
  if (o.origins !== undefined) {
    origins = [];
    for (const t of o.origins as unknown[]) {
      if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > n - 1) {
        throw new CrmError('INVALID_OPTION', `${fn}: origins must be training lengths, integers in [1, ${n - 1}] (a forecast needs a value after it to be scored); got ${describeValue(t)}.`, { option: 'origins', value: t });
      }
      if (origins.length > 0 && t <= origins[origins.length - 1]!) throw new CrmError('INVALID_OPTION', `${fn}: origins must be ascending and distinct; got ${(o.origins as number[]).join(', ')}.`, { option: 'origins' });
      origins.push(t);
    }
    if (o.initial !== undefined) throw new CrmError('INVALID_OPTION', `${fn}: give origins or initial, not both.`, { option: 'initial' });
  } else {
    const initial = o.initial ?? Math.max(1, Math.ceil(n / 2));
    if (initial > n - 1) {
      throw new CrmError('INVALID_OPTION', `${fn}: initial must be an integer in [1, ${n - 1}] (the first training length); got ${describeValue(initial)}.`, { option: 'initial', value: initial });
    }
    const step = o.step;
    origins = [];
    for (let t = initial; t <= n - 1; t += step) origins.push(t);
  }
  const forecasts: number[][] = [];
  const errors: (number | null)[][] = [];
  // Pairs for the pooled accuracy: actual, forecast, bounds, and the MASE scale of the origin.
  const act: number[] = [], fc: number[] = [], scale: number[] = [];
  const lo: Record<string, number[]> = {}, hi: Record<string, number[]> = {};
  const stepAct: number[][] = Array.from({ length: h }, () => []);
  const stepFc: number[][] = Array.from({ length: h }, () => []);
  const stepScaled: number[][] = Array.from({ length: h }, () => []);
  const stepLo: Record<string, number[]>[] = Array.from({ length: h }, () => ({}));
  const stepHi: Record<string, number[]>[] = Array.from({ length: h }, () => ({}));
  let methodName = typeof m === 'string' ? m : m.name || 'custom';
  let interval = true;
  const { boxCox, tuning } = etsSettings(o);
  for (let k = 0; k < origins.length; k++) {
    const t = origins[k]!;
    const history = y.subarray(0, t);
    let f;
    try {
      f = runMethod(fn, m, history, { y: history, period, labels: undefined, frequency: undefined }, h, level, boxCox, tuning);
    } catch (e) {
      if (e instanceof CrmError && e.code === 'TOO_SHORT') {
        throw new CrmError('TOO_SHORT', `${fn}: at the origin after ${t} values: ${e.message} Start later with initial (or origins).`, { ...e.details, origin: t, option: 'initial' });
      }
      throw e;
    }
    methodName = f.method;
    const keys = f.level.map(String);
    if (keys.length === 0) interval = false;
    let sc = 0;
    if (t > period) {
      for (let i = period; i < t; i++) sc += Math.abs(history[i]! - history[i - period]!);
      sc /= t - period;
    } else sc = NaN;
    const row: (number | null)[] = [];
    for (let j = 0; j < h; j++) {
      const idx = t + j;
      if (idx >= n) { row.push(null); continue; }
      const e = y[idx]! - f.mean[j]!;
      row.push(e);
      act.push(y[idx]!); fc.push(f.mean[j]!); scale.push(sc);
      stepAct[j]!.push(y[idx]!); stepFc[j]!.push(f.mean[j]!); stepScaled[j]!.push(Math.abs(e) / sc);
      if (interval) {
        for (const key of keys) {
          (lo[key] ??= []).push(f.lower[key]![j]!); (hi[key] ??= []).push(f.upper[key]![j]!);
          ((stepLo[j]!)[key] ??= []).push(f.lower[key]![j]!); ((stepHi[j]!)[key] ??= []).push(f.upper[key]![j]!);
        }
      }
    }
    forecasts.push(f.mean.slice(0, h));
    errors.push(row);
    tick('origin', k + 1, origins.length);
  }
  const pooled = (a: number[], f: number[], scaled: number[], l: Record<string, number[]>, u: Record<string, number[]>): ForecastAccuracy => {
    const base = forecastAccuracy(a, f, interval && Object.keys(l).length > 0 ? { lower: l, upper: u } : undefined);
    // MASE over origins: each error scaled by the in-sample MAE of its own origin, as a rolling R loop would.
    let sum = 0;
    let ok = true;
    for (const v of scaled) { if (!Number.isFinite(v)) { ok = false; break; } sum += v; }
    const warnings = [...base.warnings];
    if (!ok) warnings.push('MASE is null: an origin has a history no longer than the period, or one that repeats exactly.');
    return { ...base, mase: ok ? sum / scaled.length : null, warnings };
  };
  const scaledAll = act.map((v, i) => Math.abs(v - fc[i]!) / scale[i]!);
  return {
    kind: 'backtest',
    version: 1,
    method: methodName,
    horizon: h,
    period,
    origins,
    forecasts,
    errors,
    accuracy: pooled(act, fc, scaledAll, lo, hi),
    byHorizon: stepAct.map((a, j) => (a.length === 0 ? null : pooled(a, stepFc[j]!, stepScaled[j]!, stepLo[j]!, stepHi[j]!))),
  };
}
