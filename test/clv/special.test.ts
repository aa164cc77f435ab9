import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { digamma, hyp2f1, lnGamma } from '../../src/clv/special.js';
import { minimizeBfgs } from '../../src/core/optimize.js';

const pos = fc.double({ min: 0.01, max: 200, noNaN: true });

describe('lnGamma and digamma', () => {
  test('lnGamma(n) = log((n-1)!) and lnGamma(1/2) = log(sqrt(pi))', () => {
    let fact = 1;
    for (let n = 1; n <= 25; n++) {
      expect(lnGamma(n)).toBeCloseTo(Math.log(fact), 12);
      fact *= n;
    }
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
  test('lnGamma(x + 1) - lnGamma(x) = log(x) for random x (recurrence)', () => {
    fc.assert(fc.property(pos, (x) => {
      expect(Math.abs(lnGamma(x + 1) - lnGamma(x) - Math.log(x))).toBeLessThan(1e-12 * Math.max(1, Math.abs(lnGamma(x + 1))));
    }));
  });
  test('digamma is the derivative of lnGamma (central differences) and satisfies psi(x+1) = psi(x) + 1/x', () => {
    fc.assert(fc.property(fc.double({ min: 0.05, max: 100, noNaN: true }), (x) => {
      const h = 1e-5 * Math.max(1, x);
      const fd = (lnGamma(x + h) - lnGamma(x - h)) / (2 * h);
      expect(Math.abs(digamma(x) - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThan(1e-12 * Math.max(1, 1 / x));
    }));
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 13);
  });
});

describe('hyp2f1', () => {
  test('matches closed forms: -log(1-z)/z, (1-z)^-a, atanh(s)/s', () => {
    fc.assert(fc.property(fc.double({ min: 0.001, max: 0.95, noNaN: true }), fc.double({ min: -3, max: 5, noNaN: true }), (z, a) => {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 11);
      const want = Math.pow(1 - z, -a);
      expect(Math.abs(hyp2f1(a, 2.5, 2.5, z) - want)).toBeLessThan(1e-11 * Math.max(1, want));
      const s = Math.sqrt(z);
      expect(hyp2f1(0.5, 1, 1.5, z)).toBeCloseTo(Math.atanh(s) / s, 11);
    }));
  });
  test('terminates exactly for a negative integer parameter (a polynomial)', () => {
    // 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1))
    const b = 1.7, c = 2.3, z = 0.6;
    expect(hyp2f1(-2, b, c, z)).toBeCloseTo(1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 14);
  });
  test('returns NaN instead of a wrong sum when the series is cut', () => {
    expect(hyp2f1(1, 1, 2, 0.9999, 50)).toBeNaN();
  });
});

describe('minimizeBfgs', () => {
  const rosenbrock = (x: Float64Array, g: Float64Array) => {
    const a = x[0]!, b = x[1]!;
    g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    g[1] = 200 * (b - a * a);
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
  };
  test('finds the Rosenbrock minimum (1, 1) from (-1.2, 1)', () => {
    const res = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 500, gradientTolerance: 1e-10, maxStep: 10 });
    expect(res.converged).toBe(true);
    expect(res.reason).toBe('gradient');
    expect(res.x[0]).toBeCloseTo(1, 8);
    expect(res.x[1]).toBeCloseTo(1, 8);
  });
  test('minimises random convex quadratics exactly (argmin = A^-1 b)', () => {
    fc.assert(fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }),
      fc.double({ min: -0.9, max: 0.9, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }),
      (d1, d2, rho, b1, b2) => {
        const off = rho * Math.sqrt(d1 * d2);
        const f = (x: Float64Array, g: Float64Array) => {
          g[0] = d1 * x[0]! + off * x[1]! - b1;
          g[1] = off * x[0]! + d2 * x[1]! - b2;
          return 0.5 * (d1 * x[0]! ** 2 + 2 * off * x[0]! * x[1]! + d2 * x[1]! ** 2) - b1 * x[0]! - b2 * x[1]!;
        };
        const det = d1 * d2 - off * off;
        const res = minimizeBfgs(f, [0, 0], { maxIterations: 200, gradientTolerance: 1e-10, maxStep: 100 });
        expect(res.converged).toBe(true);
        // Relative: ill-conditioned cases put the minimum far out (|x*| ~ 100), where 1e-6 absolute is too tight.
        const x0 = (d2 * b1 - off * b2) / det;
        const x1 = (d1 * b2 - off * b1) / det;
        expect(Math.abs(res.x[0]! - x0)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(x0)));
        expect(Math.abs(res.x[1]! - x1)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(x1)));
      }), { numRuns: 50 });
  });
  test('reports max-iterations instead of throwing, and a non-finite start', () => {
    const res = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3, gradientTolerance: 1e-10, maxStep: 10 });
    expect(res.converged).toBe(false);
    expect(res.reason).toBe('max-iterations');
    const bad = minimizeBfgs(() => Number.NaN, [0], { maxIterations: 3, gradientTolerance: 1e-10, maxStep: 10 });
    expect(bad.reason).toBe('non-finite-start');
  });
});
