// rfmOrdersToSql on DuckDB against rfmScore on the same lines: the shipped Online Retail sample
// (cancellations, lines without a customer, zero prices) and random small tables full of ties.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { loadOnlineRetail } from '../../examples/data/onlineRetail.js';
import { rfmOrdersToSql } from '../../src/sql/index.js';
import { compareRfmOrders, NONE, type OrderLine } from './engineChecks.js';
import { connect, loadRows, query } from './duck.js';
import { describeEngines } from './engines.js';
import { rfmScore } from '../../src/rfm/index.js';
import { lifecycleOrdersToSql } from '../../src/sql/index.js';
import { lifecycleStage } from '../../src/lifecycle/index.js';

const DAY = 86_400_000;

function sampleLines(): OrderLine[] {
  const raw = loadOnlineRetail();
  return raw.invoiceNo.map((inv, i) => ({
    customer: raw.customerId[i]!,
    orderId: inv,
    date: raw.invoiceDate[i]!,
    amount: raw.quantity[i]! * raw.unitPrice[i]!,
    quantity: raw.quantity[i]!,
    price: raw.unitPrice[i]!,
  }));
}

describeEngines('rfmOrdersToSql on the Online Retail sample equals rfmScore for every customer', (use) => {
  const lines = sampleLines();
  test.each([
    ['defaults (orders, total, exclude)', {}, {}],
    ["returns: 'net', monetary: 'meanOrder'", { returns: 'net' as const, monetary: 'meanOrder' as const }, {}],
    ["frequency: 'lines', bins 3, asOf a day", { frequency: 'lines' as const, bins: 3, asOf: '2011-06-30', segments: [{ name: 'Top', recency: [3, 3] as [number, number], monetary: [2, 3] as [number, number] }] }, {}],
    ['quantity * price columns, an instant asOf', { asOf: Date.UTC(2011, 8, 1, 12) }, { columns: { quantity: 'quantity', price: 'price' } }],
    ['epoch-ms dates', {}, { dates: 'epochMs' as const }],
  ])('%s', async (_, rfmOptions, sqlOptions) => {
    const engine = use();
    const c = await compareRfmOrders(engine, lines, rfmOptions, sqlOptions);
    expect(c.customers).toBeGreaterThan(100);
    expect(c.rows).toBe(c.customers);
    expect(c.mismatches).toEqual(NONE(c.mismatches));
  });

  test("scoring: 'cutPoints' scores by the result's thresholds (rfmScore with them as cutPoints)", async () => {
    const engine = use();
    const first = await compareRfmOrders(engine, lines);
    const t = first.result.thresholds;
    const c = await compareRfmOrders(engine, lines, { cutPoints: t }, { scoring: 'cutPoints' });
    expect(c.mismatches).toEqual(NONE(c.mismatches));
  });
});

describeEngines('rfmOrdersToSql on random small order tables with many ties', (use) => {
  const line = fc.record({
    customer: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(null)),
    orderId: fc.integer({ min: 1, max: 15 }).map(String),
    date: fc.integer({ min: 0, max: 40 }).map((d) => Date.UTC(2024, 0, 1) + d * DAY + (d % 3) * 3_600_000),
    amount: fc.oneof(fc.constantFrom(0, 5, 10, 10, 20), fc.integer({ min: -5, max: 30 })),
  });
  const options = fc.record({
    bins: fc.integer({ min: 1, max: 6 }),
    frequency: fc.constantFrom('orders' as const, 'lines' as const),
    monetary: fc.constantFrom('total' as const, 'meanOrder' as const),
    returns: fc.constantFrom('exclude' as const, 'net' as const),
  });
  test('every r, f, m, cell and segment equal', async () => {
    const engine = use();
    await fc.assert(fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 40 }), options, fc.boolean(), async (lines, o, stringIds) => {
      if (!lines.some((l) => l.customer !== null && l.amount >= 0)) return;
      const rows = stringIds ? lines.map((l) => ({ ...l, customer: l.customer === null ? null : `c${String(l.customer).padStart(2, '0')}` })) : lines;
      const segments = [{ name: 'Top', recency: [o.bins, o.bins] as [number, number] }, { name: 'Low', frequency: [1, 1] as [number, number] }];
      const c = await compareRfmOrders(engine, rows, { ...o, segments }, {}, stringIds ? 'VARCHAR' : 'DOUBLE');
      expect(c.rows).toBe(c.customers);
      expect(c.mismatches).toEqual(NONE(c.mismatches));
    }), { numRuns: 60, seed: 14 });
  });
});

describe('awkward names: a table called lines and columns called select, a"b, from, order', () => {
  test('rfmOrdersToSql and lifecycleOrdersToSql read them quoted and agree with the JS functions', async () => {
    const con = await connect();
    const lines = sampleLines().filter((l) => l.customer !== null).slice(0, 3000);
    const t = await loadRows(con, [{ name: 'customer', type: 'DOUBLE' }, { name: 'orderId', type: 'VARCHAR' }, { name: 'date', type: 'TIMESTAMP' }, { name: 'amount', type: 'DOUBLE' }], lines);
    await con.run(`CREATE OR REPLACE VIEW "lines" AS SELECT "customer" AS "select", "orderId" AS "order", "date" AS "a""b", "amount" AS "from" FROM ${t}`);
    const result = rfmScore(lines, { orderId: 'orderId' });
    const columns = { customer: 'select', orderId: 'order', date: 'a"b', amount: 'from' };
    const rows = await query(con, rfmOrdersToSql(result, { from: 'lines', columns }));
    expect(rows.map((r) => [r.customer, r.cell, r.segment])).toEqual(result.customers.map((c) => [c.customer, c.cell, c.segment]));
    const life = lifecycleStage(lines);
    const stages = await query(con, lifecycleOrdersToSql(life.thresholds, { from: 'lines', columns: { customer: 'select', date: 'a"b' } }));
    expect(stages.map((r) => r.stage)).toEqual(life.customers.map((c) => c.stage));
  });
});

describe('rfmOrdersToSql refuses what it cannot write', () => {
  const settings = { kind: 'rfm' as const, version: 1 as const, thresholds: { recency: [10], frequency: [1], monetary: [5] }, options: { bins: 2, frequency: 'orders' as const, monetary: 'total' as const, returns: 'exclude' as const, ties: 'first' as const, segments: [] } };
  test.each([
    ['no from', {}, 'INVALID_OPTION'],
    ['an unknown column key', { from: 't', columns: { custmer: 'id' } }, 'INVALID_OPTION'],
    ['quantity without price', { from: 't', columns: { quantity: 'q' } }, 'INVALID_OPTION'],
    ['a bad dates option', { from: 't', dates: 'seconds' }, 'INVALID_OPTION'],
    ['a locale asOf', { from: 't', asOf: '12/9/2011' }, 'INVALID_DATE'],
    ['an unknown option', { from: 't', bins: 3 }, 'INVALID_OPTION'],
  ])('%s', (_, options, code) => {
    expect(() => rfmOrdersToSql(settings, options as never)).toThrow(expect.objectContaining({ code }));
  });
  test("ranks of a ties: 'shared' result are refused; its cut points are not", () => {
    const shared = { ...settings, options: { ...settings.options, ties: 'shared' as const } };
    expect(() => rfmOrdersToSql(shared, { from: 't' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', details: { option: 'scoring' } }));
    expect(rfmOrdersToSql(shared, { from: 't', scoring: 'cutPoints' })).toContain('<= CAST(1e+1 AS DOUBLE) THEN 2');
  });
  test('a damaged result is INVALID_MODEL', () => {
    expect(() => rfmOrdersToSql({ ...settings, options: { ...settings.options, monetary: 'mean' } } as never, { from: 't' })).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
  });
});
