// BG/NBD probability alive in SQL on real summaries: the CDNOW summary lifetimes ships (weeks) and
// UCI Online Retail summarised to 2011-09-08 (weeks), models fitted in JS.
import { expect, test } from 'vitest';
import { fitBgNbd, summarizeTransactions } from '../../src/clv/index.js';
import { readCdnowOrders, readCdnowSummary } from '../clv/cdnow.js';
import { loadCleanOnlineRetail } from '../rfm/onlineRetail.js';
import { compareBgNbd } from './engineChecks.js';
import { describeEngines } from './engines.js';

describeEngines('bgNbdToSql on real summaries', (engine) => {
  test('CDNOW: the bundled summary (2,357 customers) and the master file to 1997-09-30 (23,570)', async () => {
    const rows = readCdnowSummary('cdnow_customers_summary.csv.gz');
    const bundled = { frequency: rows.map((r) => r[1]!), recency: rows.map((r) => r[2]!), T: rows.map((r) => r[3]!), timeUnit: 'weeks' };
    const master = summarizeTransactions(readCdnowOrders('CDNOW_master.txt.gz'), { calibrationEnd: '1997-09-30', timeUnit: 'weeks' });
    const e = engine();
    for (const [name, s, n] of [['bundled', bundled, 2_357], ['master', master, 23_570]] as const) {
      const model = fitBgNbd(s);
      const c = await compareBgNbd(e, model, s);
      expect(c.rows).toBe(n);
      expect(c.maxDiff).toBeLessThanOrEqual(1e-12);
      console.log(`cdnow ${name}: ${n} customers, max |SQL - JS| P(alive) ${c.maxDiff.toExponential(1)}`);
    }
  });

  test('Online Retail summary to 2011-09-08, in weeks and in days', async () => {
    const data = loadCleanOnlineRetail();
    const e = engine();
    for (const timeUnit of ['weeks', 'days'] as const) {
      const s = summarizeTransactions({ customer: data.customer, date: data.date, amount: data.amount }, { calibrationEnd: '2011-09-08', timeUnit, laterCustomers: 'drop', laterLines: 'drop' } as never);
      const model = fitBgNbd(s);
      const c = await compareBgNbd(e, model, s);
      expect(c.rows).toBe(s.frequency.length);
      expect(c.maxDiff).toBeLessThanOrEqual(1e-12);
      console.log(`online retail ${timeUnit}: ${s.frequency.length} customers, max |SQL - JS| P(alive) ${c.maxDiff.toExponential(1)}`);
    }
  });
});
