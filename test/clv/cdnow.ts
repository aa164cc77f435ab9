// Readers for the CDNOW files in ../shared/data (used by the data tests and bench/clv/compare.ts).
import { parseCsv, readDataText } from '../helpers/shared.js';

const isoOf = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/**
 * Order lines as columns. The sample has 5 fields (master id, sample id, date, CDs, dollars) and
 * is keyed by the sample id (as the summaries are); the master file has 4 and a header line.
 */
export function readCdnowOrders(file: 'CDNOW_sample.txt.gz' | 'CDNOW_master.txt.gz'): { customer: number[]; date: string[]; amount: number[] } {
  const out = { customer: [] as number[], date: [] as string[], amount: [] as number[] };
  for (const line of readDataText(file).split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !/^\d+$/.test(f[0]!)) continue; // blank lines and the master's header
    const sample = f.length === 5;
    out.customer.push(Number(sample ? f[1] : f[0]));
    out.date.push(isoOf(sample ? f[2]! : f[1]!));
    out.amount.push(Number(sample ? f[4] : f[3]));
  }
  return out;
}

/** The lifetimes summary files: header row, then numeric rows. */
export function readCdnowSummary(file: 'cdnow_customers_summary.csv.gz' | 'cdnow_customers_summary_with_transactions.csv.gz'): number[][] {
  return parseCsv(readDataText(file)).slice(1).filter((r) => r.length > 1).map((r) => r.map(Number));
}
