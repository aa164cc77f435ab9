import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backtrack, brentMinimize, maxAbs, minimizeBfgs } from '../../src/core/optimize.js';

describe('backtrack', () => {
  test('backtrack returns the first step of t0, t0/2, ... meeting the Armijo bound (brute force on quadratics)', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), (a, x0, t0) => {
      // f(x) = a x^2 along the descent direction -sign(x0).
      const f = (x: number) => a * x * x;
      const dir = x0 > 0 ? -1 : 1;
      const slope = 2 * a * x0 * dir;
      const tried: number[] = [];
      const r = backtrack(f(x0), slope, t0, (t) => { tried.push(t); return { value: f(x0 + t * dir) }; }, { maxTries: 60 });
      let want = -1;
      for (let k = 0, t = t0; k < 60; k++, t *= 0.5) if (f(x0 + t * dir) <= f(x0) + 1e-4 * t * slope) { want = t; break; }
      if (want < 0) expect(r.accepted).toBe(false);
      else expect([r.accepted, r.step, r.value]).toEqual([true, want, f(x0 + want * dir)]);
      expect(tried[tried.length - 1]).toBe(r.step);
    }));
  });

  test('backtrack refuses points marked not ok, shrinks faster after a non-finite value, and stops at maxTries or minMove', () => {
    const tried: number[] = [];
    const r = backtrack(1, -1, 1, (t) => { tried.push(t); return t > 0.05 ? { value: Infinity } : { value: 0, ok: t < 0.005 }; }, { shrinkNonFinite: 0.1 });
    const at = [1, 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.5, 0.1 * 0.1 * 0.25];
    expect(tried).toEqual(at);
    expect(r).toEqual({ step: at[4], value: 0, accepted: true });
    expect(backtrack(0, -1, 1, () => ({ value: 1 }), { maxTries: 3 })).toEqual({ step: 0.25, value: 1, accepted: false });
    let calls = 0;
    expect(backtrack(0, -1, 1, () => { calls++; return { value: 1 }; }, { scale: 1, minMove: 0.2 }).accepted).toBe(false);
    expect(calls).toBe(3); // 1, 0.5, 0.25; 0.125 is below minMove
  });

  test('backtrack accepts within tolerance of f0, and uses the projected decrease when given', () => {
    expect(backtrack(1, -1e-20, 1, () => ({ value: 1 + 1e-14 }), { maxTries: 5, tolerance: 1e-13 }).step).toBe(1);
    // decrease -0.5 gives the bound 1 - 0.5e-4, which 0.99999 does not meet; 0.9999 does.
    const r = backtrack(1, -1, 1, (t) => ({ value: t === 1 ? 0.99999 : 0.9999, decrease: -0.5 }), { maxTries: 5 });
    expect([r.step, r.accepted]).toEqual([0.5, true]);
  });
});

test('maxAbs and minimizeBfgs', () => {
  expect(maxAbs(new Float64Array(0))).toBe(0);
  const r = minimizeBfgs((x, g) => { g[0] = 2 * (x[0]! - 1); g[1] = 20 * (x[1]! + 2); return (x[0]! - 1) ** 2 + 10 * (x[1]! + 2) ** 2; }, [5, 5], { maxIterations: 100, gradientTolerance: 1e-10, maxStep: 10 });
  expect(r.converged).toBe(true);
  expect(r.x[0]).toBeCloseTo(1, 8);
  expect(r.x[1]).toBeCloseTo(-2, 8);
});

describe('brentMinimize', () => {
  test('finds the minimum of smooth functions to its tolerance, and treats non-finite values as the largest double', () => {
    fc.assert(fc.property(fc.double({ min: -3, max: 3, noNaN: true }), (m) => {
      expect(Math.abs(brentMinimize(-5, 5, (x) => (x - m) ** 2 + 1, 1e-9) - m)).toBeLessThan(1e-6);
    }));
    // NaN left of 1 must not attract the search.
    const x = brentMinimize(0, 3, (v) => (v < 1 ? Number.NaN : (v - 2) ** 2), 1e-9);
    expect(Math.abs(x - 2)).toBeLessThan(1e-6);
  });
});
