// customerRows / customerColumns: per-customer rows from the columnar CLV results and back.
// Oracles: row i holds column value i of every per-customer column (a direct index check), the
// round trip rows -> columns -> rows is the identity, and the columns fit exactly as the result.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { customerColumns, customerLifetimeValue, customerRows, fitBgNbd, summarizeTransactions, type BgNbdModel, type GammaGammaModel } from '../../src/clv/index.js';
import { codeOf } from '../helpers/errors.js';

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);
const line = fc.record({ customer: fc.constantFrom('a', 'b', 'c', 7, 9), day: fc.integer({ min: 0, max: 120 }), amount: fc.integer({ min: 1, max: 500 }) });
const summarize = (lines: { customer: string | number; day: number; amount: number }[]) =>
  summarizeTransactions(lines.map((l) => ({ customer: l.customer, date: BASE + l.day * DAY, amount: l.amount })), { calibrationEnd: BASE + 100 * DAY, observationEnd: BASE + 120 * DAY, timeUnit: 'weeks', laterCustomers: 'drop' });
const SUMMARY_COLUMNS = ['frequency', 'recency', 'T', 'monetary', 'holdoutFrequency', 'holdoutMonetary'] as const;
const bg = { kind: 'bgNbd', version: 1, timeUnit: 'weeks', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as BgNbdModel;
const gg = { kind: 'gammaGamma', version: 1, params: { p: 6.25, q: 3.74, v: 15.44 } } as GammaGammaModel;

describe('customerRows(summarizeTransactions(...))', () => {
  test('row i holds value i of every per-customer column; columns back are the result\'s columns', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
      const s = summarize(lines.map((l, i) => (i === 0 ? { ...l, day: Math.min(l.day, 100) } : l)));
      const rows = customerRows(s);
      expect(rows.length).toBe(s.customers.length);
      rows.forEach((r, i) => {
        expect(r.customer).toBe(s.customers[i]);
        for (const k of SUMMARY_COLUMNS) expect(r[k]).toBe(s[k]![i]);
        expect(Object.keys(r)).toEqual(['customer', ...SUMMARY_COLUMNS]);
      });
      const back = customerColumns(rows);
      expect(back).toEqual({ customers: s.customers, ...Object.fromEntries(SUMMARY_COLUMNS.map((k) => [k, s[k]])) });
      expect(customerRows({ ...s, ...back })).toEqual(rows);
    }), { numRuns: 80 });
  });

  test('a summary without amounts gives monetary: null in every row, and null columns back', () => {
    const s = summarizeTransactions([{ customer: 'a', date: '2024-01-01' }, { customer: 'a', date: '2024-01-08' }, { customer: 'b', date: '2024-01-05' }], { calibrationEnd: '2024-01-29', amount: false });
    expect(s.monetary).toBeNull();
    const rows = customerRows(s);
    expect(rows.map((r) => [r.monetary, r.holdoutMonetary])).toEqual([[null, null], [null, null]]);
    const back = customerColumns(rows);
    expect([back.monetary, back.holdoutMonetary]).toEqual([null, null]);
    expect(back.frequency).toEqual(s.frequency);
  });

  test('columns from rows fit BG/NBD exactly as the summary does', () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({ customer: i % 23, day: (i * i * 7 + i * 13) % 100, amount: 10 + (i % 7) }));
    const s = summarize(lines);
    // The time unit is a scalar of the summary, not a per-customer column: it is passed along.
    expect(fitBgNbd({ ...customerColumns(customerRows(s)), timeUnit: s.timeUnit })).toEqual(fitBgNbd(s));
  });
});

describe('customerRows(customerLifetimeValue(...))', () => {
  test('row i holds value i of every column; the round trip is the identity', () => {
    const value = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(fc.property(fc.array(fc.tuple(fc.oneof(fc.string(), fc.integer()), value, value, value, fc.double({ min: 0, max: 1, noNaN: true }), value), { minLength: 1, maxLength: 30 }), (t) => {
      const r = { kind: 'clv' as const, version: 1 as const, timeUnit: 'weeks', horizon: 52, discountRate: 0.01, discountPeriod: 1, customers: t.map((x) => x[0]), clv: t.map((x) => x[1]), clvIfAlive: t.map((x) => x[2]), expectedPurchases: t.map((x) => x[3]), probabilityAlive: t.map((x) => x[4]), expectedAverageValue: t.map((x) => x[5]) };
      const rows = customerRows(r);
      rows.forEach((row, i) => expect(row).toEqual({ customer: t[i]![0], clv: t[i]![1], clvIfAlive: t[i]![2], expectedPurchases: t[i]![3], probabilityAlive: t[i]![4], expectedAverageValue: t[i]![5] }));
      const { kind, version, timeUnit, horizon, discountRate, discountPeriod, ...columns } = r;
      expect(customerColumns(rows)).toEqual(columns);
    }), { numRuns: 80 });
  });

  test('a real CLV result: clv of each row equals the column, and survives JSON', () => {
    const v = customerLifetimeValue(bg, gg, { customers: ['x', 'y'], frequency: [2, 0], recency: [30.43, 0], T: [38.86, 20], monetary: [22.35, 0] }, { horizon: 52, discountRate: 0.01 });
    expect(customerRows(v).map((r) => r.clv)).toEqual(v.clv);
    expect(customerRows(JSON.parse(JSON.stringify(v)))).toEqual(customerRows(v));
  });
});

describe('refusals', () => {
  test('customerRows refuses other kinds and damaged columns with WRONG_RESULT_KIND', () => {
    expect(codeOf(() => customerRows({ kind: 'rfm', customers: [] } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => customerRows(null as never))).toBe('WRONG_RESULT_KIND');
    const v = { kind: 'clv', customers: ['a', 'b'], clv: [1], clvIfAlive: [1, 2], expectedPurchases: [1, 2], probabilityAlive: [1, 1], expectedAverageValue: [1, 2] };
    expect(codeOf(() => customerRows(v as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => customerRows({ ...v, clv: null } as never))).toBe('WRONG_RESULT_KIND');
  });
  test('customerColumns refuses empty, ragged and half-null rows', () => {
    expect(codeOf(() => customerColumns([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => customerColumns([{ id: 1 }] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => customerColumns([{ customer: 1, a: 1 }, { customer: 2, b: 1 }] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => customerColumns([{ customer: 1, a: 1 }, { customer: 2 }] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => customerColumns([{ customer: 1, a: 1 }, null] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => customerColumns([{ customer: 1, monetary: 3 }, { customer: 2, monetary: null }]))).toBe('MISSING_VALUE');
    expect(codeOf(() => customerColumns([{ customer: 1, monetary: Number.NaN }]))).toBe('NON_FINITE');
    expect(codeOf(() => customerColumns([{ customer: 1, segment: 'gold' }] as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => customerColumns([{ customer: null, monetary: 1 }] as never))).toBe('MISSING_VALUE');
  });
});
