import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { orderAnomalies, robustZScores } from '../../src/anomaly/index.js';
import { codeOf } from '../helpers/errors.js';

const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };

describe('robustZScores', () => {
  test('equals (x - median) / (1.4826 MAD) computed by brute force', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -5, max: 5 })), { minLength: 1, maxLength: 40 }), (rows) => {
      const r = robustZScores(rows.map((p) => [p[0], p[1]]));
      for (let j = 0; j < 2; j++) {
        const col = rows.map((p) => p[j]!);
        const m = med(col);
        const mad = med(col.map((v) => Math.abs(v - m)));
        const meanAd = col.reduce((s, v) => s + Math.abs(v - m), 0) / col.length;
        const scale = mad > 0 ? 1.4826 * mad : meanAd > 0 ? 1.2533141373155001 * meanAd : 0;
        expect(r.scales[j]).toBeCloseTo(scale, 9);
        col.forEach((v, i) => expect(r.scores[i]![j]).toBeCloseTo(scale > 0 ? (v - m) / scale : 0, 9));
      }
      r.combined.forEach((c, i) => expect(c).toBeCloseTo(Math.max(...r.scores[i]!.map(Math.abs)), 12));
    }));
  });
  test('zero MAD falls back to the mean absolute deviation; a constant column scores 0', () => {
    const r = robustZScores([[1, 5], [1, 5], [1, 5], [1, 5], [9, 5]]);
    expect(r.scaleKinds).toEqual(['meanAbsoluteDeviation', 'constant']);
    expect(r.scores[4]![0]).toBeCloseTo(8 / (1.2533141373155001 * 1.6), 12);
    expect(r.scores.map((s) => s[1])).toEqual([0, 0, 0, 0, 0]);
  });
  test('combine options and bad input', () => {
    expect(robustZScores([[0, 0], [1, 1], [2, 2]], { combine: 'euclidean' }).combined[2]).toBeCloseTo(Math.SQRT2 / 1.4826, 12);
    expect(codeOf(() => robustZScores([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => robustZScores([[NaN]]))).toBe('NON_FINITE');
    expect(codeOf(() => robustZScores([[1]], { combine: 'max' as never }))).toBe('INVALID_OPTION');
  });
});

describe('orderAnomalies', () => {
  const orders = [
    ...[20, 22, 19, 21, 20, 23, 250, 21].map((amount, i) => ({ customer: 'a', date: Date.UTC(2024, 0, i + 1), amount })),
    ...[100, 100, 100, 100, 100, 180, 100].map((amount, i) => ({ customer: 'b', date: Date.UTC(2024, 1, i + 1), amount })),
    { customer: 'c', date: Date.UTC(2024, 0, 1), amount: 5000 },
  ];
  const r = orderAnomalies(orders);
  test('scores each order against that customer\'s earlier orders only, after minHistory', () => {
    const a = r.orders.filter((o) => o.customer === 'a');
    expect(a.slice(0, 5).every((o) => o.z === null && !o.flagged)).toBe(true);
    const big = a.find((o) => o.amount === 250)!;
    const prev = [20, 22, 19, 21, 20, 23];
    const m = med(prev);
    expect(big.z).toBeCloseTo((250 - m) / (1.4826 * med(prev.map((v) => Math.abs(v - m)))), 12);
    expect(big.flagged).toBe(true);
    // The order after the spike includes it in its history and is not flagged.
    expect(a[7]!.history).toBe(7);
    expect(a[7]!.flagged).toBe(false);
    expect(r.orders.find((o) => o.customer === 'c')!.history).toBe(0);
  });
  test('a constant history gives z null, constantHistory true, flagged when above the median', () => {
    const b = r.orders.filter((o) => o.customer === 'b');
    const spike = b.find((o) => o.amount === 180)!;
    expect(spike.constantHistory).toBe(true);
    expect(spike.z).toBeNull();
    expect(spike.flagged).toBe(true);
    expect(r.flagged).toBe(2);
  });
  test('orderId sums lines into one order; maxHistory bounds the window', () => {
    const lines = [1, 2, 3, 4, 5, 6].flatMap((d) => [{ customer: 1, date: Date.UTC(2024, 0, d), amount: 5, orderId: d }, { customer: 1, date: Date.UTC(2024, 0, d), amount: 5, orderId: d }]);
    const res = orderAnomalies(lines, { minHistory: 2, maxHistory: 3, orderId: 'orderId' });
    expect(res.orders.length).toBe(6);
    expect(res.orders.map((o) => o.amount)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(res.orders.map((o) => o.history)).toEqual([0, 1, 2, 3, 3, 3]);
  });
  test('bad input: empty, missing customer, NaN amount, bad options', () => {
    expect(codeOf(() => orderAnomalies([]))).toBe('EMPTY_INPUT');
    expect(codeOf(() => orderAnomalies([{ customer: null, date: 0, amount: 1 }]))).toBe('MISSING_VALUE');
    expect(codeOf(() => orderAnomalies([{ customer: 'a', date: 0, amount: NaN }]))).toBe('NON_FINITE');
    expect(codeOf(() => orderAnomalies(orders, { minHistory: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => orderAnomalies(orders, { minHistory: 5, maxHistory: 3 }))).toBe('INVALID_OPTION');
  });
});
