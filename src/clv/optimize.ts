/**
 * A small BFGS minimiser for the CLV likelihoods (a handful of log-parameters, analytic gradients).
 * Internal to `clv`. Method: Nocedal & Wright (2006), Numerical Optimization, Algorithm 6.1 with
 * the initial inverse-Hessian scaling of eq. 6.20 and a backtracking Armijo line search (Alg. 3.1).
 * @module
 */

/** Writes the gradient of f at x into `grad` and returns f(x). Non-finite values mean "outside". */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Settings of {@link minimizeBfgs}. */
export interface BfgsSettings {
  /** Iteration cap. */
  maxIterations: number;
  /** Converged when the largest absolute gradient entry is below this. */
  gradientTolerance: number;
  /** Largest move of any coordinate in one step (keeps exp(log-parameter) finite). */
  maxStep: number;
}

/** What {@link minimizeBfgs} found. */
export interface BfgsResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  converged: boolean;
  /** Why it stopped: 'gradient', 'no-progress' (line search found no decrease), 'max-iterations' or 'non-finite-start'. */
  reason: 'gradient' | 'no-progress' | 'max-iterations' | 'non-finite-start';
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/**
 * Minimises `f` from `x0` with BFGS, calling `onIteration` after each accepted step (it may throw
 * to stop the run). O(iterations * (cost of f + d^2)).
 * @example
 * minimizeBfgs((x, g) => { g[0] = 2 * (x[0]! - 3); return (x[0]! - 3) ** 2; }, [0], { maxIterations: 50, gradientTolerance: 1e-10, maxStep: 10 }).x[0]; // => 3
 */
export function minimizeBfgs(f: Objective, x0: ArrayLike<number>, settings: BfgsSettings, onIteration?: (iteration: number) => void): BfgsResult {
  const d = x0.length;
  const x = Float64Array.from(x0);
  let g = new Float64Array(d);
  let fx = f(x, g);
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) {
    return { x, value: fx, gradient: g, iterations: 0, converged: false, reason: 'non-finite-start' };
  }
  const h = new Float64Array(d * d);
  const resetH = () => { h.fill(0); for (let i = 0; i < d; i++) h[i * d + i] = 1; };
  resetH();
  let firstStep = true;
  const p = new Float64Array(d), xn = new Float64Array(d), s = new Float64Array(d), y = new Float64Array(d), hy = new Float64Array(d);
  let gn = new Float64Array(d);
  for (let it = 0; it < settings.maxIterations; it++) {
    if (maxAbs(g) < settings.gradientTolerance) return { x, value: fx, gradient: g, iterations: it, converged: true, reason: 'gradient' };
    let slope = 0;
    for (let i = 0; i < d; i++) {
      let v = 0;
      for (let j = 0; j < d; j++) v -= h[i * d + j]! * g[j]!;
      p[i] = v;
      slope += v * g[i]!;
    }
    if (!(slope < 0)) {
      // Lost positive definiteness through rounding: restart from steepest descent.
      resetH();
      for (let i = 0; i < d; i++) p[i] = -g[i]!;
      slope = 0;
      for (let i = 0; i < d; i++) slope -= g[i]! * g[i]!;
    }
    let step = Math.min(1, settings.maxStep / Math.max(maxAbs(p), 1e-300));
    let fn = Number.NaN;
    let accepted = false;
    // Stop shrinking once the move is below rounding of x: further tries cannot help.
    while (step * maxAbs(p) > 1e-12 * (1 + maxAbs(x))) {
      for (let i = 0; i < d; i++) xn[i] = x[i]! + step * p[i]!;
      fn = f(xn, gn);
      if (Number.isFinite(fn) && fn <= fx + 1e-4 * step * slope && gn.every(Number.isFinite)) { accepted = true; break; }
      step *= Number.isFinite(fn) ? 0.5 : 0.1;
    }
    if (!accepted || fn >= fx) {
      // Near the optimum, f can no longer decrease measurably (its rounding error exceeds the
      // expected gain), although the gradient is above the tolerance; accept a small gradient.
      const ok = maxAbs(g) < Math.sqrt(settings.gradientTolerance);
      return { x, value: fx, gradient: g, iterations: it + 1, converged: ok, reason: 'no-progress' };
    }
    let sy = 0, yy = 0;
    for (let i = 0; i < d; i++) { s[i] = xn[i]! - x[i]!; y[i] = gn[i]! - g[i]!; sy += s[i]! * y[i]!; yy += y[i]! * y[i]!; }
    if (sy > 1e-12 * Math.sqrt(yy) * maxAbs(s)) {
      if (firstStep) { resetH(); for (let i = 0; i < d; i++) h[i * d + i] = sy / yy; firstStep = false; }
      // H+ = (I - rho s y') H (I - rho y s') + rho s s'
      const rho = 1 / sy;
      let yhy = 0;
      for (let i = 0; i < d; i++) {
        let v = 0;
        for (let j = 0; j < d; j++) v += h[i * d + j]! * y[j]!;
        hy[i] = v;
        yhy += y[i]! * v;
      }
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          h[i * d + j] += -rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
        }
      }
    }
    x.set(xn);
    const tg = g; g = gn; gn = tg;
    fx = fn;
    onIteration?.(it + 1);
  }
  const ok = maxAbs(g) < settings.gradientTolerance;
  return { x, value: fx, gradient: g, iterations: settings.maxIterations, converged: ok, reason: ok ? 'gradient' : 'max-iterations' };
}
