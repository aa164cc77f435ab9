// Real data: models fitted in JS on Telco churn, bank marketing, Online Retail and CDNOW, scored in
// DuckDB and in PostgreSQL by the exported SQL, compared with the JS predictions on every row.
// The models are fitted once and shared by both engines; each engine loads its own tables.
import { expect, test } from 'vitest';
import { fitDecisionTree, fitRegressionTree, predictDecisionTree, predictDecisionTreeProba, predictRegressionTree } from '../../src/tree/index.js';
import { fitLogistic, predictLogistic, predictLogisticProba } from '../../src/linear/index.js';
import { fitKMeans, predictKMeans } from '../../src/cluster/index.js';
import { rfmScore, type RfmResult } from '../../src/rfm/index.js';
import { kmeansToSql, logisticToSql, rfmToSql, treeToSql } from '../../src/sql/index.js';
import { loadCleanOnlineRetail } from '../rfm/onlineRetail.js';
import { readCdnowOrders } from '../clv/cdnow.js';
import { loadTreeDataset } from '../tree/load.js';
import { describeEngines, maxAbsDiff, type Column, type Engine } from './engines.js';

/** A value computed on first use and kept (the fits are shared by the engines' describes). */
function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) { value = f(); done = true; }
    return value;
  };
}

const telco = once(() => loadTreeDataset('telco', { blankAsNull: true }));
const bank = once(() => loadTreeDataset('bank'));
const typedColumns = (columns: readonly { name: string; type: string }[]): Column[] => columns.map((c) => ({ name: c.name, type: c.type === 'numeric' ? 'DOUBLE' : 'VARCHAR' }));
const telcoTree = new Map<string, ReturnType<typeof fitDecisionTree>>();
const telcoTreeOf = (maxDepth: number | null) => {
  const key = String(maxDepth);
  if (!telcoTree.has(key)) {
    const ds = telco();
    const trainRows = ds.train.map((i) => ds.rows[i]!);
    const trainY = ds.train.map((i) => (ds.y[i] === 1 ? 'Yes' : 'No'));
    telcoTree.set(key, fitDecisionTree(trainRows, trainY, { columns: ds.columns, missing: 'learn', maxDepth, minSamplesLeaf: maxDepth === null ? 1 : 5 }));
  }
  return telcoTree.get(key)!;
};
const telcoRegression = once(() => {
  const ds = telco();
  const columns = ds.columns.filter((c) => c.name !== 'MonthlyCharges');
  return fitRegressionTree(ds.rows, ds.rows.map((r) => r.MonthlyCharges as number), { columns, missing: 'learn', maxDepth: 10 });
});
const telcoDesign = once(() => {
  const ds = telco();
  const x = ds.oneHot.map((r) => r.map((v) => (Number.isFinite(v) ? v : 0)));
  return { x, model: fitLogistic(x, ds.y, { featureNames: ds.oneHotNames, lambda: 1 }), rows: x.map((r) => Object.fromEntries(ds.oneHotNames.map((n, j) => [n, r[j]]))) };
});
const telcoKMeans = once(() => {
  const pts = telco().rows.map((r) => [r.tenure as number, r.MonthlyCharges as number, (r.TotalCharges as number | null) ?? 0]);
  return { pts, model: fitKMeans(pts, { k: 6, seed: 1 }) };
});
const bankLogistic = once(() => {
  const ds = bank();
  return { model: fitLogistic(ds.oneHot, ds.y, { featureNames: ds.oneHotNames, lambda: 1 }), rows: ds.oneHot.map((r) => Object.fromEntries(ds.oneHotNames.map((n, j) => [n, r[j]]))) };
});
const bankTree = once(() => fitDecisionTree(bank().rows, bank().y, { columns: bank().columns, maxDepth: 8 }));

describeEngines('Telco churn (7043 rows)', (engine) => {
  test.each([[6], [null]])("fitDecisionTree(missing: 'learn', maxDepth %s): SQL probability and class equal the JS ones on all rows", async (maxDepth) => {
    const ds = telco();
    const model = telcoTreeOf(maxDepth);
    const e = engine();
    const table = await e.loadRows(typedColumns(ds.columns), ds.rows);
    const sql = treeToSql(model, { positiveClass: 'Yes', dialect: e.dialect });
    const [p, cls] = await e.select(table, [sql, treeToSql(model, { output: 'class', dialect: e.dialect })]);
    const proba = predictDecisionTreeProba(model, ds.rows).map((r) => r[model.classes.indexOf('Yes')]!);
    expect(p!.length).toBe(7043);
    expect(maxAbsDiff(p!, proba)).toBeLessThanOrEqual(1e-12);
    expect(cls).toEqual(predictDecisionTree(model, ds.rows));
    console.log(`${e.name} telco tree maxDepth ${maxDepth}: ${model.nodes.length} nodes, depth ${model.depth}, SQL ${sql.length} chars, max |SQL - JS| ${maxAbsDiff(p!, proba)}`);
  });

  test('fitRegressionTree(MonthlyCharges from the rest): SQL value equals the JS one on all rows', async () => {
    const ds = telco();
    const model = telcoRegression();
    const e = engine();
    const table = await e.loadRows(typedColumns(ds.columns), ds.rows);
    const [v] = await e.select(table, [treeToSql(model, { dialect: e.dialect })]);
    expect(maxAbsDiff(v!, predictRegressionTree(model, ds.rows))).toBeLessThanOrEqual(1e-12);
  });

  test('fitLogistic(one-hot design): SQL probability equals predictLogisticProba on all rows', async () => {
    const ds = telco();
    const { x, model, rows } = telcoDesign();
    const e = engine();
    const table = await e.loadRows(ds.oneHotNames.map((n) => ({ name: n, type: 'DOUBLE' })), rows);
    const [p, cls] = await e.select(table, [logisticToSql(model, { dialect: e.dialect }), logisticToSql(model, { output: 'class', dialect: e.dialect })]);
    const diff = maxAbsDiff(p!, predictLogisticProba(model, x));
    expect(diff).toBeLessThanOrEqual(1e-12);
    expect(cls).toEqual(predictLogistic(model, x));
    console.log(`${e.name} telco logistic: ${model.featureNames.length} features, max |SQL - JS| ${diff}`);
  });

  test('fitKMeans(k = 6, tenure and charges): SQL cluster equals predictKMeans on all rows', async () => {
    const { pts, model } = telcoKMeans();
    const e = engine();
    const table = await e.loadRows([{ name: 'a', type: 'DOUBLE' }, { name: 'b', type: 'DOUBLE' }, { name: 'c', type: 'DOUBLE' }], pts.map(([a, b, c]) => ({ a, b, c })));
    const [lab] = await e.select(table, [kmeansToSql(model, { columns: ['a', 'b', 'c'], dialect: e.dialect })]);
    expect(lab).toEqual(predictKMeans(model, pts));
  });
});

describeEngines('bank marketing (45211 rows)', (engine) => {
  test('fitLogistic(one-hot design): SQL probability equals predictLogisticProba on all rows', async () => {
    const ds = bank();
    const { model, rows } = bankLogistic();
    const e = engine();
    const table = await e.loadRows(ds.oneHotNames.map((n) => ({ name: n, type: 'DOUBLE' })), rows);
    const [p] = await e.select(table, [logisticToSql(model, { dialect: e.dialect })]);
    const diff = maxAbsDiff(p!, predictLogisticProba(model, ds.oneHot));
    expect(p!.length).toBe(45211);
    expect(diff).toBeLessThanOrEqual(1e-12);
    console.log(`${e.name} bank logistic: ${model.featureNames.length} features, max |SQL - JS| ${diff}`);
  });

  test('fitDecisionTree(native categories, maxDepth 8): SQL equals JS on all rows', async () => {
    const ds = bank();
    const model = bankTree();
    const e = engine();
    const table = await e.loadRows(typedColumns(ds.columns), ds.rows);
    const [p, cls] = await e.select(table, [treeToSql(model, { positiveClass: 1, dialect: e.dialect }), treeToSql(model, { output: 'class', dialect: e.dialect })]);
    expect(maxAbsDiff(p!, predictDecisionTreeProba(model, ds.rows).map((r) => r[1]!))).toBeLessThanOrEqual(1e-12);
    expect(cls).toEqual(predictDecisionTree(model, ds.rows));
  });
});

/** Per-customer metrics in a table; every r, f, m, cell and segment of the SQL equals `expected`. */
async function checkRfm(e: Engine, result: RfmResult, expected: RfmResult, options: Parameters<typeof rfmToSql>[1] = {}): Promise<void> {
  const numericIds = result.customers.every((c) => typeof c.customer === 'number');
  const columns: Column[] = [{ name: 'recency', type: 'DOUBLE' }, { name: 'frequency', type: 'DOUBLE' }, { name: 'monetary', type: 'DOUBLE' }, { name: 'customer', type: numericIds ? 'DOUBLE' : 'VARCHAR' }];
  const table = await e.loadRows(columns, result.customers);
  const r = rfmToSql(result, { ...options, dialect: e.dialect });
  const out = await e.select(table, [r.r, r.f, r.m, r.cell, r.segment]);
  expect(out[0]).toEqual(expected.customers.map((c) => c.r));
  expect(out[1]).toEqual(expected.customers.map((c) => c.f));
  expect(out[2]).toEqual(expected.customers.map((c) => c.m));
  expect(out[3]).toEqual(expected.customers.map((c) => c.cell));
  expect(out[4]).toEqual(expected.customers.map((c) => c.segment));
}

const retail = once(() => loadCleanOnlineRetail());
const retailShared = once(() => rfmScore(retail(), { ties: 'shared' }));
const retailFirst = once(() => rfmScore(retail()));

describeEngines('UCI Online Retail RFM (4338 customers)', (engine) => {
  test("rfmScore(ties: 'shared'): SQL scores, cells and segments equal rfmScore's for every customer", async () => {
    await checkRfm(engine(), retailShared(), retailShared());
  });

  test("rfmScore(default ties: 'first'): SQL equals rfmScore with its thresholds as cutPoints (and reports how many cells that moves)", async () => {
    const result = retailFirst();
    const fixed = rfmScore(retail(), { cutPoints: result.thresholds });
    await checkRfm(engine(), result, fixed);
    const moved = result.customers.filter((c, i) => c.cell !== fixed.customers[i]!.cell).length;
    console.log(`online retail ties 'first': ${moved} of ${result.customers.length} customers change cell under fixed cut points`);
  });

  test("rfmScore(default ties: 'first') with scoring: 'ranks': SQL window ranks give rfmScore's own scores for every customer", async () => {
    await checkRfm(engine(), retailFirst(), retailFirst(), { scoring: 'ranks' });
  });
});

// CDNOW master: 69,659 lines of 23,570 customers, dates only (many customers tie on a day).
const cdnow = once(() => {
  const o = readCdnowOrders('CDNOW_master.txt.gz');
  return { customer: Int32Array.from(o.customer), date: Float64Array.from(o.date, (d) => Date.parse(`${d}T00:00:00Z`)), amount: Float64Array.from(o.amount) };
});
// Lines of $0 are in the file (free items); rfmScore keeps them as purchases.
const cdnowShared = once(() => rfmScore(cdnow(), { ties: 'shared', asOf: '1998-06-30' }));
const cdnowFirst = once(() => rfmScore(cdnow(), { asOf: '1998-06-30' }));

describeEngines('CDNOW master RFM (23570 customers)', (engine) => {
  test("rfmScore(ties: 'shared'): SQL equals rfmScore for every customer", async () => {
    expect(cdnowShared().customers.length).toBe(23570);
    await checkRfm(engine(), cdnowShared(), cdnowShared());
  });

  test("rfmScore(default ties: 'first') with scoring: 'ranks': SQL equals rfmScore for every customer", async () => {
    await checkRfm(engine(), cdnowFirst(), cdnowFirst(), { scoring: 'ranks' });
  });

  test("rfmScore(default ties: 'first') with scoring: 'cutPoints': SQL equals rfmScore with the thresholds as cutPoints", async () => {
    await checkRfm(engine(), cdnowFirst(), rfmScore(cdnow(), { asOf: '1998-06-30', cutPoints: cdnowFirst().thresholds }));
  });
});
