// One hierarchical run in its own process, so its peak RSS is its own.
// usage: npx tsx bench/cluster/hc_child.ts <linkage> <n>   -> prints JSON { seconds, maxRssMiB, heapMiB }
import { hierarchical, type LinkageMethod } from '../../src/cluster/index.js';
import { loadBlobs } from './data.js';

const [linkage, nText] = process.argv.slice(2) as [LinkageMethod, string];
const n = Number(nText);
const data = loadBlobs().slice(0, n * 8);
let heapPeak = 0;
const t0 = performance.now();
const r = hierarchical({ rows: n, cols: 8, data }, {
  linkage,
  maxMemoryBytes: 2 ** 33,
  onProgress: () => { const h = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers; if (h > heapPeak) heapPeak = h; },
});
const seconds = (performance.now() - t0) / 1000;
let sum = 0;
for (const m of r.merges) sum += m[2];
console.log(JSON.stringify({ seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, heapMiB: heapPeak / 2 ** 20, sumHeights: sum }));
