import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  fitGammaGamma, gammaGammaLogLikelihood, gammaGammaObjective, predictGammaGammaAverageValue, type GammaGammaModel, type GammaGammaParams,
} from '../../src/clv/gammaGamma.js';
import { gammaVariate } from '../../src/clv/simulateBgNbd.js';
import { createRandom } from '../../src/core/random.js';
import { codeOf, gammaMean, messageOf, expectGradientMatches, simpson } from './numeric.js';

const modelOf = (params: GammaGammaParams): GammaGammaModel => ({ kind: 'gammaGamma', version: 1, params } as unknown as GammaGammaModel);

/** Γ(s) by numeric integration (s >= 2 keeps the integrand smooth). */
const gammaFn = (s: number) => simpson((t) => (t === 0 ? 0 : Math.exp((s - 1) * Math.log(t) - t)), 0, s + 40 + 12 * Math.sqrt(s), 20000);

/** Density of the mean m of x Gamma(p, ν) values, integrated over ν ~ Gamma(q, rate v); optionally weighted by h(ν). */
function bruteDensity(pr: GammaGammaParams, x: number, m: number, h: (nu: number) => number = () => 1): number {
  const px = pr.p * x;
  return gammaMean((nu) => h(nu) * Math.exp(px * Math.log(x * nu) + (px - 1) * Math.log(m) - nu * x * m), pr.q, pr.v) / gammaFn(px);
}

function simulateSpend(pr: GammaGammaParams, n: number, seed: number): { frequency: number[]; monetary: number[] } {
  const random = createRandom(seed);
  const frequency: number[] = [], monetary: number[] = [];
  for (let i = 0; i < n; i++) {
    const nu = gammaVariate(pr.q, random) / pr.v;
    const x = 1 + Math.floor(random() * 8);
    let sum = 0;
    for (let k = 0; k < x; k++) sum += gammaVariate(pr.p, random) / nu;
    frequency.push(x); monetary.push(sum / x);
  }
  return { frequency, monetary };
}

const smooth = fc.record({ p: fc.double({ min: 2, max: 5, noNaN: true }), q: fc.double({ min: 2, max: 5, noNaN: true }), v: fc.double({ min: 1, max: 20, noNaN: true }) });

describe('gammaGammaLogLikelihood and predictions', () => {
  test('equals the log density of the mean value integrated numerically over ν', () => {
    fc.assert(fc.property(smooth, fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.5, max: 20, noNaN: true }), (pr, x, m) => {
      const ll = gammaGammaLogLikelihood(pr, { frequency: [x], monetary: [m] });
      expect(Math.abs(ll - Math.log(bruteDensity(pr, x, m)))).toBeLessThan(2e-5 * Math.max(1, Math.abs(ll)));
    }), { numRuns: 20 });
  });
  test('expected average value equals the posterior mean of p / ν, integrated numerically', () => {
    fc.assert(fc.property(smooth, fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.5, max: 20, noNaN: true }), (pr, x, m) => {
      const want = bruteDensity(pr, x, m, (nu) => pr.p / nu) / bruteDensity(pr, x, m);
      expect(Math.abs(predictGammaGammaAverageValue(modelOf(pr), { frequency: [x], monetary: [m] })[0]! - want)).toBeLessThan(2e-5 * want);
    }), { numRuns: 20 });
  });
  test('a customer without repeats gets the population mean p v / (q - 1); more repeats pull towards their own mean', () => {
    const pr = { p: 6, q: 4, v: 15 };
    const [none, one, many] = predictGammaGammaAverageValue(modelOf(pr), { frequency: [0, 1, 50], monetary: [0, 100, 100] });
    expect(none).toBeCloseTo((6 * 15) / 3, 12);
    expect(one!).toBeGreaterThan(none!);
    expect(many!).toBeGreaterThan(one!);
    expect(many!).toBeLessThan(100);
  });
  test('the analytic gradient matches central differences (penalty included)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.double({ min: 0.1, max: 5, noNaN: true })), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(0, 0.01), (theta, rows, l2) => {
        expectGradientMatches(gammaGammaObjective(Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1]), l2), theta);
      }), { numRuns: 60 });
  });
});

describe('fitGammaGamma', () => {
  const truth = { p: 4, q: 3, v: 20 };
  const data = simulateSpend(truth, 3000, 3);
  const model = fitGammaGamma(data);
  test('recovers the parameters of simulated spend (likelihood-ratio region and relative error)', () => {
    expect(model.diagnostics.converged).toBe(true);
    const llTruth = gammaGammaLogLikelihood(truth, data);
    expect(model.logLikelihood).toBeGreaterThanOrEqual(llTruth);
    expect(2 * (model.logLikelihood - llTruth)).toBeLessThan(16.27); // chi-square(3) 99.9%
    // p and v trade off along a ridge (their standard errors are large; on CDNOW se(p) is 19% of p),
    // so the bounds are loose; q and the mean spend p v / (q - 1) are pinned down tighter.
    expect(model.params.p / truth.p).toBeGreaterThan(0.6); expect(model.params.p / truth.p).toBeLessThan(1.5);
    expect(model.params.q / truth.q).toBeGreaterThan(0.85); expect(model.params.q / truth.q).toBeLessThan(1.15);
    expect(model.params.v / truth.v).toBeGreaterThan(0.5); expect(model.params.v / truth.v).toBeLessThan(1.6);
    const mean = (pr: { p: number; q: number; v: number }) => (pr.p * pr.v) / (pr.q - 1);
    expect(mean(model.params) / mean(truth)).toBeGreaterThan(0.95); expect(mean(model.params) / mean(truth)).toBeLessThan(1.05);
  });
  test('scale equivariance: values in cents give v * 100 and the same p, q', () => {
    const cents = fitGammaGamma({ frequency: data.frequency, monetary: data.monetary.map((v) => v * 100) });
    expect(cents.params.p).toBeCloseTo(model.params.p, 5);
    expect(cents.params.q).toBeCloseTo(model.params.q, 5);
    expect(cents.params.v / 100).toBeCloseTo(model.params.v, 3);
  });
  test('survives a JSON round trip', () => {
    const copy = JSON.parse(JSON.stringify(model)) as GammaGammaModel;
    expect(copy).toEqual(model);
    expect(predictGammaGammaAverageValue(copy, data)).toEqual(predictGammaGammaAverageValue(model, data));
  });
  test('warns when frequency and value are correlated (the model assumes independence)', () => {
    const frequency = Array.from({ length: 200 }, (_, i) => 1 + (i % 10));
    const m = fitGammaGamma({ frequency, monetary: frequency.map((x, i) => 5 * x + (i % 7)) });
    expect(m.frequencyMonetaryCorrelation).toBeGreaterThan(0.3);
    expect(m.diagnostics.warnings.join(' ')).toMatch(/correlated/);
  });
});

describe('Gamma-Gamma bad input', () => {
  test('frequency-0 customers are refused with their count and the fix; nonRepeat: drop counts them', () => {
    const s = { frequency: [0, 2, 0, 1, 3], monetary: [0, 10, 0, 12, 9] };
    expect(codeOf(() => fitGammaGamma(s))).toBe('INVALID_INPUT');
    expect(messageOf(() => fitGammaGamma(s))).toMatch(/2 of 5 customers have frequency 0.*nonRepeat: 'drop'/);
    const m = fitGammaGamma(s, { nonRepeat: 'drop' });
    expect(m.droppedNonRepeat).toBe(2);
    expect(m.customers).toBe(3);
    expect(codeOf(() => fitGammaGamma({ frequency: [0, 0], monetary: [0, 0] }, { nonRepeat: 'drop' }))).toBe('EMPTY_INPUT');
  });
  test('negative values are refused with NEGATIVE_VALUE, zero values with INVALID_INPUT, both naming the row', () => {
    expect(codeOf(() => fitGammaGamma({ frequency: [1, 2], monetary: [5, -3] }))).toBe('NEGATIVE_VALUE');
    expect(messageOf(() => fitGammaGamma({ frequency: [1, 2], monetary: [5, -3] }))).toMatch(/monetary\[1\] is -3/);
    expect(codeOf(() => fitGammaGamma({ frequency: [1, 2], monetary: [0, 3] }))).toBe('INVALID_INPUT');
    expect(messageOf(() => fitGammaGamma({ frequency: [1, 2], monetary: [0, 3] }))).toMatch(/monetary\[0\] is 0.*positive spend/);
    expect(codeOf(() => fitGammaGamma({ frequency: [1, 2] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => fitGammaGamma({ frequency: [1, 2], monetary: [1, Number.POSITIVE_INFINITY] }))).toBe('NON_FINITE');
    expect(codeOf(() => fitGammaGamma({ frequency: [1, 2], monetary: [1, 2] }, { nonRepeat: 'keep' as never }))).toBe('INVALID_OPTION');
  });
  test("zeroMonetary: 'drop' leaves repeat customers with a zero mean value out, counts them, and fits what filtering them out fits", () => {
    const s = { frequency: [0, 2, 3, 1, 4, 2, 1], monetary: [0, 10, 0, 12, 9, 14, 7] };
    expect(messageOf(() => fitGammaGamma(s, { nonRepeat: 'drop' }))).toMatch(/monetary\[2\] is 0 .*zeroMonetary: 'drop'/);
    const m = fitGammaGamma(s, { nonRepeat: 'drop', zeroMonetary: 'drop' });
    const byHand = fitGammaGamma({ frequency: [2, 1, 4, 2, 1], monetary: [10, 12, 9, 14, 7] });
    expect([m.droppedNonRepeat, m.droppedZeroMonetary, m.customers]).toEqual([1, 1, 5]);
    expect(m.params).toEqual(byHand.params);
    expect(m.options.zeroMonetary).toBe('drop');
    expect(predictGammaGammaAverageValue(m, s).every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(codeOf(() => fitGammaGamma(s, { zeroMonetary: 'keep' as never }))).toBe('INVALID_OPTION');
    // a negative value is still refused with 'drop'
    expect(codeOf(() => fitGammaGamma({ frequency: [1, 2], monetary: [-1, 3] }, { zeroMonetary: 'drop' }))).toBe('NEGATIVE_VALUE');
  });
  test('predictGammaGammaAverageValue refuses a negative mean value of a repeat customer with NEGATIVE_VALUE, as fitGammaGamma does (D30)', () => {
    const m = modelOf({ p: 6.25, q: 3.74, v: 15.44 });
    expect(codeOf(() => predictGammaGammaAverageValue(m, { frequency: [2], monetary: [-1] }))).toBe('NEGATIVE_VALUE');
    expect(messageOf(() => predictGammaGammaAverageValue(m, { frequency: [2], monetary: [-1] }))).toMatch(/monetary\[0\] is -1/);
    // frequency-0 rows are not read (any value), as documented
    expect(predictGammaGammaAverageValue(m, { frequency: [0], monetary: [-1] })[0]).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
  });
  test('Gamma-Gamma models with missing, NaN, string or non-positive parameters are refused with INVALID_MODEL', () => {
    for (const params of [undefined, { p: 6.25, q: 3.74 }, { p: Number.NaN, q: 3.74, v: 15 }, { p: '6.25', q: 3.74, v: 15 }, { p: -1, q: 3.74, v: 15 }, { p: 6, q: 3.74, v: Infinity }]) {
      expect(codeOf(() => predictGammaGammaAverageValue({ kind: 'gammaGamma', version: 1, params } as never, { frequency: [1], monetary: [4] }))).toBe('INVALID_MODEL');
    }
  });
  test('a model with q <= 1 (unbounded mean spend) is refused for prediction', () => {
    expect(codeOf(() => predictGammaGammaAverageValue(modelOf({ p: 2, q: 0.9, v: 3 }), { frequency: [1], monetary: [4] }))).toBe('INVALID_MODEL');
    expect(codeOf(() => predictGammaGammaAverageValue({ kind: 'bgNbd', version: 1 } as never, { frequency: [1], monetary: [4] }))).toBe('INVALID_MODEL');
  });
});
