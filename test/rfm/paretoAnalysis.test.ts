import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { paretoAnalysis, rfmScore, summarizeRfmSegments } from '../../src/rfm/index.js';
import { bruteAggregate, code, linesArb, topSum } from './brute.js';

// Values with some ties and zeros, not all zero.
// Subnormal doubles (5e-324) underflow in the brute-force oracles (mean of [0, 5e-324] is 0), so they map to 0.
const valuesArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e4, noNaN: true }).map((x) => (x < 1e-300 ? 0 : x))), { minLength: 1, maxLength: 40 })
  .filter((v) => v.some((x) => x > 0));

describe('paretoAnalysis against brute force', () => {
  test('top shares equal the sum of the round(f * n) largest values over the total', () => {
    fc.assert(fc.property(valuesArb, fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (values, fractions) => {
      const p = paretoAnalysis(values, { topFractions: fractions });
      const total = values.reduce((s, v) => s + v, 0);
      expect(p.total).toBeCloseTo(total, 9);
      expect(p.n).toBe(values.length);
      p.topShares.forEach((t, i) => {
        expect(t.topFraction).toBe(fractions[i]);
        expect(t.customers).toBe(Math.round(fractions[i]! * values.length));
        expect(t.valueShare).toBeCloseTo(topSum(values, t.customers) / total, 12);
      });
    }));
  });

  test('Gini equals the O(n^2) mean absolute difference over twice the mean', () => {
    fc.assert(fc.property(valuesArb, (values) => {
      const n = values.length;
      let mad = 0;
      for (const a of values) for (const b of values) mad += Math.abs(a - b);
      const mean = values.reduce((s, v) => s + v, 0) / n;
      const g = paretoAnalysis(values).gini;
      expect(g).toBeCloseTo(mad / (n * n) / (2 * mean), 12);
      expect(g).toBeGreaterThanOrEqual(-1e-15);
      expect(g).toBeLessThanOrEqual(1 - 1 / n + 1e-12);
    }));
  });

  test('the golden set reaches the target share and no smaller set of customers does', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 10 }).filter((v) => v.some((x) => x > 0)),
      fc.double({ min: 0.01, max: 1, noNaN: true }), (values, targetShare) => {
        const { golden } = paretoAnalysis(values, { targetShare });
        const n = values.length;
        const total = values.reduce((s, v) => s + v, 0);
        const held = golden.indices.reduce((s, i) => s + values[i]!, 0);
        expect(new Set(golden.indices).size).toBe(golden.customers);
        expect(held).toBeGreaterThanOrEqual(targetShare * total);
        expect(golden.valueShare).toBeCloseTo(held / total, 12);
        expect(golden.customerShare).toBe(golden.customers / n);
        // Every subset (2^n, n <= 10) smaller than the golden set holds less than the target.
        for (let mask = 0; mask < 1 << n; mask++) {
          let size = 0;
          let sum = 0;
          for (let i = 0; i < n; i++) if (mask & (1 << i)) { size++; sum += values[i]!; }
          if (size < golden.customers) expect(sum).toBeLessThan(targetShare * total);
        }
        // Largest first, ties by position.
        for (let j = 1; j < golden.indices.length; j++) {
          const a = golden.indices[j - 1]!, b = golden.indices[j]!;
          expect(values[a]! > values[b]! || (values[a] === values[b] && a < b)).toBe(true);
        }
        expect(golden.ids).toBeNull();
      }));
  });

  test('the Lorenz curve runs from (0, 0) to (1, 1), convex, below the diagonal, and matches cumulative sums', () => {
    fc.assert(fc.property(valuesArb, (values) => {
      const { lorenz } = paretoAnalysis(values);
      const n = values.length;
      const asc = [...values].sort((a, b) => a - b);
      const total = asc.reduce((s, v) => s + v, 0);
      expect(lorenz).toHaveLength(n + 1);
      expect(lorenz[0]).toEqual({ customerShare: 0, valueShare: 0 });
      expect(lorenz[n]).toEqual({ customerShare: 1, valueShare: 1 });
      let cum = 0;
      lorenz.forEach((pt, k) => {
        if (k > 0) cum += asc[k - 1]!;
        expect(pt.customerShare).toBe(k / n);
        expect(pt.valueShare).toBeCloseTo(cum / total, 12);
        expect(pt.valueShare).toBeLessThanOrEqual(pt.customerShare + 1e-12);
        if (k >= 2) {
          const s1 = lorenz[k - 1]!.valueShare - lorenz[k - 2]!.valueShare;
          const s2 = pt.valueShare - lorenz[k - 1]!.valueShare;
          expect(s2).toBeGreaterThanOrEqual(s1 - 1e-12);
        }
      });
    }));
  });

  test('the input is never mutated', () => {
    fc.assert(fc.property(valuesArb, (values) => {
      const before = [...values];
      paretoAnalysis(values);
      expect(values).toEqual(before);
    }));
  });
});

describe('paretoAnalysis cases', () => {
  test('equal values: Gini 0, top 20% hold 20%; one holder of everything: Gini 1 - 1/n', () => {
    const equal = paretoAnalysis([4, 4, 4, 4, 4]);
    expect(equal.gini).toBe(0);
    expect(equal.topShares.find((t) => t.topFraction === 0.2)!.valueShare).toBe(0.2);
    expect(equal.golden.customers).toBe(4);
    const one = paretoAnalysis([0, 0, 0, 9]);
    expect(one.gini).toBe(0.75);
    expect(one.golden.indices).toEqual([3]);
  });

  test('long curves are sampled to maxLorenzPoints, ends included', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i % 97);
    const p = paretoAnalysis(values, { maxLorenzPoints: 11 });
    expect(p.lorenz.map((pt) => pt.customerShare)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(p.lorenz[10]!.valueShare).toBe(1);
    expect(paretoAnalysis(values).lorenz).toHaveLength(1001);
  });

  test('an RFM result gives ids and uses revenue (or monetary when asked)', () => {
    fc.assert(fc.property(linesArb(), (lines) => {
      const res = rfmScore(lines, { orderId: 'orderId', monetary: 'meanOrder' });
      const brute = bruteAggregate(lines, res.asOf);
      if (brute.every((b) => b.revenue === 0)) return;
      const p = paretoAnalysis(res);
      expect(p.n).toBe(brute.length);
      expect(p.total).toBeCloseTo(brute.reduce((s, b) => s + b.revenue, 0), 9);
      expect(p.golden.ids).toEqual(p.golden.indices.map((i) => brute[i]!.customer));
      const byMonetary = paretoAnalysis(res, { value: 'monetary' });
      expect(byMonetary.total).toBeCloseTo(res.customers.reduce((s, c) => s + c.monetary, 0), 9);
    }));
  });

  test('bad input and options get a CrmError with a stable code', () => {
    expect(code(() => paretoAnalysis([]))).toBe('EMPTY_INPUT');
    expect(code(() => paretoAnalysis([1, NaN]))).toBe('NON_FINITE');
    expect(code(() => paretoAnalysis([1, Infinity]))).toBe('NON_FINITE');
    expect(code(() => paretoAnalysis([1, -2]))).toBe('NEGATIVE_VALUE');
    expect(code(() => paretoAnalysis([0, 0]))).toBe('INVALID_INPUT');
    expect(code(() => paretoAnalysis([1, '2'] as never))).toBe('INVALID_INPUT');
    expect(code(() => paretoAnalysis('1,2' as never))).toBe('INVALID_INPUT');
    expect(code(() => paretoAnalysis({ kind: 'kmeans' } as never))).toBe('WRONG_RESULT_KIND');
    expect(code(() => paretoAnalysis([1], { targetShare: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => paretoAnalysis([1], { targetShare: 1.5 }))).toBe('INVALID_OPTION');
    expect(code(() => paretoAnalysis([1], { topFractions: [0.2, 2] }))).toBe('INVALID_OPTION');
    expect(code(() => paretoAnalysis([1], { maxLorenzPoints: 1 }))).toBe('INVALID_OPTION');
    expect(code(() => paretoAnalysis([1], { share: 0.8 } as never))).toBe('INVALID_OPTION');
  });

  test('net returns that make a customer negative are refused with advice', () => {
    const res = rfmScore([
      { customer: 'a', date: '2024-01-01', amount: 5 },
      { customer: 'a', date: '2024-01-02', amount: -9 },
      { customer: 'b', date: '2024-01-02', amount: 3 },
    ], { returns: 'net' });
    expect(code(() => paretoAnalysis(res))).toBe('NEGATIVE_VALUE');
  });
});

describe('summarizeRfmSegments', () => {
  test('counts, shares and means per segment equal brute-force grouping', () => {
    fc.assert(fc.property(linesArb(), (lines) => {
      const res = rfmScore(lines, { orderId: 'orderId' });
      const rows = summarizeRfmSegments(res);
      const n = res.customers.length;
      expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(n);
      const order = res.options.segments.map((s) => s.name);
      expect(rows.map((r) => order.indexOf(r.segment))).toEqual([...rows.map((r) => order.indexOf(r.segment))].sort((a, b) => a - b));
      for (const row of rows) {
        const mine = res.customers.filter((c) => c.segment === row.segment);
        const mean = (k: 'recency' | 'frequency' | 'monetary') => mine.reduce((s, c) => s + c[k], 0) / mine.length;
        const revenue = mine.reduce((s, c) => s + c.revenue, 0);
        expect(row.customers).toBe(mine.length);
        expect(row.customerShare).toBe(mine.length / n);
        expect(row.revenue).toBeCloseTo(revenue, 9);
        if (res.totalRevenue > 0) expect(row.revenueShare).toBeCloseTo(revenue / res.totalRevenue, 12);
        expect(row.meanRecency).toBeCloseTo(mean('recency'), 9);
        expect(row.meanFrequency).toBeCloseTo(mean('frequency'), 9);
        expect(row.meanMonetary).toBeCloseTo(mean('monetary'), 9);
      }
    }));
  });

  test("customers no rule matches are summarised as 'Other'", () => {
    const res = rfmScore([{ customer: 1, date: 0, amount: 1 }, { customer: 2, date: 0, amount: 2 }], { segments: [{ name: 'Top', monetary: [5, 5] }] });
    expect(summarizeRfmSegments(res).map((r) => [r.segment, r.customers])).toEqual([['Top', 1], ['Other', 1]]);
  });

  test('refuses what is not an RFM result', () => {
    expect(code(() => summarizeRfmSegments({ kind: 'pareto' } as never))).toBe('WRONG_RESULT_KIND');
    expect(code(() => summarizeRfmSegments(null as never))).toBe('WRONG_RESULT_KIND');
  });
});

describe('huge values and damaged results (D11, D28)', () => {
  test('paretoAnalysis of values near 1e300 gives the shares and Gini of the same values divided by 2^1000', () => {
    const big = [1e300, 3e299, 5e298, 7e297, 1e296];
    const small = big.map((v) => v * 2 ** -1000);
    const a = paretoAnalysis(big);
    const b = paretoAnalysis(small);
    expect(a.gini).toBe(b.gini);
    expect(a.topShares).toEqual(b.topShares);
    expect(a.lorenz).toEqual(b.lorenz);
    expect(a.golden).toEqual(b.golden);
    expect(a.total).toBe(b.total * 2 ** 500 * 2 ** 500);
    // n times the total overflowed in the Gini sum without the rescaling.
    const many = Array.from({ length: 2000 }, (_, i) => 5e302 * ((i % 7) + 1) / 8);
    const g = paretoAnalysis(many).gini;
    expect(g).toBeCloseTo(paretoAnalysis(many.map((v) => v / 1e302)).gini, 12);
  });
  test('paretoAnalysis([1e308, 1e308, 5]) is NON_FINITE "values too large", not a NaN Gini', () => {
    expect(code(() => paretoAnalysis([1e308, 1e308, 5]))).toBe('NON_FINITE');
    expect(() => paretoAnalysis([1e308, 1e308, 5])).toThrow(/values too large/);
  });
  const rfm = () => JSON.parse(JSON.stringify(rfmScore([{ customer: 'a', date: '2024-01-01', amount: 5 }, { customer: 'b', date: '2024-01-03', amount: 7 }])));
  test('summarizeRfmSegments(totalRevenue "NaN") is WRONG_RESULT_KIND and NaN is NON_FINITE, not NaN shares', () => {
    const r = rfm();
    r.totalRevenue = 'NaN';
    expect(code(() => summarizeRfmSegments(r))).toBe('WRONG_RESULT_KIND');
    r.totalRevenue = Number.NaN;
    expect(code(() => summarizeRfmSegments(r))).toBe('NON_FINITE');
  });
  test('summarizeRfmSegments checks each customer\'s revenue, recency, frequency and monetary, and the segment table', () => {
    for (const key of ['revenue', 'recency', 'frequency', 'monetary']) {
      const r = rfm();
      r.customers[1][key] = '7';
      expect(code(() => summarizeRfmSegments(r))).toBe('WRONG_RESULT_KIND');
      r.customers[1][key] = Infinity;
      expect(code(() => summarizeRfmSegments(r))).toBe('NON_FINITE');
    }
    const r = rfm();
    delete r.options.segments;
    expect(code(() => summarizeRfmSegments(r))).toBe('WRONG_RESULT_KIND');
    const s = rfm();
    s.customers[0] = null;
    expect(code(() => summarizeRfmSegments(s))).toBe('WRONG_RESULT_KIND');
    expect(summarizeRfmSegments(rfm()).reduce((t, x) => t + x.revenueShare, 0)).toBeCloseTo(1, 12);
  });
  test('paretoAnalysis of an rfm result whose revenue is a string is WRONG_RESULT_KIND, not a coerced number', () => {
    const r = rfm();
    r.customers[0].revenue = '5';
    expect(code(() => paretoAnalysis(r))).toBe('WRONG_RESULT_KIND');
    expect(code(() => paretoAnalysis({ ...rfm(), customers: 'x' }))).toBe('WRONG_RESULT_KIND');
  });
});
