// T-TREE reference checks (../shared/anchors/TASKS.md): scikit-learn 1.2.1 DecisionTreeClassifier
// on the same one-hot design (all levels), split and hyperparameters (results/tree.py.json).
import { describe, expect, test } from 'vitest';
import { readResult } from '../helpers/shared.js';
import {
  decisionTreePruningPath,
  fitDecisionTree,
  predictDecisionTree,
  predictDecisionTreeProba,
  pruneDecisionTree,
  treePermutationImportance,
  treeRules,
  type DecisionTreeModel,
  type TreeFeatures,
} from '../../src/tree/index.js';
import { exactAuc, loadTreeDataset, type TreeDataset } from './load.js';

interface Run { part: string; result: { test_accuracy: number; test_roc_auc: number; leaves: number; root_split: { feature: string; threshold: number } } }
const runs = readResult<{ runs: Run[] }>('tree.py.json').runs;
const reference = (part: string) => runs.find((r) => r.part === part)!.result;

function evaluate(ds: TreeDataset, native: boolean, maxDepth: number | null, featureOrder: 'index' | 'sklearn' = 'index') {
  const X = (native ? ds.rows : ds.oneHot) as unknown[];
  const pick = (idx: number[]) => idx.map((i) => X[i]) as TreeFeatures;
  const model = fitDecisionTree(pick(ds.train), ds.train.map((i) => ds.y[i]!), { maxDepth, columns: native ? ds.columns : null, featureOrder });
  const yTest = ds.test.map((i) => ds.y[i]!);
  const p = predictDecisionTreeProba(model, pick(ds.test)).map((r) => r[1]!);
  const predicted = predictDecisionTree(model, pick(ds.test));
  const accuracy = predicted.filter((v, i) => v === yTest[i]).length / yTest.length;
  return { model, accuracy, auc: exactAuc(yTest, p), leaves: model.leaves };
}

const figures: string[] = [];

describe.each([
  ['telco', 5],
  ['bank', 8],
] as const)('T-TREE %s', (name, depth) => {
  const ds = loadTreeDataset(name);

  test.each([depth, null])('one-hot, maxDepth %s, featureOrder sklearn: the same tree as scikit-learn (leaves, root split; accuracy and AUC within 0.002)', (maxDepth) => {
    const ref = reference(`${name}:${maxDepth ?? 'full'}`);
    const r = evaluate(ds, false, maxDepth, 'sklearn');
    figures.push(`${name} one-hot depth ${maxDepth ?? 'full'} (sklearn order): leaves ${r.leaves} (sklearn ${ref.leaves}), accuracy ${r.accuracy.toFixed(4)} (${ref.test_accuracy.toFixed(4)}), AUC ${r.auc.toFixed(4)} (${ref.test_roc_auc.toFixed(4)})`);
    expect(r.leaves).toBe(ref.leaves);
    expect(r.model.nodes.length).toBe(2 * ref.leaves - 1);
    expect(Math.abs(r.accuracy - ref.test_accuracy)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(r.auc - ref.test_roc_auc)).toBeLessThanOrEqual(0.002);
    const root = r.model.nodes[0]!;
    expect(ds.oneHotNames[root.feature]).toBe(ref.root_split.feature);
    // scikit-learn's thresholds are midpoints of float32 values.
    expect(root.threshold).toBeCloseTo(ref.root_split.threshold, 3);
  });

  test(`one-hot, default column order: depth ${depth} matches scikit-learn; fully grown within 1% of its leaves (ties, docs/tree.md)`, () => {
    const ref = reference(`${name}:${depth}`);
    const r = evaluate(ds, false, depth);
    expect(r.leaves).toBe(ref.leaves);
    expect(Math.abs(r.accuracy - ref.test_accuracy)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(r.auc - ref.test_roc_auc)).toBeLessThanOrEqual(0.002);
    const refFull = reference(`${name}:full`);
    const full = evaluate(ds, false, null);
    figures.push(`${name} one-hot depth ${depth} (index order): leaves ${r.leaves}, accuracy ${r.accuracy.toFixed(4)}, AUC ${r.auc.toFixed(4)}; full: leaves ${full.leaves} (sklearn ${refFull.leaves}), accuracy ${full.accuracy.toFixed(4)}, AUC ${full.auc.toFixed(4)}`);
    expect(Math.abs(full.leaves - refFull.leaves) / refFull.leaves).toBeLessThanOrEqual(0.01);
    expect(Math.abs(full.accuracy - refFull.test_accuracy)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(full.auc - refFull.test_roc_auc)).toBeLessThanOrEqual(0.005);
  });

  test('native categorical splits: figures for the README, at least as accurate as one-hot at the same depth', () => {
    const ref = reference(`${name}:${depth}`);
    const r = evaluate(ds, true, depth);
    const full = evaluate(ds, true, null);
    figures.push(`${name} native depth ${depth}: leaves ${r.leaves}, accuracy ${r.accuracy.toFixed(4)}, AUC ${r.auc.toFixed(4)}; full: leaves ${full.leaves}, accuracy ${full.accuracy.toFixed(4)}, AUC ${full.auc.toFixed(4)}`);
    expect(r.accuracy).toBeGreaterThanOrEqual(ref.test_accuracy - 0.005);
    expect(r.auc).toBeGreaterThanOrEqual(ref.test_roc_auc - 0.005);
  });

  test('pruning path, rules and permutation importance on the depth-limited tree', () => {
    const r = evaluate(ds, true, depth);
    const model: DecisionTreeModel = r.model;
    const path = decisionTreePruningPath(model);
    expect(path.alphas[0]).toBe(0);
    expect(pruneDecisionTree(model, path.alphas[path.alphas.length - 1]!).leaves).toBe(1);
    const rules = treeRules(model, { target: name === 'telco' ? 'churn' : 'subscribed' });
    expect(rules).toHaveLength(model.leaves);
    figures.push(`${name} riskiest rule: ${rules[0]!.text}`);
    const rows = ds.test.map((i) => ds.rows[i]!);
    const imp = treePermutationImportance(model, rows, ds.test.map((i) => ds.y[i]!), { repeats: 2 });
    const top = imp.columns[imp.mean.indexOf(Math.max(...imp.mean))];
    figures.push(`${name} top permutation importance: ${top}`);
    // The column that hurts most when shuffled is one the tree uses; unused columns drop nothing.
    expect(model.featureImportance[imp.columns.indexOf(top!)]!).toBeGreaterThan(0);
    imp.mean.forEach((m, j) => { if (model.featureImportance[j] === 0) expect(m).toBe(0); });
    expect(imp.baseline).toBeCloseTo(r.accuracy, 12);
    if (name === 'bank') console.log(figures.join('\n'));
  });
});

test("Telco with blank TotalCharges as missing, missing: 'learn': only TotalCharges conditions say 'or missing' (friction 9)", () => {
  const ds = loadTreeDataset('telco', { blankAsNull: true });
  const blank = ds.rows.filter((r) => r.TotalCharges === null).length;
  expect(blank).toBe(11);
  const train = ds.train.map((i) => ds.rows[i]!);
  const model = fitDecisionTree(train, ds.train.map((i) => ds.y[i]!), { columns: ds.columns, missing: 'learn', maxDepth: 5 });
  const byName = Object.fromEntries(model.columns.map((c) => [c.name, c.missing]));
  expect(byName.TotalCharges).toBe(train.filter((r) => r.TotalCharges === null).length);
  for (const c of model.columns) if (c.name !== 'TotalCharges') expect(c.missing).toBe(0);
  const rules = treeRules(model, { target: 'churn' });
  expect(rules.some((r) => r.conditions.length >= 3)).toBe(true);
  for (const r of rules) {
    for (const c of r.conditions) if (c.column !== 'TotalCharges') expect(c.orMissing).toBe(false);
    for (const t of r.text.match(/\([^()]* or missing\)/g) ?? []) expect(t).toMatch(/TotalCharges/);
  }
});
