// One rule for cut dates in every module (docs/dates.md, friction 4 of the new-user trial): a day
// covers the whole day and is measured from its end; an instant is that instant; lines after the
// cut are refused, or dropped and counted with laterLines: 'drop'.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CrmError } from '../../src/core/errors.js';
import { rfmScore } from '../../src/rfm/index.js';
import { lifecycleStage, lifecycleTransitions } from '../../src/lifecycle/index.js';
import { summarizeTransactions } from '../../src/clv/index.js';

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

function errorOf(f: () => unknown): CrmError {
  try { f(); } catch (e) { if (e instanceof CrmError) return e; throw e; }
  throw new Error('did not throw');
}

// The last day has a line after midnight, as 2011-12-09 12:50 in Online Retail.
const lines = [
  { customer: 'a', date: '2024-01-01T09:00:00Z', amount: 5 },
  { customer: 'b', date: '2024-01-03T10:00:00Z', amount: 7 },
  { customer: 'a', date: '2024-01-05T11:00:00Z', amount: 2 },
  { customer: 'c', date: '2024-01-10T12:50:00Z', amount: 3 },
];

describe('a cut given as a day', () => {
  test("rfmScore(orders, { asOf: '2024-01-10' }) takes that day's lines and measures from 2024-01-11 00:00 (friction 4)", () => {
    const r = rfmScore(lines, { asOf: '2024-01-10' });
    expect(r.asOf).toBe(Date.UTC(2024, 0, 11));
    expect(r).toEqual(rfmScore(lines)); // the default asOf is the day of the latest line
    expect(r.customers.map((c) => [c.customer, c.recency])).toEqual([['a', 5], ['b', 7], ['c', 0]]);
  });

  test("lifecycleStage(orders, { asOf: '2024-01-10' }) keeps that day's lines: c is new, not a prospect (friction 4)", () => {
    const r = lifecycleStage(lines, { asOf: '2024-01-10', intervalDays: 4 });
    expect(r.asOf).toBe(Date.UTC(2024, 0, 11));
    expect(r.customers.find((c) => c.customer === 'c')!.stage).toBe('new');
    expect(r.lines).toEqual({ read: 4, droppedLaterLines: 0, droppedMissingCustomer: 0 });
  });

  test("summarizeTransactions(orders, { calibrationEnd: '2024-01-10' }) takes that day, T to that day (lifetimes)", () => {
    const s = summarizeTransactions(lines, { calibrationEnd: '2024-01-10', timeUnit: 'days' });
    expect(s.customers).toEqual(['a', 'b', 'c']);
    expect(s.T).toEqual([9, 7, 0]);
    expect([s.calibrationEnd, s.observationEnd]).toEqual(['2024-01-10', '2024-01-10']);
  });

  test('lifecycleTransitions labels day cuts as given', () => {
    const m = lifecycleTransitions(lines, { from: '2024-01-05', to: '2024-01-10', intervalDays: 4 });
    expect([m.from, m.to]).toEqual(['2024-01-05', '2024-01-10']);
    expect(m.counts[m.stages.indexOf('prospect')]![m.stages.indexOf('new')]).toBe(1); // c
  });
});

describe('lines after the cut', () => {
  test('every module refuses them by default with INVALID_ORDER naming the first, its date, the count and laterLines', () => {
    const cases: [string, () => unknown][] = [
      ['asOf', () => rfmScore(lines, { asOf: '2024-01-04' })],
      ['asOf', () => lifecycleStage(lines, { asOf: '2024-01-04', intervalDays: 4 })],
      ['to', () => lifecycleTransitions(lines, { from: '2024-01-02', to: '2024-01-04', intervalDays: 4 })],
      ['observationEnd', () => summarizeTransactions(lines, { calibrationEnd: '2024-01-02', observationEnd: '2024-01-04' })],
    ];
    for (const [name, f] of cases) {
      const e = errorOf(f);
      expect(e.code).toBe('INVALID_ORDER');
      expect(e.message).toContain(`2 of the 4 order lines are dated after ${name} '2024-01-04' (the whole day, up to 2024-01-05T00:00:00.000Z); the first is orders[2], on 2024-01-05T11:00:00.000Z. Pass laterLines: 'drop'`);
      expect(e.details).toMatchObject({ row: 2, count: 2, option: 'laterLines' });
    }
  });

  test("laterLines: 'drop' leaves them out and counts them, in every module", () => {
    const r = rfmScore(lines, { asOf: '2024-01-04', laterLines: 'drop' });
    expect(r.counts).toMatchObject({ lines: 4, droppedLaterLines: 2, customers: 2 });
    expect(r.options.laterLines).toBe('drop');
    expect(r.customers).toEqual(rfmScore(lines.slice(0, 2), { asOf: '2024-01-04' }).customers);
    expect(lifecycleStage(lines, { asOf: '2024-01-04', intervalDays: 4, laterLines: 'drop' }).lines.droppedLaterLines).toBe(2);
    expect(lifecycleTransitions(lines, { from: '2024-01-02', to: '2024-01-04', intervalDays: 4, laterLines: 'drop' }).lines.droppedLaterLines).toBe(2);
    const s = summarizeTransactions(lines, { calibrationEnd: '2024-01-02', observationEnd: '2024-01-04', laterLines: 'drop', laterCustomers: 'drop' });
    expect([s.droppedLaterLines, s.customers]).toEqual([2, ['a']]);
  });

  test('a cut before every line is INVALID_ORDER, also with laterLines: drop', () => {
    expect(errorOf(() => rfmScore(lines, { asOf: '2023-12-31' })).message).toContain('before the first order');
    expect(errorOf(() => rfmScore(lines, { asOf: '2023-12-31', laterLines: 'drop' })).code).toBe('INVALID_ORDER');
    expect(errorOf(() => lifecycleStage(lines, { asOf: '2023-12-31', laterLines: 'drop' })).code).toBe('INVALID_ORDER');
    expect(codeOf(() => rfmScore(lines, { laterLines: 'keep' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => lifecycleStage(lines, { laterLines: 'keep' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => summarizeTransactions(lines, { calibrationEnd: '2024-01-10', laterLines: 'keep' as never }))).toBe('INVALID_OPTION');
  });
});

function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof CrmError ? e.code : `raw:${(e as Error).name}`; }
  return undefined;
}

describe('the modules agree on which lines are in', () => {
  // Lines over 20 days, some exactly at midnight; cuts as days ('2024-01-07') or as instants
  // (epoch ms, Date, or an ISO string with a time), some exactly at midnight.
  const lineArb = fc.record({
    customer: fc.constantFrom('a', 'b', 'c', 1, 2),
    date: fc.tuple(fc.integer({ min: 0, max: 19 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: DAY - 1 }))).map(([d, ms]) => BASE + d * DAY + ms),
    amount: fc.integer({ min: 1, max: 50 }),
  });
  const cutArb = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: DAY - 1 })), fc.constantFrom('day', 'ms', 'Date', 'iso'))
    .map(([d, ms, kind]) => {
      const t = BASE + d * DAY + ms;
      const value = kind === 'day' ? new Date(t).toISOString().slice(0, 10) : kind === 'ms' ? t : kind === 'Date' ? new Date(t) : new Date(t).toISOString();
      // The brute-force rule: a day takes every line of that UTC day; an instant every line at or before it.
      const isIn = (x: number) => (kind === 'day' ? Math.floor(x / DAY) <= Math.floor(t / DAY) : x <= t);
      const measuredFrom = kind === 'day' ? (Math.floor(t / DAY) + 1) * DAY : t;
      return { value, isIn, measuredFrom };
    });

  test('rfmScore, lifecycleStage and summarizeTransactions take the same lines for random day and instant cuts', () => {
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), cutArb, (log, cut) => {
      const inLines = log.filter((l) => cut.isIn(l.date));
      const later = log.length - inLines.length;
      const ids = [...new Set(inLines.map((l) => l.customer))].sort((x, y) => (typeof x === typeof y ? (x < y ? -1 : 1) : typeof x === 'number' ? -1 : 1));
      const run = () => [
        rfmScore(log, { asOf: cut.value, laterLines: 'drop', frequency: 'lines' }),
        lifecycleStage(log, { asOf: cut.value, laterLines: 'drop', intervalDays: 3 }),
        summarizeTransactions(log, { calibrationEnd: cut.value, observationEnd: cut.value, laterLines: 'drop' }),
      ] as const;
      if (inLines.length === 0) {
        expect(codeOf(() => rfmScore(log, { asOf: cut.value, laterLines: 'drop' }))).toBe('INVALID_ORDER');
        expect(codeOf(() => lifecycleStage(log, { asOf: cut.value, laterLines: 'drop', intervalDays: 3 }))).toBe('INVALID_ORDER');
        expect(codeOf(() => summarizeTransactions(log, { calibrationEnd: cut.value, observationEnd: cut.value, laterLines: 'drop' }))).toBe('INVALID_ORDER');
        return;
      }
      const [rfm, life, clv] = run();
      expect([rfm.counts.droppedLaterLines, life.lines.droppedLaterLines, clv.droppedLaterLines]).toEqual([later, later, later]);
      expect(rfm.customers.map((c) => c.customer)).toEqual(ids);
      expect(life.customers.map((c) => c.customer)).toEqual(ids);
      expect(clv.customers).toEqual(ids);
      expect(rfm.customers.map((c) => c.frequency)).toEqual(ids.map((id) => inLines.filter((l) => l.customer === id).length));
      expect(life.customers.map((c) => c.purchases)).toEqual(rfm.customers.map((c) => c.frequency));
      // Both measure from the same instant: recency = days since the last line.
      expect([rfm.asOf, life.asOf]).toEqual([cut.measuredFrom, cut.measuredFrom]);
      expect(life.customers.map((c) => c.daysSinceLast)).toEqual(rfm.customers.map((c) => c.recency));
      // Refusing by default: exactly when some line is after the cut.
      expect(codeOf(() => rfmScore(log, { asOf: cut.value }))).toBe(later > 0 ? 'INVALID_ORDER' : undefined);
      expect(codeOf(() => lifecycleStage(log, { asOf: cut.value, intervalDays: 3 }))).toBe(later > 0 ? 'INVALID_ORDER' : undefined);
    }), { numRuns: 300 });
  });
});
