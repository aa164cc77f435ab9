// Lifecycle on the full UCI Online Retail (T-RFM cleaning) and on CDNOW master. The expected counts
// come from test/lifecycle/lifecycle_oracle.py, an independent pandas implementation of the rule
// (run it with /usr/bin/python3 to reproduce them); recencies are checked against the T-RFM anchor.
import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { DATA_DIR, RESULTS_DIR, parseCsv, readDataText } from '../helpers/shared.js';
import { cleanOnlineRetail, loadOnlineRetail } from '../../examples/data/onlineRetail.js';
import { LIFECYCLE_STAGES, lifecycleStage, lifecycleTransitions, type LifecycleStageResult } from '../../src/lifecycle/index.js';

const counts = (r: LifecycleStageResult) => Object.fromEntries(r.stages.map((s) => [s.stage, s.customers]));

describe('lifecycle on UCI Online Retail (T-RFM cleaning)', () => {
  let orders: { customer: number[]; date: Float64Array };
  let life: LifecycleStageResult;
  beforeAll(() => {
    const clean = cleanOnlineRetail(loadOnlineRetail(join(DATA_DIR, 'online_retail.csv.gz')));
    expect(clean.kept).toBe(397_884);
    orders = { customer: clean.customer, date: clean.date };
    life = lifecycleStage(orders);
  });

  test('lifecycleStage(orders) at the default asOf 2011-12-10 matches the pandas oracle', () => {
    expect(life.asOf).toBe(Date.UTC(2011, 11, 10));
    expect(life.customers).toHaveLength(4_338);
    expect(life.thresholds).toMatchObject({ intervalSource: 'data', repeatCustomers: 2_790, atRiskDays: 118, lapsedDays: 236, formerDays: 472, newDays: 118 });
    expect(life.thresholds.intervalDays).toBeCloseTo(58.9, 12);
    expect(counts(life)).toEqual({ prospect: 0, new: 1_117, active: 1_804, reactivated: 186, atRisk: 653, lapsed: 578, former: 0 });
    expect(life.lines).toEqual({ read: 397_884, droppedLaterLines: 0, droppedMissingCustomer: 0 });
  });

  test("lifecycleStage(orders, { asOf: '2011-12-09' }) (the last day, as a day) is the default: that day's 617 lines are in", () => {
    const lastDay = Array.from(orders.date).filter((t) => t >= Date.UTC(2011, 11, 9)).length;
    expect(lastDay).toBe(617);
    expect(lifecycleStage(orders, { asOf: '2011-12-09' })).toEqual(life);
    // As an instant, midnight starting that day leaves the 617 lines after the cut: refused, or dropped and counted.
    expect(() => lifecycleStage(orders, { asOf: Date.UTC(2011, 11, 9) })).toThrow(/617 of the 397884 order lines are dated after asOf 2011-12-09T00:00:00.000Z; the first is row \d+/);
    expect(lifecycleStage(orders, { asOf: Date.UTC(2011, 11, 9), laterLines: 'drop' }).lines.droppedLaterLines).toBe(617);
  });

  test('daysSinceLast equals the T-RFM reference recency of every customer', () => {
    const rows = parseCsv(readDataText('rfm_customers.csv.gz', RESULTS_DIR)).filter((r) => r.length > 1).slice(1);
    const recency = new Map(rows.map((r) => [Number(r[0]), Number(r[1])]));
    expect(recency.size).toBe(life.customers.length);
    let sum = 0;
    for (const c of life.customers) {
      expect(c.daysSinceLast).toBe(recency.get(c.customer as number));
      sum += c.daysSinceLast!;
    }
    expect(sum).toBe(399_354);
  });

  test('invariants: one stage per customer, shares sum to 1, stage facts agree with the thresholds', () => {
    const t = life.thresholds;
    for (const c of life.customers) {
      const s = c.daysSinceLast!;
      if (c.stage === 'lapsed') expect(s >= t.lapsedDays && s < t.formerDays).toBe(true);
      else if (c.stage === 'atRisk') expect(s >= t.atRiskDays && s < t.lapsedDays).toBe(true);
      else expect(s).toBeLessThan(t.atRiskDays);
      if (c.stage === 'new') expect(c.daysSinceFirst!).toBeLessThan(t.newDays);
      if (c.stage === 'reactivated') expect(c.lastComeback).not.toBeNull();
      // with newDays = atRiskDays (the default), one-time buyers are never active
      if (c.stage === 'active' || c.stage === 'reactivated') expect(c.purchases).toBeGreaterThan(1);
    }
    expect(life.stages.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
  });

  test('lifecycleTransitions over the last quarter matches the pandas oracle', () => {
    // The oracle's cuts are the instants 2011-09-10 and 2011-12-10 00:00 UTC: the ends of these days.
    const m = lifecycleTransitions(orders, { from: '2011-09-09', to: '2011-12-09' });
    expect(lifecycleTransitions(orders, { from: Date.UTC(2011, 8, 10), to: Date.UTC(2011, 11, 10) }).counts).toEqual(m.counts);
    expect([m.from, m.to]).toEqual(['2011-09-09', '2011-12-09']);
    expect(m.stages).toEqual([...LIFECYCLE_STAGES]);
    expect(m.counts).toEqual([
      [0, 968, 0, 0, 0, 0, 0],
      [0, 149, 350, 0, 291, 0, 0],
      [0, 0, 1212, 0, 231, 0, 0],
      [0, 0, 3, 11, 3, 0, 0],
      [0, 0, 239, 87, 128, 423, 0],
      [0, 0, 0, 88, 0, 155, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(m.columnTotals).toEqual(life.stages.map((s) => s.customers));
    // Dropping the later lines drops the 968 later customers too, unless they are known (prospects).
    const known = life.customers.map((c) => c.customer);
    const before = lifecycleStage(orders, { asOf: '2011-09-09', laterLines: 'drop', knownCustomers: known, ...pick(m.thresholds) });
    expect(m.rowTotals).toEqual(before.stages.map((s) => s.customers));
  });
});

function pick(t: { atRiskDays: number; lapsedDays: number; formerDays: number; newDays: number }) {
  return { atRiskDays: t.atRiskDays, lapsedDays: t.lapsedDays, formerDays: t.formerDays, newDays: t.newDays };
}

describe('lifecycle on CDNOW master (23,570 customers, 1997-01 to 1998-06)', () => {
  test('lifecycleStage and lifecycleTransitions match the pandas oracle', () => {
    const lines = readDataText('CDNOW_master.txt.gz').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(69_659);
    const customer: number[] = [];
    const date: string[] = [];
    for (const l of lines) {
      const [id, d] = l.trim().split(/\s+/);
      customer.push(Number(id));
      date.push(`${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)}`);
    }
    const life = lifecycleStage({ customer, date });
    expect(life.asOf).toBe(Date.UTC(1998, 6, 1));
    expect(life.customers).toHaveLength(23_570);
    expect(life.thresholds).toMatchObject({ intervalDays: 82.5, repeatCustomers: 11_516, atRiskDays: 165, lapsedDays: 330, formerDays: 660, newDays: 165 });
    // everyone first bought in 1997 Q1, so nobody is new 15 months later
    expect(counts(life)).toEqual({ prospect: 0, new: 0, active: 3_803, reactivated: 1_293, atRisk: 2_661, lapsed: 15_813, former: 0 });
    // The oracle's cuts are instants (1998-04-01 and 1998-07-01 00:00 UTC), and CDNOW's lines sit at
    // midnight, so the lines of 1998-04-01 are in at from: pass the instants.
    const m = lifecycleTransitions({ customer, date }, { from: Date.UTC(1998, 3, 1), to: Date.UTC(1998, 6, 1) });
    expect(m.counts).toEqual([
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 3383, 0, 1645, 0, 0],
      [0, 0, 46, 643, 63, 0, 0],
      [0, 0, 374, 112, 953, 1439, 0],
      [0, 0, 0, 538, 0, 14374, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ]);
  });
});
