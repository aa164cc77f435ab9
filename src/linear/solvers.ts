/**
 * The penalised logistic objective on a sparse row copy of the design, and its two solvers:
 * Newton (IRLS) with ml-matrix Cholesky solves for modest column counts, and L-BFGS, which
 * becomes OWL-QN when there is an L1 term.
 * @module
 */
import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';
import type { DenseMatrix } from '../core/dense.js';
import { backtrack, maxAbs } from '../core/optimize.js';

/**
 * Rows of [1 | X] (intercept first when present) keeping only non-zero entries: one-hot columns
 * are mostly zero, which makes the Hessian several times cheaper to form.
 */
export interface SparseRows {
  readonly n: number;
  /** Parameters: columns plus the intercept. */
  readonly p: number;
  readonly ptr: Int32Array;
  readonly idx: Int32Array;
  readonly val: Float64Array;
}

/**
 * The sparse rows of a dense matrix, with a leading 1 for the intercept. O(rows * cols).
 * @example
 * Array.from(sparseRows({ rows: 1, cols: 2, data: Float64Array.of(0, 5) }, true).val); // => [1, 5]
 */
export function sparseRows(x: DenseMatrix, intercept: boolean): SparseRows {
  const { rows: n, cols, data } = x;
  const off = intercept ? 1 : 0;
  let nnz = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
  const ptr = new Int32Array(n + 1);
  const idx = new Int32Array(nnz + off * n);
  const val = new Float64Array(nnz + off * n);
  let q = 0;
  for (let i = 0, b = 0; i < n; i++, b += cols) {
    ptr[i] = q;
    if (off) {
      idx[q] = 0;
      val[q++] = 1;
    }
    for (let j = 0; j < cols; j++) {
      const v = data[b + j]!;
      if (v !== 0) {
        idx[q] = j + off;
        val[q++] = v;
      }
    }
  }
  ptr[n] = q;
  return { n, p: cols + off, ptr, idx, val };
}

/** Weighted log-loss with per-parameter L2 and L1 strengths (0 for the intercept). */
export interface Problem {
  readonly rows: SparseRows;
  readonly y: Uint8Array;
  readonly w: Float64Array;
  readonly l2: Float64Array;
  /** null when there is no L1 term. */
  readonly l1: Float64Array | null;
}

/**
 * Linear predictor of every row into `eta`.
 * @example
 * const eta = new Float64Array(2); linearPredictor(sparseRows({ rows: 2, cols: 1, data: Float64Array.of(0, 1) }, true), Float64Array.of(1, 2), eta); Array.from(eta); // => [1, 3]
 */
export function linearPredictor(r: SparseRows, beta: Float64Array, eta: Float64Array): void {
  const { n, ptr, idx, val } = r;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = ptr[i]!, e = ptr[i + 1]!; q < e; q++) s += val[q]! * beta[idx[q]!]!;
    eta[i] = s;
  }
}

/**
 * The full objective (loss + L2 + L1); fills `prob` with the fitted probabilities.
 * @example
 * objective({ rows: sparseRows({ rows: 2, cols: 1, data: Float64Array.of(0, 1) }, true), y: Uint8Array.of(0, 1), w: Float64Array.of(1, 1), l2: new Float64Array(2), l1: null }, new Float64Array(2), new Float64Array(2), new Float64Array(2)).toFixed(4); // => '1.3863'
 */
export function objective(pr: Problem, beta: Float64Array, eta: Float64Array, prob: Float64Array): number {
  linearPredictor(pr.rows, beta, eta);
  const { y, w, l2, l1 } = pr;
  let f = 0;
  for (let i = 0; i < eta.length; i++) {
    const z = eta[i]!;
    // One exp serves both the probability and log(1 + exp(z)), without overflow for large |z|.
    const e = Math.exp(-Math.abs(z));
    prob[i] = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    if (w[i] !== 0) f += w[i]! * ((z > 0 ? z : 0) + Math.log1p(e) - (y[i] === 1 ? z : 0));
  }
  for (let j = 0; j < beta.length; j++) {
    const b = beta[j]!;
    f += 0.5 * l2[j]! * b * b;
    if (l1) f += l1[j]! * Math.abs(b);
  }
  return f;
}

/**
 * Gradient of the smooth part (loss + L2) at the point whose probabilities are in `prob`.
 * @example
 * const g = new Float64Array(2); smoothGradient({ rows: sparseRows({ rows: 2, cols: 1, data: Float64Array.of(0, 1) }, true), y: Uint8Array.of(0, 1), w: Float64Array.of(1, 1), l2: new Float64Array(2), l1: null }, new Float64Array(2), Float64Array.of(0.5, 0.5), g); Array.from(g); // => [0, -0.5]
 */
export function smoothGradient(pr: Problem, beta: Float64Array, prob: Float64Array, grad: Float64Array): void {
  const { rows, y, w, l2 } = pr;
  const { n, ptr, idx, val } = rows;
  for (let j = 0; j < grad.length; j++) grad[j] = l2[j]! * beta[j]!;
  for (let i = 0; i < n; i++) {
    const r = w[i]! * (prob[i]! - y[i]!);
    if (r === 0) continue;
    for (let q = ptr[i]!, e = ptr[i + 1]!; q < e; q++) grad[idx[q]!]! += r * val[q]!;
  }
}

/**
 * Hessian of the smooth part, p x p row-major: X' diag(w p (1 - p)) X + diag(l2).
 * @example
 * const h = new Float64Array(4); hessian({ rows: sparseRows({ rows: 2, cols: 1, data: Float64Array.of(0, 1) }, true), y: Uint8Array.of(0, 1), w: Float64Array.of(1, 1), l2: new Float64Array(2), l1: null }, Float64Array.of(0.5, 0.5), h); Array.from(h); // => [0.5, 0.25, 0.25, 0.25]
 */
export function hessian(pr: Problem, prob: Float64Array, out: Float64Array): void {
  const { rows, w, l2 } = pr;
  const { n, p, ptr, idx, val } = rows;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const d = w[i]! * prob[i]! * (1 - prob[i]!);
    if (d === 0) continue;
    const s = ptr[i]!;
    const e = ptr[i + 1]!;
    for (let a = s; a < e; a++) {
      const va = d * val[a]!;
      const base = idx[a]! * p;
      // Column indices ascend within a row, so this fills the upper triangle.
      for (let b = a; b < e; b++) out[base + idx[b]!] += va * val[b]!;
    }
  }
  for (let a = 0; a < p; a++) {
    out[a * p + a]! += l2[a]!;
    for (let b = a + 1; b < p; b++) out[b * p + a] = out[a * p + b]!;
  }
}

/**
 * Solves H d = g; Cholesky first, LU when H is not numerically positive definite.
 * @example
 * Array.from(solveSymmetric(Float64Array.of(4, 0, 0, 1), Float64Array.of(4, 3), 2)!); // => [1, 3]
 */
export function solveSymmetric(h: Float64Array, g: Float64Array, p: number): Float64Array | null {
  const H = Matrix.from1DArray(p, p, h);
  const rhs = Matrix.columnVector(Array.from(g));
  const chol = new CholeskyDecomposition(H);
  let d: Matrix;
  try {
    d = chol.isPositiveDefinite() ? chol.solve(rhs) : solve(H, rhs);
  } catch {
    return null;
  }
  const out = Float64Array.from(d.getColumn(0));
  for (let j = 0; j < p; j++) if (!Number.isFinite(out[j])) return null;
  return out;
}

/** What a solver reports. */
export interface SolverRun {
  iterations: number;
  converged: boolean;
  /** max |gradient| (pseudo-gradient with L1) at the returned point. */
  gradientNorm: number;
  objective: number;
  /** Why it stopped early, when it did. */
  failure?: string;
}

/**
 * Newton's method with a backtracking (Armijo) line search, from `beta` (updated in place);
 * `onIteration(k)` is called after each completed iteration k (k = 1, 2, ...).
 * Source: McCullagh and Nelder (1989), Generalized Linear Models, 2nd ed., section 2.5 (IRLS).
 * @example
 * const b = new Float64Array(2); const pr = { rows: sparseRows({ rows: 2, cols: 1, data: Float64Array.of(0, 1) }, true), y: Uint8Array.of(1, 0), w: Float64Array.of(1, 1), l2: Float64Array.of(0, 1), l1: null }; newton(pr, b, 1e-12, 50).converged; // => true
 */
export function newton(pr: Problem, beta: Float64Array, tolerance: number, maxIterations: number, onIteration?: (iteration: number) => void): SolverRun {
  const { n, p } = pr.rows;
  const eta = new Float64Array(n);
  const prob = new Float64Array(n);
  const trialEta = new Float64Array(n);
  const trialProb = new Float64Array(n);
  const grad = new Float64Array(p);
  const h = new Float64Array(p * p);
  const trial = new Float64Array(p);
  const lastStep = new Float64Array(p);
  const lastGrad = new Float64Array(p);
  let f = objective(pr, beta, eta, prob);
  let it = 0;
  let previous = Infinity;
  let fullStep = false;
  for (;;) {
    smoothGradient(pr, beta, prob, grad);
    const gn = maxAbs(grad);
    if (onIteration && it > 0) onIteration(it);
    if (gn <= tolerance) return { iterations: it, converged: true, gradientNorm: gn, objective: f };
    if (it >= maxIterations) return { iterations: it, converged: false, gradientNorm: gn, objective: f };
    it++;
    // Once a full step has cut the gradient 3-fold, the iterates are near Newton's quadratic
    // region and the Hessian changes little: instead of forming it again (n * nnz^2), update the
    // last one with the BFGS secant formula (p^2), and form a new one as soon as a step gains less.
    const reuse = fullStep && gn < 0.3 * previous;
    previous = gn;
    if (reuse) bfgsUpdate(h, lastStep, grad, lastGrad, p);
    else hessian(pr, prob, h);
    lastGrad.set(grad);
    const d = solveSymmetric(h, grad, p);
    if (!d) return { iterations: it, converged: false, gradientNorm: gn, objective: f, failure: 'the Hessian is singular' };
    let slope = 0;
    for (let j = 0; j < p; j++) slope += grad[j]! * d[j]!;
    // Near the optimum the predicted decrease (slope / 2) drops below the rounding of f, so the
    // line search cannot see it; the quadratic model is exact there, so take the full step.
    const resolvable = 0.5 * slope > 1e-12 * Math.abs(f);
    // The step is beta - t d, so the directional derivative is -slope; an unresolvable decrease
    // takes the full step whatever it gives.
    const ls = backtrack(f, -slope, 1, (t) => {
      for (let j = 0; j < p; j++) trial[j] = beta[j]! - t * d[j]!;
      return { value: objective(pr, trial, trialEta, trialProb) };
    }, { maxTries: resolvable ? 60 : 1 });
    const t = ls.step;
    const ft = ls.value;
    if (resolvable && !(ft <= f)) return { iterations: it, converged: false, gradientNorm: gn, objective: f, failure: 'the line search found no decrease' };
    fullStep = t === 1;
    for (let j = 0; j < p; j++) lastStep[j] = trial[j]! - beta[j]!;
    beta.set(trial);
    eta.set(trialEta);
    prob.set(trialProb);
    f = ft;
  }
}

/** H <- H - (H s)(H s)' / (s' H s) + y y' / (y' s), with y the change of gradient; skipped unless y' s > 0. */
function bfgsUpdate(h: Float64Array, s: Float64Array, g: Float64Array, gPrev: Float64Array, p: number): void {
  const hs = new Float64Array(p);
  const y = new Float64Array(p);
  let shs = 0;
  let ys = 0;
  for (let a = 0; a < p; a++) {
    let v = 0;
    for (let b = 0; b < p; b++) v += h[a * p + b]! * s[b]!;
    hs[a] = v;
    shs += s[a]! * v;
    y[a] = g[a]! - gPrev[a]!;
    ys += y[a]! * s[a]!;
  }
  if (!(ys > 0) || !(shs > 0)) return;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) h[a * p + b]! += (y[a]! * y[b]!) / ys - (hs[a]! * hs[b]!) / shs;
  }
}

/** OWL-QN pseudo-gradient: the steepest-descent direction's negative for the L1-penalised objective. */
function pseudoGradient(beta: Float64Array, g: Float64Array, l1: Float64Array | null, out: Float64Array): void {
  for (let j = 0; j < g.length; j++) {
    const a = l1 ? l1[j]! : 0;
    if (a === 0) out[j] = g[j]!;
    else if (beta[j]! > 0) out[j] = g[j]! + a;
    else if (beta[j]! < 0) out[j] = g[j]! - a;
    else if (g[j]! + a < 0) out[j] = g[j]! + a;
    else if (g[j]! - a > 0) out[j] = g[j]! - a;
    else out[j] = 0;
  }
}

/**
 * L-BFGS with a backtracking line search; with L1 strengths it is OWL-QN (orthant-wise steps and
 * the pseudo-gradient), which handles the non-differentiable |b| at 0 and yields exact zeros.
 * `onIteration(k)` is called after each completed iteration k (k = 1, 2, ...).
 * Source: Nocedal and Wright (2006), Numerical Optimization, algorithm 7.4; Andrew and Gao (2007),
 * "Scalable training of L1-regularized log-linear models", ICML.
 * @example
 * const b = new Float64Array(2); const pr = { rows: sparseRows({ rows: 2, cols: 1, data: Float64Array.of(0, 1) }, true), y: Uint8Array.of(1, 0), w: Float64Array.of(1, 1), l2: Float64Array.of(0, 1), l1: null }; lbfgs(pr, b, 1e-10, 200).converged; // => true
 */
export function lbfgs(pr: Problem, beta: Float64Array, tolerance: number, maxIterations: number, memory = 10, onIteration?: (iteration: number) => void): SolverRun {
  const { n, p } = pr.rows;
  const l1 = pr.l1;
  const eta = new Float64Array(n);
  const prob = new Float64Array(n);
  const g = new Float64Array(p);
  const gNew = new Float64Array(p);
  const pg = new Float64Array(p);
  const d = new Float64Array(p);
  const trial = new Float64Array(p);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  let f = objective(pr, beta, eta, prob);
  smoothGradient(pr, beta, prob, g);
  let it = 0;
  for (;;) {
    pseudoGradient(beta, g, l1, pg);
    const gn = maxAbs(pg);
    if (onIteration && it > 0) onIteration(it);
    if (gn <= tolerance) return { iterations: it, converged: true, gradientNorm: gn, objective: f };
    if (it >= maxIterations) return { iterations: it, converged: false, gradientNorm: gn, objective: f };
    it++;
    // Two-loop recursion: d = -H pg.
    for (let j = 0; j < p; j++) d[j] = -pg[j]!;
    for (let k = S.length - 1; k >= 0; k--) {
      let a = 0;
      for (let j = 0; j < p; j++) a += S[k]![j]! * d[j]!;
      a *= rho[k]!;
      alpha[k] = a;
      for (let j = 0; j < p; j++) d[j]! -= a * Y[k]![j]!;
    }
    if (S.length > 0) {
      const last = S.length - 1;
      let yy = 0;
      for (let j = 0; j < p; j++) yy += Y[last]![j]! * Y[last]![j]!;
      const gamma = 1 / (rho[last]! * yy);
      for (let j = 0; j < p; j++) d[j]! *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      let b = 0;
      for (let j = 0; j < p; j++) b += Y[k]![j]! * d[j]!;
      b *= rho[k]!;
      for (let j = 0; j < p; j++) d[j]! += S[k]![j]! * (alpha[k]! - b);
    }
    // OWL-QN: keep only components that descend along the pseudo-gradient.
    let slope = 0;
    for (let j = 0; j < p; j++) {
      if (l1 && d[j]! * pg[j]! >= 0) d[j] = 0;
      slope += d[j]! * pg[j]!;
    }
    if (!(slope < 0)) {
      S.length = Y.length = rho.length = 0;
      for (let j = 0; j < p; j++) d[j] = -pg[j]!;
      slope = -pg.reduce((a, v) => a + v * v, 0);
    }
    const t0 = S.length === 0 ? 1 / Math.max(1, Math.sqrt(-slope)) : 1;
    // As in newton(): once the predicted decrease is below the rounding of f, Armijo cannot see
    // it; a step that does not raise f beyond rounding is then accepted.
    const resolvable = -slope * t0 > 1e-12 * Math.abs(f);
    const ls = backtrack(f, slope, t0, (t) => {
      let decrease = 0;
      for (let j = 0; j < p; j++) {
        let v = beta[j]! + t * d[j]!;
        if (l1 && l1[j]! > 0) {
          // Stay in the orthant of beta (or of -pg where beta is 0).
          const orthant = beta[j]! !== 0 ? Math.sign(beta[j]!) : -Math.sign(pg[j]!);
          if (Math.sign(v) !== orthant) v = 0;
        }
        trial[j] = v;
        decrease += pg[j]! * (v - beta[j]!);
      }
      return { value: objective(pr, trial, eta, prob), decrease };
    }, { maxTries: 60, tolerance: resolvable ? -Infinity : 1e-13 * Math.abs(f) });
    const ft = ls.value;
    if (!ls.accepted) {
      objective(pr, beta, eta, prob);
      return { iterations: it, converged: false, gradientNorm: gn, objective: f, failure: 'the line search found no decrease' };
    }
    smoothGradient(pr, trial, prob, gNew);
    const s = new Float64Array(p);
    const yv = new Float64Array(p);
    let sy = 0;
    for (let j = 0; j < p; j++) {
      s[j] = trial[j]! - beta[j]!;
      yv[j] = gNew[j]! - g[j]!;
      sy += s[j]! * yv[j]!;
    }
    if (sy > 1e-12) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    beta.set(trial);
    g.set(gNew);
    f = ft;
  }
}
