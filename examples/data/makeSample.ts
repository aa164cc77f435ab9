/**
 * Draws examples/data/online-retail-sample.csv.gz from the full UCI Online Retail file.
 * Run: npx tsx examples/data/makeSample.ts [path to online_retail.csv.gz] [fraction] [seed]
 * The rule (also in README.md): one stream createRandom(seed) (Alea, src/core/random.ts);
 * 1. distinct CustomerIDs in ascending numeric order each draw u, kept when u < fraction;
 * 2. then the distinct InvoiceNo of lines with an empty CustomerID, in ascending string order,
 *    each draw u, kept when u < fraction.
 * A line is kept when its customer is kept, or (no customer) when its invoice is kept. Kept lines
 * are written byte for byte, in file order, under the original header, with CRLF line endings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createRandom } from '../../src/core/random.js';
import { csvParseRows } from 'd3-dsv';
import { ONLINE_RETAIL_SAMPLE } from './onlineRetail.js';

/** The sample's CSV text and what it holds. */
export interface OnlineRetailSample {
  csv: string;
  lines: number;
  customers: number;
  ofCustomers: number;
  guestInvoices: number;
  ofGuestInvoices: number;
}

/** Applies the sampling rule above to the CSV text of the full file. */
export function drawOnlineRetailSample(text: string, fraction: number, seed: number): OnlineRetailSample {
  const lines = text.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const fields = lines.slice(1).map((l, i) => {
    const r = csvParseRows(l)[0]!;
    if (r.length !== 8) throw new Error(`line ${i + 2} does not have 8 fields`);
    return r;
  });
  const customers = [...new Set(fields.map((r) => r[6]!).filter((c) => c !== ''))].sort((a, b) => Number(a) - Number(b));
  const guestInvoices = [...new Set(fields.filter((r) => r[6] === '').map((r) => r[0]!))].sort();
  const random = createRandom(seed);
  const keptCustomers = new Set(customers.filter(() => random() < fraction));
  const keptInvoices = new Set(guestInvoices.filter(() => random() < fraction));
  const out = [lines[0]!];
  for (let i = 0; i < fields.length; i++) {
    const r = fields[i]!;
    if (r[6] === '' ? keptInvoices.has(r[0]!) : keptCustomers.has(r[6]!)) out.push(lines[i + 1]!);
  }
  return {
    csv: `${out.join('\r\n')}\r\n`,
    lines: out.length - 1,
    customers: keptCustomers.size,
    ofCustomers: customers.length,
    guestInvoices: keptInvoices.size,
    ofGuestInvoices: guestInvoices.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const source = process.argv[2] ?? new URL('../../../shared/data/online_retail.csv.gz', import.meta.url).pathname;
  const fraction = Number(process.argv[3] ?? 0.2);
  const seed = Number(process.argv[4] ?? 2012);
  const { csv, ...stats } = drawOnlineRetailSample(gunzipSync(readFileSync(source)).toString('utf8'), fraction, seed);
  const gz = gzipSync(Buffer.from(csv, 'utf8'), { level: 9 });
  writeFileSync(ONLINE_RETAIL_SAMPLE, gz);
  const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
  process.stdout.write(`${JSON.stringify({ source, fraction, seed, ...stats, bytes: Buffer.byteLength(csv), gzBytes: gz.length, sha256: sha(csv), sha256Gz: sha(gz) }, null, 1)}\n`);
}
