import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { salesSeries } from '../../src/forecast/index.js';
import { futureLabels, parsePeriodLabel, periodLabel, periodOf, periodStart } from '../../src/forecast/calendar.js';
import { codeOf } from '../helpers/errors.js';

const expectCrmError = (f: () => unknown, code: string) => expect(codeOf(f)).toBe(code);

const DAY = 86_400_000;
const isoWeeks = JSON.parse(readFileSync(new URL('./fixtures/iso-weeks.json', import.meta.url), 'utf8')) as [string, string][];

describe('calendar', () => {
  test('ISO weeks equal Python isocalendar() on random days and year ends', () => {
    for (const [date, week] of isoWeeks) {
      const d = Date.parse(`${date}T00:00:00Z`) / DAY;
      expect(periodLabel('week', periodOf('week', d))).toBe(week);
      // A week starts on Monday (getUTCDay 1) and holds the day.
      const start = periodStart('week', periodOf('week', d));
      expect(new Date(start * DAY).getUTCDay()).toBe(1);
      expect(d - start).toBeGreaterThanOrEqual(0);
      expect(d - start).toBeLessThan(7);
      expect(parsePeriodLabel('week', week)).toBe(periodOf('week', d));
    }
  });
  test('2020 has 53 ISO weeks, 2021 has 52; 2021-01-01 is in 2020-W53', () => {
    expect(futureLabels(['2020-W52'], 'week', 3)).toEqual(['2020-W53', '2021-W01', '2021-W02']);
    expect(futureLabels(['2021-W52'], 'week', 1)).toEqual(['2022-W01']);
    expect(periodLabel('week', periodOf('week', Date.UTC(2021, 0, 1) / DAY))).toBe('2020-W53');
  });
  test('months, quarters and years: labels, starts and lengths match Date', () => {
    fc.assert(fc.property(fc.integer({ min: -30000, max: 60000 }), (d) => {
      const t = new Date(d * DAY);
      const y = t.getUTCFullYear(), m = t.getUTCMonth();
      const ym = `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
      expect(periodLabel('month', periodOf('month', d))).toBe(ym);
      expect(periodStart('month', periodOf('month', d))).toBe(Date.UTC(y, m, 1) / DAY);
      expect(periodStart('month', periodOf('month', d) + 1) - periodStart('month', periodOf('month', d))).toBe(new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
      expect(periodLabel('quarter', periodOf('quarter', d))).toBe(`${String(y).padStart(4, '0')}-Q${Math.floor(m / 3) + 1}`);
      expect(periodStart('quarter', periodOf('quarter', d))).toBe(Date.UTC(y, 3 * Math.floor(m / 3), 1) / DAY);
      expect(periodLabel('year', periodOf('year', d))).toBe(String(y).padStart(4, '0'));
      expect(periodLabel('day', d)).toBe(t.toISOString().slice(0, 10));
      for (const f of ['day', 'week', 'month', 'quarter', 'year'] as const) expect(parsePeriodLabel(f, periodLabel(f, periodOf(f, d)))).toBe(periodOf(f, d));
    }));
  });
});

type Line = { date: string; amount: number; orderId: string; quantity: number; price: number; region: string };

/** The brute-force oracle: totals keyed by a label computed from the ISO date string. */
function bruteMonthly(lines: Line[], value: 'revenue' | 'orders' | 'units', group?: string): Map<string, number> {
  const out = new Map<string, number>();
  const seen = new Set<string>();
  for (const l of lines) {
    if (group !== undefined && l.region !== group) continue;
    const key = l.date.slice(0, 7);
    if (value === 'orders') {
      if (seen.has(key + l.orderId)) continue;
      seen.add(key + l.orderId);
    }
    out.set(key, (out.get(key) ?? 0) + (value === 'revenue' ? l.amount : value === 'units' ? l.quantity : 1));
  }
  return out;
}

const lineArb = fc.record({
  date: fc.integer({ min: Date.UTC(2022, 0, 1) / DAY, max: Date.UTC(2024, 11, 31) / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10)),
  amount: fc.integer({ min: -50, max: 500 }),
  orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4'),
  quantity: fc.integer({ min: 1, max: 9 }),
  price: fc.constantFrom(0.5, 2, 3.25),
  region: fc.constantFrom('north', 'south'),
});

describe('salesSeries(orders, options)', () => {
  test('monthly totals equal a brute-force sum; gaps are zero; every month present', () => {
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 40 }), fc.constantFrom('revenue', 'orders', 'units') as fc.Arbitrary<'revenue' | 'orders' | 'units'>, (lines, value) => {
      const s = salesSeries(lines, { value, partialPeriods: 'keep' });
      const want = bruteMonthly(lines, value);
      const sorted = [...lines].map((l) => l.date).sort();
      expect(s.labels[0]).toBe(sorted[0]!.slice(0, 7));
      expect(s.labels[s.labels.length - 1]).toBe(sorted[sorted.length - 1]!.slice(0, 7));
      for (let i = 1; i < s.labels.length; i++) expect(parsePeriodLabel('month', s.labels[i]!)).toBe(parsePeriodLabel('month', s.labels[i - 1]!)! + 1);
      s.labels.forEach((label, i) => expect(s.values[i]).toBeCloseTo(want.get(label) ?? 0, 9));
      expect(lines.map((l) => l.date)).toEqual(lines.map((l) => l.date)); // input untouched
    }));
  });
  test('with group: one series per group on the same months, each equal to the brute force', () => {
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 40 }), (lines) => {
      const s = salesSeries(lines, { group: 'region', partialPeriods: 'keep' });
      expect(s.groups).toEqual([...new Set(lines.map((l) => l.region))].sort());
      s.series.forEach((one, g) => {
        const want = bruteMonthly(lines, 'revenue', s.groups[g] as string);
        expect(one.labels).toEqual(s.labels);
        one.labels.forEach((label, i) => expect(one.values[i]).toBeCloseTo(want.get(label) ?? 0, 9));
      });
    }));
  });
  test('revenue is quantity x price without an amount field', () => {
    const s = salesSeries([{ date: '2024-01-03', quantity: 2, price: 1.5 }, { date: '2024-01-09', quantity: 1, price: 4 }], { frequency: 'week' });
    expect([s.labels, s.values]).toEqual([['2024-W01', '2024-W02'], [3, 4]]);
  });
  test('partial first and last periods are dropped by default and reported', () => {
    const lines = [{ date: '2011-11-15', amount: 5 }, { date: '2011-12-01', amount: 7 }, { date: '2012-01-03', amount: 2 }, { date: '2012-02-09', amount: 1 }];
    const s = salesSeries(lines);
    expect([s.labels, s.values]).toEqual([['2011-12', '2012-01'], [7, 2]]);
    expect(s.diagnostics.partialPeriods).toEqual([{ label: '2011-11', dropped: true }, { label: '2012-02', dropped: true }]);
    const kept = salesSeries(lines, { partialPeriods: 'keep' });
    expect(kept.values).toEqual([5, 7, 2, 1]);
    // from/to: whole months given are not partial.
    const window = salesSeries(lines, { from: '2011-11-01', to: '2012-02-29' });
    expect(window.values).toEqual([5, 7, 2, 1]);
    expect(window.diagnostics.partialPeriods).toEqual([]);
    const inside = salesSeries(lines, { from: '2011-12-01', to: '2012-01-31' });
    expect([inside.values, inside.diagnostics.linesOutside]).toEqual([[7, 2], 2]);
  });
  test('quarters, years and days; a day with an instant in another zone falls on its UTC day', () => {
    const lines = [{ date: '2023-12-31T23:30:00-02:00', amount: 1 }, { date: '2024-03-31', amount: 2 }, { date: '2024-04-01', amount: 4 }];
    expect(salesSeries(lines, { frequency: 'quarter', partialPeriods: 'keep' }).labels).toEqual(['2024-Q1', '2024-Q2']);
    expect(salesSeries(lines, { frequency: 'year', partialPeriods: 'keep' }).values).toEqual([7]);
    const d = salesSeries(lines, { frequency: 'day', from: '2024-03-30', to: '2024-04-01' });
    expect([d.labels, d.values]).toEqual([['2024-03-30', '2024-03-31', '2024-04-01'], [0, 2, 4]]);
  });
  test('bad input gets a CrmError naming the line or option', () => {
    expectCrmError(() => salesSeries([]), 'EMPTY_INPUT');
    expectCrmError(() => salesSeries([{ date: '03/04/2024', amount: 1 }]), 'INVALID_DATE');
    expectCrmError(() => salesSeries([{ date: '2024-01-01', amount: NaN }]), 'NON_FINITE');
    expectCrmError(() => salesSeries([{ date: '2024-01-01', amount: '5' }]), 'INVALID_INPUT');
    expectCrmError(() => salesSeries([{ date: '2024-01-01', amout: 5 }], { amount: 'amout2' } as never), 'INVALID_OPTION');
    expectCrmError(() => salesSeries([{ date: '2024-01-01', amount: 5 }], { frequency: 'fortnight' } as never), 'INVALID_OPTION');
    expectCrmError(() => salesSeries([{ date: '2024-01-01', amount: 5 }], { from: '2024-02-01', to: '2024-01-01' }), 'INVALID_ORDER');
    expectCrmError(() => salesSeries([{ date: '2024-01-01', amount: 5 }], { value: 'orders' }), 'INVALID_OPTION');
    expectCrmError(() => salesSeries([{ date: '2024-01-01', amount: 5, region: null }], { group: 'region' }), 'MISSING_VALUE');
    expectCrmError(() => salesSeries([{ date: '2024-01-01', amount: 5 }], { frequncy: 'day' } as never), 'INVALID_OPTION');
  });
});

test('salesSeries keeps a window of one partial period, with its total', () => {
  const s = salesSeries([{ date: '2024-01-05', amount: 3 }, { date: '2024-01-09', amount: 4 }]);
  expect([s.labels, s.values, s.diagnostics.partialPeriods]).toEqual([['2024-01'], [7], [{ label: '2024-01', dropped: false }]]);
  expect(salesSeries([{ date: '2024-01-05', amount: 3 }, { date: '2024-02-09', amount: 4 }]).values).toEqual([3, 4]);
});
