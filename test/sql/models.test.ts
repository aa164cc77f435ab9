import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createRandom } from '../../src/core/random.js';
import { fitLogistic, predictLogistic, predictLogisticProba } from '../../src/linear/index.js';
import { fitKMeans, predictKMeans } from '../../src/cluster/index.js';
import { rfmScore } from '../../src/rfm/index.js';
import { kmeansToSql, logisticToSql, quoteSqlIdentifier, rfmToSql, sqlDoubleLiteral, sqlStringLiteral } from '../../src/sql/index.js';
import { describeEngines, maxAbsDiff } from './engines.js';

describeEngines('quoting', (engine) => {
  test('sqlDoubleLiteral(x) reads back as exactly x for any finite double', async () => {
    const e = engine();
    const xs = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), 300);
    xs.push(0.1, 1 / 3, 5e-324, -Number.MAX_VALUE, 2 ** 53 + 2, 1e21, 123456789.12345678);
    xs.push(-0);
    const [row] = await e.query(`SELECT ${xs.map((x) => sqlDoubleLiteral(x, e.dialect)).join(', ')}`);
    // Object.is tells -0 from 0: the sign of zero must survive on every engine.
    const wrong = xs.map((x, i) => [x, row![i]]).filter(([x, got]) => !Object.is(got, x));
    expect(wrong).toEqual([]);
  });

  test('sqlStringLiteral and quoteSqlIdentifier round-trip awkward text', async () => {
    const e = engine();
    const texts = ['select', 'a"b', "it's", 'back\\slash', 'new\nline', '`tick`', '--comment', '; DROP TABLE t; --', 'émoji 🎉'];
    // Each literal is named by its identifier, then read back by that identifier from outside.
    const inner = `SELECT ${texts.map((t) => `${sqlStringLiteral(t, e.dialect)} AS ${quoteSqlIdentifier(t, e.dialect)}`).join(', ')}`;
    const [row] = await e.query(`SELECT ${texts.map((t) => `s.${quoteSqlIdentifier(t, e.dialect)}`).join(', ')} FROM (${inner}) AS s`);
    expect(row).toEqual(texts);
  });
});

describe('quoting refusals', () => {
  test('quoting refuses NUL, empty names, non-finite numbers and unknown dialects', () => {
    expect(() => quoteSqlIdentifier('')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => sqlStringLiteral('a\u0000b')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => sqlDoubleLiteral(NaN)).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    expect(() => sqlDoubleLiteral(1, 'mysql' as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});

describeEngines('logisticToSql agrees with predictLogisticProba on every row', (engine) => {
  test('three features, one named select, with NULLs', async () => {
    const random = createRandom(11);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const row = [random() * 10, random() * 2 - 1, Math.floor(random() * 3)];
      x.push(row);
      y.push(random() < 1 / (1 + Math.exp(-(0.3 * row[0]! - 2 + row[1]! + 0.2 * row[2]!))) ? 1 : 0);
    }
    const model = fitLogistic(x, y, { featureNames: ['select', 'a"b', 'plan type'] } as never);
    const names = model.featureNames;
    const rows: Record<string, unknown>[] = x.map((r) => Object.fromEntries(names.map((n, j) => [n, r[j]])));
    rows.push({ select: null, 'a"b': 0, 'plan type': 1 });
    const e = engine();
    const table = await e.loadRows(names.map((n) => ({ name: n, type: 'DOUBLE' })), rows);
    const [p, z, cls] = await e.select(table, [logisticToSql(model, { dialect: e.dialect }), logisticToSql(model, { output: 'logit', dialect: e.dialect }), logisticToSql(model, { output: 'class', threshold: 0.3, dialect: e.dialect })]);
    expect(maxAbsDiff(p!.slice(0, 400), predictLogisticProba(model, x))).toBeLessThanOrEqual(1e-12);
    expect(cls!.slice(0, 400)).toEqual(predictLogistic(model, x, { threshold: 0.3 }));
    expect(p![400]).toBeNull();
    expect(z![400]).toBeNull();
    expect(cls![400]).toBeNull();
  });

  test('logisticToSql(model with an extreme score) stays finite (EXP never overflows)', async () => {
    const model = { kind: 'logistic' as const, version: 1 as const, featureNames: ['x'], intercept: 0, coefficients: [1] };
    const e = engine();
    const table = await e.loadRows([{ name: 'x', type: 'DOUBLE' }], [{ x: -1e6 }, { x: 1e6 }, { x: -30 }]);
    const [p] = await e.select(table, [logisticToSql(model, { dialect: e.dialect })]);
    expect(maxAbsDiff(p!, [0, 1, 1 / (1 + Math.exp(30))])).toBeLessThanOrEqual(1e-12);
  });

  test('logisticToSql(damaged model) is INVALID_MODEL', () => {
    const bad = { kind: 'logistic', version: 1, featureNames: ['x'], intercept: 0, coefficients: ['1; DROP TABLE t'] };
    expect(() => logisticToSql(bad as never)).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
  });
});

describeEngines('kmeansToSql agrees with predictKMeans on every row', (engine) => {
  test('k = 5 on 3 columns, with exact ties between centroids', async () => {
    const random = createRandom(5);
    const pts: number[][] = [];
    for (let i = 0; i < 500; i++) pts.push([random() * 10, random() * 5, Math.round(random() * 4)]);
    const model = fitKMeans(pts, { k: 5, seed: 2 });
    // Midpoints of centroid pairs are at equal distance from both: the tie goes to the lower index.
    const c = model.centroids;
    const score = [...pts, [(c[0]![0]! + c[1]![0]!) / 2, (c[0]![1]! + c[1]![1]!) / 2, (c[0]![2]! + c[1]![2]!) / 2], [0, 0, 0]];
    // A fitted 3-cluster model with its centroids set by hand, so predictKMeans accepts it.
    const tie = { ...fitKMeans(pts, { k: 3, seed: 1 }), centroids: [[1, 0, 0], [-1, 0, 0], [0, 0, 0]] };
    const cols = ['select', 'a"b', 'z'];
    const e = engine();
    const table = await e.loadRows(cols.map((n) => ({ name: n, type: 'DOUBLE' })), [...score.map((r) => ({ select: r[0], 'a"b': r[1], z: r[2] })), { select: null, 'a"b': 1, z: 1 }]);
    const [lab] = await e.select(table, [kmeansToSql(model, { columns: cols, dialect: e.dialect })]);
    expect(lab!.slice(0, score.length)).toEqual(predictKMeans(model, score));
    expect(lab![score.length]).toBeNull();
    const tieTable = await e.loadRows([{ name: 'a', type: 'DOUBLE' }, { name: 'b', type: 'DOUBLE' }, { name: 'c', type: 'DOUBLE' }], [{ a: 0, b: 5, c: 0 }, { a: 0.5, b: 0, c: 0 }]);
    const [tl] = await e.select(tieTable, [kmeansToSql(tie, { columns: ['a', 'b', 'c'], dialect: e.dialect })]);
    expect(tl).toEqual(predictKMeans(tie as never, [[0, 5, 0], [0.5, 0, 0]]));
  });

  test('kmeansToSql refuses wrong column counts and too many terms', () => {
    const m = { kind: 'kmeans' as const, version: 1 as const, centroids: [[0, 1], [2, 3]] };
    expect(() => kmeansToSql(m, { columns: ['a'] })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => kmeansToSql({ ...m, centroids: [[0, 1], [2]] }, { columns: ['a', 'b'] })).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
    expect(() => kmeansToSql(m, { columns: [] })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => kmeansToSql(m, { columns: ['a', 'b'], maxTerms: 2 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });
});

describeEngines('rfmToSql reproduces rfmScore', (engine) => {
  function orders(seed: number, n: number) {
    const random = createRandom(seed);
    const lines = [];
    for (let i = 0; i < n; i++) {
      const day = 1 + Math.floor(random() * 300);
      lines.push({ customer: `c${Math.floor(random() * 120)}`, date: Date.UTC(2024, 0, day), amount: Math.round(random() * 20000) / 100, orderId: i });
    }
    return lines;
  }
  const expressions = (r: ReturnType<typeof rfmToSql>) => [r.r, r.f, r.m, r.cell, r.segment];

  test.each([
    ['ties shared', { ties: 'shared' }],
    ['fixed cut points', { cutPoints: { recency: [10, 30, 60, 120], frequency: [2, 3, 5, 8], monetary: [100, 300, 600, 1000] } }],
    ['10 bins, ties shared, own segments', { bins: 10, ties: 'shared', segments: [{ name: "Top 'M'", monetary: [9, 10] }, { name: 'Recent', recency: [6, 10], frequency: [3, 10] }] }],
  ])('%s: every customer gets the same r, f, m, cell and segment', async (_, opts) => {
    const result = rfmScore(orders(1, 1500), { orderId: 'orderId', ...opts } as never);
    const e = engine();
    const table = await e.loadRows([{ name: 'recency', type: 'DOUBLE' }, { name: 'frequency', type: 'DOUBLE' }, { name: 'monetary', type: 'DOUBLE' }], [...result.customers, { recency: 3, frequency: null, monetary: 10 }]);
    const out = await e.select(table, expressions(rfmToSql(result, { dialect: e.dialect })));
    // A NULL metric: NULL scores, cell and segment (the r score is still defined).
    expect(out.map((col) => col.pop())).toEqual([expect.any(Number), null, expect.any(Number), null, null]);
    expect(out[0]).toEqual(result.customers.map((c) => c.r));
    expect(out[1]).toEqual(result.customers.map((c) => c.f));
    expect(out[2]).toEqual(result.customers.map((c) => c.m));
    expect(out[3]).toEqual(result.customers.map((c) => c.cell));
    expect(out[4]).toEqual(result.customers.map((c) => c.segment));
  });

  test("ties first: the SQL scores equal rfmScore with the thresholds as cutPoints", async () => {
    const lines = orders(2, 1500);
    const result = rfmScore(lines, { orderId: 'orderId' });
    const again = rfmScore(lines, { orderId: 'orderId', cutPoints: result.thresholds });
    const e = engine();
    const table = await e.loadRows([{ name: 'rec', type: 'DOUBLE' }, { name: 'frequency', type: 'DOUBLE' }, { name: 'monetary', type: 'DOUBLE' }], result.customers.map((c) => ({ ...c, rec: c.recency })));
    const out = await e.select(table, expressions(rfmToSql(result, { columns: { recency: 'rec' }, dialect: e.dialect })));
    expect(out[3]).toEqual(again.customers.map((c) => c.cell));
    expect(out[4]).toEqual(again.customers.map((c) => c.segment));
  });

  test.each([[5], [3], [7]])("ties first, scoring: 'ranks', %i bins: SQL window ranks give rfmScore's own scores (string ids, heavy ties)", async (bins) => {
    const segments = [{ name: 'Top', recency: [bins, bins] as [number, number], frequency: [bins - 1, bins] as [number, number] }, { name: 'Low M', monetary: [1, 1] as [number, number] }];
    const result = rfmScore(orders(4, 900), { orderId: 'orderId', bins, segments });
    const e = engine();
    const table = await e.loadRows([{ name: 'recency', type: 'DOUBLE' }, { name: 'frequency', type: 'DOUBLE' }, { name: 'monetary', type: 'DOUBLE' }, { name: 'id', type: 'VARCHAR' }], result.customers.map((c) => ({ ...c, id: c.customer })));
    const out = await e.select(table, expressions(rfmToSql(result, { scoring: 'ranks', customer: 'id', dialect: e.dialect })));
    expect(out[0]).toEqual(result.customers.map((c) => c.r));
    expect(out[1]).toEqual(result.customers.map((c) => c.f));
    expect(out[2]).toEqual(result.customers.map((c) => c.m));
    expect(out[3]).toEqual(result.customers.map((c) => c.cell));
    expect(out[4]).toEqual(result.customers.map((c) => c.segment));
  });

  test('rfmToSql(damaged thresholds) is INVALID_MODEL', () => {
    const result = JSON.parse(JSON.stringify(rfmScore(orders(3, 200), { orderId: 'orderId' })));
    result.thresholds.recency = [5, 3, 7, 9];
    expect(() => rfmToSql(result)).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
  });
});

describe('kmeansToSql columns default', () => {
  test('a version 2 model scores by its featureNames; a version 1 model still needs columns', () => {
    const rows = [{ spend: 1, visits: 2 }, { spend: 9, visits: 1 }, { spend: 2, visits: 3 }, { spend: 8, visits: 0 }];
    const model = fitKMeans(rows, { k: 2, columns: ['spend', 'visits'], seed: 1 });
    expect(model.featureNames).toEqual(['spend', 'visits']);
    expect(kmeansToSql(model)).toBe(kmeansToSql(model, { columns: ['spend', 'visits'] }));
    expect(kmeansToSql(model, { columns: ['a', 'b'] })).toContain('"a"');
    const v1 = { kind: 'kmeans' as const, version: 1 as const, centroids: model.centroids };
    expect(() => kmeansToSql(v1)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => kmeansToSql({ ...model, featureNames: [] } as never)).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
  });
});
