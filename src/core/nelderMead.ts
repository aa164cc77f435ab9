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
  const abstol = options.abstol ?? -Infinity;
  const intol = options.reltol ?? Math.sqrt(2.220446049250313e-16);
  const alpha = options.alpha ?? 1;
  const bet = options.beta ?? 0.5;
  const gamm = options.gamma ?? 2;
  const maxit = options.maxIterations ?? 500;
  const n = start.length;
  const bvec = Float64Array.from(start);
  if (maxit <= 0 || n === 0) {
    return { x: Float64Array.from(start), value: f(bvec), evaluations: 0, fail: 0 };
  }
  const n1 = n + 1;
  // Column j (0..n) is vertex j; column n1 is the centroid. Row n holds the values.
  const stride = n + 2;
  const P = new Float64Array((n + 1) * stride);
  const at = (i: number, j: number) => i * stride + j;
  let fv = f(bvec);
  if (!Number.isFinite(fv)) return { x: Float64Array.from(start), value: fv, evaluations: 1, fail: 1 };
  let funcount = 1;
  const convtol = intol * (Math.abs(fv) + intol);
  const C = n1; // centroid column (0-based)
  P[at(n, 0)] = fv;
  for (let i = 0; i < n; i++) P[at(i, 0)] = bvec[i]!;
  let L = 0;
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
  let oldsize = size;
  let calcvert = true;
  let fail: 0 | 1 | 10 = 0;
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
    if (VH <= VL + convtol || VL <= abstol) break;
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
        size = 0;
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
          break;
        }
      }
    }
    if (funcount > maxit) break;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = P[at(i, L)]!;
  if (funcount > maxit) fail = 1;
  return { x, value: P[at(n, L)]!, evaluations: funcount, fail };
}
