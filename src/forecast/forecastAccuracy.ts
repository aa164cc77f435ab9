/**
 * Forecast accuracy: scale-dependent (ME, MAE, RMSE), percentage (MPE, MAPE, sMAPE), scaled (MASE)
 * errors and interval coverage, as R's `forecast::accuracy()` (sMAPE and coverage, which R does
 * not report, as the M3 competition and Hyndman & Koehler 2006 define them).
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { custom, defineOptions, opt, resolveOptionTable } from '../core/options.js';
import { MAX_ABS_VALUE, PERIOD_OPTION, readSeries, tooLarge, type Forecast, type SeriesInput } from './series.js';

/** Options of {@link forecastAccuracy}. */
export interface ForecastAccuracyOptions {
  /** The history the forecast was made from; needed for MASE. @defaultValue undefined (MASE is null) */
  insample?: SeriesInput;
  /** Seasonal period of the MASE scale (seasonal naive in-sample MAE). @defaultValue the insample salesSeries' period, else 1 */
  period?: number;
  /** Lower interval bounds: one array, or arrays by level (`{ '80': [...] }`). @defaultValue the forecast's own, if it is a Forecast */
  lower?: ArrayLike<number> | Readonly<Record<string, ArrayLike<number>>>;
  /** Upper interval bounds, the same shape as `lower`. */
  upper?: ArrayLike<number> | Readonly<Record<string, ArrayLike<number>>>;
}

/** Accuracy of a forecast against what happened; null where a measure is undefined (see warnings). */
export interface ForecastAccuracy {
  /** Number of actual values compared. */
  readonly n: number;
  /** Mean error, actual - forecast. */
  readonly me: number;
  readonly mae: number;
  readonly rmse: number;
  /** Mean percentage error, 100 (y - f) / y; null when an actual is 0. */
  readonly mpe: number | null;
  /** Mean absolute percentage error, 100 |y - f| / |y|; null when an actual is 0. */
  readonly mape: number | null;
  /** Symmetric MAPE, the M3 definition 200 |y - f| / (|y| + |f|) (a pair of zeros counts 0). */
  readonly smape: number;
  /** MAE over the in-sample seasonal-naive MAE (R's MASE); null without insample or when that MAE is 0. */
  readonly mase: number | null;
  /** Share of actual values inside each interval, by level (`'interval'` for bounds given as one array). */
  readonly coverage: Readonly<Record<string, number>>;
  /** Why a measure is null. */
  readonly warnings: string[];
}

const isArrayLike = (v: unknown) => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !isArrayLike(v);

type Bounds = ArrayLike<number> | Readonly<Record<string, ArrayLike<number>>>;
const BOUNDS_FORM = custom<Bounds>({
  describe: "an array of bounds, or arrays by level ({ '80': [...] })",
  test: (v) => isArrayLike(v) || isPlainObject(v),
  bad: ['x', 5, true],
});

/**
 * The option table of {@link forecastAccuracy} (core/options.ts): forms only; the values are read
 * with the series (readSeries) and bounds checks. Nothing is stored.
 */
export const FORECAST_ACCURACY_OPTIONS = defineOptions<ForecastAccuracyOptions>()({
  insample: opt({
    accepts: [custom<SeriesInput>({ describe: 'an array of numbers or a salesSeries result', test: (v) => isArrayLike(v) || (isPlainObject(v) && typeof (v as { kind?: unknown }).kind === 'string'), bad: ['x', 5, {}, true] })],
    description: 'The history the forecast was made from; needed for MASE.',
  }),
  period: { ...PERIOD_OPTION, computedDefault: "the insample salesSeries' period, else 1", description: "Seasonal period of the MASE scale; absent: the insample salesSeries' period, else 1." },
  lower: opt({ computedDefault: "the forecast's own, if it is a Forecast", accepts: [BOUNDS_FORM], description: 'Lower interval bounds: one array, or arrays by level.' }),
  upper: opt({ accepts: [BOUNDS_FORM], description: 'Upper interval bounds, the same shape as lower.' }),
});

function numbers(fn: string, name: string, v: unknown, n?: number): Float64Array {
  const isArrayLike = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (!isArrayLike) throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be an array of numbers; got ${describeValue(v)}.`, { argument: name });
  const a = v as ArrayLike<unknown>;
  if (n !== undefined && a.length < n) {
    throw new CrmError('LENGTH_MISMATCH', `${fn}: ${name} has ${a.length} values but actual has ${n}; give one per actual value.`, { argument: name });
  }
  const out = new Float64Array(n ?? a.length);
  for (let i = 0; i < out.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new CrmError(x === null || x === undefined ? 'MISSING_VALUE' : 'NON_FINITE', `${fn}: ${name}[${i}] is ${describeValue(x)}; it must be a finite number.`, { argument: name, row: i });
    }
    if (Math.abs(x) > MAX_ABS_VALUE) throw tooLarge(fn, `${name}[${i}]`, x);
    out[i] = x;
  }
  return out;
}

function bounds(fn: string, name: string, v: unknown, n: number): Record<string, Float64Array> {
  if (v === null || typeof v !== 'object') throw new CrmError('INVALID_OPTION', `${fn}: ${name} must be an array of bounds or arrays by level ({ '80': [...] }); got ${describeValue(v)}.`, { option: name });
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return { interval: numbers(fn, name, v, n) };
  const out: Record<string, Float64Array> = {};
  for (const [k, a] of Object.entries(v)) out[k] = numbers(fn, `${name}['${k}']`, a, n);
  return out;
}

/**
 * Accuracy of a forecast: ME, MAE, RMSE, MPE, MAPE (R's `accuracy()` test-set row, to 1e-12),
 * sMAPE (M3: 200 |y - f| / (|y| + |f|)), MASE (scaled by the in-sample MAE of the seasonal naive
 * forecast, lag `period`, as R) and the coverage of each prediction interval. Forecasts longer
 * than `actual` are compared on their first `actual.length` steps. Measures that are undefined
 * (MAPE with a zero actual, MASE on a constant history) are null, with a warning, never NaN. O(n).
 * @param actual - What happened, one value per forecast step.
 * @param forecast - Point forecasts, or a {@link Forecast} (its intervals give coverage).
 * @param options - `insample` (for MASE), `period`, `lower`, `upper`.
 * @returns A {@link ForecastAccuracy}.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `MISSING_VALUE`, `LENGTH_MISMATCH`, `INVALID_OPTION`
 * Source: Hyndman & Koehler (2006), Another look at measures of forecast accuracy, IJF 22(4); R forecast::accuracy.
 * @example
 * const acc = forecastAccuracy([10, 12], [11, 11], { insample: [8, 9, 10, 11] });
 * [acc.mae, acc.rmse, acc.mase]; // => [1, 1, 1]
 */
export function forecastAccuracy(actual: ArrayLike<number>, forecast: ArrayLike<number> | Forecast, options?: ForecastAccuracyOptions): ForecastAccuracy {
  const fn = 'forecastAccuracy';
  const o = resolveOptionTable(fn, FORECAST_ACCURACY_OPTIONS, options);
  const y = numbers(fn, 'actual', actual);
  const n = y.length;
  if (n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: actual is empty; pass at least one value.`, { argument: 'actual' });
  const isForecast = forecast !== null && typeof forecast === 'object' && (forecast as { kind?: unknown }).kind === 'forecast';
  const f = numbers(fn, isForecast ? 'forecast.mean' : 'forecast', isForecast ? (forecast as Forecast).mean : forecast, n);
  let lower: Record<string, Float64Array> = {};
  let upper: Record<string, Float64Array> = {};
  if (o.lower !== undefined || o.upper !== undefined) {
    if (o.lower === undefined || o.upper === undefined) throw new CrmError('INVALID_OPTION', `${fn}: give both lower and upper, or neither.`, { option: o.lower === undefined ? 'lower' : 'upper' });
    lower = bounds(fn, 'lower', o.lower, n);
    upper = bounds(fn, 'upper', o.upper, n);
  } else if (isForecast) {
    const fc = forecast as Forecast;
    if (fc.lower !== null && typeof fc.lower === 'object' && fc.upper !== null && typeof fc.upper === 'object') {
      lower = bounds(fn, 'forecast.lower', fc.lower, n);
      upper = bounds(fn, 'forecast.upper', fc.upper, n);
    }
  }
  const warnings: string[] = [];
  let se = 0, sae = 0, sse = 0, spe = 0, sape = 0, ssmape = 0;
  let zeroActual = false;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - f[i]!;
    se += e;
    sae += Math.abs(e);
    sse += e * e;
    if (y[i] === 0) zeroActual = true;
    else { spe += (100 * e) / y[i]!; sape += Math.abs((100 * e) / y[i]!); }
    const d = Math.abs(y[i]!) + Math.abs(f[i]!);
    if (d > 0) ssmape += (200 * Math.abs(e)) / d;
  }
  if (zeroActual) warnings.push('MAPE and MPE are null: an actual value is 0, so a percentage error is undefined.');
  let mase: number | null = null;
  if (o.insample !== undefined) {
    const s = readSeries(fn, o.insample, o.period);
    const lag = s.period;
    if (s.y.length <= lag) warnings.push(`MASE is null: the insample has ${s.y.length} values, not more than the period (${lag}).`);
    else {
      let scale = 0;
      for (let t = lag; t < s.y.length; t++) scale += Math.abs(s.y[t]! - s.y[t - lag]!);
      scale /= s.y.length - lag;
      if (scale === 0) warnings.push('MASE is null: the in-sample seasonal naive MAE is 0 (the history repeats exactly).');
      else mase = sae / n / scale;
    }
  }
  const coverage: Record<string, number> = {};
  for (const key of Object.keys(lower)) {
    const lo = lower[key]!, hi = upper[key];
    if (!hi) throw new CrmError('INVALID_OPTION', `${fn}: upper has no bounds for level '${key}', which lower has.`, { option: 'upper' });
    let inside = 0;
    for (let i = 0; i < n; i++) if (y[i]! >= lo[i]! && y[i]! <= hi[i]!) inside++;
    coverage[key] = inside / n;
  }
  return {
    n,
    me: se / n,
    mae: sae / n,
    rmse: Math.sqrt(sse / n),
    mpe: zeroActual ? null : spe / n,
    mape: zeroActual ? null : sape / n,
    smape: ssmape / n,
    mase,
    coverage,
    warnings,
  };
}
