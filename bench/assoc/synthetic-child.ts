// fpGrowth on the seeded synthetic basket log in a fresh process (under tsx, timing the built dist/),
// for peak memory: prints JSON with the time, the RSS with the log built (before mining), the peak RSS
// of the process and the heap in use with the result still alive. The FIMI files and node-fpgrowth
// are measured by memory-child.mjs in plain Node.
// usage: npx tsx bench/assoc/synthetic-child.ts <baskets> <items> <minSupport>
import { importBuilt } from '../dist.js';
import { syntheticBaskets } from './data.js';

const { fpGrowth } = await importBuilt<typeof import('../../src/assoc/index.js')>('assoc');

const [baskets, items, minSupport] = process.argv.slice(2).map(Number) as [number, number, number];
const tx = syntheticBaskets(baskets, items, baskets);
const mib = (b: number) => b / 2 ** 20;
global.gc?.();
const rssBefore = mib(process.memoryUsage().rss);
const t = performance.now();
const itemsets = fpGrowth(tx, { minSupport }).itemsets.length;
const seconds = (performance.now() - t) / 1000;
const heapUsed = mib(process.memoryUsage().heapUsed);
console.log(JSON.stringify({ itemsets, seconds, rssBeforeMiB: rssBefore, peakRssMiB: process.resourceUsage().maxRSS / 1024, heapUsedMiB: heapUsed }));
