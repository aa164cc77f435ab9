// lifecycleOrdersToSql on DuckDB against lifecycleStage on the same lines: the shipped Online
// Retail sample and random small histories (same-day lines, long gaps, come-backs).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cleanOnlineRetail, loadOnlineRetail } from '../../examples/data/onlineRetail.js';
import { lifecycleOrdersToSql } from '../../src/sql/index.js';
import { compareLifecycle } from './engineChecks.js';
import { describeEngines } from './engines.js';
import { NONE } from './engineChecks.js';

const DAY = 86_400_000;

describeEngines('lifecycleOrdersToSql equals lifecycleStage for every customer', (use) => {
  const clean = cleanOnlineRetail(loadOnlineRetail());
  const lines = clean.customer.map((c, i) => ({ customer: c, date: clean.date[i]! }));
  test.each([
    ['default asOf (derived thresholds)', {}, 'timestamp' as const],
    ["asOf '2011-08-31' (a day), epoch-ms dates", { asOf: '2011-08-31' }, 'epochMs' as const],
    ['an instant asOf and explicit thresholds', { asOf: Date.UTC(2011, 5, 15, 9, 30), atRiskDays: 30, lapsedDays: 60, formerDays: 120, newDays: 45 }, 'timestamp' as const],
  ])('Online Retail sample, %s', async (_, options, dates) => {
    const c = await compareLifecycle(use(), lines, options, dates);
    expect(c.customers).toBeGreaterThan(100);
    expect(c.rows).toBe(c.customers);
    expect(c.mismatches).toEqual(NONE(c.mismatches));
    expect(new Set(c.result.customers.map((x) => x.stage)).size).toBeGreaterThanOrEqual(4);
  });

  test('boundaries: a come-back exactly newDays old, days since last exactly at each threshold', async () => {
    const t = { atRiskDays: 10, lapsedDays: 20, formerDays: 40, newDays: 5 };
    const asOf = Date.UTC(2024, 6, 1);
    const at = (days: number) => asOf - days * DAY;
    const lines = [
      // come-backs 5 and 4 days before asOf after a 30-day gap: active, then reactivated
      { customer: 1, date: at(60) }, { customer: 1, date: at(35) }, { customer: 1, date: at(5) },
      { customer: 2, date: at(60) }, { customer: 2, date: at(34) }, { customer: 2, date: at(4) },
      // last line exactly 10, 20, 40 days back; first line exactly 5 days back
      { customer: 3, date: at(50) }, { customer: 3, date: at(10) },
      { customer: 4, date: at(50) }, { customer: 4, date: at(20) },
      { customer: 5, date: at(50) }, { customer: 5, date: at(40) },
      { customer: 6, date: at(5) }, { customer: 7, date: at(4) },
    ];
    const c = await compareLifecycle(use(), lines, { ...t, asOf });
    expect(c.result.customers.map((x) => x.stage)).toEqual(['active', 'reactivated', 'atRisk', 'lapsed', 'former', 'active', 'new']);
    expect(c.mismatches).toEqual(NONE(c.mismatches));
  });

  test('random histories with ties, gaps and come-backs', async () => {
    const engine = use();
    const line = fc.record({
      customer: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(null)),
      date: fc.integer({ min: 0, max: 90 }).chain((d) => fc.integer({ min: 0, max: 3 }).map((h) => Date.UTC(2024, 0, 1) + d * DAY + h * 7 * 3_600_000)),
    });
    const thresholds = fc.integer({ min: 1, max: 10 }).chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: a + 1, max: 25 })).chain(([a, l]) =>
      fc.record({ atRiskDays: fc.constant(a), lapsedDays: fc.constant(l), formerDays: fc.integer({ min: l + 1, max: 60 }), newDays: fc.integer({ min: 1, max: 30 }) })));
    await fc.assert(fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 40 }), thresholds, fc.option(fc.integer({ min: 40, max: 120 })), async (rows, t, asOfDay) => {
      if (!rows.some((r) => r.customer !== null)) return;
      const asOf = asOfDay === null ? undefined : new Date(Date.UTC(2024, 0, 1) + asOfDay * DAY).toISOString().slice(0, 10);
      if (asOf !== undefined && !rows.some((r) => r.customer !== null && r.date < Date.parse(asOf) + DAY)) return;
      const c = await compareLifecycle(engine, rows, { ...t, ...(asOf ? { asOf } : {}) });
      expect(c.rows).toBe(c.customers);
      expect(c.mismatches).toEqual(NONE(c.mismatches));
    }), { numRuns: 150, seed: 9 });
  });
});

describe('lifecycleOrdersToSql refuses what it cannot write', () => {
  const t = { atRiskDays: 20, lapsedDays: 40, formerDays: 80, newDays: 20 };
  test.each([
    ['thresholds out of order', { ...t, lapsedDays: 90 }, { from: 'x' }, 'INVALID_MODEL'],
    ['a fractional threshold', { ...t, newDays: 1.5 }, { from: 'x' }, 'INVALID_MODEL'],
    ['no thresholds', null, { from: 'x' }, 'INVALID_MODEL'],
    ['no from', t, {}, 'INVALID_OPTION'],
    ['an unknown column key', t, { from: 'x', columns: { amount: 'a' } }, 'INVALID_OPTION'],
    ['a locale asOf', t, { from: 'x', asOf: '03/04/2024' }, 'INVALID_DATE'],
  ])('%s', (_, th, options, code) => {
    expect(() => lifecycleOrdersToSql(th as never, options as never)).toThrow(expect.objectContaining({ code }));
  });
});
