import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyOneHot,
  applyStandardizer,
  fitLogistic,
  fitOneHot,
  fitStandardizer,
  predictLogistic,
  predictLogisticProba,
  type LogisticModel,
  type LogisticOptions,
} from '../../src/linear/index.js';
import { twoSidedNormalPValue } from '../../src/linear/normal.js';
import { erfcCody as erfc } from '../../src/core/distributions.js';
import { createRandom } from '../../src/core/random.js';
import { isCrmError, type ErrorCode } from '../../src/core/errors.js';
import { REPO_ROOT } from '../helpers/shared.js';

function expectCode(fn: () => unknown, code: ErrorCode, mentions?: string): void {
  try {
    fn();
  } catch (e) {
    expect(isCrmError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    if (mentions) expect((e as Error).message).toContain(mentions);
    return;
  }
  throw new Error(`expected CrmError ${code}, got no error`);
}

/** Seeded logistic data: n rows, p standard-normal-ish columns, labels drawn from the model. */
function simulate(seed: number, n: number, p: number, scale = 1): { x: number[][]; y: number[]; w: number[] } {
  const r = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const truth = Array.from({ length: p }, () => normal() * scale);
  const x = Array.from({ length: n }, () => Array.from({ length: p }, normal));
  const y = x.map((row) => (r() < 1 / (1 + Math.exp(-(0.3 + row.reduce((a, v, j) => a + v * truth[j]!, 0)))) ? 1 : 0));
  const w = x.map(() => 0.5 + r());
  return { x, y, w };
}

/** Gradient of the objective as documented in fitLogistic, computed directly from the rows. */
function gradient(m: LogisticModel, x: number[][], y: number[], w: number[], opts: { l2: number }): number[] {
  const g = new Array(x[0]!.length + 1).fill(0);
  x.forEach((row, i) => {
    const z = m.intercept + row.reduce((a, v, j) => a + v * m.coefficients[j]!, 0);
    const r = w[i]! * (1 / (1 + Math.exp(-z)) - y[i]!);
    g[0] += r;
    row.forEach((v, j) => (g[j + 1] += r * v));
  });
  m.coefficients.forEach((b, j) => (g[j + 1] += opts.l2 * b));
  return g;
}

const seeds = fc.integer({ min: 0, max: 1e6 });

describe('normal tail (erfc) against scipy', () => {
  const fx = JSON.parse(readFileSync(join(REPO_ROOT, 'test/linear/fixtures/normal.json'), 'utf8')) as { erfc: [number, number][]; two_sided_p: [number, number][] };
  test('erfc(x) equals scipy.special.erfc to 1e-13 relative for x <= 10 (1e-12 beyond)', () => {
    for (const [x, e] of fx.erfc) {
      if (e === 0) expect(erfc(x)).toBeLessThan(1e-300);
      else expect(Math.abs(erfc(x) - e) / e, `erfc(${x})`).toBeLessThan(x <= 10 ? 1e-13 : 1e-12);
    }
  });
  test('two-sided p-values equal 2 * scipy.stats.norm.sf(|z|) to 1e-13 relative for |z| <= 10', () => {
    for (const [z, e] of fx.two_sided_p) {
      if (Math.abs(z) <= 10) expect(Math.abs(twoSidedNormalPValue(z) - e) / e, `p(${z})`).toBeLessThan(1e-13);
    }
  });
});

describe('fitLogistic properties', () => {
  test('the gradient of the documented objective is zero at the returned optimum (L2 and none, weighted)', () => {
    fc.assert(fc.property(seeds, fc.constantFrom<LogisticOptions['penalty']>('l2', 'none'), fc.constantFrom(0.1, 1, 10), (seed, penalty, lambda) => {
      const { x, y, w } = simulate(seed, 120, 3, 0.7);
      const m = fitLogistic(x, y, { penalty, lambda, weights: w });
      expect(m.diagnostics.converged).toBe(true);
      const total = w.reduce((a, v) => a + v, 0);
      const g = gradient(m, x, y, w, { l2: penalty === 'l2' ? lambda : 0 });
      for (const v of g) expect(Math.abs(v)).toBeLessThanOrEqual(1e-10 * total * 10);
    }), { numRuns: 25 });
  });

  test('L1 and elastic net (OWL-QN) meet the subgradient optimality conditions, with exact zeros', () => {
    fc.assert(fc.property(seeds, fc.constantFrom<LogisticOptions['penalty']>('l1', 'elasticNet'), fc.constantFrom(1, 5, 20), (seed, penalty, lambda) => {
      const { x, y, w } = simulate(seed, 150, 5, 0.5);
      const a = penalty === 'l1' ? 1 : 0.5;
      const m = fitLogistic(x, y, { penalty, lambda, l1Ratio: 0.5, weights: w, tolerance: 1e-9 });
      expect(m.diagnostics.converged).toBe(true);
      const total = w.reduce((s, v) => s + v, 0);
      const g = gradient(m, x, y, w, { l2: lambda * (1 - a) });
      const tol = 1e-9 * total * 10;
      expect(Math.abs(g[0])).toBeLessThanOrEqual(tol);
      m.coefficients.forEach((b, j) => {
        if (b !== 0) expect(Math.abs(g[j + 1] + lambda * a * Math.sign(b))).toBeLessThanOrEqual(tol);
        else expect(Math.abs(g[j + 1])).toBeLessThanOrEqual(lambda * a + tol);
      });
    }), { numRuns: 20 });
    const { x, y } = simulate(3, 100, 5, 0.3);
    expect(fitLogistic(x, y, { penalty: 'l1', lambda: 1000 }).coefficients).toEqual([0, 0, 0, 0, 0]);
  });

  test('unpenalised, rescaling a feature by c rescales its coefficient by 1 / c (and its standard error)', () => {
    fc.assert(fc.property(seeds, fc.constantFrom(0.01, 3, 250), fc.integer({ min: 0, max: 2 }), (seed, c, j) => {
      const { x, y } = simulate(seed, 150, 3, 0.6);
      const a = fitLogistic(x, y, { penalty: 'none' });
      const b = fitLogistic(x.map((row) => row.map((v, k) => (k === j ? v * c : v))), y, { penalty: 'none' });
      expect(b.coefficients[j]! * c).toBeCloseTo(a.coefficients[j]!, 8);
      expect(b.intercept).toBeCloseTo(a.intercept, 8);
      expect(b.inference![j + 1]!.standardError * c).toBeCloseTo(a.inference![j + 1]!.standardError, 7);
      expect(b.inference![j + 1]!.pValue).toBeCloseTo(a.inference![j + 1]!.pValue, 8);
    }), { numRuns: 20 });
  });

  test('a JSON round trip predicts identically', () => {
    fc.assert(fc.property(seeds, (seed) => {
      const { x, y } = simulate(seed, 60, 3);
      const m = fitLogistic(x, y, { lambda: 0.5 });
      const copy = JSON.parse(JSON.stringify(m)) as LogisticModel;
      expect(predictLogisticProba(copy, x)).toEqual(predictLogisticProba(m, x));
      expect(predictLogistic(copy, x, { threshold: 0.3 })).toEqual(predictLogistic(m, x, { threshold: 0.3 }));
    }), { numRuns: 20 });
  });

  test('Newton and L-BFGS reach the same optimum', () => {
    fc.assert(fc.property(seeds, (seed) => {
      const { x, y } = simulate(seed, 200, 6, 0.5);
      const a = fitLogistic(x, y, { solver: 'newton' });
      const b = fitLogistic(x, y, { solver: 'lbfgs' });
      expect(a.diagnostics.solver).toBe('newton');
      expect(b.diagnostics.solver).toBe('lbfgs');
      b.coefficients.forEach((v, j) => expect(v).toBeCloseTo(a.coefficients[j]!, 7));
      expect(b.intercept).toBeCloseTo(a.intercept, 7);
    }), { numRuns: 15 });
  });

  test('integer sample weights equal repeating rows; balanced class weights equal n / (2 n_c)', () => {
    const { x, y } = simulate(11, 50, 2);
    const reps = x.map((_, i) => 1 + (i % 3));
    const a = fitLogistic(x, y, { weights: reps, penalty: 'none' });
    const b = fitLogistic(x.flatMap((r, i) => Array(reps[i]).fill(r)), y.flatMap((v, i) => Array(reps[i]).fill(v)), { penalty: 'none' });
    a.coefficients.forEach((v, j) => expect(v).toBeCloseTo(b.coefficients[j]!, 9));
    a.inference!.forEach((t, k) => expect(t.estimate).toBeCloseTo(b.inference![k]!.estimate, 9));
    const n1 = y.filter((v) => v === 1).length;
    const c = fitLogistic(x, y, { classWeight: 'balanced' });
    const d = fitLogistic(x, y, { weights: y.map((v) => (v === 1 ? 50 / (2 * n1) : 50 / (2 * (50 - n1)))) });
    c.coefficients.forEach((v, j) => expect(v).toBeCloseTo(d.coefficients[j]!, 10));
  });

  test('stopping at maxIterations is reported, not silent', () => {
    const { x, y } = simulate(5, 100, 4);
    const m = fitLogistic(x, y, { solver: 'lbfgs', maxIterations: 2 });
    expect(m.diagnostics.converged).toBe(false);
    expect(m.diagnostics.iterations).toBe(2);
    expect(m.diagnostics.warnings.join(' ')).toContain('maxIterations');
  });

  test('odds ratios are exp(coefficients); the Wald interval is estimate -+ 1.96 se', () => {
    const { x, y } = simulate(8, 200, 2);
    const m = fitLogistic(x, y, { penalty: 'none', featureNames: ['age', 'tenure'] });
    expect(m.oddsRatios).toEqual(m.coefficients.map(Math.exp));
    expect(m.inference!.map((t) => t.name)).toEqual(['(intercept)', 'age', 'tenure']);
    for (const t of m.inference!) {
      expect(t.upper95 - t.estimate).toBeCloseTo(1.959963984540054 * t.standardError, 12);
      expect(t.z).toBe(t.estimate / t.standardError);
      expect(t.oddsRatioLower95).toBeCloseTo(Math.exp(t.lower95), 12);
    }
    expect(fitLogistic(x, y).inference).toBeNull();
  });
});

describe('design helpers', () => {
  const rows = [{ plan: 'gold', region: 'N' }, { plan: 'basic', region: 'S' }, { plan: 'silver', region: 'N' }];
  test('fitOneHot sorts levels, names columns <column>_<level>, drops the first level on request', () => {
    const all = fitOneHot(rows, { columns: ['plan', 'region'] });
    expect(all.names).toEqual(['plan_basic', 'plan_gold', 'plan_silver', 'region_N', 'region_S']);
    expect(applyOneHot(all, rows)).toEqual([[0, 1, 0, 1, 0], [1, 0, 0, 0, 1], [0, 0, 1, 1, 0]]);
    const drop = fitOneHot(rows, { columns: ['plan', 'region'], dropFirst: true });
    expect(drop.names).toEqual(['plan_gold', 'plan_silver', 'region_S']);
    expect(applyOneHot(JSON.parse(JSON.stringify(drop)), [{ plan: 'basic', region: 'S' }])).toEqual([[0, 0, 1]]);
  });
  test('unknown levels: zeros by default, UNKNOWN_CATEGORY with unknown: refuse', () => {
    expect(applyOneHot(fitOneHot(rows, { columns: ['plan'] }), [{ plan: 'platinum' }])).toEqual([[0, 0, 0]]);
    expectCode(() => applyOneHot(fitOneHot(rows, { columns: ['plan'], unknown: 'refuse' }), [{ plan: 'platinum' }]), 'UNKNOWN_CATEGORY', 'platinum');
    expectCode(() => fitOneHot([{ plan: null }], { columns: ['plan'] }), 'MISSING_VALUE');
  });
  test('the standardiser is fitted on training rows and applied unchanged to new rows', () => {
    const s = fitStandardizer([[1, 10], [3, 10], [5, 40]], { columns: [0] });
    expect(s.offset).toEqual([3, 0]);
    const z = applyStandardizer(JSON.parse(JSON.stringify(s)), [[3 + Math.sqrt(8 / 3), 7]]);
    expect(z[0]![0]).toBeCloseTo(1, 14);
    expect(z[0]![1]).toBe(7);
  });
});

describe('bad input gets a clear answer', () => {
  const { x, y } = simulate(1, 40, 2);
  test('a single class -> SINGLE_CLASS', () => expectCode(() => fitLogistic(x, y.map(() => 1)), 'SINGLE_CLASS'));
  test('labels that are not binary -> NOT_BINARY', () => expectCode(() => fitLogistic(x, y.map((v, i) => (i === 3 ? 2 : v))), 'NOT_BINARY', 'labels[3]'));
  test('NaN in features -> NON_FINITE naming row and column (rows and dense-matrix input)', () => {
    expectCode(() => fitLogistic(x.map((r, i) => (i === 5 ? [r[0]!, NaN] : r)), y), 'NON_FINITE', 'features[5][1]');
    const dense = { rows: x.length, cols: 2, data: Float64Array.from(x.flat()) };
    dense.data[2 * 7 + 0] = Infinity;
    expectCode(() => fitLogistic(dense, y), 'NON_FINITE', 'features[7][0]');
  });
  test('more columns than rows without a penalty -> RANK_DEFICIENT', () =>
    expectCode(() => fitLogistic([[1, 2, 3], [2, 1, 0], [0, 1, 1]], [0, 1, 0], { penalty: 'none' }), 'RANK_DEFICIENT', 'rows'));
  test('a constant column -> RANK_DEFICIENT without a penalty (named), a warning with one', () => {
    const xc = x.map((r) => [r[0]!, 7, r[1]!]);
    expectCode(() => fitLogistic(xc, y, { penalty: 'none', featureNames: ['a', 'flat', 'b'] }), 'RANK_DEFICIENT', 'flat');
    const m = fitLogistic(xc, y, { featureNames: ['a', 'flat', 'b'] });
    expect(m.diagnostics.warnings.join(' ')).toContain('flat');
    expect(Math.abs(m.coefficients[1]!)).toBeLessThan(1e-9);
  });
  test('duplicated columns -> RANK_DEFICIENT naming the later one', () =>
    expectCode(() => fitLogistic(x.map((r) => [r[0]!, r[1]!, r[0]! * 2]), y, { penalty: 'none', featureNames: ['a', 'b', 'a2'] }), 'RANK_DEFICIENT', 'a2'));
  test('perfectly separated data -> PERFECT_SEPARATION naming the columns (one column, and a combination)', () => {
    const xs = x.map((r, i) => [r[0]!, y[i]! + 0.1 * r[1]!]);
    const yAlt = xs.map((r) => (r[1]! > 0.5 ? 1 : 0));
    expectCode(() => fitLogistic(xs, yAlt, { penalty: 'none', featureNames: ['a', 'leak'] }), 'PERFECT_SEPARATION', 'leak');
    const xy = x.map((r) => [r[0]!, r[1]!]);
    const ySum = xy.map((r) => (r[0]! + r[1]! > 0 ? 1 : 0));
    expectCode(() => fitLogistic(xy, ySum, { penalty: 'none' }), 'PERFECT_SEPARATION', 'x0, x1');
    expect(fitLogistic(xy, ySum).diagnostics.converged).toBe(true);
  });
  test('negative weights -> NEGATIVE_VALUE; all-zero weights -> INVALID_INPUT', () => {
    expectCode(() => fitLogistic(x, y, { weights: x.map((_, i) => (i === 2 ? -1 : 1)) }), 'NEGATIVE_VALUE');
    expectCode(() => fitLogistic(x, y, { weights: x.map(() => 0) }), 'INVALID_INPUT');
  });
  test('mismatched lengths -> LENGTH_MISMATCH', () => {
    expectCode(() => fitLogistic(x, y.slice(1)), 'LENGTH_MISMATCH');
    expectCode(() => fitLogistic(x, y, { weights: [1, 2] }), 'LENGTH_MISMATCH');
    expectCode(() => predictLogisticProba(fitLogistic(x, y), [[1, 2, 3]]), 'LENGTH_MISMATCH');
  });
  test('bad options and models -> INVALID_OPTION / INVALID_MODEL', () => {
    expectCode(() => fitLogistic(x, y, { maxIter: 5 } as never), 'INVALID_OPTION');
    expectCode(() => fitLogistic(x, y, { lambda: 0 }), 'INVALID_OPTION');
    expectCode(() => fitLogistic(x, y, { penalty: 'l1', solver: 'newton' }), 'INVALID_OPTION');
    expectCode(() => predictLogisticProba({ kind: 'kmeans', version: 1 } as never, x), 'INVALID_MODEL');
  });
  test('inputs are not mutated', () => {
    const xx = x.map((r) => r.slice());
    const w = x.map(() => 2);
    fitLogistic(xx, y, { weights: w, classWeight: 'balanced' });
    expect(xx).toEqual(x);
    expect(w.every((v) => v === 2)).toBe(true);
  });
});
