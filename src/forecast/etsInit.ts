/**
 * Heuristic initial states that start the likelihood optimisation, as R's forecast:::initstate:
 * seasonal indices from a classical decomposition (R's `decompose`, centred moving average) when
 * there are at least three seasons, else from a regression on a linear trend and one Fourier pair;
 * level and trend from the first max(10, 2m) seasonally adjusted values (mean, or a straight line).
 * Source: Hyndman et al. (2008), section 2.6.1.
 * @module
 */
import type { Component } from './etsRecursion.js';

/** Least squares of y on the columns of X (n x k, row-major) by normal equations. O(n k^2). */
function leastSquares(X: Float64Array, y: ArrayLike<number>, n: number, k: number): Float64Array {
  const A = new Float64Array(k * k);
  const b = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const xa = X[i * k + a]!;
      b[a]! += xa * y[i]!;
      for (let c = 0; c < k; c++) A[a * k + c]! += xa * X[i * k + c]!;
    }
  }
  // Gaussian elimination with partial pivoting (k <= 4).
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(A[r * k + col]!) > Math.abs(A[piv * k + col]!)) piv = r;
    if (piv !== col) {
      for (let c = 0; c < k; c++) { const t = A[col * k + c]!; A[col * k + c] = A[piv * k + c]!; A[piv * k + c] = t; }
      const t = b[col]!; b[col] = b[piv]!; b[piv] = t;
    }
    const d = A[col * k + col]!;
    for (let r = col + 1; r < k; r++) {
      const fct = A[r * k + col]! / d;
      for (let c = col; c < k; c++) A[r * k + c]! -= fct * A[col * k + c]!;
      b[r]! -= fct * b[col]!;
    }
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < k; c++) s -= A[r * k + c]! * x[c]!;
    x[r] = s / A[r * k + r]!;
  }
  return x;
}

/** Intercept and slope of y[0..n) on 1..n (R's lsfit(1:n, y)). O(n). */
function lineFit(y: ArrayLike<number>, n: number): [number, number] {
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) { sx += i + 1; sy += y[i]!; }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) { const dx = i + 1 - mx; sxx += dx * dx; sxy += dx * (y[i]! - my); }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return [my - slope * mx, slope];
}

/**
 * Seasonal figure of a classical decomposition (R's decompose): centred moving average of order
 * m (a 2 x m MA when m is even), detrended values averaged by position in the cycle, centred to
 * sum 0 (additive) or average 1 (multiplicative). Position 0 is the first observation. O(n m).
 * @example
 * Array.from(decomposeSeasonal([1, 3, 1, 3, 1, 3, 1, 3], 2, false)); // => [-1, 1]
 */
export function decomposeSeasonal(y: ArrayLike<number>, m: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  const sum = new Float64Array(m);
  const count = new Float64Array(m);
  for (let i = half; i < n - half; i++) {
    let t = 0;
    if (even) {
      t = 0.5 * (y[i - half]! + y[i + half]!);
      for (let j = -half + 1; j < half; j++) t += y[i + j]!;
    } else {
      for (let j = -half; j <= half; j++) t += y[i + j]!;
    }
    t /= m;
    const d = multiplicative ? y[i]! / t : y[i]! - t;
    sum[i % m]! += d;
    count[i % m]! += 1;
  }
  const fig = new Float64Array(m);
  let mean = 0;
  for (let j = 0; j < m; j++) { fig[j] = sum[j]! / count[j]!; mean += fig[j]!; }
  mean /= m;
  for (let j = 0; j < m; j++) fig[j] = multiplicative ? fig[j]! / mean : fig[j]! - mean;
  return fig;
}

/**
 * Initial state vector (level, trend if any, seasonal s_0..s_{m-2}; the last seasonal state is
 * implied by the normalisation) for the optimiser, as R's initstate. O(n m).
 * @param y - The series, at least 4 values when seasonal.
 * @example
 * initialStates([5, 6, 7, 8], 0, 0, 1); // => [6.5]
 */
export function initialStates(y: ArrayLike<number>, trend: Component, season: Component, m: number): number[] {
  const n = y.length;
  let ysa: Float64Array;
  const seas: number[] = [];
  if (season > 0) {
    const mult = season === 2;
    // seasonal[i] for i = 0..n-1 (only the first m and the adjustment are needed).
    const seasonal = new Float64Array(n);
    if (n < 3 * m) {
      // tslm(y ~ trend + fourier(y, 1)): the Fourier sine column vanishes when m = 2.
      const withSin = m !== 2;
      const k = withSin ? 4 : 3;
      const X = new Float64Array(n * k);
      for (let i = 0; i < n; i++) {
        const t = i + 1;
        X[i * k] = 1;
        X[i * k + 1] = t;
        let c = 2;
        if (withSin) X[i * k + c++] = sinpi((2 * t) / m);
        X[i * k + c] = cospi((2 * t) / m);
      }
      const coef = leastSquares(X, y, n, k);
      for (let i = 0; i < n; i++) {
        const line = coef[0]! + coef[1]! * (i + 1);
        seasonal[i] = mult ? y[i]! / line : y[i]! - line;
      }
    } else {
      const fig = decomposeSeasonal(y, m, mult);
      for (let i = 0; i < n; i++) seasonal[i] = fig[i % m]!;
    }
    // rev(seasonal[2:m]) in R's 1-based terms.
    for (let j = m - 1; j >= 1; j--) seas.push(seasonal[j]!);
    ysa = new Float64Array(n);
    if (!mult) {
      for (let i = 0; i < n; i++) ysa[i] = y[i]! - seasonal[i]!;
    } else {
      for (let j = 0; j < seas.length; j++) seas[j] = Math.max(seas[j]!, 0.01);
      let total = 0;
      for (const v of seas) total += v;
      if (total > m) {
        let denom = 0;
        for (const v of seas) denom += v + 0.01;
        for (let j = 0; j < seas.length; j++) seas[j] = seas[j]! / denom;
      }
      for (let i = 0; i < n; i++) ysa[i] = y[i]! / Math.max(seasonal[i]!, 0.01);
    }
  } else {
    m = 1;
    ysa = Float64Array.from(y as ArrayLike<number>);
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  let l0: number;
  const out: number[] = [];
  if (trend === 0) {
    let s = 0;
    for (let i = 0; i < maxn; i++) s += ysa[i]!;
    l0 = s / maxn;
    out.push(l0);
  } else {
    const [a, b] = lineFit(ysa, maxn);
    if (trend === 1) {
      let l = a, bb = b;
      if (Math.abs(l + bb) < 1e-8) { l *= 1 + 0.001; bb *= 1 - 0.001; }
      out.push(l, bb);
    } else {
      let l = a + b;
      if (Math.abs(l) < 1e-8) l = 1e-7;
      let bb = (a + 2 * b) / l;
      l = l / bb;
      if (Math.abs(bb) > 1e10) bb = Math.sign(bb) * 1e10;
      if (l < 1e-8 || bb < 1e-8) {
        l = Math.max(ysa[0]!, 0.001);
        bb = Math.max(ysa[1]! / ysa[0]!, 0.001);
      }
      out.push(l, bb);
    }
  }
  for (const v of seas) out.push(v);
  return out;
}

// R's sinpi/cospi: exact at multiples of 1/2, so the m = 2 and m = 4 columns are exact.
function sinpi(x: number): number {
  const r = x % 2;
  if (r === 0 || r === 1 || r === -1) return 0;
  if (r === 0.5 || r === -1.5) return 1;
  if (r === 1.5 || r === -0.5) return -1;
  return Math.sin(Math.PI * r);
}
function cospi(x: number): number {
  const r = Math.abs(x % 2);
  if (r === 0.5 || r === 1.5) return 0;
  if (r === 1) return -1;
  if (r === 0) return 1;
  return Math.cos(Math.PI * r);
}
