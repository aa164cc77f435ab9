import { readFileSync } from 'node:fs';
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

// ---- independent oracles ---------------------------------------------------------------------

function gini(counts: number[]): number {
  const w = counts.reduce((a, b) => a + b, 0);
  return w === 0 ? 0 : 1 - counts.reduce((a, c) => a + (c / w) ** 2, 0);
}

function countsOf(ys: number[], k: number): number[] {
  const c = new Array(k).fill(0);
  for (const y of ys) c[y]++;
  return c;
}

/** Weighted impurity decrease of a split of `ys` into `left` (a boolean per row), Gini. */
function giniDecrease(ys: number[], left: boolean[], k: number): number {
  const l = ys.filter((_, i) => left[i]);
  const r = ys.filter((_, i) => !left[i]);
  return gini(countsOf(ys, k)) - (l.length / ys.length) * gini(countsOf(l, k)) - (r.length / ys.length) * gini(countsOf(r, k));
}

/** Root improvement of a fitted depth-1 tree, from its nodes. */
function rootDecrease(model: TreeModel): number {
  const [root, a, b] = [model.nodes[0]!, model.nodes[model.nodes[0]!.left], model.nodes[model.nodes[0]!.right]];
  if (!a || !b) return 0;
  return root.impurity - (a.samples / root.samples) * a.impurity - (b.samples / root.samples) * b.impurity;
}

function leafIds(model: TreeModel, rows: number[][]): number[] {
  // Walk the plain nodes independently of src/tree/walk.ts (numeric columns only).
  return rows.map((row) => {
    let k = 0;
    while (model.nodes[k]!.feature >= 0) {
      const node = model.nodes[k]!;
      k = row[node.feature]! <= node.threshold! ? node.left : node.right;
    }
    return k;
  });
}

const distinctRows = (d: number, maxN: number) =>
  fc
    .uniqueArray(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: d, maxLength: d }), {
      minLength: 2,
      maxLength: maxN,
      selector: (r) => r.join(','),
    })
    .chain((rows) => fc.tuple(fc.constant(rows), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: rows.length, maxLength: rows.length })));

// ---- properties --------------------------------------------------------------------------------

describe('fitDecisionTree properties', () => {
  test('a fully grown tree fits any set of distinct rows exactly', () => {
    fc.assert(
      fc.property(distinctRows(3, 40), ([rows, ys]) => {
        const model = fitDecisionTree(rows, ys);
        expect(predictDecisionTree(model, rows)).toEqual(ys);
      }),
      { numRuns: 150 },
    );
  });

  test('a fully grown tree on categorical columns (and learned missing values) fits distinct rows exactly', () => {
    const cell = fc.oneof(fc.constantFrom('a', 'b', 'c', 'd'), fc.constant(null));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(cell, cell, fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(null))), { minLength: 2, maxLength: 30, selector: (r) => JSON.stringify(r) }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        (tuples, labels) => {
          const rows = tuples.map(([a, b, c]) => ({ a, b, c }));
          const ys = labels.slice(0, rows.length);
          const columns = [{ name: 'a', type: 'categorical' as const }, { name: 'b', type: 'categorical' as const }, { name: 'c', type: 'numeric' as const }];
          const model = fitDecisionTree(rows, ys, { columns, missing: 'learn' });
          expect(predictDecisionTree(model, rows)).toEqual(ys);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('predictions do not depend on the order of the training rows', () => {
    fc.assert(
      fc.property(distinctRows(2, 30), fc.integer({ min: 1, max: 4 }), fc.integer(), ([rows, ys], maxDepth, seed) => {
        const order = rows.map((_, i) => i).sort((a, b) => Math.sin(a * 97 + seed) - Math.sin(b * 97 + seed));
        const m1 = fitDecisionTree(rows, ys, { maxDepth });
        const m2 = fitDecisionTree(order.map((i) => rows[i]!), order.map((i) => ys[i]!), { maxDepth });
        const grid = [0, 1, 2, 3, 4, 5].flatMap((a) => [0, 1, 2, 3, 4, 5].map((b) => [a, b]));
        expect(predictDecisionTreeProba(m2, grid)).toEqual(predictDecisionTreeProba(m1, grid));
      }),
      { numRuns: 100 },
    );
  });

  test('probabilities are in [0, 1] and sum to 1, with sample weights and balanced class weights', () => {
    fc.assert(
      fc.property(distinctRows(3, 30), fc.integer({ min: 1, max: 5 }), ([rows, ys], maxDepth) => {
        const weights = rows.map((_, i) => 0.5 + (i % 3));
        const model = fitDecisionTree(rows, ys, { maxDepth, weights, classWeight: 'balanced', criterion: 'entropy' });
        for (const p of predictDecisionTreeProba(model, rows)) {
          expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
          expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('pruning with a larger alpha never adds leaves, and the path impurities are those of the pruned trees', () => {
    fc.assert(
      fc.property(distinctRows(3, 40), fc.double({ min: 0, max: 0.1, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), ([rows, ys], a, b) => {
        const model = fitDecisionTree(rows, ys);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(pruneDecisionTree(model, hi).leaves).toBeLessThanOrEqual(pruneDecisionTree(model, lo).leaves);
        const path = decisionTreePruningPath(model);
        path.alphas.forEach((alpha, j) => {
          if (j > 0) expect(alpha).toBeGreaterThanOrEqual(path.alphas[j - 1]! - 1e-15);
          // Pruning at alpha cuts every link up to the first larger alpha on the path.
          let i = j;
          while (i + 1 < path.alphas.length && path.alphas[i + 1]! <= alpha) i++;
          const pruned = pruneDecisionTree(model, alpha);
          const leafImpurity = pruned.nodes.filter((n) => n.feature < 0).reduce((s, n) => s + (n.weightedSamples * n.impurity) / rows.length, 0);
          expect(leafImpurity).toBeCloseTo(path.impurities[i]!, 10);
        });
        expect(pruneDecisionTree(model, path.alphas[path.alphas.length - 1]!).leaves).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  test('a JSON round trip predicts identically (classification and regression)', () => {
    fc.assert(
      fc.property(distinctRows(3, 30), fc.integer({ min: 1, max: 6 }), ([rows, ys], maxDepth) => {
        const model = fitDecisionTree(rows, ys.map((y) => ['no', 'yes', 'maybe'][y]!), { maxDepth });
        const copy = JSON.parse(JSON.stringify(model)) as DecisionTreeModel;
        expect(predictDecisionTreeProba(copy, rows)).toEqual(predictDecisionTreeProba(model, rows));
        expect(predictDecisionTree(copy, rows)).toEqual(predictDecisionTree(model, rows));
        const reg = fitRegressionTree(rows, ys.map((y, i) => y * 10 + i), { maxDepth });
        expect(predictRegressionTree(JSON.parse(JSON.stringify(reg)), rows)).toEqual(predictRegressionTree(reg, rows));
      }),
      { numRuns: 100 },
    );
  });

  test('the best numeric split equals a brute-force scan of every column and midpoint', () => {
    fc.assert(
      fc.property(distinctRows(3, 30), fc.integer({ min: 1, max: 3 }), ([rows, ys], minSamplesLeaf) => {
        const model = fitDecisionTree(rows, ys, { maxDepth: 1, minSamplesLeaf });
        let best = -Infinity;
        for (let f = 0; f < 3; f++) {
          const values = [...new Set(rows.map((r) => r[f]!))].sort((a, b) => a - b);
          for (let t = 0; t + 1 < values.length; t++) {
            const thr = (values[t]! + values[t + 1]!) / 2;
            const left = rows.map((r) => r[f]! <= thr);
            const nl = left.filter(Boolean).length;
            if (nl < minSamplesLeaf || rows.length - nl < minSamplesLeaf) continue;
            best = Math.max(best, giniDecrease(ys, left, 3));
          }
        }
        if (best === -Infinity || gini(countsOf(ys, 3)) === 0) expect(model.leaves).toBe(1);
        else expect(rootDecrease(model)).toBeCloseTo(best, 12);
      }),
      { numRuns: 200 },
    );
  });

  test.each([
    [2, 6, 'two classes, Breiman ordering'],
    [3, 5, 'three classes, exact search'],
  ])('the native categorical split equals the best of all partitions (%i classes up to %i categories: %s)', (k, maxCode) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: maxCode }), fc.integer({ min: 0, max: k - 1 })), { minLength: 2, maxLength: 40 }),
        (pairs) => bruteForceCategorical(pairs, k),
      ),
      { numRuns: 200 },
    );
  });

  test('regression: the native categorical split equals the best partition by squared error', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -20, max: 20 })), { minLength: 2, maxLength: 30 }), (pairs) => {
        const rows = pairs.map(([c]) => ({ c: `k${c}` }));
        const ys = pairs.map(([, y]) => y);
        const model = fitRegressionTree(rows, ys, { columns: [{ name: 'c', type: 'categorical' }], maxDepth: 1 });
        const cats = [...new Set(pairs.map(([c]) => c))];
        const sse = (v: number[]) => { const m = v.reduce((a, b) => a + b, 0) / v.length; return v.reduce((a, b) => a + (b - m) ** 2, 0); };
        let best = -Infinity;
        for (let mask = 1; mask < 1 << (cats.length - 1); mask++) {
          const inLeft = new Set(cats.filter((_, i) => mask & (1 << i)));
          const l = pairs.filter(([c]) => inLeft.has(c)).map(([, y]) => y);
          const r = pairs.filter(([c]) => !inLeft.has(c)).map(([, y]) => y);
          best = Math.max(best, (sse(ys) - sse(l) - sse(r)) / ys.length);
        }
        if (best === -Infinity || sse(ys) === 0) expect(model.leaves).toBe(1);
        else expect(rootDecrease(model)).toBeCloseTo(best, 9);
      }),
      { numRuns: 150 },
    );
  });

  test('treeRules(model) gives one rule per leaf whose conditions select exactly that leaf’s rows', () => {
    fc.assert(
      fc.property(distinctRows(3, 30), fc.integer({ min: 1, max: 4 }), ([rows, ys], maxDepth) => {
        const model = fitDecisionTree(rows, ys, { maxDepth });
        const rules = treeRules(model);
        expect(rules.length).toBe(model.leaves);
        const leaves = leafIds(model, rows);
        rows.forEach((row, i) => {
          const matching = rules.filter((r) => r.conditions.every((c) => {
            const v = row[Number(c.column.slice(1))]!;
            return (c.lower === null || v > c.lower) && (c.upper === null || v <= c.upper);
          }));
          expect(matching.map((r) => r.leaf)).toEqual([leaves[i]]);
        });
        for (let k = 1; k < rules.length; k++) expect(rules[k]!.probability!).toBeLessThanOrEqual(rules[k - 1]!.probability!);
      }),
      { numRuns: 100 },
    );
  });
});

function bruteForceCategorical(pairs: [number, number][], k: number): void {
  const rows = pairs.map(([c]) => ({ c: `cat${c}` }));
  const ys = pairs.map(([, y]) => y);
  const model = fitDecisionTree(rows, ys, { columns: [{ name: 'c', type: 'categorical' }], maxDepth: 1 });
  const cats = [...new Set(pairs.map(([c]) => c))];
  let best = -Infinity;
  for (let mask = 1; mask < 1 << (cats.length - 1); mask++) {
    const inLeft = new Set(cats.filter((_, i) => mask & (1 << i)));
    best = Math.max(best, giniDecrease(ys, pairs.map(([c]) => inLeft.has(c)), k));
  }
  const classes = new Set(ys).size;
  if (best === -Infinity || classes === 1) expect(model.leaves).toBe(1);
  else {
    // Decrease computed from the model's own impurities, with classes re-indexed: same value.
    expect(rootDecrease(model)).toBeCloseTo(best, 12);
  }
}

// ---- behaviour ---------------------------------------------------------------------------------

describe('fitDecisionTree behaviour', () => {
  const columns = [{ name: 'contract', type: 'categorical' as const }, { name: 'tenure', type: 'numeric' as const }];
  const rows = [
    { contract: 'Month-to-month', tenure: 2 }, { contract: 'Month-to-month', tenure: 5 },
    { contract: 'Month-to-month', tenure: 40 }, { contract: 'One year', tenure: 3 },
    { contract: 'Two year', tenure: 50 }, { contract: 'One year', tenure: 30 },
  ];
  const churn = ['Yes', 'Yes', 'No', 'No', 'No', 'No'];

  test('maps labels of any type back and orders classes booleans, numbers, strings', () => {
    const model = fitDecisionTree(rows, [true, true, false, false, false, false], { columns });
    expect(model.classes).toEqual([false, true]);
    expect(predictDecisionTree(model, rows)).toEqual([true, true, false, false, false, false]);
  });

  test('learns the side of missing values, and sends unseen categories where missing goes', () => {
    // Missing tenure goes with the churners.
    const train = [...rows, { contract: 'Two year', tenure: null }, { contract: 'Two year', tenure: null }];
    const ys = [...churn, 'Yes', 'Yes'];
    const model = fitDecisionTree(train, ys, { columns, missing: 'learn' });
    expect(predictDecisionTree(model, train)).toEqual(ys);
    expect(predictDecisionTree(model, [{ contract: 'Two year', tenure: NaN }])).toEqual(['Yes']);
    const proba = predictDecisionTreeProba(model, [{ contract: 'Three year', tenure: null }]);
    expect(proba[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test('maxLeafNodes grows best-first and stops at the limit; a large limit gives the depth-first tree', () => {
    const xs = Array.from({ length: 60 }, (_, i) => [i % 7, (i * 13) % 11, i % 3]);
    const ys = xs.map((r) => (r[0]! + r[1]! * 2 + r[2]!) % 3);
    for (const maxLeafNodes of [2, 3, 5, 8]) expect(fitDecisionTree(xs, ys, { maxLeafNodes }).leaves).toBe(maxLeafNodes);
    const full = fitDecisionTree(xs, ys);
    expect(fitDecisionTree(xs, ys, { maxLeafNodes: 10_000 }).leaves).toBe(full.leaves);
    expect(predictDecisionTree(fitDecisionTree(xs, ys, { maxLeafNodes: 10_000 }), xs)).toEqual(predictDecisionTree(full, xs));
  });

  test('integer sample weights act as repeated rows', () => {
    const xs = [[1], [2], [3], [4], [5]];
    const ys = [0, 1, 0, 1, 1];
    const weighted = fitDecisionTree(xs, ys, { weights: [2, 1, 3, 1, 1], maxDepth: 2 });
    const repeated = fitDecisionTree([[1], [1], [2], [3], [3], [3], [4], [5]], [0, 0, 1, 0, 0, 0, 1, 1], { maxDepth: 2 });
    expect(predictDecisionTreeProba(weighted, xs)).toEqual(predictDecisionTreeProba(repeated, xs));
  });

  test('classWeight as a map scales the classes', () => {
    const xs = [[1], [2], [3], [4]];
    const model = fitDecisionTree(xs, ['a', 'a', 'a', 'b'], { classWeight: { b: 3 }, maxDepth: 1, minSamplesLeaf: 2 });
    expect(predictDecisionTreeProba(model, [[4]])).toEqual([[0.25, 0.75]]);
  });

  test('minSamplesLeaf, minSamplesSplit and minImpurityDecrease are respected', () => {
    const xs = Array.from({ length: 40 }, (_, i) => [i]);
    const ys = xs.map(([v]) => (v! % 5 === 0 ? 1 : 0));
    const leafy = fitDecisionTree(xs, ys, { minSamplesLeaf: 4 });
    expect(leafy.nodes.filter((n) => n.feature < 0).every((n) => n.samples >= 4)).toBe(true);
    const split = fitDecisionTree(xs, ys, { minSamplesSplit: 10 });
    expect(split.nodes.filter((n) => n.feature >= 0).every((n) => n.samples >= 10)).toBe(true);
    expect(fitDecisionTree(xs, ys, { minImpurityDecrease: 0.5 }).leaves).toBe(1);
  });

  test('impurity importance sums to 1 and ignores unused columns; permutation importance is seeded', () => {
    const xs = Array.from({ length: 50 }, (_, i) => [i, 7, (i * 7) % 5]);
    const ys = xs.map(([a]) => (a! < 25 ? 0 : 1));
    const model = fitDecisionTree(xs, ys);
    expect(model.featureImportance).toEqual([1, 0, 0]);
    const p1 = treePermutationImportance(model, xs, ys, { seed: 3 });
    const p2 = treePermutationImportance(model, xs, ys, { seed: 3 });
    expect(p1).toEqual(p2);
    expect(p1.baseline).toBe(1);
    expect(p1.mean[0]!).toBeGreaterThan(0.2);
    expect(p1.mean.slice(1)).toEqual([0, 0]);
  });

  test('treeRules reads like the issue example and is plain JSON', () => {
    const model = fitDecisionTree(rows, churn, { columns });
    const rules = treeRules(model, { target: 'churn', positiveClass: 'Yes' });
    expect(rules[0]!.text).toBe('IF contract = Month-to-month AND tenure <= 22.5 THEN churn = Yes (p = 1.00, n = 2)');
    expect(JSON.parse(JSON.stringify(rules))).toEqual(rules);
  });

  test('a regression tree predicts leaf means of a step function', () => {
    const xs = Array.from({ length: 20 }, (_, i) => [i]);
    const ys = xs.map(([v]) => (v! < 10 ? 100 : 250));
    const model = fitRegressionTree(xs, ys);
    expect(model.leaves).toBe(2);
    expect(model.nodes[0]!.threshold).toBe(9.5);
    expect(predictRegressionTree(model, [[3], [15]])).toEqual([100, 250]);
  });
});

// ---- bad input ---------------------------------------------------------------------------------

describe('fitDecisionTree bad input', () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return undefined;
  };

  test('empty data is EMPTY_INPUT', () => {
    expect(code(() => fitDecisionTree([], []))).toBe('EMPTY_INPUT');
  });

  test('a single class gives a one-leaf tree with a diagnostic warning', () => {
    const model = fitDecisionTree([[1], [2], [3]], ['stay', 'stay', 'stay']);
    expect(model.leaves).toBe(1);
    expect(model.diagnostics.warnings[0]).toMatch(/single class/);
    expect(predictDecisionTree(model, [[9]])).toEqual(['stay']);
  });

  test('labels and rows of different length is LENGTH_MISMATCH', () => {
    expect(code(() => fitDecisionTree([[1], [2]], [0]))).toBe('LENGTH_MISMATCH');
  });

  test('NaN without the missing-value option is MISSING_VALUE naming the row and column', () => {
    try {
      fitDecisionTree([[1, 2], [3, NaN]], [0, 1], { columns: [{ name: 'age', type: 'numeric' }, { name: 'spend', type: 'numeric' }] });
      expect.unreachable();
    } catch (e) {
      const err = e as { code: string; message: string; details: { row: number; column: string } };
      expect(err.code).toBe('MISSING_VALUE');
      expect(err.details).toMatchObject({ row: 1, column: 'spend' });
      expect(err.message).toMatch(/features\[1\] column 'spend'.*missing: 'learn'/);
    }
  });

  test('a category never seen in training goes where missing goes, or is UNKNOWN_CATEGORY on request', () => {
    const columns = [{ name: 'plan', type: 'categorical' as const }];
    const rows = [{ plan: 'a' }, { plan: 'a' }, { plan: 'b' }, { plan: 'c' }, { plan: 'c' }];
    const ys = [1, 1, 0, 0, 0];
    const model = fitDecisionTree(rows, ys, { columns });
    const root = model.nodes[0]!;
    const missingChild = model.nodes[root.missingLeft ? root.left : root.right]!;
    expect(predictDecisionTreeProba(model, [{ plan: 'zzz' }])).toEqual([missingChild.value]);
    const strict = fitDecisionTree(rows, ys, { columns, unknownCategory: 'refuse' });
    expect(code(() => predictDecisionTree(strict, [{ plan: 'zzz' }]))).toBe('UNKNOWN_CATEGORY');
  });

  test('a column spec that does not match the rows is INVALID_INPUT', () => {
    expect(code(() => fitDecisionTree([[1, 2]], [0], { columns: [{ name: 'a', type: 'numeric' }] }))).toBe('INVALID_INPUT');
    expect(code(() => fitDecisionTree([{ a: 1 }], [0], { columns: [{ name: 'b', type: 'numeric' }] }))).toBe('INVALID_INPUT');
    expect(code(() => fitDecisionTree([{ a: 'x' }], [0], { columns: [{ name: 'a', type: 'numeric' }] }))).toBe('INVALID_INPUT');
    expect(code(() => fitDecisionTree([{ a: 1 }], [0]))).toBe('INVALID_OPTION');
  });

  test('maxDepth 0 or negative is INVALID_OPTION', () => {
    expect(code(() => fitDecisionTree([[1], [2]], [0, 1], { maxDepth: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => fitDecisionTree([[1], [2]], [0, 1], { maxDepth: -3 }))).toBe('INVALID_OPTION');
  });

  test('ragged rows, non-finite values, unknown options and damaged models are refused', () => {
    expect(code(() => fitDecisionTree([[1, 2], [3]], [0, 1]))).toBe('RAGGED_ROWS');
    expect(code(() => fitDecisionTree([[1], [Infinity]], [0, 1]))).toBe('NON_FINITE');
    expect(code(() => fitDecisionTree([[1], [2]], [0, 1], { maxDepht: 3 } as never))).toBe('INVALID_OPTION');
    expect(code(() => predictDecisionTree({ kind: 'kmeans' } as never, [[1]]))).toBe('INVALID_MODEL');
  });

  test('inputs are not mutated', () => {
    const xs = [[3, 1], [1, 2], [2, 0]];
    const ys = [1, 0, 1];
    const copy = JSON.stringify([xs, ys]);
    fitDecisionTree(xs, ys);
    expect(JSON.stringify([xs, ys])).toBe(copy);
  });
});

interface SklearnTree { feature: number[]; threshold: (number | null)[]; left: number[]; leaves: number; value?: number[] }
interface SklearnFixture {
  X: number[][]; y: number[]; yRegression: number[];
  trees: Record<string, SklearnTree>; regressionTrees: Record<string, SklearnTree>;
  pruningPath: { alphas: number[]; impurities: number[] }; prunedAt: { alpha: number; leaves: number };
}
const readFixture = (): SklearnFixture => JSON.parse(readFileSync(new URL('./sklearn-fixture.json', import.meta.url), 'utf8')) as SklearnFixture;

function expectSameTree(model: TreeModel, tree: SklearnTree): void {
  expect(model.leaves).toBe(tree.leaves);
  expect(model.nodes.map((n) => n.feature)).toEqual(tree.feature);
  expect(model.nodes.map((n) => n.threshold)).toEqual(tree.threshold);
  expect(model.nodes.map((n) => n.left)).toEqual(tree.left);
  if (tree.value) model.nodes.forEach((n, i) => expect(n.value[0]).toBeCloseTo(tree.value![i]!, 10));
}

describe("featureOrder: 'sklearn'", () => {
  // Reference trees from scikit-learn 1.2.1 (generator in the fixture): integer features with many
  // exactly tied splits, so the column visiting order decides the tree.
  test('reproduces scikit-learn DecisionTreeClassifier(random_state=0) node by node', () => {
    const fixture = readFixture();
    for (const [depth, tree] of Object.entries(fixture.trees)) {
      expectSameTree(fitDecisionTree(fixture.X, fixture.y, { maxDepth: depth === 'None' ? null : Number(depth), featureOrder: 'sklearn' }), tree);
    }
  });

  test('reproduces scikit-learn DecisionTreeRegressor(random_state=0) node by node', () => {
    const fixture = readFixture();
    for (const [depth, tree] of Object.entries(fixture.regressionTrees)) {
      expectSameTree(fitRegressionTree(fixture.X, fixture.yRegression, { maxDepth: depth === 'None' ? null : Number(depth), featureOrder: 'sklearn' }), tree);
    }
  });
});

describe('pruning against scikit-learn', () => {
  test('decisionTreePruningPath and pruneDecisionTree equal cost_complexity_pruning_path and ccp_alpha', () => {
    const fixture = readFixture();
    const model = fitDecisionTree(fixture.X, fixture.y, { featureOrder: 'sklearn' });
    const path = decisionTreePruningPath(model);
    expect(path.alphas.length).toBe(fixture.pruningPath.alphas.length);
    path.alphas.forEach((a, i) => expect(a).toBeCloseTo(fixture.pruningPath.alphas[i]!, 12));
    path.impurities.forEach((v, i) => expect(v).toBeCloseTo(fixture.pruningPath.impurities[i]!, 12));
    expect(pruneDecisionTree(model, fixture.prunedAt.alpha).leaves).toBe(fixture.prunedAt.leaves);
  });
});

test('the multi-class categorical heuristic (beyond maxExactCategories) finds a valid split no better than the exact one', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 })), { minLength: 2, maxLength: 40 }), (pairs) => {
      const rows = pairs.map(([c]) => ({ c: `cat${c}` }));
      const ys = pairs.map(([, y]) => y);
      const columns = [{ name: 'c', type: 'categorical' as const }];
      const heuristic = fitDecisionTree(rows, ys, { columns, maxDepth: 1, maxExactCategories: 2 });
      const exact = fitDecisionTree(rows, ys, { columns, maxDepth: 1 });
      if (exact.leaves === 1) return;
      expect(heuristic.leaves).toBe(2);
      expect(rootDecrease(heuristic)).toBeLessThanOrEqual(rootDecrease(exact) + 1e-12);
      expect(rootDecrease(heuristic)).toBeGreaterThanOrEqual(0);
    }),
    { numRuns: 200 },
  );
});
