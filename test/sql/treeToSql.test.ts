import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createRandom } from '../../src/core/random.js';
import { fitDecisionTree, fitRegressionTree, predictDecisionTree, predictDecisionTreeProba, predictRegressionTree } from '../../src/tree/index.js';
import { treeToSql } from '../../src/sql/index.js';
import { describeEngines, maxAbsDiff, type Column } from './engines.js';

// Columns with awkward names: a reserved word, a quote, a space.
const COLS = [
  { name: 'select', type: 'numeric' },
  { name: 'a"b', type: 'categorical' },
  { name: 'plan type', type: 'categorical' },
] as const;
const DUCK: Column[] = [{ name: 'select', type: 'DOUBLE' }, { name: 'a"b', type: 'VARCHAR' }, { name: 'plan type', type: 'VARCHAR' }];
const CATS = ['x', "it's", 'y\\z', 'w'];
const PLANS = ['basic', 'gold', 'platinum'];

/** Random rows with a signal, some values missing when `missingRate` > 0. */
function makeRows(seed: number, n: number, missingRate: number) {
  const random = createRandom(seed);
  const rows: Record<string, unknown>[] = [];
  const y: string[] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = Math.round(random() * 700) / 10 + random() * 1e-9;
    const c = CATS[Math.floor(random() * CATS.length)]!;
    const p = PLANS[Math.floor(random() * PLANS.length)]!;
    const score = (t < 20 ? 1 : 0) + (c === "it's" ? 1 : 0) + (p === 'basic' ? 0.5 : 0) + random();
    rows.push({
      select: random() < missingRate ? null : t,
      'a"b': random() < missingRate ? null : c,
      'plan type': random() < missingRate ? null : p,
    });
    y.push(score > 1.5 ? 'churn' : score > 1 ? 'maybe' : 'stay');
    target.push(score * 10);
  }
  return { rows, y, target };
}

describeEngines('treeToSql agrees with the JS predictions on every row', (engine) => {
  test.each([0, 1, 2])('classification, missing: learn, seed %i', async (seed) => {
    const train = makeRows(seed, 300, 0.1);
    const model = fitDecisionTree(train.rows, train.y, { columns: COLS as never, missing: 'learn', maxDepth: 6 });
    // Scoring rows include a category training never saw.
    const score = makeRows(seed + 100, 200, 0.15);
    score.rows[0]!['a"b'] = 'never seen';
    score.rows[1]!['plan type'] = 'diamond';
    const e = engine();
    const table = await e.loadRows(DUCK, score.rows);
    const exprs = [...model.classes.map((c) => treeToSql(model, { positiveClass: c, dialect: e.dialect })), treeToSql(model, { output: 'class', dialect: e.dialect })];
    const out = await e.select(table, exprs);
    const proba = predictDecisionTreeProba(model, score.rows);
    model.classes.forEach((_, c) => expect(maxAbsDiff(out[c]!, proba.map((p) => p[c]!))).toBeLessThanOrEqual(1e-12));
    expect(out[model.classes.length]).toEqual(predictDecisionTree(model, score.rows));
  });

  test('NaN in a numeric column takes the learnt missing side, as in JS', async () => {
    const train = makeRows(5, 300, 0.1);
    const model = fitDecisionTree(train.rows, train.y, { columns: COLS as never, missing: 'learn', maxDepth: 6 });
    const score = makeRows(6, 200, 0).rows.map((r, i) => (i % 3 === 0 ? { ...r, select: NaN } : r));
    const e = engine();
    const table = await e.loadRows(DUCK, score);
    const [p, cls] = await e.select(table, [treeToSql(model, { positiveClass: 'churn', dialect: e.dialect }), treeToSql(model, { output: 'class', dialect: e.dialect })]);
    const c = model.classes.indexOf('churn');
    expect(maxAbsDiff(p!, predictDecisionTreeProba(model, score).map((r) => r[c]!))).toBeLessThanOrEqual(1e-12);
    expect(cls).toEqual(predictDecisionTree(model, score));
    expect(model.nodes.some((n) => n.feature === 0 && n.missingLeft)).toBe(true);
  });

  test('regression, missing: learn', async () => {
    const train = makeRows(7, 400, 0.1);
    const model = fitRegressionTree(train.rows, train.target, { columns: COLS as never, missing: 'learn', maxDepth: 8 });
    const score = makeRows(8, 300, 0.1);
    const e = engine();
    const table = await e.loadRows(DUCK, score.rows);
    const [out] = await e.select(table, [treeToSql(model, { dialect: e.dialect })]);
    expect(maxAbsDiff(out!, predictRegressionTree(model, score.rows))).toBeLessThanOrEqual(1e-12);
  });

  test("missing: 'refuse' gives NULL where JS throws, the JS prediction elsewhere", async () => {
    const train = makeRows(3, 300, 0);
    const model = fitDecisionTree(train.rows, train.y, { columns: COLS as never, unknownCategory: 'refuse' });
    const score = makeRows(4, 100, 0);
    const e = engine();
    const table = await e.loadRows(DUCK, [...score.rows, { select: null, 'a"b': 'x', 'plan type': 'gold' }, { select: 5, 'a"b': 'new', 'plan type': 'gold' }]);
    const [p, cls] = await e.select(table, [treeToSql(model, { positiveClass: 'churn', dialect: e.dialect }), treeToSql(model, { output: 'class', dialect: e.dialect })]);
    const proba = predictDecisionTreeProba(model, score.rows).map((r) => r[model.classes.indexOf('churn')]!);
    expect(maxAbsDiff(p!.slice(0, 100), proba)).toBeLessThanOrEqual(1e-12);
    expect(cls!.slice(0, 100)).toEqual(predictDecisionTree(model, score.rows));
    expect(() => predictDecisionTree(model, [{ select: null, 'a"b': 'x', 'plan type': 'gold' }])).toThrow();
    // Each of the two rows reaches a split on the column it breaks only on some paths; when it does, NULL.
    for (const v of [p![100], p![101], cls![100], cls![101]]) expect(v === null || typeof v === 'number' || typeof v === 'string').toBe(true);
  });

  test('numeric arrays with boolean labels and a threshold needing 17 digits', async () => {
    const x = [[0.1 + 0.2], [0.3], [0.30000000000000004], [1 / 3], [2 / 3], [1]];
    const model = fitDecisionTree(x, [false, false, true, true, true, true]);
    const e = engine();
    const rows = x.map(([v]) => ({ x0: v }));
    const table = await e.loadRows([{ name: 'x0', type: 'DOUBLE' }], rows);
    const [cls] = await e.select(table, [treeToSql(model, { output: 'class', dialect: e.dialect })]);
    expect(cls).toEqual(predictDecisionTree(model, x));
  });
});

describeEngines('treeToSql at the default depth limit', (engine) => {
  test('a chain tree of depth 200 (the default maxDepth) runs and gives the JS walk', async () => {
    const depth = 200;
    const leaf = (value: number[]) => ({ feature: -1, threshold: null, categoriesLeft: null, missingLeft: null, left: -1, right: -1, value });
    const nodes: object[] = [];
    // Node 2d splits at x <= d: its left child is a leaf, its right child the next split.
    for (let d = 0; d < depth; d++) nodes.push({ feature: 0, threshold: d, categoriesLeft: null, missingLeft: false, left: 2 * d + 1, right: 2 * d + 2, value: [0.5, 0.5] }, leaf([1 - d / depth, d / depth]));
    nodes.push(leaf([0, 1]));
    const model = { kind: 'decisionTree' as const, version: 1 as const, options: { missing: 'refuse' as const, unknownCategory: 'error' as const }, columns: [{ name: 'x', type: 'numeric' as const, categories: null }], classes: ['a', 'b'], nodes };
    const xs = [-1, 0.5, 57, 57.5, 199, 199.5, 1e9];
    const e = engine();
    const table = await e.loadRows([{ name: 'x', type: 'DOUBLE' }], xs.map((x) => ({ x })));
    const [p] = await e.select(table, [treeToSql(model as never, { positiveClass: 'b', dialect: e.dialect })]);
    // The walk by hand: the first d with x <= d ends in leaf d, beyond all of them the last leaf.
    expect(p).toEqual(xs.map((x) => { const d = Math.max(0, Math.ceil(x)); return d < depth ? d / depth : 1; }));
  });
});

describe('treeToSql refuses what it cannot write', () => {
  const model = () => fitDecisionTree([[1], [2], [3], [4]], ['a', 'b', 'c', 'a']);
  test('treeToSql(three-class model) without positiveClass is INVALID_OPTION', () => {
    expect(() => treeToSql(model())).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => treeToSql(model(), { positiveClass: 'z' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => treeToSql(model(), { output: 'value' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
  test('treeToSql(model with a cycle or an out-of-range child) is INVALID_MODEL', () => {
    const m = JSON.parse(JSON.stringify(model()));
    m.nodes[0].left = 0;
    expect(() => treeToSql(m, { positiveClass: 'a' })).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
    const m2 = JSON.parse(JSON.stringify(model()));
    m2.nodes[0].right = 99;
    expect(() => treeToSql(m2, { positiveClass: 'a' })).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
    const m3 = JSON.parse(JSON.stringify(model()));
    m3.nodes[0].threshold = 'DROP TABLE x';
    expect(() => treeToSql(m3, { positiveClass: 'a' })).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
  });
  test('treeToSql(deep tree, { maxDepth }) is TOO_LARGE', () => {
    expect(() => treeToSql(model(), { positiveClass: 'a', maxDepth: 1 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });
});

describeEngines('treeToSql property', (engine) => {
  test('for random data with ties, NULLs and unseen categories, the engine gives the JS probabilities and labels on every row', async () => {
    const e = engine();
    const value = fc.option(fc.constantFrom(-1.5, 0, 0.1, 0.2, 0.30000000000000004, 1, 7), { nil: null, freq: 5 });
    const category = fc.option(fc.constantFrom('a', "b'", 'c\\', 'd'), { nil: null, freq: 5 });
    const row = fc.record({ select: value, 'a"b': category, 'plan type': fc.constantFrom('basic', 'gold') });
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(row, fc.constantFrom('churn', 'stay', 'maybe')), { minLength: 4, maxLength: 60 }),
      fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
      fc.constantFrom('missing', 'error'),
      async (data, maxDepth, unknownCategory) => {
        const rows = data.map(([r]) => r);
        const y = data.map(([, label]) => label);
        fc.pre(new Set(y).size > 1);
        const model = fitDecisionTree(rows, y, { columns: COLS as never, missing: 'learn', maxDepth, unknownCategory: unknownCategory as 'missing' | 'error' });
        const score = unknownCategory === 'missing' ? [...rows, { select: 3, 'a"b': 'zz', 'plan type': 'silver' }] : rows;
        const table = await e.loadRows(DUCK, score);
        const out = await e.select(table, [...model.classes.map((c) => treeToSql(model, { positiveClass: c, dialect: e.dialect })), treeToSql(model, { output: 'class', dialect: e.dialect })]);
        const proba = predictDecisionTreeProba(model, score);
        model.classes.forEach((_, c) => expect(maxAbsDiff(out[c]!, proba.map((p) => p[c]!))).toBeLessThanOrEqual(1e-12));
        expect(out[model.classes.length]).toEqual(predictDecisionTree(model, score));
      },
    ), { numRuns: 40 });
  });
});
