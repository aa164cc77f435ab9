/**
 * The seasonality test of R's `thetaf()` (the lag-m autocorrelation against its large-lag
 * standard error, at 90% one-sided) and the classical multiplicative decomposition of R's
 * `decompose()` (centred moving average, mean ratio per season position, normalised to mean 1).
 * @module
 */
import { normalQuantile } from '../core/distributions.js';

/** Whether every value equals the first. O(n). */
export function isConstant(y: Float64Array): boolean {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return false;
  return true;
}

/**
 * thetaf's test: seasonal when m > 1, the series is not constant, n > 2m and
 * |r_m| / sqrt((1 + 2 sum_{k<m} r_k^2) / n) > qnorm(0.95), r_k the sample autocorrelations. O(n m).
 */
export function seasonalityTest(y: Float64Array, m: number): boolean {
  const n = y.length;
  if (m <= 1 || n <= 2 * m || isConstant(y)) return false;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (y[i]! - mean) ** 2;
  let s = 0;
  let rm = 0;
  for (let k = 1; k <= m; k++) {
    let ck = 0;
    for (let i = 0; i + k < n; i++) ck += (y[i]! - mean) * (y[i + k]! - mean);
    const r = ck / c0;
    if (k < m) s += r * r;
    else rm = r;
  }
  return Math.abs(rm) / Math.sqrt((1 + 2 * s) / n) > normalQuantile(0.95);
}

/**
 * Classical multiplicative decomposition's seasonal figure (length m, mean 1), by position in the
 * series (position 0 is the first value), or undefined when a trend value is not positive or a
 * value is negative (the ratios would be meaningless). Needs n >= 2m. O(n m).
 */
export function multiplicativeFigure(y: Float64Array, m: number): Float64Array | undefined {
  const n = y.length;
  const half = Math.floor(m / 2);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let i = 0; i < n; i++) if (y[i]! < 0) return undefined;
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (m % 2 === 0) {
      trend = 0.5 * (y[t - half]! + y[t + half]!);
      for (let k = t - half + 1; k < t + half; k++) trend += y[k]!;
    } else {
      for (let k = t - half; k <= t + half; k++) trend += y[k]!;
    }
    trend /= m;
    if (!(trend > 0)) return undefined;
    sums[t % m] += y[t]! / trend;
    counts[t % m]++;
  }
  const figure = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) { figure[i] = sums[i]! / counts[i]!; total += figure[i]!; }
  for (let i = 0; i < m; i++) figure[i] = figure[i]! / (total / m);
  return figure;
}
