// Data for the assoc benchmarks: the FIMI files and groceries from ../shared/data, and a seeded
// synthetic basket log (built in memory, never written to git).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createRandom } from '../../src/core/random.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = process.env.CRM_SHARED_DIR ?? resolve(REPO, '..', 'shared');
export const hasShared = existsSync(join(SHARED, 'data'));

function text(name: string): string {
  return gunzipSync(readFileSync(join(SHARED, 'data', name))).toString('utf8');
}

/** FIMI .dat (retail.dat.gz, T10I4D100K.dat.gz): space-separated integers, trailing space per line. */
export function readFimi(name: string): number[][] {
  return text(name).split('\n').filter((l) => l.trim().length > 0).map((l) => l.trim().split(' ').map(Number));
}

/** groceries.csv.gz: one basket per line, items separated by commas. */
export function readGroceries(): string[][] {
  return text('groceries.csv.gz').split('\n').filter((l) => l.length > 0).map((l) => l.split(','));
}

/**
 * A seeded synthetic basket log: `items` products with skewed popularity (a few sell a lot), basket
 * sizes 1 to 16 (mean about 5), and 40 planted combinations of 2 to 4 products that appear together
 * in 30% of the baskets, so there is something to find.
 */
export function syntheticBaskets(n: number, items: number, seed = 1): number[][] {
  const r = createRandom(seed);
  const patterns = Array.from({ length: 40 }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => Math.floor(items * r() * r())));
  const out: number[][] = new Array(n);
  for (let b = 0; b < n; b++) {
    const size = 1 + Math.floor(-Math.log(1 - r() * 0.999) * 4) % 16;
    const basket: number[] = r() < 0.3 ? [...patterns[Math.floor(r() * patterns.length)]!] : [];
    while (basket.length < size) basket.push(Math.floor(items * r() * r()));
    out[b] = basket;
  }
  return out;
}
