// Brute-force numeric helpers for the CLV tests: composite Simpson integration, independent of the
// special functions under test.

/** Composite Simpson's rule of f over [lo, hi] with `n` (even) intervals. */
export function simpson(f: (x: number) => number, lo: number, hi: number, n = 2000): number {
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/** E[h(λ)] for λ ~ Gamma(shape, rate), the normalising constant integrated numerically too. */
export function gammaMean(h: (lambda: number) => number, shape: number, rate: number, n = 20000): number {
  const hi = (shape + 40 + 12 * Math.sqrt(shape)) / rate;
  const kernel = (l: number) => Math.exp((shape - 1) * Math.log(l) - rate * l);
  const z = simpson((l) => (l === 0 ? 0 : kernel(l)), 0, hi, n);
  return simpson((l) => (l === 0 ? 0 : kernel(l) * h(l)), 0, hi, n) / z;
}

/** E[h(p)] for p ~ Beta(a, b) (a, b >= 2 keeps the integrand smooth), by Simpson. */
export function betaMean(h: (p: number) => number, a: number, b: number, n = 4000): number {
  const kernel = (p: number) => (p <= 0 || p >= 1 ? 0 : Math.exp((a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p)));
  return simpson((p) => kernel(p) * h(p), 0, 1, n) / simpson(kernel, 0, 1, n);
}

/** Central-difference gradient of f at x. */
export function numericGradient(f: (x: Float64Array) => number, x: ArrayLike<number>, h = 1e-6): number[] {
  const out: number[] = [];
  for (let j = 0; j < x.length; j++) {
    const up = Float64Array.from(x), down = Float64Array.from(x);
    up[j] += h; down[j] -= h;
    out.push((f(up) - f(down)) / (2 * h));
  }
  return out;
}

/** The code of a CrmError thrown by f, or a marker for anything else. */
export function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return (e as { code?: string }).code ?? `raw:${(e as Error).name}`; }
  return undefined;
}

/** The message of the error thrown by f. */
export function messageOf(f: () => unknown): string {
  try { f(); } catch (e) { return (e as Error).message; }
  return '';
}

/** Asserts that the analytic gradient written by an objective matches central differences. */
export function expectGradientMatches(f: (x: Float64Array, grad: Float64Array) => number, theta: number[], rel = 1e-6): void {
  const d = theta.length;
  const g = new Float64Array(d);
  f(Float64Array.from(theta), g);
  const num = numericGradient((t) => f(t, new Float64Array(d)), theta);
  for (let j = 0; j < d; j++) {
    const err = Math.abs(g[j]! - num[j]!);
    if (!(err < rel * Math.max(1, Math.abs(num[j]!)))) throw new Error(`gradient[${j}] = ${g[j]} but central difference gives ${num[j]}`);
  }
}
