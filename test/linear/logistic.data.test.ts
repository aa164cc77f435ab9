// T-LOGIT (../shared/anchors/TASKS.md): coefficients against the exact L2 optimum (optimum_check,
// Newton to a gradient of 1e-13) and, unpenalised, against statsmodels Logit with its standard
// errors, z values, p-values and 95% intervals; all to 1e-6 relative.
import { describe, expect, test } from 'vitest';
import { fitLogistic, predictLogisticProba, type LogisticModel } from '../../src/linear/index.js';
import { rocAuc } from '../../src/metrics/index.js';
import { isCrmError } from '../../src/core/errors.js';
import { readResult } from '../helpers/shared.js';
import { loadDesign, type TabularDesign } from './tabular.js';

interface Run {
  part: string;
  result: {
    dropped_for_rank: string[];
    coef: Record<string, number>;
    intercept: number;
    se?: Record<string, number>;
    pvalue?: Record<string, number>;
    test_auc: number;
    optimum_check: { coef_newton?: Record<string, number>; intercept_newton?: number };
  };
}
const runs = readResult<{ runs: Run[] }>('logit.py.json').runs;
const run = (part: string) => runs.find((r) => r.part === part)!.result;

function relClose(actual: number, expected: number, what: string, tol = 1e-6): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.abs(expected) + 1e-12);
}

function coefByName(m: LogisticModel, names: string[]): Record<string, number> {
  return Object.fromEntries(names.map((n, j) => [n, m.coefficients[j]!]));
}

const designs = new Map<string, TabularDesign>();
function design(name: 'telco' | 'bank', which: 'full' | 'reduced'): TabularDesign {
  const key = `${name}:${which}`;
  if (!designs.has(key)) designs.set(key, loadDesign(name, which === 'reduced' ? run(`${name}:sm:reduced`).dropped_for_rank : []));
  return designs.get(key)!;
}

describe.each([
  ['telco', 'full'],
  ['telco', 'reduced'],
  ['bank', 'full'],
] as const)('T-LOGIT %s (%s design)', (name, which) => {
  test('L2 at lambda 1 (C = 1) equals the exact optimum (optimum_check) to 1e-6 relative', () => {
    const d = design(name, which);
    const ref = run(`${name}:sk_l2:${which}`);
    expect([...d.names].sort()).toEqual(Object.keys(ref.coef).sort());
    const data = design(name, which);
    const m = fitLogistic(data.xTrain, data.yTrain, { penalty: 'l2', lambda: 1, featureNames: data.names });
    expect(m.diagnostics.converged).toBe(true);
    const coef = coefByName(m, data.names);
    for (const [k, v] of Object.entries(ref.optimum_check.coef_newton!)) relClose(coef[k]!, v, k);
    relClose(m.intercept, ref.optimum_check.intercept_newton!, 'intercept');
    if (name === 'bank') {
      // The L-BFGS path (chosen automatically for many columns) reaches the same optimum.
      const b = fitLogistic(data.xTrain, data.yTrain, { penalty: 'l2', lambda: 1, solver: 'lbfgs', featureNames: data.names });
      expect(b.diagnostics.converged).toBe(true);
      const cb = coefByName(b, data.names);
      for (const [k, v] of Object.entries(ref.optimum_check.coef_newton!)) relClose(cb[k]!, v, `lbfgs ${k}`);
      relClose(b.intercept, ref.optimum_check.intercept_newton!, 'lbfgs intercept');
    }
    // The test AUC of the exact optimum is within 1e-3 of scikit-learn's early-stopped fit.
    expect(Math.abs(rocAuc(data.yTest, predictLogisticProba(m, data.xTest)) - ref.test_auc)).toBeLessThan(1e-3);
  });
});

describe.each([
  ['telco', 'reduced'],
  ['bank', 'full'],
] as const)('T-LOGIT %s (%s design), unpenalised', (name, which) => {
  test('coefficients, standard errors, z, p-values and 95% intervals equal statsmodels Logit to 1e-6 relative', () => {
    const data = design(name, which);
    const sm = run(`${name}:sm:${which}`);
    const m = fitLogistic(data.xTrain, data.yTrain, { penalty: 'none', featureNames: data.names });
    expect(m.diagnostics.converged, JSON.stringify(m.diagnostics)).toBe(true);
    const terms = Object.fromEntries(m.inference!.map((t) => [t.name === '(intercept)' ? 'const' : t.name, t]));
    relClose(m.intercept, sm.intercept, 'intercept');
    for (const [k, v] of Object.entries(sm.coef)) relClose(terms[k]!.estimate, v, k);
    for (const [k, se] of Object.entries(sm.se!)) {
      const est = k === 'const' ? sm.intercept : sm.coef[k]!;
      const t = terms[k]!;
      relClose(t.standardError, se, `se ${k}`);
      relClose(t.z, est / se, `z ${k}`);
      relClose(t.pValue, sm.pvalue![k]!, `p ${k}`);
      relClose(t.lower95, est - 1.959963984540054 * se, `lower ${k}`);
      relClose(t.upper95, est + 1.959963984540054 * se, `upper ${k}`);
      relClose(t.oddsRatio, Math.exp(est), `odds ratio ${k}`);
    }
    relClose(rocAuc(data.yTest, predictLogisticProba(m, data.xTest)), sm.test_auc, 'test AUC', 1e-9);
  });
});

test('T-LOGIT telco full design, unpenalised: RANK_DEFICIENT names the 7 columns statsmodels cannot fit', () => {
  const data = design('telco', 'full');
  const dropped = run('telco:sm:reduced').dropped_for_rank;
  try {
    fitLogistic(data.xTrain, data.yTrain, { penalty: 'none', featureNames: data.names });
    throw new Error('expected RANK_DEFICIENT');
  } catch (e) {
    expect(isCrmError(e, 'RANK_DEFICIENT'), String(e)).toBe(true);
    expect([...((e as { details: { columns: string[] } }).details.columns)].sort()).toEqual([...dropped].sort());
  }
});
