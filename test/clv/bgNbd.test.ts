import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  bgNbdLogLikelihood, bgNbdObjective, fitBgNbd, predictBgNbdExpectedPurchases, predictBgNbdNewCustomerPurchases,
  predictBgNbdProbabilityAlive, type BgNbdModel, type BgNbdParams,
} from '../../src/clv/bgNbd.js';
import { simulateBgNbd } from '../../src/clv/simulateBgNbd.js';
import { lnGamma } from '../../src/clv/special.js';
import { betaMean, codeOf, gammaMean, messageOf, expectGradientMatches, simpson } from './numeric.js';

const modelOf = (params: BgNbdParams): BgNbdModel => ({ kind: 'bgNbd', version: 1, timeUnit: 'weeks', params } as unknown as BgNbdModel);

/** Likelihood of one customer by numeric integration of the BG/NBD story over λ and p. */
function bruteLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const surviveAll = betaMean((q) => (1 - q) ** x, p.a, p.b) * gammaMean((l) => l ** x * Math.exp(-l * T), p.r, p.alpha);
  if (x === 0) return surviveAll;
  const diedAtLast = betaMean((q) => q * (1 - q) ** (x - 1), p.a, p.b) * gammaMean((l) => l ** x * Math.exp(-l * tx), p.r, p.alpha);
  return surviveAll + diedAtLast;
}

const smoothParams = fc.record({
  r: fc.double({ min: 2, max: 5, noNaN: true }), alpha: fc.double({ min: 0.5, max: 5, noNaN: true }),
  a: fc.double({ min: 2, max: 5, noNaN: true }), b: fc.double({ min: 2, max: 5, noNaN: true }),
});
const anyParams = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }), alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
  a: fc.double({ min: 0.1, max: 5, noNaN: true }), b: fc.double({ min: 0.1, max: 5, noNaN: true }),
});
const customer = fc.record({ x: fc.integer({ min: 0, max: 4 }), T: fc.double({ min: 0.5, max: 6, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));

describe('bgNbdLogLikelihood', () => {
  test('equals the log of the likelihood integrated numerically over λ ~ Gamma and p ~ Beta', () => {
    fc.assert(fc.property(smoothParams, fc.array(customer, { minLength: 1, maxLength: 4 }), (p, cs) => {
      const ll = bgNbdLogLikelihood(p, { frequency: cs.map((c) => c.x), recency: cs.map((c) => c.tx), T: cs.map((c) => c.T) });
      const brute = cs.reduce((s, c) => s + Math.log(bruteLikelihood(p, c.x, c.tx, c.T)), 0);
      expect(Math.abs(ll - brute)).toBeLessThan(2e-5 * Math.max(1, Math.abs(brute)));
    }), { numRuns: 25 });
  });
  test('large frequencies (log-gamma path) agree with the closed form of eq. 6', () => {
    const p = { r: 0.7, alpha: 3, a: 0.9, b: 2.2 };
    const xs = [0, 1, 3, 70, 200, 1000, 1001], tx = [0, 2, 5, 20, 30, 39, 39], T = [10, 10, 10, 39, 39, 39, 39];
    let want = 0;
    xs.forEach((x, i) => {
      const a1 = lnGamma(p.r + x) - lnGamma(p.r) + p.r * Math.log(p.alpha);
      const a2 = lnGamma(p.a + p.b) + lnGamma(p.b + x) - lnGamma(p.b) - lnGamma(p.a + p.b + x);
      const a3 = -(p.r + x) * Math.log(p.alpha + T[i]!);
      const a4 = x > 0 ? Math.log(p.a) - Math.log(p.b + x - 1) - (p.r + x) * Math.log(p.alpha + tx[i]!) : -Infinity;
      const m = Math.max(a3, a4);
      want += a1 + a2 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
    });
    expect(bgNbdLogLikelihood(p, { frequency: xs, recency: tx, T })).toBeCloseTo(want, 7);
  });
  test('the analytic gradient in log-parameters matches central differences (penalty included)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.array(customer, { minLength: 1, maxLength: 6 }),
      fc.constantFrom(0, 0.01), (theta, cs, l2) => {
        expectGradientMatches(bgNbdObjective(Float64Array.from(cs, (c) => c.x), Float64Array.from(cs, (c) => c.tx), Float64Array.from(cs, (c) => c.T), l2), theta);
      }), { numRuns: 60 });
  });
});

describe('fitBgNbd', () => {
  const truth = { r: 0.6, alpha: 4, a: 0.8, b: 3 };
  const sim = simulateBgNbd(truth, { customers: 4000, T: 52, seed: 11 });
  const model = fitBgNbd({ ...sim, timeUnit: 'weeks' });

  test('recovers the parameters of data simulated from known BG/NBD parameters (seeded)', () => {
    expect(model.diagnostics.converged).toBe(true);
    expect(model.diagnostics.warnings).toEqual([]);
    // Likelihood-ratio check: the truth lies inside the 99.9% confidence region of the fit.
    const llTruth = bgNbdLogLikelihood(truth, sim);
    expect(model.logLikelihood).toBeGreaterThanOrEqual(llTruth);
    expect(2 * (model.logLikelihood - llTruth)).toBeLessThan(18.47);
    expect(model.params.r / truth.r).toBeGreaterThan(0.85); expect(model.params.r / truth.r).toBeLessThan(1.15);
    expect(model.params.alpha / truth.alpha).toBeGreaterThan(0.8); expect(model.params.alpha / truth.alpha).toBeLessThan(1.2);
    expect(model.params.a / truth.a).toBeGreaterThan(0.6); expect(model.params.a / truth.a).toBeLessThan(1.4);
    expect(model.params.b / truth.b).toBeGreaterThan(0.6); expect(model.params.b / truth.b).toBeLessThan(1.4);
  });
  test('is deterministic, reports its unit, every start and a near-zero gradient', () => {
    expect(fitBgNbd({ ...sim, timeUnit: 'weeks' })).toEqual(model);
    expect(model.timeUnit).toBe('weeks');
    expect(model.diagnostics.starts).toHaveLength(3);
    expect(model.diagnostics.gradientNorm).toBeLessThan(1e-7);
    expect(model.options).toEqual({ starts: 3, maxIterations: 200, gradientTolerance: 1e-9, l2: 0, seed: 0, timeUnit: null });
  });
  test('the result does not depend on the time unit: days give alpha * 7 and the same r, a, b', () => {
    const days = fitBgNbd({ frequency: sim.frequency, recency: sim.recency.map((v) => v * 7), T: sim.T.map((v) => v * 7) }, { timeUnit: 'days' });
    expect(days.timeUnit).toBe('days');
    expect(days.params.alpha / 7).toBeCloseTo(model.params.alpha, 4);
    expect(days.params.r).toBeCloseTo(model.params.r, 5);
    expect(days.params.b).toBeCloseTo(model.params.b, 4);
    // log-likelihood of times in days = weeks version - sum(x) log 7 (Jacobian of the time change)
    const sumX = sim.frequency.reduce((s, v) => s + v, 0);
    expect(days.logLikelihood).toBeCloseTo(model.logLikelihood - sumX * Math.log(7), 4);
  });
  test('survives a JSON round trip: predictions from the parsed model are identical', () => {
    const copy = JSON.parse(JSON.stringify(model)) as BgNbdModel;
    expect(copy).toEqual(model);
    expect(predictBgNbdExpectedPurchases(copy, sim, 10)).toEqual(predictBgNbdExpectedPurchases(model, sim, 10));
    expect(predictBgNbdProbabilityAlive(copy, sim)).toEqual(predictBgNbdProbabilityAlive(model, sim));
    expect(codeOf(() => predictBgNbdProbabilityAlive({ ...copy, kind: 'gammaGamma' } as unknown as BgNbdModel, sim))).toBe('INVALID_MODEL');
    expect(codeOf(() => predictBgNbdProbabilityAlive({ ...copy, version: 2 } as unknown as BgNbdModel, sim))).toBe('INVALID_MODEL');
  });
  test('a fit stopped by maxIterations returns with converged false and says what to try', () => {
    const m = fitBgNbd(sim, { maxIterations: 2, starts: 1 });
    expect(m.diagnostics.converged).toBe(false);
    expect(m.diagnostics.warnings.join(' ')).toMatch(/did not converge.*Raise maxIterations \(now 2\)/);
    expect(Number.isFinite(m.logLikelihood)).toBe(true);
  });
  test('customers simulated without dropout: the fit reports the no-dropout limit, and its holdout predictions match the simulation', () => {
    const s = simulateBgNbd({ r: 0.7, alpha: 5, a: 1e-6, b: 1e4 }, { customers: 3000, T: 40, holdout: 13, seed: 5 });
    const m = fitBgNbd(s);
    expect(m.diagnostics.limit).toBe('no-dropout');
    expect(m.diagnostics.converged).toBe(true);
    expect(m.diagnostics.warnings.join(' ')).toMatch(/no-dropout limit.*usable as it is/);
    expect(m.params.r).toBeCloseTo(0.7, 1);
    const predicted = predictBgNbdExpectedPurchases(m, s, 13).reduce((a, b) => a + b, 0);
    const actual = s.holdoutFrequency.reduce((a, b) => a + b, 0);
    expect(Math.abs(predicted - actual)).toBeLessThan(4 * Math.sqrt(actual));
    expect(model.diagnostics.limit).toBeNull();
    // survives JSON, and the copy predicts the same
    const copy = JSON.parse(JSON.stringify(m));
    expect(predictBgNbdExpectedPurchases(copy, s, 13)).toEqual(predictBgNbdExpectedPurchases(m, s, 13));
  });
  test('data with no repeat purchase sends parameters to the boundary: diagnostics say so and suggest l2', () => {
    const flat = { frequency: [0, 0, 0, 0, 0], recency: [0, 0, 0, 0, 0], T: [5, 8, 10, 3, 7] };
    const m = fitBgNbd(flat);
    expect(m.diagnostics.converged).toBe(false);
    expect(m.diagnostics.warnings.join(' ')).toMatch(/edge of the parameter space.*l2: 0\.001/);
    const penalised = fitBgNbd(flat, { l2: 0.001 });
    expect(penalised.diagnostics.warnings.join(' ')).not.toMatch(/edge of the parameter space/);
  });
});

describe('BG/NBD predictions', () => {
  test('expected purchases of a new customer equal E[(1 - exp(-λ p t)) / p] integrated numerically', () => {
    fc.assert(fc.property(smoothParams, fc.double({ min: 0.5, max: 30, noNaN: true }), (p, t) => {
      const brute = betaMean((q) => gammaMean((l) => (q === 0 ? l * t : -Math.expm1(-l * q * t) / q), p.r, p.alpha, 2000), p.a, p.b, 400);
      expect(Math.abs(predictBgNbdNewCustomerPurchases(modelOf(p), t) - brute)).toBeLessThan(2e-5 * Math.max(1, brute));
    }), { numRuns: 8 });
  });
  test('conditional expectations match the purchases of simulated customers in a holdout period', () => {
    const truth = { r: 0.5, alpha: 3, a: 0.7, b: 2.5 };
    const sim = simulateBgNbd(truth, { customers: 20000, T: 30, holdout: 20, seed: 5 });
    const pred = predictBgNbdExpectedPurchases(modelOf(truth), sim, 20);
    for (const group of [(x: number) => x === 0, (x: number) => x > 0 && x < 4, (x: number) => x >= 4]) {
      const idx = sim.frequency.map((x, i) => (group(x) ? i : -1)).filter((i) => i >= 0);
      const actual = idx.map((i) => sim.holdoutFrequency[i]!);
      const mean = actual.reduce((s, v) => s + v, 0) / idx.length;
      const sd = Math.sqrt(actual.reduce((s, v) => s + (v - mean) ** 2, 0) / (idx.length - 1) / idx.length);
      const predicted = idx.reduce((s, i) => s + pred[i]!, 0) / idx.length;
      expect(Math.abs(predicted - mean)).toBeLessThan(4 * sd);
    }
    // Probability alive: the mean over repeat customers matches the share truly alive at T.
    const rep = sim.frequency.map((x, i) => (x > 0 ? i : -1)).filter((i) => i >= 0);
    const alive = predictBgNbdProbabilityAlive(modelOf(truth), sim);
    const share = rep.filter((i) => sim.aliveAtT[i]).length / rep.length;
    const meanP = rep.reduce((s, i) => s + alive[i]!, 0) / rep.length;
    expect(Math.abs(meanP - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / rep.length));
  });
  test('invariants: probability alive in [0, 1], 1 without repeats, non-decreasing in recency; expectations grow with t', () => {
    fc.assert(fc.property(anyParams, fc.integer({ min: 0, max: 30 }), fc.double({ min: 0.1, max: 100, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (p, x, T, u1, u2) => {
        const [lo, hi] = u1 < u2 ? [u1 * T, u2 * T] : [u2 * T, u1 * T];
        const rec = x === 0 ? [0, 0] : [lo, hi];
        const s = { frequency: [x, x], recency: rec, T: [T, T] };
        const pa = predictBgNbdProbabilityAlive(modelOf(p), s);
        for (const v of pa) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1); }
        if (x === 0) expect(pa).toEqual([1, 1]);
        expect(pa[1]!).toBeGreaterThanOrEqual(pa[0]! - 1e-12);
        const e1 = predictBgNbdExpectedPurchases(modelOf(p), s, 5), e2 = predictBgNbdExpectedPurchases(modelOf(p), s, 50);
        for (let i = 0; i < 2; i++) { expect(e1[i]!).toBeGreaterThanOrEqual(0); expect(e2[i]!).toBeGreaterThanOrEqual(e1[i]! - 1e-12); }
        expect(predictBgNbdExpectedPurchases(modelOf(p), s, 0)).toEqual([0, 0]);
      }), { numRuns: 200 });
  });
  test('a = 1 (0/0 in the closed form) gives the limit: continuous between a = 1 - 1e-4 and 1 + 1e-4', () => {
    const base = { r: 0.4, alpha: 5, b: 2 };
    const at = (a: number) => predictBgNbdNewCustomerPurchases(modelOf({ ...base, a }), 20);
    expect(at(1)).toBeGreaterThan(Math.min(at(1 - 1e-4), at(1 + 1e-4)) - 1e-6);
    expect(at(1)).toBeLessThan(Math.max(at(1 - 1e-4), at(1 + 1e-4)) + 1e-6);
  });
  test('a customer with x = 0 and T = 0 is a new customer', () => {
    const p = { r: 0.3, alpha: 6, a: 0.9, b: 2.4 };
    expect(predictBgNbdExpectedPurchases(modelOf(p), { frequency: [0], recency: [0], T: [0] }, 26)[0]).toBeCloseTo(predictBgNbdNewCustomerPurchases(modelOf(p), 26), 12);
  });
});

describe('BG/NBD bad input', () => {
  const ok = { frequency: [1, 0], recency: [2, 0], T: [5, 4] };
  test('recency > T is refused with INVALID_INPUT naming the row', () => {
    const bad = { frequency: [1, 2], recency: [2, 6], T: [5, 5] };
    expect(codeOf(() => fitBgNbd(bad))).toBe('INVALID_INPUT');
    expect(messageOf(() => fitBgNbd(bad))).toMatch(/recency\[1\] is 6 but T is 5/);
    expect(codeOf(() => predictBgNbdProbabilityAlive(modelOf({ r: 1, alpha: 1, a: 1, b: 1 }), bad))).toBe('INVALID_INPUT');
  });
  test('frequency 0 with a non-zero recency, negative or fractional frequency, NaN, and ragged columns are refused', () => {
    expect(messageOf(() => fitBgNbd({ frequency: [0], recency: [1], T: [5] }))).toMatch(/frequency 0 but recency 1/);
    expect(codeOf(() => fitBgNbd({ frequency: [-1], recency: [0], T: [5] }))).toBe('NEGATIVE_VALUE');
    expect(codeOf(() => fitBgNbd({ frequency: [1.5], recency: [1], T: [5] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitBgNbd({ frequency: [1], recency: [Number.NaN], T: [5] }))).toBe('NON_FINITE');
    expect(codeOf(() => fitBgNbd({ frequency: [1, 1], recency: [1], T: [5, 5] }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => fitBgNbd({ frequency: [], recency: [], T: [] }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => fitBgNbd({ frequency: [1] } as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitBgNbd(null as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitBgNbd({ frequency: [0, 0], recency: [0, 0], T: [0, 0] }))).toBe('INVALID_INPUT');
  });
  test('bad options and horizons are refused with INVALID_OPTION', () => {
    expect(codeOf(() => fitBgNbd(ok, { starts: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitBgNbd(ok, { maxIter: 5 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => fitBgNbd(ok, { l2: -1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => predictBgNbdExpectedPurchases(modelOf({ r: 1, alpha: 1, a: 2, b: 1 }), ok, -1))).toBe('INVALID_OPTION');
    expect(codeOf(() => predictBgNbdNewCustomerPurchases(modelOf({ r: 1, alpha: 1, a: 2, b: 1 }), Number.NaN))).toBe('INVALID_OPTION');
  });
  test('the input summary is not mutated', () => {
    const s = { frequency: [1, 0, 3], recency: [2, 0, 4], T: [5, 4, 6] };
    const copy = structuredClone(s);
    fitBgNbd(s);
    predictBgNbdExpectedPurchases(modelOf({ r: 1, alpha: 1, a: 2, b: 1 }), s, 3);
    expect(s).toEqual(copy);
  });
});

test('simpson integrates x^3 exactly (helper sanity)', () => {
  expect(simpson((x) => x ** 3, 0, 2, 10)).toBeCloseTo(4, 12);
});
