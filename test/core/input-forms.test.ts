// The same data as row objects, as columns (arrays and typed arrays) and as Arrow tables (built in
// memory, and after an IPC round trip as DuckDB and Polars hand them over) gives deep-equal results,
// for every function that takes a feature table. One case per function: add yours to CASES.
import { describe, expect, test } from 'vitest';
import * as A from 'apache-arrow';
import { createRandom } from '../../src/core/random.js';
import * as cluster from '../../src/cluster/index.js';
import * as linear from '../../src/linear/index.js';
import * as tree from '../../src/tree/index.js';
import * as assoc from '../../src/assoc/index.js';
import * as anomaly from '../../src/anomaly/index.js';
import * as scorecard from '../../src/scorecard/index.js';

type Row = Record<string, number | string | boolean>;

/** Customers with numeric features, a category, a flag and a label; seeded. */
function customers(n: number, seed: number): Row[] {
  const r = createRandom(seed);
  const plans = ['basic', 'gold', 'silver'];
  return Array.from({ length: n }, (_, i) => {
    const g = i % 3;
    return {
      id: `c${i}`,
      recency: Math.round(10 + 40 * g + 10 * r()),
      frequency: Math.round(1 + 5 * g + 3 * r()),
      monetary: Math.round(100 * (1 + g) * (0.5 + r())) / 10,
      plan: plans[(g + (r() < 0.2 ? 1 : 0)) % 3]!,
      churned: r() < 0.25 + 0.25 * g ? 1 : 0,
    };
  });
}

/** Row objects as plain-array columns. */
function toColumns(rows: readonly Row[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const key of Object.keys(rows[0]!)) out[key] = rows.map((r) => r[key]);
  return out;
}

/** Columns with every numeric column as a Float64Array. */
function toTypedColumns(rows: readonly Row[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(toColumns(rows))) out[key] = col.every((v) => typeof v === 'number') ? Float64Array.from(col as number[]) : col;
  return out;
}

/** An Arrow table: numbers as Float64, strings dictionary-encoded (tableFromJSON's choice). */
function toArrow(rows: readonly Row[]): A.Table {
  return A.tableFromJSON(rows as Record<string, unknown>[]);
}

/** The same table written to Arrow IPC and read back, in batches of 7 rows. */
function toArrowIpc(rows: readonly Row[]): A.Table {
  const batches: A.Table[] = [];
  for (let i = 0; i < rows.length; i += 7) batches.push(A.tableFromJSON(rows.slice(i, i + 7) as Record<string, unknown>[]));
  const t = batches.reduce((a, b) => a.concat(b));
  return A.tableFromIPC(A.tableToIPC(t, 'stream'));
}

const FORMS: [string, (rows: readonly Row[]) => unknown][] = [
  ['columns', toColumns],
  ['typed columns', toTypedColumns],
  ['Arrow', toArrow],
  ['Arrow via IPC, several batches', toArrowIpc],
];

interface Case {
  name: string;
  rows: Row[];
  /** Runs the function on data in one form; the same options for every form. */
  run: (data: any, rows: readonly Row[]) => unknown;
}

const data = customers(30, 7);
const features = ['recency', 'frequency', 'monetary'];
const labels = data.map((_, i) => i % 3);

const CASES: Case[] = [
  { name: 'fitKMeans', rows: data, run: (d) => cluster.fitKMeans(d, { k: 3, seed: 2, columns: features }) },
  { name: 'fitKMeans (minibatch, weights)', rows: data, run: (d) => cluster.fitKMeans(d, { k: 2, seed: 1, algorithm: 'minibatch', batchSize: 8, columns: ['recency', 'monetary'], weights: data.map((_, i) => 1 + (i % 2)) }) },
  {
    name: 'predictKMeans',
    rows: data,
    run: (d) => cluster.predictKMeans(cluster.fitKMeans(data, { k: 3, seed: 2, columns: features }), d, { columns: features }),
  },
  { name: 'kmeansElbow', rows: data, run: (d) => cluster.kmeansElbow(d, { maxK: 4, seed: 3, columns: features }) },
  { name: 'hierarchical', rows: data, run: (d) => cluster.hierarchical(d, { linkage: 'average', columns: features }) },
  { name: 'hierarchical (ward)', rows: data, run: (d) => cluster.hierarchical(d, { columns: ['recency', 'frequency'] }) },
  { name: 'silhouette', rows: data, run: (d) => cluster.silhouette(d, labels, { columns: features }) },
  { name: 'silhouetteSamples', rows: data, run: (d) => cluster.silhouetteSamples(d, labels, { columns: features }) },
  { name: 'daviesBouldin', rows: data, run: (d) => cluster.daviesBouldin(d, labels, { columns: features }) },
  { name: 'calinskiHarabasz', rows: data, run: (d) => cluster.calinskiHarabasz(d, labels, { columns: features }) },
  { name: 'profileSegments', rows: data, run: (d) => cluster.profileSegments(d, labels, { features, value: 'monetary' }) },
  { name: 'profileSegments (value not a feature)', rows: data, run: (d) => cluster.profileSegments(d, labels, { features: ['recency'], value: 'monetary' }) },
];

const churned = data.map((r) => r.churned as number);
const treeColumns = [
  { name: 'recency', type: 'numeric' as const },
  { name: 'plan', type: 'categorical' as const },
  { name: 'frequency', type: 'numeric' as const },
];
const design = [
  { name: 'recency', type: 'numeric' as const, standardize: true },
  { name: 'plan', type: 'categorical' as const, dropFirst: true },
];
const logisticOn = () => linear.fitLogistic(data, { columns: features, target: 'churned', lambda: 0.5 });
const treeOn = () => tree.fitDecisionTree(data, data.map((r) => r.plan as string), { columns: treeColumns.filter((c) => c.name !== 'plan'), maxDepth: 3 });

CASES.push(
  { name: 'fitLogistic (labels)', rows: data, run: (d) => linear.fitLogistic(d, churned, { columns: features, penalty: 'none' }) },
  { name: 'fitLogistic (target)', rows: data, run: (d) => linear.fitLogistic(d, { columns: features, target: 'churned', lambda: 0.5 }) },
  { name: 'predictLogisticProba', rows: data, run: (d) => linear.predictLogisticProba(logisticOn(), d) },
  { name: 'predictLogistic', rows: data, run: (d) => linear.predictLogistic(logisticOn(), d, { threshold: 0.4 }) },
  { name: 'fitStandardizer', rows: data, run: (d) => linear.fitStandardizer(d, { columns: features }) },
  { name: 'applyStandardizer', rows: data, run: (d) => linear.applyStandardizer(linear.fitStandardizer(data, { columns: features }), d) },
  { name: 'applyStandardizer (columns)', rows: data, run: (d) => linear.applyStandardizer(linear.fitStandardizer(data, { columns: ['monetary', 'recency'] }), d, { columns: ['frequency', 'recency'] }) },
  { name: 'fitDesign', rows: data, run: (d) => linear.fitDesign(d, { columns: design }) },
  { name: 'applyDesign', rows: data, run: (d) => linear.applyDesign(linear.fitDesign(data, { columns: design }), d) },
  {
    name: 'scoreLogistic',
    rows: data,
    run: (d) => {
      const dm = linear.fitDesign(data, { columns: design });
      const m = linear.fitLogistic(linear.applyDesign(dm, data), churned, { featureNames: dm.names });
      return linear.scoreLogistic(m, dm, d);
    },
  },
  { name: 'fitDecisionTree', rows: data, run: (d) => tree.fitDecisionTree(d, churned, { columns: treeColumns, maxDepth: 3 }) },
  { name: 'fitRegressionTree', rows: data, run: (d) => tree.fitRegressionTree(d, data.map((r) => r.monetary as number), { columns: treeColumns, maxDepth: 3 }) },
  { name: 'predictDecisionTree', rows: data, run: (d) => tree.predictDecisionTree(treeOn(), d) },
  { name: 'predictDecisionTreeProba', rows: data, run: (d) => tree.predictDecisionTreeProba(treeOn(), d) },
  { name: 'applyDecisionTree', rows: data, run: (d) => tree.applyDecisionTree(treeOn(), d) },
  { name: 'explainDecisionTree', rows: data, run: (d) => tree.explainDecisionTree(treeOn(), d) },
  {
    name: 'predictRegressionTree',
    rows: data,
    run: (d) => tree.predictRegressionTree(tree.fitRegressionTree(data, data.map((r) => r.monetary as number), { columns: treeColumns, maxDepth: 3 }), d),
  },
  {
    name: 'predictDecisionTreeRisk',
    rows: data,
    run: (d) => tree.predictDecisionTreeRisk(tree.fitDecisionTree(data, churned, { columns: treeColumns, maxDepth: 3 }), d, { positiveClass: 1 }),
  },
  {
    name: 'treePermutationImportance',
    rows: data,
    run: (d) => tree.treePermutationImportance(tree.fitDecisionTree(data, churned, { columns: treeColumns, maxDepth: 3 }), d, churned, { seed: 3 }),
  },
);

/** Order lines: a numeric transaction id and a string item, seeded. */
function lines(n: number, seed: number): Row[] {
  const r = createRandom(seed);
  const items = ['tea', 'milk', 'cake', 'bread', 'eggs'];
  const out: Row[] = [];
  for (let t = 0; t < n; t++) {
    for (const item of items) if (r() < (item === 'tea' ? 0.7 : 0.4)) out.push({ transaction: 1000 + t, item });
  }
  return out;
}
const basketLines = lines(40, 5);
const lineOptions = { item: 'item', orderId: 'transaction' };
const forest = () => anomaly.fitIsolationForest(data, { seed: 4, trees: 20, columns: features });
const lof = () => anomaly.fitLocalOutlierFactor(data, { neighbors: 4, columns: features });

CASES.push(
  { name: 'fpGrowth (order lines)', rows: basketLines, run: (d) => assoc.fpGrowth(d, { minCount: 3, ...lineOptions }) },
  { name: 'apriori (order lines)', rows: basketLines, run: (d) => assoc.apriori(d, { minSupport: 0.1, ...lineOptions }) },
  { name: 'fpGrowth (string identity)', rows: basketLines, run: (d) => assoc.fpGrowth(d, { minCount: 2, itemIdentity: 'string', ...lineOptions }) },
  { name: 'fitIsolationForest', rows: data, run: (d) => anomaly.fitIsolationForest(d, { seed: 4, trees: 20, columns: features }) },
  { name: 'predictIsolationForestScore', rows: data, run: (d) => anomaly.predictIsolationForestScore(forest(), d, { columns: features }) },
  { name: 'fitLocalOutlierFactor', rows: data, run: (d) => anomaly.fitLocalOutlierFactor(d, { neighbors: 4, columns: features }) },
  { name: 'predictLocalOutlierFactorScore', rows: data, run: (d) => anomaly.predictLocalOutlierFactorScore(lof(), d, { columns: features }) },
  { name: 'robustZScores', rows: data, run: (d) => anomaly.robustZScores(d, { combine: 'euclidean', columns: features }) },
);

const woeOptions = { numeric: ['recency', 'monetary'], categorical: ['plan'], minBinShare: 0.1, maxPrebins: 5 };
const binning = () => scorecard.fitWoeBinning(data, churned, woeOptions);
CASES.push(
  { name: 'fitWoeBinning', rows: data, run: (d) => scorecard.fitWoeBinning(d, churned, woeOptions) },
  { name: 'applyWoeBinning', rows: data, run: (d) => scorecard.applyWoeBinning(binning(), d) },
  {
    name: 'scoreScorecard',
    rows: data,
    run: (d) => {
      const b = binning();
      const names = b.variables.map((v) => v.name);
      const m = linear.fitLogistic(scorecard.applyWoeBinning(b, data), churned, { featureNames: names });
      return scorecard.scoreScorecard(scorecard.buildScorecard(b, m), d);
    },
  },
);

test('fpGrowth on columns named transaction and item needs no accessors', () => {
  const cols = toColumns(basketLines);
  expect(assoc.fpGrowth(cols, { minCount: 3 })).toEqual(assoc.fpGrowth(basketLines, { minCount: 3, ...lineOptions }));
  expect(assoc.fpGrowth(toArrow(basketLines), { minCount: 3 })).toEqual(assoc.fpGrowth(basketLines, { minCount: 3, ...lineOptions }));
});

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const expected = c.run(c.rows, c.rows);
  test.each(FORMS)('gives the same result from %s as from row objects', (_form, make) => {
    expect(c.run(make(c.rows), c.rows)).toEqual(expected);
  });
});

test('the row-object result is that of number[][] where the function also takes a matrix', () => {
  const matrix = data.map((r) => features.map((f) => r[f] as number));
  // Only the stored names differ: the columns read, or x0, x1, ... for a matrix.
  expect(cluster.fitKMeans(data, { k: 3, seed: 2, columns: features })).toEqual({ ...cluster.fitKMeans(matrix, { k: 3, seed: 2 }), featureNames: features });
  expect(cluster.hierarchical(data, { columns: features })).toEqual(cluster.hierarchical(matrix));
  expect(linear.fitStandardizer(data, { columns: features })).toEqual({ ...linear.fitStandardizer(matrix), featureNames: features });
  expect(linear.applyStandardizer(linear.fitStandardizer(data, { columns: features }), data)).toEqual(linear.applyStandardizer(linear.fitStandardizer(matrix), matrix));
  expect(cluster.silhouette(data, labels, { columns: features })).toBe(cluster.silhouette(matrix, labels));
  const p = cluster.profileSegments(data, labels, { features, value: 'monetary' });
  expect(p).toEqual(cluster.profileSegments(matrix, labels, { features, value: 'monetary' }));
});
