// Issue 13 glue for trees: the positive class's probability, the leaf of each row (scikit-learn's
// apply / decision_path, fixtures/sklearn_apply.py writes fixtures/sklearn-apply.json) and the
// rule of each row, consistent with treeRules.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyDecisionTree,
  explainDecisionTree,
  fitDecisionTree,
  fitRegressionTree,
  predictDecisionTreeProba,
  predictDecisionTreeRisk,
  treeRules,
} from '../../src/tree/index.js';
import { isCrmError } from '../../src/core/errors.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8'));
const base = read('./sklearn-fixture.json') as { X: number[][]; y: number[]; yRegression: number[] };
interface Applied { applyX: number[]; applyQ: number[]; pathQ: number[][]; probaQ?: number[] }
const fx = read('./fixtures/sklearn-apply.json') as { Q: number[][]; classifier: Record<string, Applied>; regressor: Record<string, Applied> };
const depthOf = (k: string) => (k === 'None' ? null : Number(k));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isCrmError(e) ? e.code : `raw:${(e as Error).name}`;
  }
  return undefined;
}

describe("applyDecisionTree and explainDecisionTree(...).path equal scikit-learn's apply and decision_path", () => {
  test.each(Object.keys(fx.classifier))('DecisionTreeClassifier(max_depth = %s)', (k) => {
    const model = fitDecisionTree(base.X, base.y, { maxDepth: depthOf(k), featureOrder: 'sklearn' });
    expect(applyDecisionTree(model, base.X)).toEqual(fx.classifier[k]!.applyX);
    expect(applyDecisionTree(model, fx.Q)).toEqual(fx.classifier[k]!.applyQ);
    expect(explainDecisionTree(model, fx.Q).map((e) => e.path)).toEqual(fx.classifier[k]!.pathQ);
    predictDecisionTreeRisk(model, fx.Q).forEach((p, i) => expect(p).toBeCloseTo(fx.classifier[k]!.probaQ![i]!, 12));
  });
  test.each(Object.keys(fx.regressor))('DecisionTreeRegressor(max_depth = %s)', (k) => {
    const model = fitRegressionTree(base.X, base.yRegression, { maxDepth: depthOf(k), featureOrder: 'sklearn' });
    expect(applyDecisionTree(model, fx.Q)).toEqual(fx.regressor[k]!.applyQ);
    expect(explainDecisionTree(model, fx.Q).map((e) => e.path)).toEqual(fx.regressor[k]!.pathQ);
  });
});

const churnRows = [
  { tenure: 1, plan: 'basic', spend: 20 }, { tenure: null, plan: 'gold', spend: null }, { tenure: 5, plan: 'basic', spend: 35 },
  { tenure: 8, plan: 'gold', spend: 80 }, { tenure: 12, plan: 'basic', spend: null }, { tenure: 20, plan: 'gold', spend: 60 },
  { tenure: 30, plan: 'basic', spend: 15 }, { tenure: 40, plan: 'gold', spend: 90 }, { tenure: 2, plan: 'silver', spend: 25 },
  { tenure: null, plan: 'silver', spend: 70 },
];
const churnY = ['Yes', 'Yes', 'Yes', 'No', 'Yes', 'No', 'No', 'No', 'Yes', 'No'];
const churnColumns = [{ name: 'tenure', type: 'numeric' }, { name: 'plan', type: 'categorical' }, { name: 'spend', type: 'numeric' }] as const;
const churnModel = () => fitDecisionTree(churnRows, churnY, { columns: churnColumns, missing: 'learn' });

describe('explainDecisionTree', () => {
  test("explainDecisionTree(model, rows) gives each row its leaf's treeRules entry (same text, conditions, 'or missing'), and the leaf of applyDecisionTree", () => {
    const model = churnModel();
    expect(explainDecisionTree(model, churnRows).some((w) => w.text.includes('or missing'))).toBe(true);
    for (const options of [undefined, { positiveClass: 'Yes', target: 'churn' }, { positiveClass: 'No', digits: 2 }]) {
      const rules = new Map(treeRules(model, options).map((r) => [r.leaf, r]));
      const why = explainDecisionTree(model, churnRows, options);
      const leaves = applyDecisionTree(model, churnRows);
      why.forEach((w, i) => {
        expect(w.leaf).toBe(leaves[i]);
        const { path, ...rule } = w;
        expect(rule).toEqual(rules.get(leaves[i]!));
        expect(path[0]).toBe(0);
        expect(path[path.length - 1]).toBe(w.leaf);
      });
    }
  });

  test('explainDecisionTree on random trees: the leaf value is the row of predictDecisionTreeProba, the path follows parent links, and the row satisfies its conditions', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.boolean()), { minLength: 4, maxLength: 40 });
    fc.assert(
      fc.property(rows, (data) => {
        const labels = data.map((r) => r[2]);
        fc.pre(new Set(labels).size === 2);
        const features = data.map((r) => ({ a: r[0], b: ['p', 'q', 'r', 's'][r[1]]! }));
        const model = fitDecisionTree(features, labels, { columns: [{ name: 'a', type: 'numeric' }, { name: 'b', type: 'categorical' }], maxDepth: 4 });
        const proba = predictDecisionTreeProba(model, features);
        const risk = predictDecisionTreeRisk(model, features);
        const why = explainDecisionTree(model, features);
        why.forEach((w, i) => {
          expect(model.nodes[w.leaf]!.value).toEqual(proba[i]);
          expect(risk[i]).toBe(proba[i]![model.classes.indexOf(true)]);
          for (let s = 1; s < w.path.length; s++) expect(model.nodes[w.path[s]!]!.parent).toBe(w.path[s - 1]);
          for (const c of w.conditions) {
            const v = (features[i] as Record<string, unknown>)[c.column];
            if (c.categories !== null) expect(c.categories).toContain(v);
            if (c.lower !== null) expect(v as number).toBeGreaterThan(c.lower);
            if (c.upper !== null) expect(v as number).toBeLessThanOrEqual(c.upper);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  test('explainDecisionTree survives a JSON round trip of the model and leaves its inputs as they were', () => {
    const model = churnModel();
    const copy = JSON.parse(JSON.stringify(model));
    const rows = structuredClone(churnRows);
    expect(explainDecisionTree(copy, rows)).toEqual(explainDecisionTree(model, churnRows));
    expect(rows).toEqual(churnRows);
  });

  test("explainDecisionTree refuses bad options under its own name and a wrong model with INVALID_MODEL", () => {
    const model = churnModel();
    try {
      explainDecisionTree(model, churnRows, { positiveClass: 'Maybe' });
      expect.unreachable();
    } catch (e) {
      expect(isCrmError(e, 'INVALID_OPTION')).toBe(true);
      expect((e as Error).message).toMatch(/^explainDecisionTree: positiveClass/);
    }
    expect(codeOf(() => explainDecisionTree(model, churnRows, { digits: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => explainDecisionTree(model, churnRows, { bogus: 1 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => explainDecisionTree({ kind: 'kmeans' } as never, churnRows))).toBe('INVALID_MODEL');
    expect(codeOf(() => applyDecisionTree(null as never, churnRows))).toBe('INVALID_MODEL');
    expect(codeOf(() => applyDecisionTree(model, [[1, 2, 3]] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => applyDecisionTree(model, 'rows' as never))).toBe('INVALID_INPUT');
    expect(applyDecisionTree(model, [])).toEqual([]);
  });
});

describe('predictDecisionTreeRisk', () => {
  test('predictDecisionTreeRisk picks the obvious positive of a binary pair: true, 1, yes / y / true / 1 in any case', () => {
    const x = [[1], [2], [3], [4], [5], [6]];
    const pairs: [unknown, unknown][] = [[false, true], [0, 1], ['No', 'Yes'], ['n', 'Y'], ['FALSE', 'true'], ['0', '1']];
    for (const [neg, pos] of pairs) {
      const y = [pos, pos, neg, neg, neg, pos];
      const model = fitDecisionTree(x, y as never, { maxDepth: 2 });
      const k = model.classes.indexOf(pos as never);
      expect(predictDecisionTreeRisk(model, x), String(pos)).toEqual(predictDecisionTreeProba(model, x).map((r) => r[k]));
      expect(predictDecisionTreeRisk(model, x, { positiveClass: neg as never })).toEqual(predictDecisionTreeProba(model, x).map((r) => r[1 - k]));
    }
  });

  test('predictDecisionTreeRisk needs positiveClass when the classes have no obvious positive, and refuses an unknown class (INVALID_OPTION)', () => {
    const x = [[1], [2], [3], [4], [5], [6]];
    const three = fitDecisionTree(x, ['a', 'b', 'c', 'a', 'b', 'c']);
    expect(codeOf(() => predictDecisionTreeRisk(three, x))).toBe('INVALID_OPTION');
    expect(predictDecisionTreeRisk(three, x, { positiveClass: 'b' })).toEqual(predictDecisionTreeProba(three, x).map((r) => r[1]));
    const stayChurn = fitDecisionTree(x, ['stay', 'churn', 'stay', 'churn', 'stay', 'churn']);
    expect(codeOf(() => predictDecisionTreeRisk(stayChurn, x))).toBe('INVALID_OPTION');
    const numbers = fitDecisionTree(x, [1, 2, 1, 2, 1, 2]);
    expect(codeOf(() => predictDecisionTreeRisk(numbers, x))).toBe('INVALID_OPTION');
    const binary = fitDecisionTree(x, [0, 1, 0, 1, 0, 1]);
    for (const bad of ['1', true, 2, NaN, {}, [1]]) {
      expect(codeOf(() => predictDecisionTreeRisk(binary, x, { positiveClass: bad as never })), String(bad)).toBe('INVALID_OPTION');
    }
    try {
      predictDecisionTreeRisk(binary, x, { positiveClass: '1' });
    } catch (e) {
      expect((e as Error).message).toMatch(/compared with ===/);
    }
    expect(codeOf(() => predictDecisionTreeRisk(binary, x, { positive: 1 } as never))).toBe('INVALID_OPTION');
  });

  test('predictDecisionTreeRisk refuses a regression tree or a damaged model (INVALID_MODEL) and bad rows', () => {
    const x = [[1], [2], [3], [4]];
    const reg = fitRegressionTree(x, [1, 2, 3, 4]);
    expect(codeOf(() => predictDecisionTreeRisk(reg as never, x))).toBe('INVALID_MODEL');
    const model = fitDecisionTree(x, [0, 0, 1, 1]);
    const broken = JSON.parse(JSON.stringify(model));
    broken.nodes[0].left = 99;
    expect(codeOf(() => predictDecisionTreeRisk(broken, x))).toBe('INVALID_MODEL');
    expect(codeOf(() => predictDecisionTreeRisk(model, [[NaN]]))).toMatch(/MISSING_VALUE|NON_FINITE/);
  });
});
