/**
 * The optimiser pieces shared by `clv`, `linear` and `forecast`: Brent's one-dimensional minimiser
 * (R's optimize(), used by the Box-Cox lambda search), and one backtracking (Armijo) line search, used
 * by the BFGS minimiser of the CLV likelihoods (below) and by the Newton and L-BFGS / OWL-QN
 * solvers of logistic regression (linear/solvers.ts), and the max-norm they stop on.
 *
 * BFGS: Nocedal & Wright (2006), Numerical Optimization, Algorithm 6.1 with the initial
 * inverse-Hessian scaling of eq. 6.20; line search: their Algorithm 3.1.
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

/**
 * Largest absolute entry (the max-norm), 0 for an empty vector. O(n).
 * @example
 * maxAbs(Float64Array.of(1, -3, 2)); // => 3
 */
export function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/** One trial point of {@link backtrack}: the objective there, and whether it may be accepted at all. */
export interface LineSearchTrial {
  value: number;
  /** False to refuse the point whatever its value (e.g. a non-finite gradient). @defaultValue true */
  ok?: boolean;
  /**
   * Predicted change of the objective at this point, when the step is projected (OWL-QN);
   * otherwise the Armijo bound uses step * slope.
   */
  decrease?: number;
}

/** Settings of {@link backtrack}; all optional. */
export interface BacktrackSettings {
  /** Sufficient-decrease constant. @defaultValue 1e-4 */
  c1?: number;
  /** Step factor after a finite but insufficient value. @defaultValue 0.5 */
  shrink?: number;
  /** Step factor after a non-finite value. @defaultValue 0.5 */
  shrinkNonFinite?: number;
  /** Most trials. @defaultValue Infinity */
  maxTries?: number;
  /** Stop once step * scale <= minMove (the move is below the rounding of x). @defaultValue -Infinity */
  minMove?: number;
  /** @defaultValue 1 */
  scale?: number;
  /** Also accept a value up to f0 + tolerance (when the decrease is below the rounding of f). @defaultValue -Infinity */
  tolerance?: number;
}

/** What {@link backtrack} ended on: the last step tried and its value. */
export interface BacktrackResult {
  step: number;
  value: number;
  accepted: boolean;
}

/**
 * Backtracking line search (Armijo): tries steps t0, t0 * shrink, ... and accepts the first whose
 * value is at most f0 + c1 * t * slope (or f0 + c1 * decrease for projected steps, or within
 * `tolerance` of f0). `trial(t)` evaluates the point at step t (and leaves it where the caller
 * keeps it); the last one tried is the one returned. O(trials * cost of trial).
 * Source: Nocedal & Wright (2006), Numerical Optimization, Algorithm 3.1.
 * @param slope - Directional derivative at the start (negative along a descent direction).
 * @example
 * // f(t) = (t - 0.3)^2 from t = 0 along +1: slope -0.6; t = 1 fails, t = 0.5 passes.
 * backtrack(0.09, -0.6, 1, (t) => ({ value: (t - 0.3) ** 2 })).step; // => 0.5
 */
export function backtrack(f0: number, slope: number, t0: number, trial: (t: number) => LineSearchTrial, settings: BacktrackSettings = {}): BacktrackResult {
  const c1 = settings.c1 ?? 1e-4;
  const shrink = settings.shrink ?? 0.5;
  const shrinkNonFinite = settings.shrinkNonFinite ?? shrink;
  const maxTries = settings.maxTries ?? Infinity;
  const minMove = settings.minMove ?? -Infinity;
  const scale = settings.scale ?? 1;
  const tolerance = settings.tolerance ?? -Infinity;
  let t = t0;
  let value = Number.NaN;
  for (let k = 0; k < maxTries && t * scale > minMove; k++) {
    const r = trial(t);
    value = r.value;
    const bound = r.decrease === undefined ? f0 + c1 * t * slope : f0 + c1 * r.decrease;
    if (r.ok !== false && (value <= bound || value <= f0 + tolerance)) return { step: t, value, accepted: true };
    if (k + 1 < maxTries) t *= Number.isFinite(value) ? shrink : shrinkNonFinite;
  }
  return { step: t, value, accepted: false };
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
    const pMax = maxAbs(p);
    const ls = backtrack(fx, slope, Math.min(1, settings.maxStep / Math.max(pMax, 1e-300)), (step) => {
      for (let i = 0; i < d; i++) xn[i] = x[i]! + step * p[i]!;
      const value = f(xn, gn);
      return { value, ok: Number.isFinite(value) && gn.every(Number.isFinite) };
    }, {
      // A non-finite value (outside the domain) shrinks faster; stop shrinking once the move is
      // below rounding of x: further tries cannot help.
      shrinkNonFinite: 0.1,
      scale: pMax,
      minMove: 1e-12 * (1 + maxAbs(x)),
    });
    const fn = ls.value;
    const accepted = ls.accepted;
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

/**
 * Minimum of f on [ax, bx] by Brent's (1973) localmin, step for step as R's optimize()
 * (src/appl/fmin.c), so that the minimiser agrees with R's to rounding; `tol` as optimize()'s
 * (R's default is .Machine$double.eps^0.25). Non-finite values count as the largest double, as
 * optimize() does. O(iterations), each one evaluation of f.
 * Source: Brent (1973), Algorithms for Minimization without Derivatives, ch. 5.
 * @example
 * Math.abs(brentMinimize(0, 4, (x) => (x - 1) ** 2, 1e-10) - 1) < 1e-8; // => true
 */
export function brentMinimize(ax: number, bx: number, f: (x: number) => number, tol: number): number {
  const g = (x: number) => { const v = f(x); return Number.isFinite(v) ? v : Number.MAX_VALUE; };
  const c = (3 - Math.sqrt(5)) * 0.5;
  const eps = Math.sqrt(2.220446049250313e-16);
  let a = ax, b = bx;
  let v = a + c * (b - a), w = v, x = v;
  let d = 0, e = 0;
  let fx = g(x), fv = fx, fw = fx;
  const tol3 = tol / 3;
  for (;;) {
    const xm = (a + b) * 0.5;
    const tol1 = eps * Math.abs(x) + tol3;
    const t2 = tol1 * 2;
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) break;
    let p = 0, q = 0, r = 0;
    if (Math.abs(e) > tol1) {
      // Parabola through x, w, v.
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p; else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x;
      d = c * e;
    } else {
      d = p / q;
      const u = x + d;
      // Not too close to the ends.
      if (u - a < t2 || b - u < t2) d = x >= xm ? -tol1 : tol1;
    }
    const u = Math.abs(d) >= tol1 ? x + d : d > 0 ? x + tol1 : x - tol1;
    const fu = g(u);
    if (fx <= fu) {
      if (u < x) a = u; else b = u;
    }
    if (fu <= fx) {
      if (u < x) b = x; else a = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else if (fu <= fw || w === x) {
      v = w; fv = fw;
      w = u; fw = fu;
    } else if (fu <= fv || v === x || v === w) {
      v = u; fv = fu;
    }
  }
  return x;
}
