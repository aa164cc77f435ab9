// Golden text for every dialect on small models, and (when python3-sqlglot is installed) a parse
// of each dialect's output with sqlglot reading that dialect. Only DuckDB runs the SQL here.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { bgNbdToSql, designToSql, kmeansToSql, lifecycleOrdersToSql, logisticToSql, rfmOrdersToSql, rfmToSql, SQL_DIALECTS, treeToSql, type SqlDialect } from '../../src/sql/index.js';

/** A two-split tree: a categorical split (with a quote and a backslash in its categories), then numeric; missing values learnt. */
const tree = {
  kind: 'decisionTree' as const,
  version: 1 as const,
  options: { missing: 'learn' as const, unknownCategory: 'missing' as const },
  columns: [
    { name: 'select', type: 'numeric' as const, categories: null },
    { name: 'a"b`c', type: 'categorical' as const, categories: ["it's", 'plain', 'x\\y'] },
  ],
  classes: ['no', 'yes'],
  nodes: [
    { feature: 1, threshold: null, categoriesLeft: [0, 2], missingLeft: true, left: 1, right: 2, value: [0.5, 0.5] },
    { feature: 0, threshold: 0.1, categoriesLeft: null, missingLeft: true, left: 3, right: 4, value: [0.25, 0.75] },
    { feature: -1, threshold: null, categoriesLeft: null, missingLeft: null, left: -1, right: -1, value: [0.9, 0.1] },
    { feature: -1, threshold: null, categoriesLeft: null, missingLeft: null, left: -1, right: -1, value: [1 / 3, 2 / 3] },
    { feature: -1, threshold: null, categoriesLeft: null, missingLeft: null, left: -1, right: -1, value: [0, 1] },
  ],
};
const logistic = { kind: 'logistic' as const, version: 1 as const, featureNames: ['tenure', 'from'], intercept: -1.25, coefficients: [0.1, -3e-7] };
const kmeans = { kind: 'kmeans' as const, version: 1 as const, centroids: [[0, 1.5], [2, -1]] };
const rfm = {
  kind: 'rfm' as const,
  version: 1 as const,
  thresholds: { recency: [30, 90], frequency: [1, 3], monetary: [50.5, 200] },
  options: { bins: 3, segments: [{ name: "Can't lose", recency: [1, 1] as const, frequency: [3, 3] as const }, { name: 'Best', recency: [3, 3] as const }] },
};

/**
 * `plainNames` renames the column with quote characters: sqlglot 10.6 (Debian bookworm) reads
 * `"a""b"` as `"a" AS "b"` and fails on BigQuery's `\``, so the parse check uses plain names
 * (DuckDB checks the awkward ones for real in treeToSql.test.ts).
 */
function statements(dialect: SqlDialect, plainNames = false): string[] {
  const r = rfmToSql(rfm, { dialect, table: 'c' });
  const ranks = rfmToSql({ ...rfm, options: { ...rfm.options, ties: 'first' as const, cutPoints: { recency: [30, 90], frequency: null, monetary: null } } }, { dialect, scoring: 'ranks', customer: 'id' });
  const columns = plainNames ? { 'a"b`c': 'plan' } : null;
  return [
    `SELECT ${treeToSql(tree, { dialect, columns })} AS p FROM t`,
    `SELECT ${treeToSql(tree, { dialect, output: 'class', columns })} AS label FROM t`,
    `SELECT ${logisticToSql(logistic, { dialect, table: 'my table' })} AS p, ${logisticToSql(logistic, { dialect, output: 'class' })} AS label FROM t`,
    `SELECT ${kmeansToSql(kmeans, { dialect, columns: ['x', 'y'] })} AS cluster FROM t`,
    `SELECT ${r.r} AS r, ${r.f} AS f, ${r.m} AS m, ${r.cell} AS cell, ${r.segment} AS segment FROM customers AS c`,
    `SELECT ${ranks.f} AS f, ${ranks.segment} AS segment FROM customers`,
  ];
}

const bgNbd = { kind: 'bgNbd' as const, version: 1 as const, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const design = {
  kind: 'design' as const, version: 1 as const,
  columns: [{ name: 'age', type: 'numeric' as const }, { name: 'plan', type: 'categorical' as const }, { name: 'select', type: 'categorical' as const }],
  names: ['age', "plan_it's", 'plan_x\\y', 'select_yes'],
  scaler: { offset: [40.5], scale: [12.25] },
  encodings: [
    { options: { unknown: 'zeros' as const }, levels: [{ column: 'plan', all: ['basic', "it's", 'x\\y'], encoded: ["it's", 'x\\y'] }] },
    { options: { unknown: 'refuse' as const }, levels: [{ column: 'select', all: ['no', 'yes'], encoded: ['yes'] }] },
  ],
};
const designed = { kind: 'logistic' as const, version: 1 as const, featureNames: design.names, intercept: 0.5, coefficients: [0.25, -1, 2e-3, 1.5] };
const rfmSettings = { ...rfm, options: { ...rfm.options, ties: 'first' as const, frequency: 'orders' as const, monetary: 'total' as const, returns: 'exclude' as const, cutPoints: { recency: [30, 90], frequency: null, monetary: null } } };

const cuts12 = (step: number) => Array.from({ length: 11 }, (_, k) => (k + 1) * step);

/** The order-line queries and the models added with them (issue #14, part 1). */
function orderStatements(dialect: SqlDialect): string[] {
  const d = designToSql(design, { dialect });
  return [
    rfmOrdersToSql(rfmSettings, { dialect, from: ['sales', 'order lines'] }),
    rfmOrdersToSql({ ...rfmSettings, thresholds: { recency: cuts12(7), frequency: cuts12(1), monetary: cuts12(12.5) }, options: { ...rfmSettings.options, returns: 'net', monetary: 'meanOrder', frequency: 'lines', bins: 12 } }, { dialect, from: 'lines', dates: 'epochMs', asOf: '2011-12-09', scoring: 'cutPoints', columns: { quantity: 'qty', price: 'unit price' } }),
    lifecycleOrdersToSql({ atRiskDays: 118, lapsedDays: 236, formerDays: 472, newDays: 118 }, { dialect, from: 'lines', columns: { customer: 'CustomerID', date: 'InvoiceDate' } }),
    lifecycleOrdersToSql({ atRiskDays: 118, lapsedDays: 236, formerDays: 472, newDays: 118 }, { dialect, from: 'lines', dates: 'epochMs', asOf: Date.UTC(2011, 5, 30, 12) }),
    `SELECT ${bgNbdToSql(bgNbd, { dialect, table: 's' })} AS p_alive FROM summary AS s`,
    `SELECT ${logisticToSql(designed, { dialect, design })} AS p, ${logisticToSql(designed, { dialect, design, output: 'class' })} AS label FROM t`,
    `SELECT ${Object.values(d).map((e, j) => `${e} AS x${j}`).join(', ')} FROM t`,
  ];
}

describe('golden SQL per dialect', () => {
  test.each(SQL_DIALECTS.map((d) => [d]))('%s order-line queries and models match test/sql/golden/<dialect>-orders.sql', async (dialect) => {
    await expect(orderStatements(dialect).join(';\n\n') + ';\n').toMatchFileSnapshot(`golden/${dialect}-orders.sql`);
  });

  test.each(SQL_DIALECTS.map((d) => [d]))('%s output matches test/sql/golden/<dialect>.sql', async (dialect) => {
    await expect(statements(dialect).join(';\n\n') + ';\n').toMatchFileSnapshot(`golden/${dialect}.sql`);
  });
});

const probe = spawnSync('/usr/bin/python3', ['-c', 'import sqlglot'], { encoding: 'utf8' });
const hasSqlglot = probe.status === 0;

describe.skipIf(!hasSqlglot)('sqlglot parses each dialect output in that dialect', () => {
  test.each(SQL_DIALECTS.map((d) => [d]))('%s', (dialect) => {
    const script = [
      'import json, sys, sqlglot',
      'd = json.load(sys.stdin)',
      'for s in d["sql"]:',
      '    sqlglot.parse_one(s, read=d["dialect"])',
      'print("ok")',
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ dialect, sql: [...statements(dialect, true), ...orderStatements(dialect)] }), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('ok');
  });

  test('sqlglot refuses a broken statement (the check can fail)', () => {
    const run = spawnSync('/usr/bin/python3', ['-c', 'import sqlglot; sqlglot.parse_one("SELECT CASE WHEN FROM t", read="duckdb")'], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
  });
});

describe('exporters read the JSON of a model as the model', () => {
  test.each(SQL_DIALECTS.map((d) => [d]))('%s: SQL of JSON.parse(JSON.stringify(model)) is the same text', (dialect) => {
    const again = <T>(x: T): T => JSON.parse(JSON.stringify(x));
    expect(treeToSql(again(tree), { dialect })).toBe(treeToSql(tree, { dialect }));
    expect(logisticToSql(again(logistic), { dialect })).toBe(logisticToSql(logistic, { dialect }));
    expect(kmeansToSql(again(kmeans), { dialect, columns: ['x', 'y'] })).toBe(kmeansToSql(kmeans, { dialect, columns: ['x', 'y'] }));
    expect(rfmToSql(again(rfm), { dialect })).toEqual(rfmToSql(rfm, { dialect }));
    expect(rfmOrdersToSql(again(rfmSettings), { dialect, from: 't' })).toBe(rfmOrdersToSql(rfmSettings, { dialect, from: 't' }));
    expect(bgNbdToSql(again(bgNbd), { dialect })).toBe(bgNbdToSql(bgNbd, { dialect }));
    expect(logisticToSql(again(designed), { dialect, design: again(design) })).toBe(logisticToSql(designed, { dialect, design }));
  });

  test("treeToSql(model, { table: '' }) is INVALID_OPTION naming table", () => {
    expect(() => treeToSql(tree, { table: '' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', details: { option: 'table' } }));
  });
});
