/**
 * Simple exponential smoothing fitted by mean squared one-step error, as R's
 * `ets(y, 'ANN', opt.crit = 'mse')` (what `ses()` and `thetaf()` call), but solved more exactly:
 * for a fixed alpha the one-step errors are linear in the initial level l0, so the best l0 is a
 * least-squares solution and only alpha is searched (a grid, then golden section).
 * @module
 */

/** A fitted SES: smoothing weight, initial and final level, and the mean squared one-step error. */
export interface SesFit {
  readonly alpha: number;
  readonly level0: number;
  readonly level: number;
  readonly mse: number;
  /** Golden-section steps taken. */
  readonly iterations: number;
}

/** R's ets() bounds on alpha. */
export const SES_ALPHA_MIN = 1e-4;
export const SES_ALPHA_MAX = 0.9999;

/**
 * Profile SSE at alpha: the minimum over l0 of the sum of squared one-step errors, and that l0.
 * With l0 = 0 the levels are A_t; the prediction of y[t] is A_{t-1} + (1 - alpha)^t * l0.
 * O(n).
 */
function profile(y: Float64Array, alpha: number): { sse: number; l0: number } {
  const n = y.length;
  const beta = 1 - alpha;
  let a = 0;
  let c = 1;
  let suu = 0, scu = 0, scc = 0;
  for (let t = 0; t < n; t++) {
    const u = y[t]! - a;
    suu += u * u;
    scu += c * u;
    scc += c * c;
    a += alpha * u;
    c *= beta;
  }
  const l0 = scu / scc;
  return { sse: Math.max(0, suu - (scu * scu) / scc), l0 };
}

/**
 * Minimises f on [min, max]: a 40-interval grid, golden section around every grid point lower than
 * its neighbours, and the bounds. Refining every local minimum of the grid, not only the lowest,
 * matters when two basins are close: which grid point is lowest can then flip with rounding (a
 * series and 10 times it), while the refined minima keep their order, so the fit stays
 * scale-equivariant.
 */
function minimize(f: (alpha: number) => number, min: number, max: number): { alpha: number; iterations: number } {
  const G = 40;
  const grid = new Float64Array(G + 1);
  for (let g = 0; g <= G; g++) grid[g] = f(min + ((max - min) * g) / G);
  let alpha = min;
  let bestValue = Infinity;
  let iterations = 0;
  for (let g = 0; g <= G; g++) {
    const v = grid[g]!;
    if (!(v <= (g > 0 ? grid[g - 1]! : Infinity) && v <= (g < G ? grid[g + 1]! : Infinity))) continue;
    const found = goldenSection(f, min + ((max - min) * Math.max(0, g - 1)) / G, min + ((max - min) * Math.min(G, g + 1)) / G);
    iterations += found.iterations;
    if (v < bestValue) { bestValue = v; alpha = min + ((max - min) * g) / G; }
    if (found.value < bestValue) { bestValue = found.value; alpha = found.x; }
  }
  // The bounds themselves are candidates: the optimum is often at the upper one (a random walk).
  for (const c of [min, max]) {
    const v = f(c);
    if (v < bestValue) { bestValue = v; alpha = c; }
  }
  return { alpha, iterations };
}

/** Golden-section search on [lo, hi] to width 1e-10: the midpoint of the last bracket and f there. */
function goldenSection(f: (x: number) => number, lo: number, hi: number): { x: number; value: number; iterations: number } {
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  let iterations = 0;
  while (hi - lo > 1e-10 && iterations < 200) {
    iterations++;
    if (f1 <= f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - phi * (hi - lo); f1 = f(x1); }
    else { lo = x1; x1 = x2; f1 = f2; x2 = lo + phi * (hi - lo); f2 = f(x2); }
  }
  const x = (lo + hi) / 2;
  return { x, value: f(x), iterations };
}

/** SSE of one-step errors with the given alpha and l0 = 0 start, on a shifted series. O(n). */
function sseFixedStart(y: Float64Array, alpha: number): number {
  let level = 0;
  let ss = 0;
  for (let t = 0; t < y.length; t++) {
    const e = y[t]! - level;
    ss += e * e;
    level += alpha * e;
  }
  return ss;
}

/**
 * Fits SES by MSE on `y` (n >= 2), as R's ets(y, 'ANN', opt.crit = 'mse'): alpha in
 * [1e-4, 0.9999] and l0 free. For n <= 6, where ets() falls back to HoltWintersZZ, as R: l0 is
 * the first value and alpha in [0, 1] (`startFixed`). The series is shifted by its first value
 * while fitting (SES is shift-equivariant), so the sums do not lose digits on large sales figures.
 * O(n).
 * @example
 * fitSesMse(Float64Array.from([1, 1, 1, 1])).level; // => 1
 */
export function fitSesMse(values: Float64Array, startFixed = false): SesFit {
  const n = values.length;
  const shift = values[0]!;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = values[i]! - shift;
  const { alpha, iterations } = startFixed
    ? minimize((a) => sseFixedStart(y, a), 0, 1)
    : minimize((a) => profile(y, a).sse, SES_ALPHA_MIN, SES_ALPHA_MAX);
  const l0 = startFixed ? 0 : profile(y, alpha).l0;
  let level = l0;
  let ss = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t]! - level;
    ss += e * e;
    level += alpha * e;
  }
  return { alpha, level0: l0 + shift, level: level + shift, mse: ss / n, iterations };
}
