/**
 * The Box-Cox transformation as R's forecast package does it (`BoxCox`, `InvBoxCox`,
 * `BoxCox.lambda` with Guerrero's method): the power transform that forecasts fit on, its inverse
 * with the optional bias adjustment of the mean, and the automatic choice of lambda.
 * Box & Cox (1964), An analysis of transformations, JRSS B 26(2); Guerrero (1993), Time-series
 * analysis supported by power transformations, Journal of Forecasting 12(1).
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { boolean, custom, defineOptions, number, opt, resolveOptionTable } from '../core/options.js';
import { checkNumber } from '../core/validate.js';
import { brentMinimize } from '../core/optimize.js';
import { PERIOD_OPTION, readSeries, type SeriesInput } from './series.js';

function readValues(fn: string, name: string, values: unknown): Float64Array {
  const isArrayLike = Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView));
  if (!isArrayLike) throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be an array of numbers; got ${describeValue(values)}.`, { argument: name });
  const a = values as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number') throw new CrmError(x === null || x === undefined ? 'MISSING_VALUE' : 'INVALID_INPUT', `${fn}: ${name}[${i}] is ${describeValue(x)}; it must be a number.`, { argument: name, row: i });
    if (!Number.isFinite(x)) throw new CrmError('NON_FINITE', `${fn}: ${name}[${i}] is ${x}; it must be a finite number.`, { argument: name, row: i });
    out[i] = x;
  }
  return out;
}

/** Below this |lambda|, the power forms lose digits to cancellation: the expm1/log1p forms are used. */
const NEAR_ZERO = 1e-2;

function readLambda(fn: string, lambda: unknown): number {
  if (typeof lambda !== 'number' || !Number.isFinite(lambda)) throw new CrmError('INVALID_OPTION', `${fn}: lambda must be a finite number (0 = log); got ${describeValue(lambda)}.`, { option: 'lambda', value: lambda });
  return lambda;
}

/**
 * The transform of `y` into `out` (which may be `y`), refusing what has no finite image. O(n).
 * @internal
 */
export function boxCoxInto(fn: string, y: ArrayLike<number>, lambda: number, out: Float64Array, name = 'series', labels?: readonly string[]): Float64Array {
  for (let i = 0; i < y.length; i++) {
    const x = y[i]!;
    // R's BoxCox: log for lambda 0, sign(x)|x|^lambda for the rest (so negative values have an
    // image when lambda > 0). For lambda <= 0 a value <= 0 has none (R returns NaN or -Inf).
    if (lambda <= 0 && x <= 0) {
      const at = labels?.[i] === undefined ? '' : ` (${labels[i]})`;
      throw new CrmError('NEGATIVE_VALUE', `${fn}: ${name}[${i}]${at} is ${x}; the Box-Cox transform with lambda ${lambda}${lambda === 0 ? ' (the log)' : ''} needs values > 0. Use a lambda > 0 (R's transform is sign-preserving there), lambda: null, or shift the series to positive values.`, { argument: name, row: i, value: x, lambda });
    }
    // R's (x^lambda - 1) / lambda, with expm1 near lambda 0, where the difference would cancel.
    const t = lambda === 0 ? Math.log(x) : x > 0 && Math.abs(lambda) < NEAR_ZERO ? Math.expm1(lambda * Math.log(x)) / lambda : (Math.sign(x) * Math.abs(x) ** lambda - 1) / lambda;
    if (!Number.isFinite(t)) throw new CrmError('NON_FINITE', `${fn}: the Box-Cox transform of ${name}[${i}] = ${x} with lambda ${lambda} overflows; use a lambda closer to 1 or rescale the series.`, { argument: name, row: i, lambda });
    out[i] = t;
  }
  return out;
}

/**
 * The back-transform of one value: R's `InvBoxCox`, with the bias adjustment of a mean when
 * `variance` is given (the forecast variance on the transformed scale). NaN when no real number
 * transforms to `t` (lambda < 0 and t >= -1/lambda), or on overflow. O(1).
 * @internal
 */
export function invBoxCoxValue(t: number, lambda: number, variance?: number): number {
  if (lambda === 0) {
    const out = Math.exp(t);
    return variance === undefined ? out : out * (1 + 0.5 * variance);
  }
  const xx = t * lambda + 1;
  if (lambda < 0 && xx <= 0) return NaN;
  // R's xx^(1/lambda), as exp(log1p(.) / lambda) near lambda 0 (where xx rounds towards 1).
  const out = xx > 0 && Math.abs(lambda) < NEAR_ZERO ? Math.exp(Math.log1p(t * lambda) / lambda) : Math.sign(xx) * Math.abs(xx) ** (1 / lambda);
  if (variance === undefined) return out;
  // The second-order (delta-method) correction: out * (1 + v (1 - lambda) / (2 xx^2)). R writes
  // xx^2 as out^(2 lambda), the same number when xx > 0; for xx < 0 (negative forecasts, lambda > 0)
  // R's form is NaN or of the wrong sign, so the derivative's own form is used.
  if (xx === 0) return out;
  return out * (1 + (0.5 * variance * (1 - lambda)) / (xx * xx));
}

/**
 * Box-Cox transform of each value, as R's `forecast::BoxCox`: `log(x)` for lambda 0, else
 * `(sign(x) |x|^lambda - 1) / lambda`, so with lambda > 0 negative values keep their sign. O(n).
 * @param values - Numbers (finite).
 * @param lambda - The power; 0 is the log, 1 a shift by one.
 * @returns The transformed values.
 * @throws CrmError `NEGATIVE_VALUE` (a value <= 0 with lambda <= 0: R returns NaN or -Inf there),
 *   `NON_FINITE` (a NaN/Infinity value, or an image that overflows), `INVALID_INPUT`, `INVALID_OPTION` (lambda).
 * Source: Box & Cox (1964); R forecast 8.20 `BoxCox`.
 * @example
 * boxCox([1, 4, 9], 0.5); // => [0, 2, 4]
 */
export function boxCox(values: ArrayLike<number>, lambda: number): number[] {
  const fn = 'boxCox';
  const lam = readLambda(fn, lambda);
  const y = readValues(fn, 'values', values);
  return Array.from(boxCoxInto(fn, y, lam, y, 'values'));
}

/** Options of {@link invBoxCox}. */
export interface InvBoxCoxOptions {
  /**
   * Adjust the back-transformed values as means rather than medians (R's `biasadj`): the values
   * are forecast means on the transformed scale and `variance` their variances. @defaultValue false
   */
  biasAdjust?: boolean;
  /** Variance on the transformed scale: one number for all values, or one per value; needed with `biasAdjust`. */
  variance?: number | ArrayLike<number>;
}

const VARIANCE_FORM = custom<number | ArrayLike<number>>({
  describe: 'a number >= 0 or an array of them (one per value)',
  test: (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0) || Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)),
  check: (name, v) => {
    if (typeof v === 'number') return;
    const a = v as ArrayLike<unknown>;
    for (let i = 0; i < a.length; i++) checkNumber(`${name}[${i}]`, a[i], { min: 0 });
  },
  bad: [-1, NaN, Infinity, '1', [-1], [NaN]],
});

/** The option table of {@link invBoxCox} (core/options.ts). */
export const INV_BOX_COX_OPTIONS = defineOptions<InvBoxCoxOptions>()({
  biasAdjust: opt({ default: false, accepts: [boolean()], description: "Back-transform as means (R's biasadj), with the variances given." }),
  variance: opt({ accepts: [VARIANCE_FORM], description: 'Variance on the transformed scale, one number or one per value; needed with biasAdjust.' }),
});

/**
 * Inverse Box-Cox transform, as R's `forecast::InvBoxCox`: `exp(t)` for lambda 0, else
 * `sign(u) |u|^(1/lambda)` with `u = lambda t + 1`. With `biasAdjust`, the result is the mean of
 * the back-transformed distribution to second order (R's `biasadj`):
 * `x (1 + variance (1 - lambda) / (2 u^2))`, R's `x (1 + 0.5 fvar (1 - lambda) / x^(2 lambda))`
 * wherever `u > 0`. O(n).
 * @param values - Values on the transformed scale.
 * @param lambda - The power the values were transformed with.
 * @param options - `biasAdjust`, `variance`.
 * @returns The values on the original scale.
 * @throws CrmError `INVALID_INPUT` (a value no number transforms to: lambda < 0 and value >= -1/lambda,
 *   where R returns NA), `NON_FINITE` (NaN/Infinity value, or overflow), `LENGTH_MISMATCH` (variances),
 *   `INVALID_OPTION` (lambda, biasAdjust without variance).
 * Source: R forecast 8.20 `InvBoxCox`; Hyndman & Athanasopoulos, Forecasting: principles and practice, 3rd ed., 5.6.
 * @example
 * invBoxCox([0, 2, 4], 0.5); // => [1, 4, 9]
 * invBoxCox([0], 0, { biasAdjust: true, variance: 0.5 }); // => [1.25]
 */
export function invBoxCox(values: ArrayLike<number>, lambda: number, options: InvBoxCoxOptions = {}): number[] {
  const fn = 'invBoxCox';
  const o = resolveOptionTable(fn, INV_BOX_COX_OPTIONS, options);
  const lam = readLambda(fn, lambda);
  const t = readValues(fn, 'values', values);
  let variance: ((i: number) => number) | undefined;
  if (o.biasAdjust) {
    const v = o.variance;
    if (v === undefined) throw new CrmError('INVALID_OPTION', `${fn}: biasAdjust needs variance (the forecast variance on the transformed scale), as R's InvBoxCox needs fvar.`, { option: 'variance' });
    if (typeof v === 'number') variance = () => v;
    else {
      if (v.length !== t.length) throw new CrmError('LENGTH_MISMATCH', `${fn}: variance has ${v.length} values but values has ${t.length}; give one per value or a single number.`, { option: 'variance' });
      variance = (i) => v[i]!;
    }
  }
  const out = new Array<number>(t.length);
  for (let i = 0; i < t.length; i++) {
    const x = invBoxCoxValue(t[i]!, lam, variance?.(i));
    if (Number.isNaN(x)) throw new CrmError('INVALID_INPUT', `${fn}: values[${i}] is ${t[i]}, not below -1/lambda = ${-1 / lam}: no number transforms to it with lambda ${lam} (R returns NA).`, { argument: 'values', row: i });
    if (!Number.isFinite(x)) throw new CrmError('NON_FINITE', `${fn}: the inverse of values[${i}] = ${t[i]} with lambda ${lam} overflows.`, { argument: 'values', row: i });
    out[i] = x;
  }
  return out;
}

/** Options of {@link boxCoxLambda}. */
export interface BoxCoxLambdaOptions {
  /** Smallest lambda searched (raised to 0 when a value is <= 0, as R). @defaultValue -1 */
  lower?: number;
  /** Largest lambda searched. @defaultValue 2 */
  upper?: number;
  /** Seasonal period: the length of the subseries Guerrero's method compares. @defaultValue the salesSeries' period, else 1 */
  period?: number;
}

/** The option table of {@link boxCoxLambda} (core/options.ts). */
export const BOX_COX_LAMBDA_OPTIONS = defineOptions<BoxCoxLambdaOptions>()({
  lower: opt({ default: -1, accepts: [number({ min: -10, max: 10 })], description: 'Smallest lambda searched (raised to 0 when a value is <= 0).' }),
  upper: opt({ default: 2, accepts: [number({ min: -10, max: 10 })], description: 'Largest lambda searched.' }),
  period: PERIOD_OPTION,
});

/** R's tolerance for optimize(): .Machine$double.eps^0.25. */
const OPTIMIZE_TOL = 2.220446049250313e-16 ** 0.25;

/** R's mean(): a sum, then one correction pass. */
function mean(x: ArrayLike<number>, from: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[from + i]!;
  s /= n;
  let t = 0;
  for (let i = 0; i < n; i++) t += x[from + i]! - s;
  return s + t / n;
}

function sd(x: ArrayLike<number>, from: number, n: number): number {
  if (n < 2) return NaN;
  const m = mean(x, from, n);
  let ss = 0;
  for (let i = 0; i < n; i++) { const d = x[from + i]! - m; ss += d * d; }
  return Math.sqrt(ss / (n - 1));
}

/**
 * Guerrero's criterion at lambda (R's guer.cv): the coefficient of variation of sd/mean^(1-lambda)
 * over the complete subseries (years) of length max(2, period) that end at the last value.
 */
function guerreroCv(lam: number, x: Float64Array, period: number): number {
  const p = Math.round(Math.max(2, period));
  const nyr = Math.floor(x.length / p);
  const start = x.length - nyr * p;
  const rat: number[] = [];
  for (let j = 0; j < nyr; j++) {
    const r = sd(x, start + j * p, p) / mean(x, start + j * p, p) ** (1 - lam);
    // na.rm = TRUE in R drops NaN (a negative mean to a fractional power), not Infinity.
    if (!Number.isNaN(r)) rat.push(r);
  }
  return sd(rat, 0, rat.length) / mean(rat, 0, rat.length);
}

/**
 * Guerrero's lambda of a checked series, as R's BoxCox.lambda(x, 'guerrero', lower, upper).
 * @internal
 */
export function guerreroLambda(y: Float64Array, period: number, lower: number, upper: number): number {
  let lo = lower;
  if (y.some((v) => v <= 0)) lo = Math.max(lo, 0);
  if (y.length <= 2 * period) return 1;
  return brentMinimize(lo, upper, (lam) => guerreroCv(lam, y, period), OPTIMIZE_TOL);
}

/**
 * The Box-Cox lambda that makes the series' variance most stable, by Guerrero's (1993) method as
 * R's `forecast::BoxCox.lambda(x, method = 'guerrero')`: the lambda in [lower, upper] minimising
 * the coefficient of variation of sd / mean^(1 - lambda) over the complete seasons (at least 2
 * values each) that end at the last value, found by R's Brent search (`optimize`, tolerance
 * 1.2e-4, so the answer matches R's to rounding, not the exact minimiser). As R: with a value <= 0
 * the search starts at 0 (the method assumes positive data), and a series of no more than two
 * seasons gets 1 (no transform). O(n) per evaluation, about 10-30 evaluations.
 * @param series - Values oldest first, or a `salesSeries` result.
 * @param options - `lower`, `upper`, `period`.
 * @returns Lambda.
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `NON_FINITE`, `MISSING_VALUE`, `INVALID_OPTION` (lower above upper).
 * Source: Guerrero (1993), J. Forecasting 12(1); R forecast 8.20 `BoxCox.lambda`, `guerrero`.
 * @example
 * const y = [10, 12, 9, 11, 20, 24, 18, 22, 40, 48, 36, 44];
 * Math.abs(boxCoxLambda(y, { period: 4 })) < 0.01; // => true
 */
export function boxCoxLambda(series: SeriesInput, options: BoxCoxLambdaOptions = {}): number {
  const fn = 'boxCoxLambda';
  const o = resolveOptionTable(fn, BOX_COX_LAMBDA_OPTIONS, options);
  if (o.upper <= o.lower) throw new CrmError('INVALID_OPTION', `${fn}: upper (${o.upper}) must be above lower (${o.lower}).`, { option: 'upper' });
  const read = readSeries(fn, series, o.period);
  return guerreroLambda(read.y, read.period, o.lower, o.upper);
}
