// Real order lines aggregated by the engine: rfmOrdersToSql and lifecycleOrdersToSql on UCI Online
// Retail (raw, with cancellations and lines without a customer, and T-RFM cleaned) and CDNOW master,
// compared with rfmScore and lifecycleStage on the same lines for every customer. The checks are engine-neutral (engineChecks.ts).
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cleanOnlineRetail, loadOnlineRetail } from '../../examples/data/onlineRetail.js';
import { DATA_DIR } from '../helpers/shared.js';
import { readCdnowOrders } from '../clv/cdnow.js';
import { compareLifecycle, compareRfmOrders, NONE, type OrderLine } from './engineChecks.js';
import { rfmOrdersToSql } from '../../src/sql/index.js';
import { describeEngines } from './engines.js';
import type { SqlEngine } from './duck.js';

const raw = loadOnlineRetail(join(DATA_DIR, 'online_retail.csv.gz'));
const rawLines: OrderLine[] = raw.invoiceNo.map((inv, i) => ({
  customer: raw.customerId[i]!, orderId: inv, date: raw.invoiceDate[i]!, amount: raw.quantity[i]! * raw.unitPrice[i]!,
  quantity: raw.quantity[i]!, price: raw.unitPrice[i]!,
}));
const clean = cleanOnlineRetail(raw);
const cleanLines: OrderLine[] = clean.customer.map((c, i) => ({ customer: c, orderId: clean.orderId[i]!, date: clean.date[i]!, amount: clean.amount[i]! }));
const cdnow = readCdnowOrders('CDNOW_master.txt.gz');
const cdnowLines: OrderLine[] = cdnow.customer.map((c, i) => ({ customer: c, orderId: `${c}-${cdnow.date[i]}`, date: Date.parse(`${cdnow.date[i]}T00:00Z`), amount: cdnow.amount[i]! }));

async function expectEqual(engine: SqlEngine, name: string, lines: OrderLine[], rfmOptions = {}, sqlOptions = {}, customers?: number) {
  const t0 = performance.now();
  const c = await compareRfmOrders(engine, lines, rfmOptions, sqlOptions);
  if (customers !== undefined) expect(c.customers).toBe(customers);
  expect(c.rows).toBe(c.customers);
  expect(c.mismatches).toEqual(NONE(c.mismatches));
  console.log(`${name}: ${lines.length} lines, ${c.customers} customers, every field equal; max monetary |SQL - JS| / max(1, |JS|) ${c.monetaryDiff.toExponential(1)} (${Math.round(performance.now() - t0)} ms)`);
}

describeEngines('rfmOrdersToSql on UCI Online Retail', (engine) => {
  test('T-RFM cleaned lines (397,884): every customer of 4,338 equal, default settings', async () => {
    await expectEqual(engine(), 'online retail clean', cleanLines, {}, {}, 4_338);
  });
  test('SQL NTILE is not the rule: over the same metrics it scores some customers differently (the check can fail)', async () => {
    const e = engine();
    const c = await compareRfmOrders(e, cleanLines);
    const table = await e.load([{ name: 'customer', type: 'DOUBLE' }, { name: 'orderId', type: 'VARCHAR' }, { name: 'date', type: 'TIMESTAMP' }, { name: 'amount', type: 'DOUBLE' }], cleanLines);
    const nt = (x: string) => `NTILE(5) OVER (ORDER BY "${x}", "customer")`;
    const rows = await e.run(`SELECT "customer", 6 - ${nt('recency')} AS "r", ${nt('frequency')} AS "f", ${nt('monetary')} AS "m" FROM (${rfmOrdersToSql(c.result, { from: table, dialect: e.dialect })}) AS "q" ORDER BY "customer"`);
    const differ = rows.filter((r, i) => { const js = c.result.customers[i]!; return r.r !== js.r || r.f !== js.f || r.m !== js.m; }).length;
    console.log(`NTILE(5) instead of the qcut-of-ranks bins: ${differ} of ${rows.length} customers score differently`);
    expect(differ).toBeGreaterThan(0);
  });

  test("raw lines (541,909), cancellations excluded, quantity * price columns", async () => {
    await expectEqual(engine(), 'online retail raw exclude', rawLines, {}, { columns: { quantity: 'quantity', price: 'price' } });
  });
  test("raw lines, returns: 'net', monetary: 'meanOrder', asOf '2011-09-30'", async () => {
    await expectEqual(engine(), 'online retail raw net', rawLines, { returns: 'net', monetary: 'meanOrder', asOf: '2011-09-30' });
  });
});

describeEngines('rfmOrdersToSql on CDNOW master', (engine) => {
  test('69,659 lines, 23,570 customers: orders = purchase days, and lines; deciles', async () => {
    const e = engine();
    await expectEqual(e, 'cdnow orders', cdnowLines, {}, {}, 23_570);
    await expectEqual(e, 'cdnow lines, 10 bins', cdnowLines, { frequency: 'lines', bins: 10, segments: [{ name: 'Top', recency: [9, 10], frequency: [9, 10] }] }, {}, 23_570);
  });
});

describeEngines('lifecycleOrdersToSql', (engine) => {
  const stageCounts = (stages: unknown[]) => stages.reduce<Record<string, number>>((acc, s) => ({ ...acc, [String(s)]: (acc[String(s)] ?? 0) + 1 }), {});
  test('Online Retail T-RFM (4,338 customers): every stage and fact equal; counts are the pandas oracle\'s', async () => {
    const c = await compareLifecycle(engine(), cleanLines.map((l) => ({ customer: l.customer, date: l.date })));
    expect(c.customers).toBe(4_338);
    expect(c.mismatches).toEqual(NONE(c.mismatches));
    // test/lifecycle/lifecycle.data.test.ts: lifecycle_oracle.py's counts
    expect(stageCounts(c.result.customers.map((x) => x.stage))).toEqual({ new: 1_117, active: 1_804, reactivated: 186, atRisk: 653, lapsed: 578 });
  });
  test("Online Retail at asOf '2011-06-30' (later lines left out) and CDNOW master (23,570)", async () => {
    const e = engine();
    const early = await compareLifecycle(e, cleanLines.map((l) => ({ customer: l.customer, date: l.date })), { asOf: '2011-06-30' }, 'epochMs');
    expect(early.mismatches).toEqual(NONE(early.mismatches));
    const c = await compareLifecycle(e, cdnowLines.map((l) => ({ customer: l.customer, date: l.date })));
    expect(c.customers).toBe(23_570);
    expect(c.mismatches).toEqual(NONE(c.mismatches));
    expect(stageCounts(c.result.customers.map((x) => x.stage))).toEqual({ active: 3_803, reactivated: 1_293, atRisk: 2_661, lapsed: 15_813 });
    console.log(`lifecycle: online retail ${early.customers} customers at 2011-06-30, cdnow ${c.customers}: every stage equal`);
  });
});
