// The bad-input list of issue #15 on the entry points Box-Cox touches (fitEts, forecastEts,
// forecastSeries, boxCoxLambda, salesSeries, forecastAccuracy): a series too short for its season,
// negative values with multiplicative forms, an all-zero series, NaN, irregular timestamps. Each is
// a CrmError or a documented fallback, never a NaN forecast.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { boxCoxLambda } from '../../src/forecast/boxCox.js';
import { fitEts, forecastEts } from '../../src/forecast/ets.js';
import { forecastSeries } from '../../src/forecast/forecastSeries.js';
import { forecastAccuracy } from '../../src/forecast/forecastAccuracy.js';
import { salesSeries } from '../../src/forecast/salesSeries.js';
import { CrmError, isCrmError } from '../../src/core/errors.js';
import type { Forecast } from '../../src/forecast/series.js';

const codeOf = (run: () => unknown) => {
  try { run(); } catch (e) { return e instanceof CrmError ? e.code : `not a CrmError: ${String(e)}`; }
  return 'no error';
};
const finite = (f: Pick<Forecast, 'mean' | 'lower' | 'upper'>) => [...f.mean, ...Object.values(f.lower).flat(), ...Object.values(f.upper).flat()].every(Number.isFinite);

describe('too short for the season', () => {
  test('fitEts with a lambda drops the season of a series not longer than one season (warning); Guerrero gives 1 below three seasons', () => {
    const y = [5, 6, 7, 6, 5, 6, 7, 8, 7, 6];
    const fit = fitEts({ values: y, period: 12 }, { model: 'AAA', lambda: 0.5 });
    expect(fit.spec.season).toBe('N');
    expect(fit.diagnostics.warnings.join(' ')).toMatch(/season/);
    expect(finite(forecastEts(fit, 6))).toBe(true);
    expect(fitEts({ values: y, period: 5 }, { lambda: 'auto' }).options.lambda).toBe(1);
    expect(codeOf(() => forecastSeries(y.slice(0, 5), { horizon: 2, method: 'seasonalNaive', period: 12, lambda: 0.5 }))).toBe('TOO_SHORT');
    expect(codeOf(() => fitEts([1, 2, 3], { lambda: 0 }))).toBe('INVALID_INPUT');
  });
});

describe('negative values with multiplicative forms', () => {
  test('NEGATIVE_VALUE, also when it is the transformed series that goes below zero', () => {
    const y = [3, -1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
    expect(codeOf(() => fitEts(y, { model: 'MNN' }))).toBe('NEGATIVE_VALUE');
    // Box-Cox with lambda 0.5 maps values below 1 below 0: a multiplicative error cannot fit them.
    const small = [0.5, 2, 3, 2.5, 4, 3.5, 5, 4.5, 6, 5.5];
    expect(() => fitEts(small, { model: 'MNN', lambda: 0.5, restrict: false })).toThrow(/the series transformed with lambda 0.5 has values <= 0/);
    // 'ZZZ' selects among the additive forms, with finite forecasts.
    expect(finite(forecastEts(fitEts(y, { lambda: 0.5 }), 6))).toBe(true);
  });
});

describe('an all-zero series', () => {
  test("fitEts and forecastSeries 'ets'/'auto' with a lambda: the constant model, untransformed as R's ets, with a warning", () => {
    const zeros = new Array<number>(24).fill(0);
    const fit = fitEts({ values: zeros, period: 12 }, { lambda: 0 });
    expect([fit.method, fit.options.lambda]).toEqual(['ETS(A,N,N)', null]);
    expect(fit.diagnostics.warnings.join(' ')).toMatch(/lambda was not applied/);
    expect(forecastEts(fit, 3).mean).toEqual([0, 0, 0]);
    for (const method of ['ets', 'auto'] as const) expect(forecastSeries(zeros, { horizon: 3, method, period: 12, lambda: 'auto' }).mean).toEqual([0, 0, 0]);
    // A baseline has no such rule: the log of 0 is refused, naming the value.
    expect(() => forecastSeries(zeros, { horizon: 3, method: 'naive', lambda: 0 })).toThrow(/^forecastSeries: series\[0\] is 0/);
    // Guerrero on zeros: the search starts at 0 and stays in [0, 2], a number, not NaN.
    const l = boxCoxLambda(zeros, { period: 4 });
    expect(l >= 0 && l <= 2).toBe(true);
  });
});

describe('NaN', () => {
  test('every entry point refuses NaN with NON_FINITE (before any Box-Cox step)', () => {
    const y = [1, 2, NaN, 4, 5, 6, 7, 8];
    expect(codeOf(() => fitEts(y, { lambda: 0.5 }))).toBe('NON_FINITE');
    expect(codeOf(() => forecastSeries(y, { horizon: 2, lambda: 'auto' }))).toBe('NON_FINITE');
    expect(codeOf(() => boxCoxLambda(y))).toBe('NON_FINITE');
    expect(codeOf(() => forecastAccuracy([1, NaN], [1, 2]))).toBe('NON_FINITE');
    expect(codeOf(() => forecastAccuracy([1, 2], [1, 2], { insample: [1, NaN, 3] }))).toBe('NON_FINITE');
    expect(codeOf(() => salesSeries([{ date: '2024-01-01', amount: NaN }]))).toBe('NON_FINITE');
    expect(codeOf(() => fitEts(y, { lambda: NaN }))).toBe('INVALID_OPTION');
  });
});

describe('irregular timestamps', () => {
  test('salesSeries turns unsorted, irregular lines into a regular series (empty months 0) that forecasts with a lambda; lambda 0 names the empty month', () => {
    const lines = [
      { date: '2024-05-20', amount: 90 }, { date: '2024-01-03', amount: 100 }, { date: '2024-01-03T18:00:00Z', amount: 20 },
      { date: '2024-02-28', amount: 70 }, { date: '2024-07-01', amount: 110 }, { date: '2024-03-15', amount: 120 },
      { date: '2024-06-02', amount: 95 }, { date: '2024-08-31', amount: 130 },
    ];
    const s = salesSeries(lines, { partialPeriods: 'keep' });
    expect(s.labels).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08']);
    expect(s.values).toEqual([120, 70, 120, 0, 90, 95, 110, 130]);
    const f = forecastSeries(s, { horizon: 3, lambda: 0.5, period: 1 });
    expect(f.labels).toEqual(['2024-09', '2024-10', '2024-11']);
    expect(finite(f)).toBe(true);
    expect(() => forecastSeries(s, { horizon: 3, method: 'ets', lambda: 0, period: 1 })).toThrow(/^forecastSeries: series\[3\] \(2024-04\) is 0/);
  });
});

test('never a NaN forecast with a lambda: random short, zero-laden, negative series either forecast finitely or throw a CrmError', () => {
  const series = fc.oneof(
    fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 24 }),
    fc.array(fc.constantFrom(0, 0, 1, 2, 1000), { minLength: 3, maxLength: 24 }),
    fc.array(fc.double({ min: 1e-3, max: 1e5, noNaN: true }), { minLength: 3, maxLength: 30 }),
  );
  const lambda = fc.constantFrom(0, 0.5, 1.5, -0.5, 'auto' as const);
  const method = fc.constantFrom('ets', 'auto', 'naive', 'seasonalNaive', 'drift') as fc.Arbitrary<'ets'>;
  fc.assert(fc.property(series, lambda, method, fc.constantFrom(1, 4), fc.boolean(), (y, l, m, period, biasAdjust) => {
    let f: Forecast;
    try {
      f = forecastSeries(y, { horizon: 6, method: m, period, lambda: l, biasAdjust });
    } catch (e) {
      expect(isCrmError(e), String(e)).toBe(true);
      return;
    }
    expect(finite(f), JSON.stringify({ y, l, m, period })).toBe(true);
  }), { numRuns: Number(process.env.ETS_RUNS ?? 60) });
}, 600_000);
