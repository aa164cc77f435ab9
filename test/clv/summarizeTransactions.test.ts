import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { summarizeTransactions } from '../../src/clv/summarizeTransactions.js';
import { codeOf, messageOf } from './numeric.js';

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

interface Line { customer: string | number; date: number; amount: number }

/**
 * Straightforward re-implementation with Maps keyed by ISO day, for comparison. The cut follows
 * docs/dates.md: a day cut (`isDay`) takes the lines of that whole UTC day and T runs to it; an
 * instant cut takes the lines at or before it and T runs to its UTC day.
 */
function naive(lines: Line[], cut: number, isDay: boolean, unitDays: number) {
  const inCal = (t: number) => (isDay ? new Date(t).toISOString().slice(0, 10) <= new Date(cut).toISOString().slice(0, 10) : t <= cut);
  const calIso = new Date(cut).toISOString().slice(0, 10);
  const byCustomer = new Map<string | number, Map<string, number>>();
  for (const l of lines) {
    const iso = new Date(l.date).toISOString().slice(0, 10) + (inCal(l.date) ? ' cal' : ' hold');
    const days = byCustomer.get(l.customer) ?? new Map<string, number>();
    days.set(iso, (days.get(iso) ?? 0) + l.amount);
    byCustomer.set(l.customer, days);
  }
  const ids = [...byCustomer.keys()].sort((a, b) => (typeof a === typeof b ? (a < b ? -1 : 1) : typeof a === 'number' ? -1 : 1));
  const out = { customers: [] as (string | number)[], frequency: [] as number[], recency: [] as number[], T: [] as number[], monetary: [] as number[], holdoutFrequency: [] as number[] };
  const dayNo = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY;
  for (const id of ids) {
    const days = [...byCustomer.get(id)!.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const cal = days.filter(([d]) => d.endsWith(' cal'));
    if (cal.length === 0) continue;
    out.customers.push(id);
    out.frequency.push(cal.length - 1);
    out.recency.push((dayNo(cal[cal.length - 1]![0]) - dayNo(cal[0]![0])) / unitDays);
    out.T.push((dayNo(calIso) - dayNo(cal[0]![0])) / unitDays);
    out.monetary.push(cal.length > 1 ? cal.slice(1).reduce((s, [, v]) => s + v, 0) / (cal.length - 1) : 0);
    out.holdoutFrequency.push(days.length - cal.length);
  }
  return out;
}

const lineArb = fc.record({
  customer: fc.constantFrom<string | number>('a', 'b', 'c', 1, 2, 10),
  date: fc.integer({ min: 0, max: 60 * DAY - 1 }).map((ms) => BASE + ms),
  amount: fc.integer({ min: 1, max: 500 }),
});

describe('summarizeTransactions', () => {
  test('matches a straightforward Map-based summary on random order lines (days and weeks)', () => {
    // The calibration end is a day ('2024-01-17') or an instant (epoch ms, anywhere in a day).
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('days' as const, 'weeks' as const),
      fc.option(fc.integer({ min: 0, max: DAY - 1 })),
      (lines, calOffset, timeUnit, ms) => {
        const cut = BASE + calOffset * DAY + (ms ?? 0);
        const calibrationEnd = ms === null ? new Date(cut).toISOString().slice(0, 10) : cut;
        const want = naive(lines, cut, ms === null, timeUnit === 'days' ? 1 : 7);
        if (want.customers.length === 0) {
          expect(codeOf(() => summarizeTransactions(lines, { calibrationEnd, timeUnit, laterCustomers: 'drop' }))).toBe('INVALID_ORDER');
          return;
        }
        const s = summarizeTransactions(lines, { calibrationEnd, timeUnit, laterCustomers: 'drop' });
        expect(s.customers).toEqual(want.customers);
        expect(s.frequency).toEqual(want.frequency);
        expect(s.holdoutFrequency).toEqual(want.holdoutFrequency);
        s.recency.forEach((v, i) => expect(v).toBeCloseTo(want.recency[i]!, 12));
        s.T.forEach((v, i) => expect(v).toBeCloseTo(want.T[i]!, 12));
        s.monetary!.forEach((v, i) => expect(v).toBeCloseTo(want.monetary[i]!, 9));
        expect(s.droppedLaterCustomers).toBe(new Set(lines.map((l) => l.customer)).size - want.customers.length);
        // Invariants: 0 <= recency <= T; frequency counts repeat purchase days only.
        s.recency.forEach((r, i) => { expect(r).toBeGreaterThanOrEqual(0); expect(r).toBeLessThanOrEqual(s.T[i]!); if (s.frequency[i] === 0) expect(r).toBe(0); });
      }), { numRuns: 300 });
  });
  test('lines in date order (one pass) and the same lines with the days reversed (grouped and sorted) give the same summary, to the bit', () => {
    // Within a day the lines keep their order, so both paths add the same amounts in the same order.
    const amounts = fc.oneof(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.01, max: 1e4, noNaN: true }));
    const line = fc.record({ customer: fc.constantFrom<string | number>('a', 'b', 'c', 1, 2, 10), date: fc.integer({ min: 0, max: 30 * DAY - 1 }).map((ms) => BASE + ms), amount: amounts });
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 29 }), fc.boolean(), (lines, calOffset, instant) => {
      const calibrationEnd = instant ? BASE + calOffset * DAY + DAY / 2 : new Date(BASE + calOffset * DAY).toISOString().slice(0, 10);
      const byDate = [...lines].sort((x, y) => x.date - y.date);
      const dayOf = (l: Line) => Math.floor(l.date / DAY);
      const reversedDays = [...byDate].sort((x, y) => dayOf(y) - dayOf(x));
      const run = (ls: Line[]) => { try { return summarizeTransactions(ls, { calibrationEnd, laterCustomers: 'drop' }); } catch (e) { return codeOf(() => { throw e; }); } };
      expect(run(byDate)).toEqual(run(reversedDays));
    }), { numRuns: 500 });
  });

  test('merges purchases on the same UTC day into one (amounts summed), as the literature and lifetimes do', () => {
    const s = summarizeTransactions([
      { customer: 'x', date: '2024-03-01T09:00:00Z', amount: 5 },
      { customer: 'x', date: '2024-03-01T23:59:00Z', amount: 7 },
      { customer: 'x', date: '2024-03-02T00:01:00Z', amount: 1 },
      { customer: 'x', date: '2024-03-02T08:00:00Z', amount: 2 },
    ], { calibrationEnd: '2024-03-08', timeUnit: 'days' });
    expect(s.frequency).toEqual([1]);
    expect(s.recency).toEqual([1]);
    expect(s.T).toEqual([7]);
    expect(s.monetary).toEqual([3]); // first day (12) is not a repeat purchase
  });
  test('counts the holdout between calibrationEnd and observationEnd, and reports both ends', () => {
    const s = summarizeTransactions({
      customer: ['a', 'a', 'a', 'b'], date: ['2024-01-01', '2024-01-08', '2024-02-01', '2024-01-03'], amount: [1, 2, 9, 4],
    }, { calibrationEnd: '2024-01-15', observationEnd: '2024-02-12', timeUnit: 'weeks' });
    expect(s.customers).toEqual(['a', 'b']);
    expect(s.frequency).toEqual([1, 0]);
    expect(s.holdoutFrequency).toEqual([1, 0]);
    expect(s.holdoutMonetary).toEqual([9, 0]);
    expect(s.holdoutDuration).toBe(4);
    expect([s.calibrationEnd, s.observationEnd]).toEqual(['2024-01-15', '2024-02-12']);
  });
  test('rows with accessors equal columns; amount: false gives monetary null; the input is not mutated', () => {
    const rows = [{ id: 7, when: Date.UTC(2024, 0, 2), total: 3 }, { id: 7, when: Date.UTC(2024, 0, 9), total: 4 }];
    const copy = structuredClone(rows);
    const a = summarizeTransactions(rows, { calibrationEnd: '2024-01-31', customer: 'id', date: (r) => r.when, amount: 'total' });
    const b = summarizeTransactions({ customer: [7, 7], date: [Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 9)], amount: [3, 4] }, { calibrationEnd: '2024-01-31' });
    expect(a).toEqual(b);
    expect(rows).toEqual(copy);
    const c = summarizeTransactions(rows, { calibrationEnd: '2024-01-31', customer: 'id', date: 'when', amount: false });
    expect(c.monetary).toBeNull();
    expect(c.frequency).toEqual([1]);
  });
});

describe('summarizeTransactions bad input', () => {
  const lines = [{ customer: 'a', date: '2024-01-01', amount: 1 }, { customer: 'b', date: '2024-02-01', amount: 2 }];
  test('dates after the observation end are refused with INVALID_ORDER, the count and the fix', () => {
    expect(codeOf(() => summarizeTransactions(lines, { calibrationEnd: '2024-01-10', observationEnd: '2024-01-20', laterCustomers: 'drop' }))).toBe('INVALID_ORDER');
    expect(messageOf(() => summarizeTransactions(lines, { calibrationEnd: '2024-01-10', observationEnd: '2024-01-20' }))).toMatch(/1 of the 2 order lines is dated after observationEnd '2024-01-20' \(the whole day, up to 2024-01-21T00:00:00.000Z\); the first is orders\[1\], on 2024-02-01T00:00:00.000Z.*laterLines: 'drop'.*later observationEnd/);
  });
  test('a calibration end before the first purchase is refused with INVALID_ORDER', () => {
    expect(codeOf(() => summarizeTransactions(lines, { calibrationEnd: '2023-12-31' }))).toBe('INVALID_ORDER');
    expect(messageOf(() => summarizeTransactions(lines, { calibrationEnd: '2023-12-31' }))).toMatch(/before the first purchase \(2024-01-01\)/);
  });
  test('a customer first seen after calibrationEnd is refused unless laterCustomers: drop, which counts them', () => {
    expect(codeOf(() => summarizeTransactions(lines, { calibrationEnd: '2024-01-10' }))).toBe('INVALID_ORDER');
    expect(messageOf(() => summarizeTransactions(lines, { calibrationEnd: '2024-01-10' }))).toMatch(/customer "b" first bought on 2024-02-01.*laterCustomers: 'drop'/);
    const s = summarizeTransactions(lines, { calibrationEnd: '2024-01-10', laterCustomers: 'drop' });
    expect(s.customers).toEqual(['a']);
    expect(s.droppedLaterCustomers).toBe(1);
  });
  test('observationEnd before calibrationEnd, a missing calibrationEnd, a bad unit and a bad date are refused', () => {
    expect(codeOf(() => summarizeTransactions(lines, { calibrationEnd: '2024-03-01', observationEnd: '2024-02-01' }))).toBe('INVALID_ORDER');
    expect(codeOf(() => summarizeTransactions(lines, {} as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => summarizeTransactions(lines, { calibrationEnd: '2024-03-01', timeUnit: 'months' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => summarizeTransactions(lines, { calibrationEnd: '03/01/2024' }))).toBe('INVALID_DATE');
    expect(codeOf(() => summarizeTransactions([{ customer: 'a', date: 'yesterday', amount: 1 }], { calibrationEnd: '2024-03-01' }))).toBe('INVALID_DATE');
    expect(codeOf(() => summarizeTransactions([], { calibrationEnd: '2024-03-01' }))).toBe('EMPTY_INPUT');
    expect(codeOf(() => summarizeTransactions([{ customer: null, date: '2024-01-01', amount: 1 }], { calibrationEnd: '2024-03-01' }))).toBe('MISSING_VALUE');
    expect(messageOf(() => summarizeTransactions([{ customer: 'a', date: '2024-01-01' }], { calibrationEnd: '2024-03-01' }))).toMatch(/orders\[0\] has no property 'amount'.*amount: false/);
  });
});
