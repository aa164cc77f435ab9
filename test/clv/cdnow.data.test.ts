// CDNOW reference checks: summaries against the lifetimes files, BG/NBD against Fader, Hardie & Lee
// (2005), Gamma-Gamma against Fader & Hardie (2013), and everything against lifetimes 0.11.3 numbers
// recorded in ../shared/anchors/results/clv.py.json (T-CLV).
import { describe, expect, test } from 'vitest';
import { readResult } from '../helpers/shared.js';
import {
  customerLifetimeValue, fitBgNbd, fitGammaGamma, predictBgNbdExpectedPurchases, predictBgNbdNewCustomerPurchases,
  predictBgNbdProbabilityAlive, predictGammaGammaAverageValue, summarizeTransactions,
} from '../../src/clv/index.js';
import { readCdnowOrders, readCdnowSummary } from './cdnow.js';

interface Run { part: string; result: Record<string, any> }
const runs: Run[] = readResult('clv.py.json').runs;
const ref = (part: string) => runs.find((r) => r.part === part)!.result;

const relClose = (got: number, want: number, rel: number) => expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.abs(want));

const summary = summarizeTransactions(readCdnowOrders('CDNOW_sample.txt.gz'), { calibrationEnd: '1997-09-30', timeUnit: 'weeks' });
const bundled = readCdnowSummary('cdnow_customers_summary.csv.gz');
const withZbar = readCdnowSummary('cdnow_customers_summary_with_transactions.csv.gz');
const bundledSummary = { frequency: bundled.map((r) => r[1]!), recency: bundled.map((r) => r[2]!), T: bundled.map((r) => r[3]!), timeUnit: 'weeks' };

describe('summarizeTransactions on the CDNOW sample (calibration to 1997-09-30, weeks)', () => {
  test('reproduces cdnow_customers_summary.csv row for row (ids, frequency; recency and T to the 2 printed decimals)', () => {
    expect(summary.customers).toHaveLength(2357);
    expect(summary.customers).toEqual(bundled.map((r) => r[0]));
    expect(summary.frequency).toEqual(bundled.map((r) => r[1]));
    expect(summary.recency.map((v) => v.toFixed(2))).toEqual(bundled.map((r) => r[2]!.toFixed(2)));
    expect(summary.T.map((v) => v.toFixed(2))).toEqual(bundled.map((r) => r[3]!.toFixed(2)));
  });
  test('reproduces the zbar of cdnow_customers_summary_with_transactions.csv row for row (printed to the cent, half-up)', () => {
    expect(withZbar.map((r) => r[0])).toEqual(summary.customers);
    summary.monetary!.forEach((v, i) => expect(Math.abs(v - withZbar[i]![4]!), `row ${i}`).toBeLessThanOrEqual(0.005 + 1e-9));
    expect(summary.frequency).toEqual(withZbar.map((r) => r[1]));
  });
  test('matches the summary check lifetimes recorded (sums of frequency and T, repeat customers)', () => {
    const check = ref('bg_raw').summary_check;
    expect(summary.frequency.reduce((s, v) => s + v, 0)).toBe(check.sum_frequency);
    expect(summary.frequency.filter((v) => v > 0)).toHaveLength(check.repeat_customers);
    relClose(summary.T.reduce((s, v) => s + v, 0), check.sum_T_weeks, 1e-12);
  });
});

describe('fitBgNbd on CDNOW', () => {
  const model = fitBgNbd(bundledSummary);
  const raw = fitBgNbd(summary);
  test('gives the published r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 and log-likelihood -9582.4', () => {
    expect(model.diagnostics.converged).toBe(true);
    expect(model.params.r.toFixed(3)).toBe('0.243');
    expect(model.params.alpha.toFixed(3)).toBe('4.414');
    expect(model.params.a.toFixed(3)).toBe('0.793');
    expect(model.params.b.toFixed(3)).toBe('2.426');
    expect(model.logLikelihood.toFixed(1)).toBe('-9582.4');
    expect(model.timeUnit).toBe('weeks');
  });
  test('equals lifetimes (recorded) on the bundled and the rebuilt summary: parameters to 1e-5 relative, log-likelihood to 1e-6', () => {
    for (const [m, part] of [[model, 'bg_bundled'], [raw, 'bg_raw']] as const) {
      const want = ref(part);
      for (const k of ['r', 'alpha', 'a', 'b'] as const) relClose(m.params[k], want.params[k], 1e-5);
      expect(Math.abs(m.logLikelihood - want.loglik_sum)).toBeLessThan(1e-6);
      // lifetimes stops at gtol 1e-7, so its log-likelihood may be below the maximum, never above
      expect(m.logLikelihood).toBeGreaterThanOrEqual(want.loglik_sum - 1e-9);
    }
  });
  test('predictions equal the lifetimes values recorded (39 weeks ahead, probability alive, new customer)', () => {
    for (const [m, s, part] of [[model, bundledSummary, 'bg_bundled'], [raw, summary, 'bg_raw']] as const) {
      const want = ref(part);
      const e39 = predictBgNbdExpectedPurchases(m, s, 39);
      const alive = predictBgNbdProbabilityAlive(m, s);
      want.first5_expected_purchases_next_39w.forEach((v: number, i: number) => relClose(e39[i]!, v, 1e-5));
      want.first5_p_alive.forEach((v: number, i: number) => relClose(alive[i]!, v, 1e-5));
      relClose(e39.reduce((a, b) => a + b, 0), want.sum_expected_purchases_next_39w, 1e-6);
      relClose(alive.reduce((a, b) => a + b, 0) / alive.length, want.mean_p_alive, 1e-6);
      relClose(predictBgNbdNewCustomerPurchases(m, 39), want.expected_purchases_new_customer_39w, 1e-6);
    }
  });
});

describe('fitGammaGamma on CDNOW', () => {
  test('on the rebuilt summary gives the published p, q, v = 6.25, 3.74, 15.44 and equals lifetimes (recorded)', () => {
    const m = fitGammaGamma(summary, { nonRepeat: 'drop' });
    const want = ref('gg_raw');
    expect(m.customers).toBe(want.n_repeat_customers);
    expect(m.droppedNonRepeat).toBe(2357 - 946);
    expect([m.params.p.toFixed(2), m.params.q.toFixed(2), m.params.v.toFixed(2)]).toEqual(['6.25', '3.74', '15.44']);
    for (const k of ['p', 'q', 'v'] as const) relClose(m.params[k], want.params[k], 1e-5);
    expect(Math.abs(m.logLikelihood - want.loglik_sum)).toBeLessThan(1e-5);
    const repeat = summary.frequency.map((x, i) => (x > 0 ? i : -1)).filter((i) => i >= 0);
    const value = predictGammaGammaAverageValue(m, summary);
    want.first5_conditional_expected_avg_profit.forEach((v: number, k: number) => relClose(value[repeat[k]!]!, v, 1e-5));
    relClose(repeat.reduce((s, i) => s + value[i]!, 0) / repeat.length, want.mean_conditional_expected_avg_profit, 1e-6);
  });
  test('on the bundled zbar (rounded to the cent) equals lifetimes (recorded) and its docs (6.25, 3.74, 15.45)', () => {
    const rep = withZbar.filter((r) => r[1]! > 0);
    const m = fitGammaGamma({ frequency: rep.map((r) => r[1]!), monetary: rep.map((r) => r[4]!) });
    const want = ref('gg_bundled');
    for (const k of ['p', 'q', 'v'] as const) relClose(m.params[k], want.params[k], 1e-5);
    expect([m.params.p.toFixed(2), m.params.q.toFixed(2), m.params.v.toFixed(2)]).toEqual(['6.25', '3.74', '15.45']);
    relClose(m.frequencyMonetaryCorrelation, want.corr_frequency_monetary, 1e-9);
  });
});

describe('CDNOW master file (23,570 customers)', () => {
  test('summarizes, fits BG/NBD and Gamma-Gamma, and values every customer; the BG/NBD fit takes well under a second', () => {
    const s = summarizeTransactions(readCdnowOrders('CDNOW_master.txt.gz'), { calibrationEnd: '1997-09-30', timeUnit: 'weeks' });
    expect(s.customers).toHaveLength(23570);
    fitBgNbd(s); // warm-up (JIT)
    const times: number[] = [];
    let bg = fitBgNbd(s);
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      bg = fitBgNbd(s);
      times.push(performance.now() - t0);
    }
    const ms = times.sort((p, q) => p - q)[1]!; // median of 3: the machine is shared
    expect(bg.diagnostics.converged).toBe(true);
    expect(ms).toBeLessThan(1000);
    // One repeat customer (summary row 10243) has repeat purchases all at $0.00: refused by default and named;
    // zeroMonetary: 'drop' leaves them out, counts them, and fits what filtering by hand fits.
    expect(() => fitGammaGamma(s, { nonRepeat: 'drop' })).toThrow(/monetary\[10243\] is 0 .*1 repeat customer\(s\) have a value <= 0.*zeroMonetary: 'drop'/);
    const zeroRow = 10243;
    expect(s.frequency[zeroRow]).toBeGreaterThan(0);
    expect(s.monetary![zeroRow]).toBe(0);
    const keep = s.frequency.map((x, i) => x === 0 || s.monetary![i]! > 0);
    const positive = { frequency: s.frequency.filter((_, i) => keep[i]), monetary: s.monetary!.filter((_, i) => keep[i]) };
    const byHand = fitGammaGamma(positive, { nonRepeat: 'drop' });
    const gg = fitGammaGamma(s, { nonRepeat: 'drop', zeroMonetary: 'drop' });
    expect(gg.droppedZeroMonetary).toBe(1);
    expect(gg.customers).toBe(byHand.customers);
    expect(gg.params).toEqual(byHand.params);
    expect(gg.diagnostics.converged).toBe(true);
    const clv = customerLifetimeValue(bg, gg, s, { horizon: 52, discountRate: 0.01, discountPeriod: 4.345 });
    expect(clv.clv.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    // The 1/10 sample and the full file describe the same population: parameters within 15%.
    const sample = fitBgNbd(summary);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) relClose(bg.params[k], sample.params[k], 0.15);
  });
});
