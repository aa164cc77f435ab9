import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { predictBgNbdExpectedPurchases, predictBgNbdProbabilityAlive, type BgNbdModel } from '../../src/clv/bgNbd.js';
import { predictGammaGammaAverageValue, type GammaGammaModel } from '../../src/clv/gammaGamma.js';
import { customerLifetimeValue } from '../../src/clv/customerLifetimeValue.js';
import { clvSegments, joinClvRfm, type RfmLikeResult } from '../../src/clv/clvSegments.js';
import type { CustomerLifetimeValueResult } from '../../src/clv/customerLifetimeValue.js';
import { hyp2f1 } from '../../src/clv/special.js';
import { codeOf, messageOf } from './numeric.js';

const bg = { kind: 'bgNbd', version: 1, timeUnit: 'days', params: { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 } } as unknown as BgNbdModel;
const gg = { kind: 'gammaGamma', version: 1, params: { p: 6.25, q: 3.74, v: 15.44 } } as unknown as GammaGammaModel;
const summary = {
  customers: ['c1', 'c2', 'c3', 'c4', 'c5'],
  frequency: [2, 1, 0, 6, 3], recency: [213, 12, 0, 250, 40], T: [272, 272, 270, 265, 268], monetary: [22.35, 11.77, 0, 40, 18],
};

/** lifetimes' `_customer_lifetime_value` loop (monthly steps of 30 days, discount per month), re-written from its source. */
function lifetimesClv(months: number, rate: number): number[] {
  const value = predictGammaGammaAverageValue(gg, summary);
  const clv = new Array(summary.frequency.length).fill(0);
  for (let i = 30; i <= months * 30; i += 30) {
    const now = predictBgNbdExpectedPurchases(bg, summary, i), before = predictBgNbdExpectedPurchases(bg, summary, i - 30);
    for (let k = 0; k < clv.length; k++) clv[k] += (value[k]! * (now[k]! - before[k]!)) / (1 + rate) ** (i / 30);
  }
  return clv;
}

describe('customerLifetimeValue', () => {
  test('with 30-day discount periods equals the lifetimes customer_lifetime_value loop', () => {
    const got = customerLifetimeValue(bg, gg, summary, { horizon: 360, discountRate: 0.01, discountPeriod: 30 });
    const want = lifetimesClv(12, 0.01);
    got.clv.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 10));
    expect(got.customers).toEqual(summary.customers);
    expect(got.timeUnit).toBe('days');
  });
  test('without discounting, CLV = expected purchases x expected value, and clv = probabilityAlive x clvIfAlive', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 700, noNaN: true }), fc.double({ min: 0.5, max: 90, noNaN: true }), (horizon, period) => {
      const got = customerLifetimeValue(bg, gg, summary, { horizon, discountRate: 0, discountPeriod: period });
      const purchases = predictBgNbdExpectedPurchases(bg, summary, horizon);
      const value = predictGammaGammaAverageValue(gg, summary);
      const alive = predictBgNbdProbabilityAlive(bg, summary);
      got.clv.forEach((v, i) => {
        expect(v).toBeCloseTo(purchases[i]! * value[i]!, 8);
        expect(got.expectedPurchases[i]).toBeCloseTo(purchases[i]!, 10);
        expect(v).toBeCloseTo(alive[i]! * got.clvIfAlive[i]!, 10);
      });
    }), { numRuns: 30 });
  });
  test('discounting lowers the value, more so at a higher rate', () => {
    const at = (discountRate: number) => customerLifetimeValue(bg, gg, summary, { horizon: 365, discountRate, discountPeriod: 30 }).clv;
    const [a, b, c] = [at(0), at(0.01), at(0.05)];
    for (let i = 0; i < a.length; i++) { expect(b[i]!).toBeLessThan(a[i]!); expect(c[i]!).toBeLessThan(b[i]!); }
  });
  test('bad input: missing horizon, negative rate, wrong models and a Gamma-Gamma model with q <= 1 are refused', () => {
    expect(codeOf(() => customerLifetimeValue(bg, gg, summary, { discountRate: 0.01 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => customerLifetimeValue(bg, gg, summary, { horizon: 10, discountRate: -0.1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => customerLifetimeValue(gg as never, gg, summary, { horizon: 10, discountRate: 0 }))).toBe('INVALID_MODEL');
    expect(codeOf(() => customerLifetimeValue(bg, { ...gg, params: { p: 1, q: 1, v: 1 } } as never, summary, { horizon: 10, discountRate: 0 }))).toBe('INVALID_MODEL');
    expect(codeOf(() => customerLifetimeValue(bg, gg, { ...summary, monetary: undefined }, { horizon: 10, discountRate: 0 }))).toBe('INVALID_INPUT');
  });
});

describe('clvSegments and joinClvRfm', () => {
  const clv = customerLifetimeValue(bg, gg, summary, { horizon: 365, discountRate: 0.01, discountPeriod: 30 });
  test('value at risk = CLV x (1 - P(alive)); ranks are permutations consistent with the values', () => {
    const seg = clvSegments(clv, { highShare: 0.2, lowShare: 0.4 });
    const rows = seg.customers;
    rows.forEach((r, i) => expect(r.valueAtRisk).toBeCloseTo(clv.clv[i]! * (1 - clv.probabilityAlive[i]!), 12));
    expect(rows.map((r) => r.riskRank).sort()).toEqual([1, 2, 3, 4, 5]);
    const byRisk = seg.byValueAtRisk.map((id) => rows.find((r) => r.customer === id)!.valueAtRisk);
    for (let i = 1; i < byRisk.length; i++) expect(byRisk[i]!).toBeLessThanOrEqual(byRisk[i - 1]!);
    expect(rows.filter((r) => r.tier === 'high')).toHaveLength(1);
    expect(rows.filter((r) => r.tier === 'low')).toHaveLength(2);
    expect(rows.find((r) => r.valueRank === 1)!.tier).toBe('high');
    for (const r of rows) expect(r.status).toBe(r.probabilityAlive < 0.5 ? 'atRisk' : 'active');
    expect(seg.segments.reduce((s, t) => s + t.customers, 0)).toBe(5);
    expect(seg.segments.map((t) => t.segment)).toEqual(['highActive', 'highAtRisk', 'midActive', 'midAtRisk', 'lowActive', 'lowAtRisk']);
    expect(JSON.parse(JSON.stringify(seg))).toEqual(seg);
  });
  test('ties in value are broken by customer id, so tiers are deterministic', () => {
    const flat = { ...clv, customers: ['z', 'y', 'x', 'w'], clv: [1, 1, 1, 1], clvIfAlive: [1, 1, 1, 1], probabilityAlive: [1, 1, 1, 1], expectedPurchases: [1, 1, 1, 1], expectedAverageValue: [1, 1, 1, 1] } as CustomerLifetimeValueResult;
    const seg = clvSegments(flat, { highShare: 0.25, lowShare: 0.25 });
    expect(seg.customers.find((r) => r.tier === 'high')!.customer).toBe('w');
    expect(seg.customers.find((r) => r.tier === 'low')!.customer).toBe('z');
  });
  test('joinClvRfm lines both views up per customer and reports the customers found in only one', () => {
    const seg = clvSegments(clv);
    const rfm: RfmLikeResult = {
      kind: 'rfm',
      customers: [
        { customer: 'c1', recency: 10, frequency: 3, monetary: 70, r: 5, f: 4, m: 4, segment: 'Champions' },
        { customer: 'c2', recency: 200, frequency: 2, monetary: 25, r: 1, f: 2, m: 1, segment: 'Lost' },
        { customer: 'zz', recency: 5, frequency: 1, monetary: 9, r: 5, f: 1, m: 1, segment: 'New' },
      ],
    };
    const j = joinClvRfm(seg, rfm);
    expect(j.customers.map((r) => r.customer).sort()).toEqual(['c1', 'c2']);
    expect(j.onlyInClv).toEqual(['c3', 'c4', 'c5']);
    expect(j.onlyInRfm).toEqual(['zz']);
    const c1 = j.customers.find((r) => r.customer === 'c1')!;
    expect(c1.rfmSegment).toBe('Champions');
    expect(c1.clvSegment).toBe(seg.customers[0]!.segment);
    expect(j.crossTab.reduce((s, c) => s + c.customers, 0)).toBe(2);
    for (let i = 1; i < j.customers.length; i++) expect(j.customers[i]!.riskRank).toBeGreaterThan(j.customers[i - 1]!.riskRank);
  });
  test('wrong result kinds are refused with WRONG_RESULT_KIND', () => {
    expect(codeOf(() => clvSegments({ kind: 'rfm' } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => joinClvRfm(clv as never, { kind: 'rfm', customers: [] }))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => joinClvRfm(clvSegments(clv), { kind: 'clv', customers: [] } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => clvSegments(clv, { highShare: 0.7, lowShare: 0.5 }))).toBe('INVALID_OPTION');
  });
});

describe('with crm-mining/rfm', () => {
  test('joinClvRfm accepts a real rfmScore result (structural type) and both views cover the same customers', async () => {
    const { rfmScore } = await import('../../src/rfm/rfmScore.js');
    const { summarizeTransactions } = await import('../../src/clv/summarizeTransactions.js');
    const { fitBgNbd } = await import('../../src/clv/bgNbd.js');
    const { fitGammaGamma } = await import('../../src/clv/gammaGamma.js');
    const { createRandom } = await import('../../src/core/random.js');
    const random = createRandom(4);
    const lines: { customer: number; date: number; amount: number }[] = [];
    for (let c = 0; c < 300; c++) {
      const rate = 0.02 + 0.1 * random();
      let day = Math.floor(random() * 60);
      while (day < 365) { lines.push({ customer: c, date: Date.UTC(2023, 0, 1) + day * 86_400_000, amount: 5 + Math.round(100 * random()) }); day += 1 + Math.floor(-Math.log(1 - random()) / rate); }
    }
    const s = summarizeTransactions(lines, { calibrationEnd: '2023-12-31', timeUnit: 'weeks' });
    const clvResult = customerLifetimeValue(fitBgNbd(s), fitGammaGamma(s, { nonRepeat: 'drop' }), s, { horizon: 52, discountRate: 0.01, discountPeriod: 4.345 });
    const joined = joinClvRfm(clvSegments(clvResult), rfmScore(lines, { asOf: '2024-01-01' }));
    expect(joined.customers).toHaveLength(300);
    expect(joined.onlyInClv).toEqual([]);
    expect(joined.onlyInRfm).toEqual([]);
    expect(joined.crossTab.reduce((t, c) => t + c.customers, 0)).toBe(300);
  });
});

describe('customerLifetimeValue: checks, bounds and run control (D22, D30, D33)', () => {
  /** The pre-change loop: every period end from scratch, through the closed form with hyp2f1 (an independent route). */
  function closedFormClv(horizon: number, rate: number, period: number): number[] {
    const { r, alpha, a, b } = bg.params;
    const value = predictGammaGammaAverageValue(gg, summary);
    const alive = predictBgNbdProbabilityAlive(bg, summary);
    return summary.frequency.map((x, i) => {
      const T = summary.T[i]!;
      const E = (t: number) => ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
      let prev = 0, total = 0;
      for (let k = 1; k <= Math.ceil(horizon / period - 1e-9); k++) {
        const t = Math.min(k * period, horizon);
        const cum = E(t);
        total += (cum - prev) / (1 + rate) ** (t / period);
        prev = cum;
      }
      return alive[i]! * value[i]! * total;
    });
  }
  test('equals the per-period closed form (the earlier implementation) to 1e-12 on ordinary horizons', () => {
    for (const [horizon, period] of [[360, 30], [365, 7], [100, 1], [730, 30.4]] as const) {
      const got = customerLifetimeValue(bg, gg, summary, { horizon, discountRate: 0.01, discountPeriod: period }).clv;
      closedFormClv(horizon, 0.01, period).forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThanOrEqual(1e-12 * Math.abs(v)));
    }
  });
  test('customers with the same frequency and T share one computation and get identical values', () => {
    const twice = { customers: ['a', 'b', 'c'], frequency: [2, 2, 2], recency: [100, 200, 100], T: [272, 272, 270], monetary: [10, 30, 10] };
    const got = customerLifetimeValue(bg, gg, twice, { horizon: 360, discountRate: 0.01, discountPeriod: 30 });
    const single = (i: number) => customerLifetimeValue(bg, gg, { frequency: [2], recency: [twice.recency[i]!], T: [twice.T[i]!], monetary: [twice.monetary[i]!] }, { horizon: 360, discountRate: 0.01, discountPeriod: 30 }).clv[0];
    got.clv.forEach((v, i) => expect(v).toBe(single(i)));
  });
  test('impossible BG/NBD or Gamma-Gamma parameters are refused with INVALID_MODEL, as the predict functions do (D30)', () => {
    const s = { frequency: [2, 0], recency: [30, 0], T: [38, 20], monetary: [20, 0] };
    for (const params of [{ r: -1, alpha: 4.4, a: 0.79, b: 2.4 }, { r: 0.24, alpha: 4.4, a: -1, b: 2.4 }, { r: 0.24, alpha: 4.4, a: 0.79, b: Number.NaN }, { r: '0.24', alpha: 4.4, a: 0.79, b: 2.4 }, null]) {
      const model = { kind: 'bgNbd', version: 1, timeUnit: 'weeks', params } as never;
      expect(codeOf(() => customerLifetimeValue(model, gg, s, { horizon: 52, discountRate: 0.01 }))).toBe('INVALID_MODEL');
      expect(codeOf(() => predictBgNbdProbabilityAlive(model, s))).toBe('INVALID_MODEL');
    }
    expect(codeOf(() => customerLifetimeValue(bg, { ...gg, params: { p: 6.25, q: 0.5, v: 15.44 } } as never, s, { horizon: 52, discountRate: 0.01 }))).toBe('INVALID_MODEL');
    expect(codeOf(() => customerLifetimeValue(bg, gg, { ...s, monetary: [-20, 0] }, { horizon: 52, discountRate: 0.01 }))).toBe('NEGATIVE_VALUE');
  });
  test('more than 100,000 discount periods are refused at once with INVALID_OPTION naming horizon and discountPeriod (horizon 1e9 ran forever)', () => {
    const s = { frequency: [2], recency: [30], T: [38], monetary: [20] };
    expect(codeOf(() => customerLifetimeValue(bg, gg, s, { horizon: 1e9, discountRate: 0.01 }))).toBe('INVALID_OPTION');
    expect(messageOf(() => customerLifetimeValue(bg, gg, s, { horizon: 1e9, discountRate: 0.01 }))).toMatch(/at most 100,000.*longer discountPeriod/);
    expect(codeOf(() => customerLifetimeValue(bg, gg, s, { horizon: 1e9, discountRate: 0.01, discountPeriod: 1e5 }))).toBe('INVALID_OPTION');
  });
  test('takes onProgress (phase customer, every 1,000 customers and at the end) and stops with ABORTED through signal', () => {
    const n = 2500;
    const big = { frequency: Array.from({ length: n }, (_, i) => i % 7), recency: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : 100)), T: Array.from({ length: n }, (_, i) => 200 + (i % 50)), monetary: Array.from({ length: n }, () => 10) };
    const seen: string[] = [];
    customerLifetimeValue(bg, gg, big, { horizon: 90, discountRate: 0.01, discountPeriod: 30, onProgress: (p) => seen.push(`${p.fn} ${p.phase} ${p.completed}/${p.total}`) });
    expect(seen).toEqual(['customerLifetimeValue customer 1000/2500', 'customerLifetimeValue customer 2000/2500', 'customerLifetimeValue customer 2500/2500']);
    const ac = new AbortController();
    expect(codeOf(() => customerLifetimeValue(bg, gg, big, { horizon: 90, discountRate: 0.01, signal: ac.signal, onProgress: () => ac.abort() }))).toBe('ABORTED');
    const pre = new AbortController(); pre.abort();
    expect(codeOf(() => customerLifetimeValue(bg, gg, big, { horizon: 90, discountRate: 0.01, signal: pre.signal }))).toBe('ABORTED');
  });
});

describe('clvSegments and joinClvRfm check the results they read (D28)', () => {
  const good = { kind: 'clv', customers: ['a', 'b'], clv: [90, 5], clvIfAlive: [100, 50], probabilityAlive: [0.9, 0.1], expectedPurchases: [3, 0.2], expectedAverageValue: [30, 25] };
  test("clvSegments refuses clv ['NaN', 5], NaN, Infinity (NON_FINITE) and missing, ragged or out-of-range columns (WRONG_RESULT_KIND)", () => {
    expect(codeOf(() => clvSegments({ ...good, clv: ['NaN', 5] } as never))).toBe('NON_FINITE');
    expect(messageOf(() => clvSegments({ ...good, clv: ['NaN', 5] } as never))).toMatch(/clv\[0\] is "NaN"/);
    expect(codeOf(() => clvSegments({ ...good, probabilityAlive: [Number.NaN, 0.1] } as never))).toBe('NON_FINITE');
    expect(codeOf(() => clvSegments({ ...good, expectedPurchases: [3, Infinity] } as never))).toBe('NON_FINITE');
    expect(codeOf(() => clvSegments({ ...good, clvIfAlive: [100] } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => clvSegments({ ...good, expectedAverageValue: undefined } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => clvSegments({ ...good, probabilityAlive: [1.5, 0.1] } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => clvSegments({ ...good, customers: [{}, 'b'] } as never))).toBe('WRONG_RESULT_KIND');
    expect(codeOf(() => clvSegments({ ...good, version: 2 } as never))).toBe('WRONG_RESULT_KIND');
    expect(clvSegments(good as never).customers.map((c) => c.valueAtRisk)).toEqual([90 * (1 - 0.9), 5 * (1 - 0.1)]);
  });
  test('a real CLV result survives a JSON round trip through clvSegments unchanged', () => {
    const clv = customerLifetimeValue(bg, gg, summary, { horizon: 360, discountRate: 0.01, discountPeriod: 30 });
    expect(clvSegments(JSON.parse(JSON.stringify(clv)))).toEqual(clvSegments(clv));
  });
  test('joinClvRfm refuses non-finite numbers and bad ranks in either result', () => {
    const seg = clvSegments(good as never);
    const rfm = { kind: 'rfm', customers: [{ customer: 'b', recency: 200, frequency: 1, monetary: 25, r: 1, f: 1, m: 2, segment: 'Lost' }] } as RfmLikeResult;
    expect(joinClvRfm(seg, rfm).customers).toHaveLength(1);
    expect(codeOf(() => joinClvRfm(seg, { ...rfm, customers: [{ ...rfm.customers[0]!, monetary: 'x' as never }] }))).toBe('NON_FINITE');
    expect(codeOf(() => joinClvRfm({ ...seg, customers: [{ ...seg.customers[0]!, clv: Number.NaN }, seg.customers[1]!] }, rfm))).toBe('NON_FINITE');
    expect(codeOf(() => joinClvRfm({ ...seg, customers: [{ ...seg.customers[0]!, riskRank: 7 }, seg.customers[1]!] }, rfm))).toBe('WRONG_RESULT_KIND');
  });
});

describe('customerLifetimeValue cost grows linearly with the number of periods (D22)', () => {
  test('100,000 weekly periods for three customers finish well within the test guard (they grew with periods^2: ~5 s per customer) and agree with 10,000 on the converged part', () => {
    const weekly = { kind: 'bgNbd', version: 1, timeUnit: 'weeks', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as unknown as BgNbdModel;
    const s = { frequency: [2, 5, 0], recency: [30, 20, 0], T: [38, 30, 10], monetary: [20, 15, 0] };
    const long = customerLifetimeValue(weekly, gg, s, { horizon: 100_000, discountRate: 0.01 }).clv;
    const shorter = customerLifetimeValue(weekly, gg, s, { horizon: 10_000, discountRate: 0.01 }).clv;
    // at 1% a week the periods after 10,000 weeks are worth nothing: both sums agree
    long.forEach((v, i) => expect(Math.abs(v - shorter[i]!)).toBeLessThan(1e-9 * shorter[i]!));
    expect(long.every((v) => v > 0)).toBe(true);
  }, 8000);
});
