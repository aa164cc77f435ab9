// Real data: models fitted in JS on Telco churn and bank marketing, scored in DuckDB by the
// exported SQL, compared with the JS predictions on every row.
import { describe, expect, test } from 'vitest';
import { fitDecisionTree, fitRegressionTree, predictDecisionTree, predictDecisionTreeProba, predictRegressionTree } from '../../src/tree/index.js';
import { fitLogistic, predictLogistic, predictLogisticProba } from '../../src/linear/index.js';
import { fitKMeans, predictKMeans } from '../../src/cluster/index.js';
import { rfmScore } from '../../src/rfm/index.js';
import { kmeansToSql, logisticToSql, rfmToSql, treeToSql } from '../../src/sql/index.js';
import { loadCleanOnlineRetail } from '../rfm/onlineRetail.js';
import { loadTreeDataset } from '../tree/load.js';
import { connect, loadRows, maxAbsDiff, select, type DuckColumn } from './duck.js';

describe('Telco churn (7043 rows) in DuckDB', () => {
  const ds = loadTreeDataset('telco', { blankAsNull: true });
  const duckColumns: DuckColumn[] = ds.columns.map((c) => ({ name: c.name, type: c.type === 'numeric' ? 'DOUBLE' : 'VARCHAR' }));
  const trainRows = ds.train.map((i) => ds.rows[i]!);
  const trainY = ds.train.map((i) => (ds.y[i] === 1 ? 'Yes' : 'No'));

  test.each([[6], [null]])("fitDecisionTree(missing: 'learn', maxDepth %s): SQL probability and class equal the JS ones on all rows", async (maxDepth) => {
    const model = fitDecisionTree(trainRows, trainY, { columns: ds.columns, missing: 'learn', maxDepth, minSamplesLeaf: maxDepth === null ? 1 : 5 });
    const con = await connect();
    const table = await loadRows(con, duckColumns, ds.rows);
    const [p, cls] = await select(con, table, [treeToSql(model, { positiveClass: 'Yes' }), treeToSql(model, { output: 'class' })]);
    const proba = predictDecisionTreeProba(model, ds.rows).map((r) => r[model.classes.indexOf('Yes')]!);
    expect(p!.length).toBe(7043);
    expect(maxAbsDiff(p!, proba)).toBeLessThanOrEqual(1e-12);
    expect(cls).toEqual(predictDecisionTree(model, ds.rows));
    console.log(`telco tree maxDepth ${maxDepth}: ${model.nodes.length} nodes, depth ${model.depth}, SQL ${treeToSql(model, { positiveClass: 'Yes' }).length} chars`);
  });

  test('fitRegressionTree(MonthlyCharges from the rest): SQL value equals the JS one on all rows', async () => {
    const columns = ds.columns.filter((c) => c.name !== 'MonthlyCharges');
    const target = ds.rows.map((r) => r.MonthlyCharges as number);
    const model = fitRegressionTree(ds.rows, target, { columns, missing: 'learn', maxDepth: 10 });
    const con = await connect();
    const table = await loadRows(con, duckColumns, ds.rows);
    const [v] = await select(con, table, [treeToSql(model)]);
    expect(maxAbsDiff(v!, predictRegressionTree(model, ds.rows))).toBeLessThanOrEqual(1e-12);
  });

  test('fitLogistic(one-hot design): SQL probability equals predictLogisticProba on all rows', async () => {
    const x = ds.oneHot.map((r) => r.map((v) => (Number.isFinite(v) ? v : 0)));
    const model = fitLogistic(x, ds.y, { featureNames: ds.oneHotNames, lambda: 1 });
    const rows = x.map((r) => Object.fromEntries(ds.oneHotNames.map((n, j) => [n, r[j]])));
    const con = await connect();
    const table = await loadRows(con, ds.oneHotNames.map((n) => ({ name: n, type: 'DOUBLE' })), rows);
    const [p, cls] = await select(con, table, [logisticToSql(model), logisticToSql(model, { output: 'class' })]);
    const diff = maxAbsDiff(p!, predictLogisticProba(model, x));
    expect(diff).toBeLessThanOrEqual(1e-12);
    expect(cls).toEqual(predictLogistic(model, x));
    console.log(`telco logistic: ${model.featureNames.length} features, max |SQL - JS| ${diff}`);
  });

  test('fitKMeans(k = 6, tenure and charges): SQL cluster equals predictKMeans on all rows', async () => {
    const pts = ds.rows.map((r) => [r.tenure as number, r.MonthlyCharges as number, (r.TotalCharges as number | null) ?? 0]);
    const model = fitKMeans(pts, { k: 6, seed: 1 });
    const con = await connect();
    const table = await loadRows(con, [{ name: 'a', type: 'DOUBLE' }, { name: 'b', type: 'DOUBLE' }, { name: 'c', type: 'DOUBLE' }], pts.map(([a, b, c]) => ({ a, b, c })));
    const [lab] = await select(con, table, [kmeansToSql(model, { columns: ['a', 'b', 'c'] })]);
    expect(lab).toEqual(predictKMeans(model, pts));
  });
});

describe('bank marketing (45211 rows) in DuckDB', () => {
  test('fitLogistic(one-hot design): SQL probability equals predictLogisticProba on all rows', async () => {
    const ds = loadTreeDataset('bank');
    const model = fitLogistic(ds.oneHot, ds.y, { featureNames: ds.oneHotNames, lambda: 1 });
    const rows = ds.oneHot.map((r) => Object.fromEntries(ds.oneHotNames.map((n, j) => [n, r[j]])));
    const con = await connect();
    const table = await loadRows(con, ds.oneHotNames.map((n) => ({ name: n, type: 'DOUBLE' })), rows);
    const [p] = await select(con, table, [logisticToSql(model)]);
    const diff = maxAbsDiff(p!, predictLogisticProba(model, ds.oneHot));
    expect(p!.length).toBe(45211);
    expect(diff).toBeLessThanOrEqual(1e-12);
    console.log(`bank logistic: ${model.featureNames.length} features, max |SQL - JS| ${diff}`);
  });

  test("fitDecisionTree(native categories, maxDepth 8): SQL equals JS on all rows", async () => {
    const ds = loadTreeDataset('bank');
    const model = fitDecisionTree(ds.rows, ds.y, { columns: ds.columns, maxDepth: 8 });
    const con = await connect();
    const table = await loadRows(con, ds.columns.map((c) => ({ name: c.name, type: c.type === 'numeric' ? 'DOUBLE' : 'VARCHAR' })), ds.rows);
    const [p, cls] = await select(con, table, [treeToSql(model, { positiveClass: 1 }), treeToSql(model, { output: 'class' })]);
    expect(maxAbsDiff(p!, predictDecisionTreeProba(model, ds.rows).map((r) => r[1]!))).toBeLessThanOrEqual(1e-12);
    expect(cls).toEqual(predictDecisionTree(model, ds.rows));
  });
});

describe('UCI Online Retail RFM (4338 customers) in DuckDB', () => {
  const data = loadCleanOnlineRetail();
  const columns: DuckColumn[] = [{ name: 'recency', type: 'DOUBLE' }, { name: 'frequency', type: 'DOUBLE' }, { name: 'monetary', type: 'DOUBLE' }];
  const check = async (result: ReturnType<typeof rfmScore>, expected: ReturnType<typeof rfmScore>) => {
    const con = await connect();
    const table = await loadRows(con, columns, result.customers);
    const r = rfmToSql(result);
    const out = await select(con, table, [r.r, r.f, r.m, r.cell, r.segment]);
    expect(out[0]).toEqual(expected.customers.map((c) => c.r));
    expect(out[1]).toEqual(expected.customers.map((c) => c.f));
    expect(out[2]).toEqual(expected.customers.map((c) => c.m));
    expect(out[3]).toEqual(expected.customers.map((c) => c.cell));
    expect(out[4]).toEqual(expected.customers.map((c) => c.segment));
  };

  test("rfmScore(ties: 'shared'): SQL scores, cells and segments equal rfmScore's for every customer", async () => {
    const result = rfmScore(data, { ties: 'shared' });
    await check(result, result);
  });

  test("rfmScore(default ties: 'first'): SQL equals rfmScore with its thresholds as cutPoints (and reports how many cells that moves)", async () => {
    const result = rfmScore(data);
    const fixed = rfmScore(data, { cutPoints: result.thresholds });
    await check(result, fixed);
    const moved = result.customers.filter((c, i) => c.cell !== fixed.customers[i]!.cell).length;
    console.log(`online retail ties 'first': ${moved} of ${result.customers.length} customers change cell under fixed cut points`);
  });

  test("rfmScore(default ties: 'first') with scoring: 'ranks': SQL window ranks give rfmScore's own scores for every customer", async () => {
    const result = rfmScore(data);
    const con = await connect();
    const table = await loadRows(con, [...columns, { name: 'customer', type: 'DOUBLE' }], result.customers);
    const r = rfmToSql(result, { scoring: 'ranks' });
    const out = await select(con, table, [r.r, r.f, r.m, r.cell, r.segment]);
    expect(out[0]).toEqual(result.customers.map((c) => c.r));
    expect(out[1]).toEqual(result.customers.map((c) => c.f));
    expect(out[2]).toEqual(result.customers.map((c) => c.m));
    expect(out[3]).toEqual(result.customers.map((c) => c.cell));
    expect(out[4]).toEqual(result.customers.map((c) => c.segment));
  });
});
