/**
 * Nelder-Mead simplex minimiser following the steps of R's `optim(method = "Nelder-Mead")`
 * (nmmin in R's src/appl/optim.c, after Nash 1990, Compact Numerical Methods, Algorithm 19):
 * same start simplex, same reflection / extension / contraction / shrink order and the same
 * stopping rule, so a fit that R reaches through optim lands on the same point here.
 * @module
 */

/** Options of {@link nelderMead}; the defaults are R's optim defaults. */
export interface NelderMeadOptions {
  /** Stop when the best value is <= this. @defaultValue -Infinity */
  abstol?: number;
  /** Relative tolerance on the spread of simplex values. @defaultValue sqrt(2.2e-16) */
  reltol?: number;
  /** Reflection factor. @defaultValue 1 */
  alpha?: number;
  /** Contraction factor. @defaultValue 0.5 */
  beta?: number;
  /** Expansion factor. @defaultValue 2 */
  gamma?: number;
  /** Most function evaluations. @defaultValue 500 */
  maxIterations?: number;
}

/** What {@link nelderMead} found. */
export interface NelderMeadResult {
  /** Best point found (a new array). */
  x: Float64Array;
  /** f(x). */
  value: number;
  /** Function evaluations used. */
  evaluations: number;
  /** 0 converged, 1 evaluation limit reached, 10 the simplex stopped shrinking (R's `convergence`). */
  fail: 0 | 1 | 10;
}

// R replaces a non-finite value by this, so the simplex moves away from it.
const BIG = 1.0e35;

/**
 * A Nelder-Mead run that can be paused and resumed. `advance(limit)` iterates until the run ends
 * or has used more than `limit` evaluations, stopping at the end of an iteration; the simplex and
 * its values are all the state there is between iterations, so a run advanced in steps visits the
 * same points and ends on the same vertex as one advanced at once.
 */
export interface NelderMeadRun {
  /** Iterates until the run ends or has used more than `limit` evaluations; true when it ended. */
  advance(limit: number): boolean;
  /** Whether the run has ended (converged, stopped shrinking, or reached maxIterations). */
  readonly done: boolean;
  /** Evaluations used so far. */
  readonly evaluations: number;
  /** Lowest value found so far (it never rises as the run goes on). */
  readonly best: number;
  /** The best vertex so far, its value, the evaluations used and the fail code (1 while not ended). */
  result(): NelderMeadResult;
}

// Everything a paused run keeps. P is null until the first call of {@link iterate} sets up the
// start simplex: setting up and iterating in one call is what V8 runs fastest (about 20% faster
// per evaluation of an ETS fit than a loop in a function of its own, measured).
interface State {
  readonly f: (x: Float64Array) => number;
  readonly start: ArrayLike<number>;
  readonly intol: number;
  readonly abstol: number;
  readonly alpha: number;
  readonly bet: number;
  readonly gamm: number;
  readonly maxit: number;
  /** Column j (0..n) is vertex j; column n + 1 is the centroid. Row n holds the values. */
  P: Float64Array | null;
  bvec: Float64Array | null;
  convtol: number;
  L: number;
  oldsize: number;
  calcvert: boolean;
  funcount: number;
  fail: 0 | 1 | 10;
  done: boolean;
  /** Set when the run ended without a simplex (no iterations, or a non-finite start value). */
  early: NelderMeadResult | null;
}

/**
 * Starts a {@link nelderMead} run: R's start simplex is built (and `f` evaluated at `start`) on
 * the first call of {@link NelderMeadRun.advance} or of a getter. O(1) until then. The run then
 * iterates as {@link nelderMead} does; `f` may read its argument but must not keep it.
 * @param f - Objective; a non-finite value counts as very large.
 * @param start - Start point (copied).
 * @returns A run to advance.
 * @example
 * const run = startNelderMead((p) => (p[0]! - 1) ** 2 + (p[1]! + 2) ** 2, [0, 0], { maxIterations: 2000 });
 * run.advance(50);
 * const early = run.best;
 * run.advance(Infinity);
 * [run.done, run.best <= early, Math.round(run.result().x[0]! * 1000) / 1000]; // => [true, true, 1]
 */
export function startNelderMead(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadRun {
  const st: State = {
    f, start: Float64Array.from(start), intol: options.reltol ?? Math.sqrt(2.220446049250313e-16), abstol: options.abstol ?? -Infinity,
    alpha: options.alpha ?? 1, bet: options.beta ?? 0.5, gamm: options.gamma ?? 2, maxit: options.maxIterations ?? 500,
    P: null, bvec: null, convtol: 0, L: 0, oldsize: 0, calcvert: true, funcount: 0, fail: 0, done: false, early: null,
  };
  const n = st.start.length;
  const ready = () => { if (st.P === null && st.early === null) iterate(st, 0); };
  const vertex = (j: number): NelderMeadResult => {
    const P = st.P!;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = P[i * (n + 2) + j]!;
    return { x, value: P[n * (n + 2) + j]!, evaluations: st.funcount, fail: st.done ? st.fail : 1 };
  };
  // The lowest vertex. Before the first iteration and after a shrink only L has a value (the
  // others are evaluated at the top of the next iteration); an ended run returns L, as R does.
  const lowest = (): number => {
    if (st.done || st.calcvert) return st.L;
    const P = st.P!;
    const o = n * (n + 2);
    let j = 0;
    for (let k = 1; k <= n; k++) if (P[o + k]! < P[o + j]!) j = k;
    return j;
  };
  return {
    advance: (limit) => st.done || iterate(st, limit),
    get done() { ready(); return st.done; },
    get evaluations() { ready(); return st.early ? st.early.evaluations : st.funcount; },
    get best() { ready(); return st.early ? st.early.value : st.P![n * (n + 2) + lowest()]!; },
    result: () => { ready(); return st.early ? { ...st.early, x: Float64Array.from(st.early.x) } : vertex(lowest()); },
  };
}

// R's nmmin from the state `st`: on the first call, the start simplex; then iterations until the
// run ends or has used more than `limit` evaluations. Works on locals and writes the state back.
function iterate(st: State, limit: number): boolean {
  const { f, abstol, alpha, bet, gamm, maxit } = st;
  const n = st.start.length;
  const n1 = n + 1;
  const stride = n + 2;
  const at = (i: number, j: number) => i * stride + j;
  const C = n1; // centroid column (0-based)
  let P = st.P;
  let bvec = st.bvec;
  let L = st.L;
  let oldsize = st.oldsize;
  let calcvert = st.calcvert;
  let funcount = st.funcount;
  let fail = st.fail;
  let convtol = st.convtol;
  if (P === null || bvec === null) {
    bvec = Float64Array.from(st.start);
    if (maxit <= 0 || n === 0) {
      st.early = { x: Float64Array.from(st.start), value: f(bvec), evaluations: 0, fail: 0 };
      st.done = true;
      return true;
    }
    P = new Float64Array((n + 1) * stride);
    const fv = f(bvec);
    if (!Number.isFinite(fv)) {
      st.early = { x: Float64Array.from(st.start), value: fv, evaluations: 1, fail: 1 };
      st.done = true;
      return true;
    }
    funcount = 1;
    convtol = st.intol * (Math.abs(fv) + st.intol);
    P[at(n, 0)] = fv;
    for (let i = 0; i < n; i++) P[at(i, 0)] = bvec[i]!;
    let size = 0;
    let step = 0;
    for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]!) > step) step = 0.1 * Math.abs(bvec[i]!);
    if (step === 0) step = 0.1;
    for (let j = 1; j <= n; j++) {
      for (let i = 0; i < n; i++) P[at(i, j)] = bvec[i]!;
      let trystep = step;
      // As R: grow the step until the coordinate actually changes (large values absorb small steps).
      while (P[at(j - 1, j)] === bvec[j - 1]) {
        P[at(j - 1, j)] = bvec[j - 1]! + trystep;
        trystep *= 10;
      }
      size += trystep;
    }
    oldsize = size;
    st.P = P;
    st.bvec = bvec;
    st.convtol = convtol;
    if (funcount > limit) {
      st.oldsize = oldsize;
      st.funcount = funcount;
      return false;
    }
  }
  let ended = false;
  const evalAt = (): number => {
    const v = f(bvec);
    funcount++;
    return Number.isFinite(v) ? v : BIG;
  };
  for (;;) {
    if (calcvert) {
      for (let j = 0; j < n1; j++) {
        if (j !== L) {
          for (let i = 0; i < n; i++) bvec[i] = P[at(i, j)]!;
          P[at(n, j)] = evalAt();
        }
      }
      calcvert = false;
    }
    let VL = P[at(n, L)]!;
    let VH = VL;
    let H = L;
    for (let j = 0; j < n1; j++) {
      if (j !== L) {
        const v = P[at(n, j)]!;
        if (v < VL) { L = j; VL = v; }
        if (v > VH) { H = j; VH = v; }
      }
    }
    if (VH <= VL + convtol || VL <= abstol) { ended = true; break; }
    // Centroid of all vertices but H, each row summed in R's order. Four rows at a time: each
    // sum is a chain of dependent additions, and independent chains overlap in the CPU.
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const o = i * stride;
      const o2 = o + stride;
      const o3 = o2 + stride;
      const o4 = o3 + stride;
      let t = -P[o + H]!;
      let u = -P[o2 + H]!;
      let v = -P[o3 + H]!;
      let w = -P[o4 + H]!;
      for (let j = 0; j < n1; j++) { t += P[o + j]!; u += P[o2 + j]!; v += P[o3 + j]!; w += P[o4 + j]!; }
      P[o + C] = t / n;
      P[o2 + C] = u / n;
      P[o3 + C] = v / n;
      P[o4 + C] = w / n;
    }
    for (; i < n; i++) {
      const o = i * stride;
      let t = -P[o + H]!;
      for (let j = 0; j < n1; j++) t += P[o + j]!;
      P[o + C] = t / n;
    }
    for (let i = 0; i < n; i++) bvec[i] = (1 + alpha) * P[at(i, C)]! - alpha * P[at(i, H)]!;
    const VR = evalAt();
    if (VR < VL) {
      P[at(n, C)] = VR;
      for (let i = 0; i < n; i++) {
        const e = gamm * bvec[i]! + (1 - gamm) * P[at(i, C)]!;
        P[at(i, C)] = bvec[i]!;
        bvec[i] = e;
      }
      const fe = evalAt();
      if (fe < VR) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i]!;
        P[at(n, H)] = fe;
      } else {
        for (let i = 0; i < n; i++) P[at(i, H)] = P[at(i, C)]!;
        P[at(n, H)] = VR;
      }
    } else {
      if (VR < VH) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i]!;
        P[at(n, H)] = VR;
      }
      for (let i = 0; i < n; i++) bvec[i] = (1 - bet) * P[at(i, H)]! + bet * P[at(i, C)]!;
      const fc = evalAt();
      if (fc < P[at(n, H)]!) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i]!;
        P[at(n, H)] = fc;
      } else if (VR >= VH) {
        calcvert = true;
        let size = 0;
        for (let j = 0; j < n1; j++) {
          if (j !== L) {
            for (let i = 0; i < n; i++) {
              P[at(i, j)] = bet * (P[at(i, j)]! - P[at(i, L)]!) + P[at(i, L)]!;
              size += Math.abs(P[at(i, j)]! - P[at(i, L)]!);
            }
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          fail = 10;
          ended = true;
          break;
        }
      }
    }
    if (funcount > maxit) { ended = true; break; }
    if (funcount > limit) break;
  }
  if (ended && funcount > maxit) fail = 1;
  st.L = L;
  st.oldsize = oldsize;
  st.calcvert = calcvert;
  st.funcount = funcount;
  st.fail = fail;
  st.done = ended;
  return ended;
}

/**
 * Minimises `f` from `start` with the Nelder-Mead simplex, step for step as R's optim does.
 * O(maxIterations * (cost of f + n)). `f` may read its argument but must not keep it: the same
 * buffer is reused for every call.
 * @param f - Objective; a non-finite value counts as very large.
 * @param start - Start point (not modified).
 * @returns The best vertex, its value, the evaluations used and R's fail code.
 * @example
 * const r = nelderMead((p) => (p[0]! - 1) ** 2 + (p[1]! + 2) ** 2, [0, 0], { maxIterations: 2000 });
 * [Math.round(r.x[0]! * 1000) / 1000, Math.round(r.x[1]! * 1000) / 1000]; // => [1, -2]
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const run = startNelderMead(f, start, options);
  run.advance(Infinity);
  return run.result();
}
