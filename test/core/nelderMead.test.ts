import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { nelderMead, startNelderMead } from '../../src/core/nelderMead.js';

// Expected values printed by R 4.2.2 (sprintf("%.17g")): optim(c(-1.2, 1), fr) and the second call below.
describe('nelderMead', () => {
  test('lands where R\'s optim(method = "Nelder-Mead") lands on Rosenbrock, with the same evaluation count', () => {
    const r = nelderMead((x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1]);
    expect(r.x[0]).toBeCloseTo(1.0002601387256695, 14);
    expect(r.x[1]).toBeCloseTo(1.000505999303765, 14);
    expect(r.value).toBeCloseTo(8.8252410967227472e-8, 18);
    expect(r.evaluations).toBe(195);
    expect(r.fail).toBe(0);
  });
  test('matches R on a non-smooth 3-d function with maxit 2000 and reltol 1e-12', () => {
    const r = nelderMead((p) => (p[0]! - 0.5) ** 2 + (p[1]! + 1) ** 2 + (p[2]! - 2) ** 2 + Math.abs(p[0]! * p[1]!), [1, 2, 3], { maxIterations: 2000, reltol: 1e-12 });
    expect(Math.abs(r.x[0]! - 7.6209817991261038e-7)).toBeLessThan(1e-18);
    expect(Math.abs(r.x[1]! + 0.99999938055916893)).toBeLessThan(1e-15);
    expect(Math.abs(r.value - 0.25000000000061551)).toBeLessThan(1e-15);
    expect(r.evaluations).toBe(288);
  });
  test('reports fail = 1 at the evaluation limit and never returns a worse point than the start', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 4 }), (start) => {
      const f = (x: Float64Array) => x.reduce((s, v, i) => s + (i + 1) * (v - 1) ** 2, 0);
      const r = nelderMead(f, start, { maxIterations: 30 });
      expect(r.value).toBeLessThanOrEqual(f(Float64Array.from(start)));
      expect(r.value).toBe(f(r.x));
      if (r.fail === 1) expect(r.evaluations).toBeGreaterThan(30);
    }));
  });
  test('treats non-finite values as very large and leaves the start array alone', () => {
    const start = [2, 2];
    const r = nelderMead((x) => (x[0]! < 0 ? NaN : (x[0]! - 1) ** 2 + x[1]! ** 2), start, { maxIterations: 500 });
    expect(start).toEqual([2, 2]);
    expect(r.x[0]).toBeGreaterThanOrEqual(0);
    expect(r.value).toBeLessThan(1e-6);
  });
  test('startNelderMead advanced in any steps visits the same points and ends on the same vertex as one nelderMead call', () => {
    const f = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2 + Math.abs(x[2]! - 0.3);
    const whole = nelderMead(f, [-1.2, 1, 2], { maxIterations: 600 });
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 20 }), (steps) => {
      const run = startNelderMead(f, [-1.2, 1, 2], { maxIterations: 600 });
      let last = run.best;
      for (const s of steps) {
        run.advance(run.evaluations + s);
        expect(run.best).toBeLessThanOrEqual(last);
        last = run.best;
      }
      run.advance(Infinity);
      expect(run.done).toBe(true);
      expect(run.result()).toEqual(whole);
    }));
  });
});
