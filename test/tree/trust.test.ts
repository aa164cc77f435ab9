// Issue 12, "Trust at the edges": damaged and deep models, predict-input form, "or missing",
// zero weights, progress and abort, option bounds.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decisionTreePruningPath,
  fitDecisionTree,
  fitRegressionTree,
  predictDecisionTree,
  predictDecisionTreeProba,
  predictRegressionTree,
  pruneDecisionTree,
  treePermutationImportance,
  treeRules,
  type DecisionTreeModel,
  type TreeModel,
} from '../../src/tree/index.js';
import type { Progress } from '../../src/core/progress.js';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? `raw ${(e as Error).name}`;
  }
  return undefined;
};
const errorOf = (f: () => unknown): { code: string; message: string; details: Record<string, unknown> } => {
  try {
    f();
  } catch (e) {
    return e as never;
  }
  throw new Error('expected a throw');
};
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const copy = (m: unknown): Json => JSON.parse(JSON.stringify(m)) as Json;

// ---- 1. one structural check at the entry of every tree function --------------------------------

const X = [[1, 0], [2, 1], [3, 0], [4, 1], [5, 0], [6, 1], [7, 0], [8, 1]];
const yClass = ['a', 'b', 'a', 'b', 'b', 'a', 'b', 'a'];
const yValue = [1, 5, 2, 8, 3, 9, 4, 7];
const catRows = [
  { plan: 'monthly', tenure: 2 }, { plan: 'monthly', tenure: 5 }, { plan: 'yearly', tenure: 40 }, { plan: 'two-year', tenure: 3 },
  { plan: 'yearly', tenure: 50 }, { plan: 'monthly', tenure: 30 }, { plan: 'two-year', tenure: 20 }, { plan: 'monthly', tenure: null },
];
const catColumns = [{ name: 'plan', type: 'categorical' as const }, { name: 'tenure', type: 'numeric' as const }];
const catLabels = ['Yes', 'Yes', 'No', 'No', 'No', 'No', 'Yes', 'Yes'];

const models = {
  decisionTree: () => fitDecisionTree(X, yClass),
  categorical: () => fitDecisionTree(catRows, catLabels, { columns: catColumns, missing: 'learn' }),
  regressionTree: () => fitRegressionTree(X, yValue),
};
const inputs = { decisionTree: [X, yClass], categorical: [catRows, catLabels], regressionTree: [X, yValue] } as const;

/** Every exported function that takes a tree model, called on the model's own kind of input. */
function callers(kind: keyof typeof models): [string, (m: unknown) => unknown][] {
  const [rows, targets] = inputs[kind];
  const predict: [string, (m: unknown) => unknown][] = kind === 'regressionTree'
    ? [['predictRegressionTree', (m) => predictRegressionTree(m as never, rows as never)]]
    : [['predictDecisionTree', (m) => predictDecisionTree(m as never, rows as never)], ['predictDecisionTreeProba', (m) => predictDecisionTreeProba(m as never, rows as never)]];
  return [
    ...predict,
    ['treeRules', (m) => treeRules(m as never)],
    ['pruneDecisionTree', (m) => pruneDecisionTree(m as never, 0)],
    ['decisionTreePruningPath', (m) => decisionTreePruningPath(m as never)],
    ['treePermutationImportance', (m) => treePermutationImportance(m as never, rows as never, targets as never, { repeats: 2 })],
  ];
}

const firstInternal = (m: Json, from = 0): number => m.nodes.findIndex((n: Json, i: number) => i >= from && n.feature >= 0);
const tamperings: [string, (m: Json) => void][] = [
  ['a self-cycle (root is its own left child)', (m) => { m.nodes[0].left = 0; }],
  ['a back edge (an inner node points at the root)', (m) => { m.nodes[firstInternal(m, 1)].left = 0; }],
  ['a DAG (both children the same node)', (m) => { m.nodes[0].right = m.nodes[0].left; }],
  ['a truncated node array (last node lost)', (m) => { m.nodes.pop(); }],
  ['child 99', (m) => { m.nodes[0].left = 99; }],
  ['child -1 on a split', (m) => { m.nodes[0].right = -1; }],
  ['child null', (m) => { m.nodes[0].left = null; }],
  ['child "NaN"', (m) => { m.nodes[0].left = 'NaN'; }],
  ['child 1.5', (m) => { m.nodes[0].left = 1.5; }],
  ['child 1e308', (m) => { m.nodes[0].right = 1e308; }],
  ['left deleted', (m) => { delete m.nodes[0].left; }],
  ['feature 99', (m) => { m.nodes[0].feature = 99; }],
  ['feature "0"', (m) => { m.nodes[0].feature = '0'; }],
  ['threshold null on a numeric split', (m) => { const k = m.nodes.findIndex((n: Json) => n.feature >= 0 && n.categoriesLeft === null); m.nodes[k].threshold = null; }],
  ['a leaf given children', (m) => { const k = m.nodes.findIndex((n: Json) => n.feature < 0); m.nodes[k].left = 0; }],
  ['a wrong parent', (m) => { m.nodes[m.nodes[0].left].parent = 5; }],
  ['a wrong depth', (m) => { m.nodes[m.nodes[0].right].depth = 7; }],
  ['a value of the wrong length', (m) => { m.nodes[0].value.push(0.5); }],
  ['a value "NaN"', (m) => { m.nodes[m.nodes.length - 1].value[0] = 'NaN'; }],
  ['samples -1', (m) => { m.nodes[0].samples = -1; }],
  ['columns[0].type = 42', (m) => { m.columns[0].type = 42; }],
  ['columns emptied', (m) => { m.columns = []; }],
  ['options deleted', (m) => { delete m.options; }],
  ['options.missing = "yes"', (m) => { m.options.missing = 'yes'; }],
  ['nodes: []', (m) => { m.nodes = []; }],
  ['nodes: [[]]', (m) => { m.nodes = [[]]; }],
  ['nodes: an object', (m) => { m.nodes = { 0: m.nodes[0] }; }],
  ['a node null', (m) => { m.nodes[1] = null; }],
  ['featureImportance truncated', (m) => { m.featureImportance = []; }],
  ['version "1"', (m) => { m.version = '1'; }],
  // the options and diagnostics a prune copies into its output (robustness suite, model JSON)
  ['options.minSamplesSplit = "2"', (m) => { m.options.minSamplesSplit = '2'; }],
  ['options.minSamplesLeaf = null', (m) => { m.options.minSamplesLeaf = null; }],
  ['options.minImpurityDecrease = "0"', (m) => { m.options.minImpurityDecrease = '0'; }],
  ['options.maxExactCategories = "NaN"', (m) => { m.options.maxExactCategories = 'NaN'; }],
  ['options.maxDepth = 0', (m) => { m.options.maxDepth = 0; }],
  ['options.maxLeafNodes = 1.5', (m) => { m.options.maxLeafNodes = 1.5; }],
  ['options.featureOrder = 42', (m) => { m.options.featureOrder = 42; }],
  ['options.weighted = "yes"', (m) => { m.options.weighted = 'yes'; }],
  ['options.classWeight = [1]', (m) => { m.options.classWeight = [1]; }],
  ['diagnostics.iterations = "7"', (m) => { m.diagnostics.iterations = '7'; }],
  ['diagnostics.converged = "yes"', (m) => { m.diagnostics.converged = 'yes'; }],
  ['diagnostics.warnings = {}', (m) => { m.diagnostics.warnings = {}; }],
  ['diagnostics deleted', (m) => { delete m.diagnostics; }],
  ['leaves = "NaN"', (m) => { m.leaves = 'NaN'; }],
  ['depth one more than the node table', (m) => { m.depth += 1; }],
  ['a split lighter than its children', (m) => { m.nodes[0].weightedSamples /= 2; }],
];
const classTamperings: [string, (m: Json) => void][] = [
  ['classes emptied', (m) => { m.classes = []; }],
  ['classes with a duplicate', (m) => { m.classes = [m.classes[0], m.classes[0]]; }],
  ['a probability of 2', (m) => { m.nodes[0].value[0] = 2; }],
  ['a class turned into a string of another type ("a" and 1)', (m) => { m.classes[1] = 1; }],
  ['classes out of order', (m) => { m.classes.reverse(); }],
  ['an impurity of 1e308 (Gini is below 1, entropy at most log2 classes)', (m) => { m.nodes[0].impurity = 1e308; }],
  ['an impurity of -1', (m) => { m.nodes[1].impurity = -1; }],
];
const categoricalTamperings: [string, (m: Json) => void][] = [
  ['category code 99 on a categorical split', (m) => { const k = m.nodes.findIndex((n: Json) => n.categoriesLeft !== null); m.nodes[k].categoriesLeft = [99]; }],
  ['categoriesLeft null on a categorical split', (m) => { const k = m.nodes.findIndex((n: Json) => n.categoriesLeft !== null); m.nodes[k].categoriesLeft = null; }],
  ['categories deleted', (m) => { const j = m.columns.findIndex((c: Json) => c.type === 'categorical'); delete m.columns[j].categories; }],
  ['a duplicate category', (m) => { const j = m.columns.findIndex((c: Json) => c.type === 'categorical'); m.columns[j].categories.push(m.columns[j].categories[0]); }],
  ['categories out of order', (m) => { const j = m.columns.findIndex((c: Json) => c.type === 'categorical'); m.columns[j].categories.reverse(); }],
];

describe('every tree function refuses a damaged model with INVALID_MODEL, in bounded time', () => {
  for (const kind of Object.keys(models) as (keyof typeof models)[]) {
    const cases = [...tamperings, ...(kind === 'regressionTree' ? [] : classTamperings), ...(kind === 'categorical' ? categoricalTamperings : [])];
    test.each(callers(kind))(`%s on a ${kind} model: each damage is INVALID_MODEL within 200 ms`, (_name, call) => {
      const fitted = models[kind]();
      expect(firstInternal(copy(fitted), 1)).toBeGreaterThan(0);
      for (const [what, tamper] of cases) {
        const m = copy(fitted);
        tamper(m);
        const t0 = performance.now();
        const code = codeOf(() => call(m));
        expect({ what, code }).toEqual({ what, code: 'INVALID_MODEL' });
        expect(performance.now() - t0).toBeLessThan(200);
      }
    });
  }

  test('the message names the node and the field', () => {
    const m = copy(models.decisionTree());
    m.nodes[0].left = 99;
    const e = errorOf(() => predictDecisionTree(m as never, X));
    expect(e.message).toMatch(/predictDecisionTree: the model's nodes\[0\]\.left is 99; expected a node id in \[1, \d+\]/);
    expect(e.details).toMatchObject({ node: 0, field: 'left' });
    const c = copy(models.decisionTree());
    c.columns[0].type = 42;
    expect(errorOf(() => treeRules(c as never)).message).toMatch(/columns\[0\]\.type is 42; expected 'numeric' or 'categorical'/);
  });

  test('the wrong kind is refused by the kind-specific functions', () => {
    expect(codeOf(() => predictRegressionTree(models.decisionTree() as never, X))).toBe('INVALID_MODEL');
    expect(codeOf(() => predictDecisionTree(models.regressionTree() as never, X))).toBe('INVALID_MODEL');
    expect(codeOf(() => treeRules({ kind: 'kmeans', version: 1 } as never))).toBe('INVALID_MODEL');
    expect(codeOf(() => treeRules(null as never))).toBe('INVALID_MODEL');
  });
});

describe('round trips: JSON and structuredClone copies give identical results in every tree function', () => {
  test.each(Object.keys(models) as (keyof typeof models)[])('%s model', (kind) => {
    const model = models[kind]();
    for (const clone of [copy(model), structuredClone(model)]) {
      for (const [name, call] of callers(kind)) expect({ name, result: call(clone) }).toEqual({ name, result: call(model) });
    }
  });
});

// ---- 2. deep trees (D29) ------------------------------------------------------------------------

/** A valid chain of `depth` splits on x0: node 2i splits at i + 0.5, its left child 2i+1 is a leaf. */
function chainTree(depth: number): DecisionTreeModel {
  const nodes: Json[] = [];
  const total = depth + 1;
  for (let i = 0; i < depth; i++) {
    const id = 2 * i;
    const samples = total - i;
    nodes.push({ id, parent: i === 0 ? -1 : id - 2, depth: i, feature: 0, threshold: i + 0.5, categoriesLeft: null, missingLeft: false, left: id + 1, right: id + 2, samples, weightedSamples: samples, missingSamples: 0, impurity: 0.5, value: [0.5, 0.5] });
    nodes.push({ id: id + 1, parent: id, depth: i + 1, feature: -1, threshold: null, categoriesLeft: null, missingLeft: null, left: -1, right: -1, samples: 1, weightedSamples: 1, missingSamples: 0, impurity: 0, value: i % 2 ? [1, 0] : [0, 1] });
  }
  nodes.push({ id: 2 * depth, parent: 2 * depth - 2, depth, feature: -1, threshold: null, categoriesLeft: null, missingLeft: null, left: -1, right: -1, samples: 1, weightedSamples: 1, missingSamples: 0, impurity: 0, value: [1, 0] });
  const options = { criterion: 'gini', maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minImpurityDecrease: 0, maxLeafNodes: null, missing: 'refuse', unknownCategory: 'missing', maxExactCategories: 10, featureOrder: 'index', classWeight: null, weighted: false };
  return { kind: 'decisionTree', version: 1, options, columns: [{ name: 'x0', type: 'numeric', categories: null }], classes: [0, 1], nodes, leaves: depth + 1, depth, featureImportance: [1], diagnostics: { converged: true, iterations: nodes.length, warnings: [] } } as never;
}

describe('a valid chain tree 100,000 levels deep works in every tree function (D29)', () => {
  const deep = chainTree(100_000);
  test('predict, proba, rules, prune, pruning path and permutation importance', () => {
    expect(predictDecisionTree(deep, [[0], [1], [2], [99_999.9]])).toEqual([1, 0, 1, 0]);
    expect(predictDecisionTreeProba(deep, [[2]])).toEqual([[0, 1]]);
    const rules = treeRules(deep);
    expect(rules).toHaveLength(100_001);
    const leaf5 = rules.find((r) => r.leaf === 11)!;
    expect(leaf5.conditions).toEqual([{ column: 'x0', lower: 4.5, upper: 5.5, categories: null, orMissing: false }]);
    expect(leaf5.text).toBe('IF 4.5 < x0 <= 5.5 THEN class = 0 (p(1) = 0.00, n = 1)');
    const same = pruneDecisionTree(deep, 0);
    expect(same.nodes).toEqual(deep.nodes);
    expect(pruneDecisionTree(deep, 1).leaves).toBe(1);
    expect(decisionTreePruningPath(deep).alphas).toHaveLength(2);
    expect(treePermutationImportance(deep, [[0], [1], [2], [3]], [1, 0, 1, 0], { repeats: 1 }).baseline).toBe(1);
  });
});

// ---- 3. treeRules options (D34) -----------------------------------------------------------------

describe('treeRules options (D34)', () => {
  const model = fitDecisionTree([[1], [2], [3], [4]], ['stay', 'stay', 'churn', 'churn']);
  test.each([0, -0, 2.5, 18, NaN, Infinity, 1e308, null, '4'])('digits %s is INVALID_OPTION naming digits', (digits) => {
    const e = errorOf(() => treeRules(model, { digits: digits as number }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/^treeRules: digits must be an integer in \[1, 17\]/);
    expect(e.details.option).toBe('digits');
  });
  test.each([Symbol('t'), 42, true, {}])('target %s is INVALID_OPTION naming target', (target) => {
    const e = errorOf(() => treeRules(model, { target: target as never }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.details.option).toBe('target');
  });
  test('digits 1 and 17, target a string or null are accepted', () => {
    expect(treeRules(model, { digits: 1, target: 'churn' })[0]!.text).toMatch(/^IF x0 (<=|>) 3 THEN churn = /);
    expect(treeRules(model, { digits: 17, target: null })[0]!.text).toMatch(/THEN class = /);
  });
});

// ---- 4. predict takes the form the model was fitted on (friction 14) ----------------------------

describe('predict takes rows in the form used for fitting (friction 14)', () => {
  const model = fitDecisionTree(catRows, catLabels, { columns: catColumns, missing: 'learn' });
  test('a model fitted on row objects refuses number[][] with INVALID_INPUT naming the columns', () => {
    for (const call of [
      () => predictDecisionTree(model, [[9, 0]]),
      () => predictDecisionTreeProba(model, [[0, 2]]),
      () => treePermutationImportance(model, [[0, 2], [1, 3]], ['Yes', 'No']),
    ]) {
      const e = errorOf(call);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(/fitted on row objects with columns plan, tenure.*Pass row objects/);
    }
  });
  test('a model fitted on number[][] refuses row objects, even with the column names as properties', () => {
    const named = fitDecisionTree([[0, 2], [1, 5], [0, 40], [2, 3]], ['Yes', 'Yes', 'No', 'No'], { columns: [{ name: 'plan', type: 'categorical' }, { name: 'tenure', type: 'numeric' }] });
    const e = errorOf(() => predictDecisionTree(named, [{ plan: 0, tenure: 2 }]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/fitted on number\[\]\[\] rows \(columns plan, tenure, by position\).*Pass arrays/);
    expect(predictDecisionTree(named, [[0, 2]])).toEqual(['Yes']);
    expect(model.featureForm).toBe('objects');
    expect(named.featureForm).toBe('arrays');
  });
  test('a model saved before featureForm existed reads either form, as before', () => {
    const old = copy(model);
    delete old.featureForm;
    expect(predictDecisionTree(old as never, catRows)).toEqual(predictDecisionTree(model, catRows));
  });
});

// ---- 5. "or missing" only where training had missing values (friction 9) ------------------------

describe("with missing: 'learn', rules say 'or missing' only for columns with missing values in training (friction 9)", () => {
  // The Telco shape: categorical Contract and InternetService, numeric tenure and MonthlyCharges,
  // and TotalCharges, the only column with missing values (blank for brand-new customers).
  const contracts = ['Month-to-month', 'One year', 'Two year'];
  const internet = ['DSL', 'Fiber optic', 'No'];
  const rows = Array.from({ length: 400 }, (_, i) => {
    const tenure = i % 11 === 0 ? 0 : (i * 37) % 72;
    const monthly = 20 + ((i * 53) % 90);
    return { Contract: contracts[(i * 7) % 3]!, InternetService: internet[(i * 5) % 3]!, tenure, MonthlyCharges: monthly, TotalCharges: tenure === 0 && i % 2 === 0 ? null : tenure * monthly };
  });
  const churn = rows.map((r, i) => (r.Contract === 'Month-to-month' && (r.tenure < 12 || r.InternetService === 'Fiber optic') ? i % 5 !== 0 : i % 7 === 0) ? 'Yes' : 'No');
  const columns = [
    { name: 'Contract', type: 'categorical' as const }, { name: 'InternetService', type: 'categorical' as const },
    { name: 'tenure', type: 'numeric' as const }, { name: 'MonthlyCharges', type: 'numeric' as const }, { name: 'TotalCharges', type: 'numeric' as const },
  ];
  const nMissing = rows.filter((r) => r.TotalCharges === null).length;
  const model = fitDecisionTree(rows, churn, { columns, missing: 'learn', maxDepth: 5, minSamplesLeaf: 5 });

  test('the model records the missing count per column', () => {
    expect(nMissing).toBeGreaterThan(5);
    expect(model.columns.map((c) => c.missing)).toEqual([0, 0, 0, 0, nMissing]);
  });

  test('no condition on another column says "or missing"; TotalCharges conditions still can', () => {
    const rules = treeRules(model, { positiveClass: 'Yes', target: 'churn' });
    const conditions = rules.flatMap((r) => r.conditions);
    expect(new Set(conditions.map((c) => c.column)).size).toBeGreaterThan(2);
    for (const c of conditions) if (c.column !== 'TotalCharges') expect(c.orMissing).toBe(false);
    for (const r of rules) {
      const missingTexts = r.text.match(/\(([A-Za-z]+)[^()]* or missing\)/g) ?? [];
      for (const t of missingTexts) expect(t).toMatch(/TotalCharges/);
    }
    // The rules still send a row with TotalCharges missing to exactly its leaf.
    const probe = { Contract: 'One year', InternetService: 'DSL', tenure: 0, MonthlyCharges: 50, TotalCharges: null };
    const p = predictDecisionTreeProba(model, [probe])[0]!;
    const matching = rules.filter((r) => r.conditions.every((c) => {
      const v = (probe as Record<string, unknown>)[c.column];
      if (v === null) return c.orMissing;
      if (c.categories !== null) return c.categories.includes(v as string);
      return (c.lower === null || (v as number) > c.lower) && (c.upper === null || (v as number) <= c.upper);
    }));
    expect(matching).toHaveLength(1);
    expect(matching[0]!.probability).toBeCloseTo(p[model.classes.indexOf('Yes')]!, 12);
  });

  test('a model saved before the counts existed keeps the old reading (or missing on every column)', () => {
    const old = copy(model);
    for (const c of old.columns) delete c.missing;
    const conditions = treeRules(old as never).flatMap((r) => r.conditions);
    expect(conditions.some((c) => c.column !== 'TotalCharges' && c.orMissing)).toBe(true);
  });
});

// ---- 6. rows of weight 0 (scikit-learn's rule; fixture tests in sklearn-trust.test.ts) ---------

describe('rows of weight 0 do not influence the tree', () => {
  const structure = (m: TreeModel) => m.nodes.map((n) => ({ ...n }));
  test('fitting with weight-0 rows equals fitting with those rows removed (structure, thresholds, sizes)', () => {
    const row = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }), fc.double({ min: -5, max: 5, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(row, fc.integer({ min: 0, max: 2 }), fc.constantFrom(0, 0, 1, 2, 0.5)), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(null, 2, 3),
        fc.constantFrom<'index' | 'sklearn'>('index', 'sklearn'),
        (data, minSamplesLeaf, maxDepth, featureOrder) => {
          const kept = data.filter(([, , w]) => w > 0);
          if (kept.length === 0) return;
          const xs = data.map(([r]) => r.slice(0, 2) as number[]);
          const o = { minSamplesLeaf, maxDepth, featureOrder };
          const withZero = fitDecisionTree(xs, data.map(([, y]) => y), { ...o, weights: data.map(([, , w]) => w) });
          const without = fitDecisionTree(kept.map(([r]) => r.slice(0, 2) as number[]), kept.map(([, y]) => y), { ...o, weights: kept.map(([, , w]) => w) });
          // Classes come from all labels, so compare through the class names.
          const named = (m: DecisionTreeModel) => m.nodes.map((n) => ({ ...n, value: Object.fromEntries(m.classes.map((c, k) => [String(c), n.value[k]!]).filter(([, v]) => v !== 0)) }));
          expect(named(withZero)).toEqual(named(without));
          const reg = fitRegressionTree(data.map(([r]) => r as number[]), data.map(([r]) => r[2]), { ...o, weights: data.map(([, , w]) => w) });
          const regKept = fitRegressionTree(kept.map(([r]) => r as number[]), kept.map(([r]) => r[2]), { ...o, weights: kept.map(([, , w]) => w) });
          expect(structure(reg)).toEqual(structure(regKept));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('classWeight 0 drops that class from the growth; all weight 0 is INVALID_OPTION', () => {
    const xs = [[1], [2], [3], [4], [5]];
    const m = fitDecisionTree(xs, ['a', 'b', 'a', 'c', 'c'], { classWeight: { b: 0 } });
    expect(m.nodes[0]!.samples).toBe(4);
    expect(codeOf(() => fitDecisionTree([[1], [2]], ['a', 'b'], { classWeight: { a: 0, b: 0 } }))).toBe('INVALID_OPTION');
  });
});

// ---- 9. progress, abort and option checks -------------------------------------------------------

describe('progress and abort through runControl', () => {
  const xs = Array.from({ length: 60 }, (_, i) => [i % 7, (i * 13) % 11, i % 3]);
  const ys = xs.map((r) => (r[0]! + r[1]! * 2 + r[2]!) % 3);
  const seen = (run: (onProgress: (p: Progress) => void) => unknown) => {
    const events: Progress[] = [];
    run((p) => events.push(p));
    return events;
  };

  test('fitDecisionTree and fitRegressionTree tick once per node added, depth-first and best-first', () => {
    for (const maxLeafNodes of [null, 6]) {
      let model: TreeModel | undefined;
      const events = seen((onProgress) => (model = fitDecisionTree(xs, ys, { onProgress, maxLeafNodes })));
      expect(events.map((e) => e.completed)).toEqual(model!.nodes.map((_, i) => i + 1));
      expect(events.every((e) => e.fn === 'fitDecisionTree' && e.phase === 'node' && e.total >= model!.nodes.length)).toBe(true);
      const reg = seen((onProgress) => (model = fitRegressionTree(xs, ys, { onProgress, maxLeafNodes, featureOrder: 'sklearn' })));
      expect(reg).toHaveLength(model!.nodes.length);
    }
  });

  test('an abort from inside onProgress stops the fit with ABORTED; an aborted signal before the call too', () => {
    const ac = new AbortController();
    const e = errorOf(() => fitDecisionTree(xs, ys, { signal: ac.signal, onProgress: (p) => { if (p.completed === 3) ac.abort(); } }));
    expect(e.code).toBe('ABORTED');
    expect(e.message).toMatch(/fitDecisionTree was aborted.*after 3 of \d+ \(node\)/);
    expect(codeOf(() => fitRegressionTree(xs, ys, { signal: AbortSignal.abort() }))).toBe('ABORTED');
    expect(codeOf(() => fitDecisionTree(xs, ys, { onProgress: 'yes' as never }))).toBe('INVALID_OPTION');
  });

  test('treePermutationImportance ticks once per repeat and column; decisionTreePruningPath once per cut', () => {
    const model = fitDecisionTree(xs, ys);
    const events = seen((onProgress) => treePermutationImportance(model, xs, ys, { repeats: 3, onProgress }));
    expect(events.map((e) => `${e.phase} ${e.completed}/${e.total}`)).toEqual(Array.from({ length: 9 }, (_, i) => `repeat ${i + 1}/9`));
    let path: { alphas: number[] } | undefined;
    const cuts = seen((onProgress) => (path = decisionTreePruningPath(model, { onProgress })));
    expect(cuts).toHaveLength(path!.alphas.length - 1);
    expect(cuts.at(-1)).toMatchObject({ phase: 'prune', completed: model.leaves - 1, total: model.leaves - 1 });
    const ac = new AbortController();
    expect(codeOf(() => treePermutationImportance(model, xs, ys, { signal: ac.signal, onProgress: () => ac.abort() }))).toBe('ABORTED');
    expect(codeOf(() => decisionTreePruningPath(model, { signal: AbortSignal.abort() }))).toBe('ABORTED');
    expect(codeOf(() => decisionTreePruningPath(model, { stopAt: 1 } as never))).toBe('INVALID_OPTION');
  });

  test('treePermutationImportance repeats above 10,000 is INVALID_OPTION naming repeats (D33)', () => {
    const model = fitDecisionTree(xs, ys);
    for (const repeats of [10_001, 1e308, 2 ** 31 + 1]) {
      const e = errorOf(() => treePermutationImportance(model, xs, ys, { repeats }));
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toMatch(/^treePermutationImportance: repeats must be an integer in \[1, 10000\]/);
      expect(e.details.option).toBe('repeats');
    }
  });
});

describe('classWeight checks (D31, D13)', () => {
  test.each([
    ['new Date(NaN)', new Date(NaN)],
    ['an array', [1, 2]],
    ['a Map', new Map([['a', 2]])],
    ['a number', 3],
    ['a non-numeric weight', { a: 'heavy' }],
    ['a negative weight', { a: -1 }],
  ])('fitDecisionTree classWeight %s is INVALID_OPTION', (_what, classWeight) => {
    const e = errorOf(() => fitDecisionTree([[1], [2]], ['a', 'b'], { classWeight: classWeight as never }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toMatch(/^fitDecisionTree: classWeight/);
    expect(String(e.details.option)).toMatch(/^classWeight/);
  });
  test('fitRegressionTree refuses classWeight, a classification option', () => {
    for (const classWeight of ['balanced', { a: 1 }, null]) {
      const e = errorOf(() => fitRegressionTree([[1], [2]], [1, 2], { classWeight } as never));
      expect(e.code).toBe('INVALID_OPTION');
      expect(e.message).toMatch(/classWeight is an option of classification trees/);
    }
  });
});

test('every fitted model passes the structural check: random data, both kinds, all growth modes', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 2, maxLength: 40 }),
      fc.constantFrom(null, 4),
      fc.constantFrom<'index' | 'sklearn'>('index', 'sklearn'),
      (data, maxLeafNodes, featureOrder) => {
        const xs = data.map(([a, b]) => [a, b]);
        const reg = fitRegressionTree(xs, data.map(([, , y]) => y * 1e-3 + 0.1), { maxLeafNodes, featureOrder });
        expect(predictRegressionTree(reg, xs)).toHaveLength(xs.length);
        const cls = fitDecisionTree(xs, data.map(([, b]) => b), { maxLeafNodes, featureOrder, criterion: 'log_loss' });
        expect(treeRules(pruneDecisionTree(cls, 0.01))).toHaveLength(pruneDecisionTree(cls, 0.01).leaves);
      },
    ),
    { numRuns: 200 },
  );
});

/** The weakest-link loop by brute force: every step scans every internal node of the current tree. */
function pruningPathByScan(model: TreeModel): { alphas: number[]; impurities: number[] } {
  const nodes = model.nodes;
  const total = nodes[0]!.weightedSamples;
  const alive = new Set(nodes.map((n) => n.id));
  const isLeaf = new Set(nodes.filter((n) => n.feature < 0).map((n) => n.id));
  const leavesUnder = (k: number): number[] => (isLeaf.has(k) ? [k] : [...leavesUnder(nodes[k]!.left), ...leavesUnder(nodes[k]!.right)]);
  const r = (k: number) => (nodes[k]!.weightedSamples * nodes[k]!.impurity) / total;
  const branch = (k: number) => leavesUnder(k).reduce((s, l) => s + r(l), 0);
  const alphas = [0];
  const impurities = [branch(0)];
  while (!isLeaf.has(0)) {
    let best = -1;
    let bestAlpha = Infinity;
    for (const k of [...alive].sort((a, b) => a - b)) {
      if (isLeaf.has(k)) continue;
      const a = (r(k) - branch(k)) / (leavesUnder(k).length - 1);
      if (a < bestAlpha) { bestAlpha = a; best = k; }
    }
    const drop = (k: number): void => {
      for (const c of [nodes[k]!.left, nodes[k]!.right]) {
        alive.delete(c);
        if (nodes[c]!.feature >= 0) drop(c);
      }
    };
    drop(best);
    isLeaf.add(best);
    alphas.push(bestAlpha);
    impurities.push(branch(0));
  }
  return { alphas, impurities };
}

test('decisionTreePruningPath (a heap of candidate links) equals the brute-force weakest-link scan', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 2 })), { minLength: 2, maxLength: 60 }), ([...data]) => {
      const model = fitDecisionTree(data.map(([a, b]) => [a, b]), data.map(([, , y]) => y));
      const path = decisionTreePruningPath(model);
      const oracle = pruningPathByScan(model);
      expect(path.alphas.length).toBe(oracle.alphas.length);
      path.alphas.forEach((a, i) => expect(a).toBeCloseTo(oracle.alphas[i]!, 12));
      path.impurities.forEach((v, i) => expect(v).toBeCloseTo(oracle.impurities[i]!, 12));
    }),
    { numRuns: 200 },
  );
});

describe('fits refuse values that would put Infinity or NaN in the model (issue 12)', () => {
  test('fitDecisionTree with Infinity or -Infinity as a label or a category is INVALID_INPUT naming the row', () => {
    for (const bad of [Infinity, -Infinity]) {
      const labels = [bad, ...yClass.slice(1)] as never;
      expect(errorOf(() => fitDecisionTree(X, labels))).toMatchObject({ code: 'INVALID_INPUT', details: { argument: 'labels', row: 0 } });
      const rows = catRows.map((r, i) => (i === 2 ? { ...r, plan: bad } : r));
      expect(errorOf(() => fitDecisionTree(rows, catLabels, { columns: catColumns, missing: 'learn' }))).toMatchObject({ code: 'INVALID_INPUT', details: { row: 2, column: 'plan' } });
    }
  });
  test('fitDecisionTree with labels of two types (0 and "1") is INVALID_INPUT: they would be separate classes', () => {
    const e = errorOf(() => fitDecisionTree(X, [0, 1, 0, '1', 0, 1, 0, 1] as never));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', details: { argument: 'labels', row: 3 } });
    expect(e.message).toMatch(/labels must all be of one type/);
  });
  test('fitRegressionTree with a target of 1e308 is NON_FINITE (the impurity sums overflow), not a NaN impurity', () => {
    const e = errorOf(() => fitRegressionTree(X, [1e308, ...yValue.slice(1)]));
    expect(e.code).toBe('NON_FINITE');
    expect(e.message).toMatch(/Rescale the targets/);
    // Targets as large as the sums allow still fit, with finite nodes.
    const big = fitRegressionTree(X, yValue.map((v) => v * 1e150));
    for (const node of big.nodes) expect(Number.isFinite(node.impurity) && Number.isFinite(node.value[0]!)).toBe(true);
  });
  test('weights far from 1 (2^700, 2^-1000, 1e300) give the tree of unit weights, not NaN impurities', () => {
    for (const fit of [(w?: number[]) => fitDecisionTree(X, yClass, { weights: w }), (w?: number[]) => fitRegressionTree(X, yValue, { weights: w })]) {
      const plain = fit();
      for (const scale of [2 ** 700, 2 ** -1000]) {
        const scaled = fit(X.map(() => scale));
        expect(scaled.nodes.map((n) => ({ ...n, weightedSamples: n.weightedSamples / scale }))).toEqual(plain.nodes);
        expect(scaled.featureImportance).toEqual(plain.featureImportance);
      }
      const huge = fit(X.map(() => 1e307));
      expect(huge.featureImportance.every(Number.isFinite)).toBe(true);
      expect(huge.featureImportance.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(decisionTreePruningPath(huge).alphas.every(Number.isFinite)).toBe(true);
    }
  });
  test('a regression tree whose impurities are near the double range prunes with finite alphas and importance', () => {
    const m = copy(fitRegressionTree(X, yValue));
    m.nodes[0].impurity = 1e308;
    const path = decisionTreePruningPath(m as never);
    expect(path.alphas.every(Number.isFinite) && path.impurities.every(Number.isFinite)).toBe(true);
    expect((pruneDecisionTree(m as never, 0) as TreeModel).featureImportance.every(Number.isFinite)).toBe(true);
  });
});
