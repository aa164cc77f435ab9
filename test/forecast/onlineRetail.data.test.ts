// Sales series and forecasts on the full UCI Online Retail file (../shared/data): monthly net
// revenue per country against a brute-force sum, forecasts for every country, and a daily backtest
// of the default method against seasonal naive.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadOnlineRetail } from '../../examples/data/onlineRetail.js';
import { backtest, forecastMany, forecastSeries, salesSeries } from '../../src/forecast/index.js';
import { DATA_DIR } from '../helpers/shared.js';

const raw = loadOnlineRetail(join(DATA_DIR, 'online_retail.csv.gz'));
const lines = raw.invoiceNo.map((invoice, i) => ({ invoice, date: raw.invoiceDate[i]!, quantity: raw.quantity[i]!, price: raw.unitPrice[i]!, country: raw.country[i]! }));

describe('salesSeries on Online Retail (541,909 lines)', () => {
  const byCountry = salesSeries(lines, { group: 'country' });
  test('monthly net revenue per country equals a brute-force sum keyed by the ISO month', () => {
    const want = new Map<string, number>();
    for (const l of lines) {
      const key = `${l.country}|${new Date(l.date).toISOString().slice(0, 7)}`;
      want.set(key, (want.get(key) ?? 0) + l.quantity * l.price);
    }
    expect(byCountry.labels).toEqual(['2010-12', '2011-01', '2011-02', '2011-03', '2011-04', '2011-05', '2011-06', '2011-07', '2011-08', '2011-09', '2011-10', '2011-11']);
    expect(byCountry.diagnostics.partialPeriods).toEqual([{ label: '2011-12', dropped: true }]);
    expect(byCountry.groups.length).toBe(38);
    byCountry.series.forEach((s) => s.labels.forEach((label, i) => {
      expect(s.values[i]).toBeCloseTo(want.get(`${s.group}|${label}`) ?? 0, 6);
    }));
  });
  test('forecastMany forecasts every country with finite intervals (some fall back, none is NaN)', () => {
    const out = forecastMany(byCountry, { horizon: 3 });
    expect(out.groups.length).toBe(38);
    for (const f of out.forecasts) {
      expect(f.labels).toEqual(['2011-12', '2012-01', '2012-02']);
      for (const a of [f.mean, ...Object.values(f.lower), ...Object.values(f.upper)]) expect(a.every(Number.isFinite)).toBe(true);
    }
  });
  test('daily, last 8 weeks, one week ahead: the backtest equals a loop of forecasts; figures in docs/forecast.md', () => {
    const daily = salesSeries(lines, { frequency: 'day' });
    const n = daily.values.length;
    const origins = Array.from({ length: 8 }, (_, k) => n - 7 * (8 - k));
    const auto = backtest(daily, 'auto', { horizon: 7, origins });
    const snaive = backtest(daily, 'seasonalNaive', { horizon: 7, origins });
    const naiveBt = backtest(daily, 'naive', { horizon: 7, origins });
    // The loop a user would write, for seasonal naive.
    origins.forEach((t, k) => {
      const f = forecastSeries(daily.values.slice(0, t), { horizon: 7, method: 'seasonalNaive', period: 7 });
      f.mean.forEach((v, j) => expect(snaive.errors[k]![j]).toBeCloseTo(daily.values[t + j]! - v, 6));
    });
    // Measured (docs/forecast.md): seasonal naive wins on this series (no Saturday trading, a
    // weekly pattern that the combination smooths), and both beat naive.
    console.log(`daily MASE: auto ${auto.accuracy.mase}, seasonalNaive ${snaive.accuracy.mase}, naive ${naiveBt.accuracy.mase}; auto 95% coverage ${auto.accuracy.coverage['95']}`);
    expect(snaive.accuracy.mase!).toBeLessThan(naiveBt.accuracy.mase!);
    expect(auto.accuracy.mase!).toBeLessThan(naiveBt.accuracy.mase!);
    expect(forecastSeries(daily, { horizon: 7 }).labels![0]).toBe('2011-12-10');
  });
});
