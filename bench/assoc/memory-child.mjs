// One mining run in a fresh plain-Node process (no tsx, the built dist/), for peak memory.
// Prints JSON: the RSS with the data loaded (before mining), the process's peak RSS, and their
// difference, the memory the mining itself took. The FIMI file is parsed byte by byte into number[][]
// so that little parsing garbage is left to be reused by the mining (which would hide its growth).
// usage: node --expose-gc bench/assoc/memory-child.mjs <crm|node-fpgrowth|none> <retail|T10I4D100K> <minCount>
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = process.env.CRM_SHARED_DIR ?? resolve(REPO, '..', 'shared');
const [system, name, minCountText] = process.argv.slice(2);
const minCount = Number(minCountText);

function readFimiCompact(path) {
  const buf = gunzipSync(readFileSync(path));
  const out = [];
  let basket = [];
  let v = -1;
  for (let i = 0; i < buf.length; i++) {
    const ch = buf[i];
    if (ch >= 48 && ch <= 57) { v = (v < 0 ? 0 : v * 10) + ch - 48; continue; }
    if (v >= 0) { basket.push(v); v = -1; }
    if (ch === 10) { if (basket.length > 0) out.push(basket); basket = []; }
  }
  if (v >= 0) basket.push(v);
  if (basket.length > 0) out.push(basket);
  return out;
}

const mib = (b) => b / 2 ** 20;
const tx = readFimiCompact(join(SHARED, 'data', `${name}.dat.gz`));
globalThis.gc?.();
globalThis.gc?.();
const rssBefore = mib(process.memoryUsage().rss);
const peakLoading = process.resourceUsage().maxRSS / 1024;
const t = performance.now();
let itemsets = 0;
if (system === 'crm') {
  const { fpGrowth } = await import(join(REPO, 'dist', 'assoc', 'index.js'));
  itemsets = fpGrowth(tx, { minCount }).itemsets.length;
} else if (system === 'node-fpgrowth') {
  const { FPGrowth } = await import('node-fpgrowth');
  // node-fpgrowth takes a fraction and applies ceil(fraction * n): (c - 0.5) / n lands on c.
  itemsets = (await new FPGrowth((minCount - 0.5) / tx.length).exec(tx)).length;
}
const seconds = (performance.now() - t) / 1000;
const peak = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ system, task: `${name}:${minCount}`, itemsets, seconds, rssBeforeMiB: rssBefore, peakLoadingMiB: peakLoading, peakRssMiB: peak, miningMiB: peak - Math.max(rssBefore, 0) }));
