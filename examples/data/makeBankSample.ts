/**
 * Draws examples/data/bank-marketing-sample.csv.gz from the full UCI Bank Marketing `bank-full.csv`.
 * Run: npx tsx examples/data/makeBankSample.ts [path to bank-full.csv.gz] [fraction] [seed]
 * The rule (also in README.md): one stream createRandom(seed) (Alea, src/core/random.ts); every data
 * line, in file order, draws u and is kept when u < fraction. Kept lines are written byte for byte,
 * in file order, under the original header, with LF line endings as in the original.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createRandom } from '../../src/core/random.js';
import { BANK_MARKETING_SAMPLE, BANK_MARKETING_HEADER } from './bankMarketing.js';

/** The sample's CSV text and what it holds. */
export interface BankMarketingSample {
  csv: string;
  lines: number;
  ofLines: number;
  yes: number;
}

/** Applies the sampling rule above to the CSV text of `bank-full.csv`. */
export function drawBankMarketingSample(text: string, fraction: number, seed: number): BankMarketingSample {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== BANK_MARKETING_HEADER) throw new Error('not bank-full.csv: unexpected header');
  const random = createRandom(seed);
  const out = [lines[0]];
  let yes = 0;
  for (let i = 1; i < lines.length; i++) {
    if (random() < fraction) {
      out.push(lines[i]!);
      if (lines[i]!.endsWith(';"yes"')) yes++;
    }
  }
  return { csv: `${out.join('\n')}\n`, lines: out.length - 1, ofLines: lines.length - 1, yes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const source = process.argv[2] ?? new URL('../../../shared/data/bank-full.csv.gz', import.meta.url).pathname;
  const fraction = Number(process.argv[3] ?? 0.2);
  const seed = Number(process.argv[4] ?? 2011);
  const text = gunzipSync(readFileSync(source)).toString('utf8');
  const { csv, ...stats } = drawBankMarketingSample(text, fraction, seed);
  const gz = gzipSync(Buffer.from(csv, 'utf8'), { level: 9 });
  writeFileSync(BANK_MARKETING_SAMPLE, gz);
  const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
  process.stdout.write(`${JSON.stringify({ source, sha256Source: sha(text), fraction, seed, ...stats, bytes: Buffer.byteLength(csv), gzBytes: gz.length, sha256: sha(csv), sha256Gz: sha(gz) }, null, 1)}\n`);
}
