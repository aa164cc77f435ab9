// Exact agreement with the pandas reference of task T-RFM (../shared/anchors/py/t_rfm.py) on the
// full UCI Online Retail file.
import { beforeAll, describe, expect, test } from 'vitest';
import { parseCsv, readDataText, readResult, RESULTS_DIR } from '../helpers/shared.js';
import { paretoAnalysis, rfmScore, summarizeRfmSegments, type RfmResult } from '../../src/rfm/index.js';
import { loadCleanOnlineRetail, type CleanOnlineRetail } from './onlineRetail.js';

let data: CleanOnlineRetail;
let result: RfmResult;
const reference = () => readResult('rfm.py.json').runs.find((r: { part: string }) => r.part === 'aggregate_full').result;

beforeAll(() => {
  data = loadCleanOnlineRetail();
  result = rfmScore(data);
});

describe('rfmScore on UCI Online Retail (T-RFM)', () => {
  test('cleaned lines and asOf match the task', () => {
    expect(data.rawLines).toBe(reference().input_rows);
    expect(result.counts.lines).toBe(reference().clean_rows);
    expect(result.counts.purchaseLines).toBe(397_884);
    expect(result.asOf).toBe(Date.UTC(2011, 11, 10));
    expect(result.options.frequency).toBe('orders');
  });

  test('totals: 4,338 customers, frequency 18,532, monetary 8,911,407.904 to the cent, recency 399,354', () => {
    const ref = reference();
    expect(result.customers.length).toBe(4338);
    expect(ref.customers).toBe(4338);
    expect(result.customers.reduce((s, c) => s + c.frequency, 0)).toBe(18_532);
    expect(result.customers.reduce((s, c) => s + c.recency, 0)).toBe(399_354);
    expect(result.totalRevenue.toFixed(2)).toBe('8911407.90');
    // No float drift: the compensated total is the exact decimal total to well under a milli-unit.
    expect(result.totalRevenue.toFixed(3)).toBe(ref.sum_monetary_exact);
    expect(Math.abs(result.totalRevenue - Number(ref.sum_monetary_exact))).toBeLessThan(1e-6);
  });

  test('every customer equals rfm_customers.csv.gz (recency, frequency, monetary to 1e-6, R, F, M)', () => {
    const rows = parseCsv(readDataText('rfm_customers.csv.gz', RESULTS_DIR)).filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['CustomerID', 'recency', 'frequency', 'monetary', 'R', 'F', 'M']);
    const ref = rows.slice(1);
    expect(ref.length).toBe(result.customers.length);
    let worstMonetary = 0;
    const mismatches: string[] = [];
    ref.forEach((r, i) => {
      const c = result.customers[i]!;
      const want = [Number(r[0]), Number(r[1]), Number(r[2]), Number(r[4]), Number(r[5]), Number(r[6])];
      const got = [c.customer, c.recency, c.frequency, c.r, c.f, c.m];
      if (want.some((w, j) => w !== got[j])) mismatches.push(`${r.join(',')} vs ${got.join(',')}`);
      worstMonetary = Math.max(worstMonetary, Math.abs(c.monetary - Number(r[3])));
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(worstMonetary).toBeLessThanOrEqual(1e-6);
  });

  test('score histogram and distinct cells match the reference', () => {
    const ref = reference();
    for (const [key, name] of [['r', 'R'], ['f', 'F'], ['m', 'M']] as const) {
      const hist: Record<string, number> = {};
      for (const c of result.customers) hist[c[key]] = (hist[c[key]] ?? 0) + 1;
      expect(hist).toEqual(ref.score_hist[name]);
    }
    expect(new Set(result.customers.map((c) => c.cell)).size).toBe(ref.rfm_cell_count_nonempty);
  });

  test("rfmScore(orders, { asOf: '2011-12-09' }) takes the whole last day and equals the T-RFM result (asOf 2011-12-10 00:00)", () => {
    expect(rfmScore(data, { asOf: '2011-12-09' })).toEqual(result);
    // The instant that starts the day leaves that day's lines after asOf: refused, naming the first.
    expect(() => rfmScore(data, { asOf: Date.UTC(2011, 11, 9) })).toThrow(/617 of the 397884 order lines are dated after asOf 2011-12-09T00:00:00.000Z; the first is row \d+, on 2011-12-09T\d\d:\d\d.*laterLines: 'drop'/);
  });

  test('rows with accessors give the same result as columns', () => {
    const rows = Array.from(data.customer, (_, i) => ({ id: data.customer[i]!, at: data.date[i]!, total: data.amount[i]!, invoice: data.orderId[i]! }));
    const fromRows = rfmScore(rows, { customer: 'id', date: (row) => row.at, amount: 'total', orderId: 'invoice' });
    expect(fromRows).toEqual(result);
  });

  test('segments and the 80/20 view are consistent with the customers', () => {
    const summary = summarizeRfmSegments(result);
    expect(summary.reduce((s, x) => s + x.customers, 0)).toBe(4338);
    expect(summary.reduce((s, x) => s + x.revenueShare, 0)).toBeCloseTo(1, 12);
    const pareto = paretoAnalysis(result);
    expect(pareto.total).toBeCloseTo(8_911_407.904, 6);
    const top20 = pareto.topShares.find((t) => t.topFraction === 0.2)!;
    const sorted = result.customers.map((c) => c.revenue).sort((a, b) => b - a);
    const brute = sorted.slice(0, Math.round(0.2 * 4338)).reduce((s, v) => s + v, 0) / 8_911_407.904;
    expect(top20.valueShare).toBeCloseTo(brute, 10);
    expect(pareto.golden.ids!.length).toBe(pareto.golden.customers);
  });
});
