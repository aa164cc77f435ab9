// One mining run in a fresh process (under tsx, timing the built dist/), for peak memory: prints JSON with the time, the RSS before mining
// (data loaded), the peak RSS of the process and the heap in use with the result still alive.
// usage: npx tsx bench/assoc/child.ts <crm|node-fpgrowth> <retail:88|T10I4D100K:50|synthetic:1000000:3000:0.001>
import { FPGrowth } from 'node-fpgrowth';
import { importBuilt } from '../dist.js';
import { readFimi, syntheticBaskets } from './data.js';

const { fpGrowth } = await importBuilt<typeof import('../../src/assoc/index.js')>('assoc');

const [system, task] = process.argv.slice(2) as [string, string];
const parts = task.split(':');
let tx: number[][];
let minCount: number | undefined;
let minSupport: number | undefined;
if (parts[0] === 'synthetic') {
  tx = syntheticBaskets(Number(parts[1]), Number(parts[2]), Number(parts[1]));
  minSupport = Number(parts[3]);
} else {
  tx = readFimi(`${parts[0]}.dat.gz`);
  minCount = Number(parts[1]);
}
const mib = (b: number) => b / 2 ** 20;
global.gc?.();
const rssBefore = mib(process.memoryUsage().rss);
const t = performance.now();
let itemsets: number;
if (system === 'crm') {
  const r = minCount !== undefined ? fpGrowth(tx, { minCount }) : fpGrowth(tx, { minSupport: minSupport! });
  itemsets = r.itemsets.length;
} else {
  // node-fpgrowth takes a fraction and applies ceil(fraction * n): (c - 0.5) / n lands on c.
  const fraction = minCount !== undefined ? (minCount - 0.5) / tx.length : minSupport!;
  itemsets = (await new FPGrowth<number>(fraction).exec(tx)).length;
}
const seconds = (performance.now() - t) / 1000;
const heapUsed = mib(process.memoryUsage().heapUsed);
console.log(JSON.stringify({ system, task, itemsets, seconds, rssBeforeMiB: rssBefore, peakRssMiB: process.resourceUsage().maxRSS / 1024, heapUsedMiB: heapUsed }));
