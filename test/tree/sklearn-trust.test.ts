// Trees against scikit-learn 1.2.1 (fixtures/sklearn_trust.py writes fixtures/sklearn-trust.json):
// best-first growth with maxLeafNodes, entropy / log_loss, and rows of weight 0.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fitDecisionTree, fitRegressionTree, type TreeModel } from '../../src/tree/index.js';

interface SkTree {
  feature: number[]; threshold: (number | null)[]; left: number[]; right: number[];
  samples: number[]; weightedSamples: number[]; value: number[][]; leaves: number;
}
const read = (name: string) => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8'));
const base = read('./sklearn-fixture.json') as { X: number[][]; y: number[]; yRegression: number[] };
const fx = read('./fixtures/sklearn-trust.json') as {
  y3: number[]; weights: number[];
  bestFirst: Record<'gini' | 'entropy' | 'regression', Record<string, SkTree>>;
  entropy: Record<string, SkTree>;
  zeroWeights: Record<string, { classification: SkTree; regression: SkTree }>;
};
const opt = (v: string): number | null => (v === 'None' ? null : Number(v));

function expectSameTree(model: TreeModel, tree: SkTree): void {
  expect(model.nodes.map((n) => n.feature)).toEqual(tree.feature);
  expect(model.nodes.map((n) => n.threshold)).toEqual(tree.threshold);
  expect(model.nodes.map((n) => n.left)).toEqual(tree.left);
  expect(model.nodes.map((n) => n.right)).toEqual(tree.right);
  expect(model.nodes.map((n) => n.samples)).toEqual(tree.samples);
  expect(model.leaves).toBe(tree.leaves);
  model.nodes.forEach((n, i) => {
    expect(n.weightedSamples).toBeCloseTo(tree.weightedSamples[i]!, 10);
    n.value.forEach((v, c) => expect(v).toBeCloseTo(tree.value[i]![c]!, 10));
  });
}

describe("maxLeafNodes with featureOrder: 'sklearn' grows best-first as scikit-learn's BestFirstTreeBuilder", () => {
  test.each(Object.keys(fx.bestFirst.gini))('DecisionTreeClassifier(max_leaf_nodes/max_depth = %s), gini', (k) => {
    const [leaves, depth] = k.split('/');
    expectSameTree(fitDecisionTree(base.X, base.y, { maxLeafNodes: opt(leaves!), maxDepth: opt(depth!), featureOrder: 'sklearn' }), fx.bestFirst.gini[k]!);
  });
  test.each(Object.keys(fx.bestFirst.entropy))('DecisionTreeClassifier(max_leaf_nodes/max_depth = %s), entropy, three classes', (k) => {
    const [leaves, depth] = k.split('/');
    expectSameTree(fitDecisionTree(base.X, fx.y3, { criterion: 'entropy', maxLeafNodes: opt(leaves!), maxDepth: opt(depth!), featureOrder: 'sklearn' }), fx.bestFirst.entropy[k]!);
  });
  test.each(Object.keys(fx.bestFirst.regression))('DecisionTreeRegressor(max_leaf_nodes/max_depth = %s)', (k) => {
    const [leaves, depth] = k.split('/');
    expectSameTree(fitRegressionTree(base.X, base.yRegression, { maxLeafNodes: opt(leaves!), maxDepth: opt(depth!), featureOrder: 'sklearn' }), fx.bestFirst.regression[k]!);
  });
});

describe("criterion 'entropy' and its alias 'log_loss' equal scikit-learn's entropy trees", () => {
  test.each(Object.keys(fx.entropy))('DecisionTreeClassifier(criterion="entropy"), target/max_depth = %s', (k) => {
    const [target, depth] = k.split('/');
    const labels = target === 'y' ? base.y : fx.y3;
    for (const criterion of ['entropy', 'log_loss'] as const) {
      const model = fitDecisionTree(base.X, labels, { criterion, maxDepth: opt(depth!), featureOrder: 'sklearn' });
      expectSameTree(model, fx.entropy[k]!);
      expect(model.options.criterion).toBe(criterion);
    }
  });
});

describe('rows of weight 0 do not influence the tree, as in scikit-learn', () => {
  test.each(Object.keys(fx.zeroWeights))('fitDecisionTree / fitRegressionTree with zero weights equal scikit-learn (max_depth/min_samples_leaf = %s)', (k) => {
    const [depth, leaf] = k.split('/');
    const o = { maxDepth: opt(depth!), minSamplesLeaf: Number(leaf), featureOrder: 'sklearn' as const, weights: fx.weights };
    expectSameTree(fitDecisionTree(base.X, base.y, o), fx.zeroWeights[k]!.classification);
    expectSameTree(fitRegressionTree(base.X, base.yRegression, o), fx.zeroWeights[k]!.regression);
  });
});
