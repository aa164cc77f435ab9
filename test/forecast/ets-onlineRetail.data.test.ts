// ETS on the monthly net revenue of UCI Online Retail, built here from ../shared/data (every line's
// Quantity * UnitPrice, cancellations included so they net out; Dec 2010 - Nov 2011, the last
// month being partial): the series must equal the one R built for the fixture, and fitEts must
// select and fit what R's ets() did. Twelve points with period 12: no season can be fitted (n <= m).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseCsv, readDataText } from '../helpers/shared.js';
import { fitEts, forecastEts } from '../../src/forecast/index.js';

const R = JSON.parse(readFileSync(new URL('./fixtures/ets-r.json', import.meta.url), 'utf8')) as {
  series: Record<string, { values: number[]; period: number; zzz: { method: string; logLik: number; aicc: number; mean: number[]; upper95: number[] } }>;
};

function monthlyRevenue(): { all: number[]; uk: number[] } {
  const rows = parseCsv(readDataText('online_retail.csv.gz'));
  const head = rows[0]!;
  const q = head.indexOf('Quantity'), p = head.indexOf('UnitPrice'), d = head.indexOf('InvoiceDate'), c = head.indexOf('Country');
  const all = new Map<string, number>(), uk = new Map<string, number>();
  for (const row of rows.slice(1)) {
    if (row.length < head.length) continue;
    const [month, , year] = row[d]!.split(' ')[0]!.split('/');
    const key = `${year}-${month!.padStart(2, '0')}`;
    if (key < '2010-12' || key > '2011-11') continue;
    const v = Number(row[q]) * Number(row[p]);
    all.set(key, (all.get(key) ?? 0) + v);
    if (row[c] === 'United Kingdom') uk.set(key, (uk.get(key) ?? 0) + v);
  }
  const keys = [...all.keys()].sort();
  return { all: keys.map((k) => all.get(k)!), uk: keys.map((k) => uk.get(k)!) };
}

describe('fitEts on Online Retail monthly net revenue', () => {
  const series = monthlyRevenue();
  for (const [name, values] of [['retailAll', series.all], ['retailUK', series.uk]] as const) {
    test(`${name}: the series R used, and R's selection and forecasts`, () => {
      const r = R.series[name]!;
      expect(values.length).toBe(12);
      values.forEach((v, i) => expect(Math.abs(v - r.values[i]!) / r.values[i]!).toBeLessThan(1e-9));
      const fit = fitEts({ values, period: 12 });
      expect(fit.method).toBe(r.zzz.method);
      expect(fit.spec.season).toBe('N');
      expect(Math.abs(fit.logLik - r.zzz.logLik) / Math.abs(r.zzz.logLik)).toBeLessThan(1e-8);
      const f = forecastEts(fit, 24);
      f.mean.forEach((v, i) => expect(Math.abs(v - r.zzz.mean[i]!) / r.zzz.mean[i]!).toBeLessThan(1e-6));
      f.upper['95']!.forEach((v, i) => expect(Math.abs(v - r.zzz.upper95[i]!) / r.zzz.upper95[i]!).toBeLessThan(1e-6));
    });
  }
});
