// Side-by-side timings, one run: crm-mining/cluster vs scikit-learn / scipy (spawned /usr/bin/python3)
// and the JS peers ml-kmeans / ml-hclust. Prints a markdown table with ratios.
// usage: npx tsx bench/cluster/compare.ts [kmeans] [ward] [hc10k] [peers]   (no argument: all)
// Heavy: about 3-4 minutes of CPU in all. The machine may be shared: run once, late, and say so.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { kmeans as mlKMeans } from 'ml-kmeans';
import { agnes } from 'ml-hclust';
import { fitKMeans, hierarchical } from '../../src/cluster/index.js';
import { BLOBS, REPO, SHARED, loadBlobs } from './data.js';

const parts = new Set(process.argv.slice(2));
const want = (p: string) => parts.size === 0 || parts.has(p);
const PY = '/usr/bin/python3';
const median = (v: number[]) => { const s = v.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const rows: string[] = [];
const row = (what: string, ours: string, peer: string, ratio: string) => rows.push(`| ${what} | ${ours} | ${peer} | ${ratio} |`);
const ms = (s: number) => `${(s * 1000).toFixed(2)} ms`;
const sec = (s: number) => `${s.toFixed(2)} s`;

const data = loadBlobs();
const n = data.length / 8;
const init = Array.from({ length: 8 }, (_, c) => Array.from(data.subarray(c * 8, c * 8 + 8)));

function perIteration(algorithm: 'lloyd' | 'hamerly' | 'auto', reps: number): number {
  const times: number[] = [];
  for (let r = 0; r <= reps; r++) {
    const t = performance.now();
    const m = fitKMeans({ rows: n, cols: 8, data }, { k: 8, init, maxIterations: 50, tolerance: 0, algorithm });
    const dt = (performance.now() - t) / 1000 / m.diagnostics.iterations;
    if (r > 0) times.push(dt); // the first run is a warm-up
  }
  return median(times);
}

if (want('kmeans')) {
  const sk = Number(execFileSync(PY, [resolve(SHARED, 'anchors/py/km_sklearn.py'), BLOBS]).toString().trim());
  const lloyd = perIteration('lloyd', 5);
  const ham = perIteration('auto', 5); // the default: Hamerly for k = 8
  const asRows = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * 8, i * 8 + 8)));
  const mlTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const res = mlKMeans(asRows, 8, { initialization: init.map((c) => c.slice()), maxIterations: 50, tolerance: 0 });
    if (r > 0) mlTimes.push((performance.now() - t) / 1000 / res.iterations);
  }
  const ml = median(mlTimes);
  row('k-means Lloyd, 200k x 8, k = 8, per iteration (50 its, init = first 8 rows)', ms(lloyd), `scikit-learn 1 thread ${ms(sk)}`, `${(lloyd / sk).toFixed(2)}x sklearn`);
  row('k-means Lloyd, same', ms(lloyd), `ml-kmeans ${ms(ml)}`, `${(ml / lloyd).toFixed(1)}x faster`);
  row('k-means default (`auto`: Hamerly, the same Lloyd iterations and labels), same', ms(ham), `scikit-learn Lloyd ${ms(sk)}`, `${(ham / sk).toFixed(2)}x sklearn`);
  row('k-means default, same', ms(ham), `ml-kmeans ${ms(ml)}`, `${(ml / ham).toFixed(1)}x faster`);
}

function child(linkage: string, size: number): { seconds: number; maxRssMiB: number; heapMiB: number } {
  return JSON.parse(execFileSync('npx', ['tsx', resolve(REPO, 'bench/cluster/hc_child.ts'), linkage, String(size)], { cwd: REPO }).toString().trim().split('\n').pop()!);
}
function scipy(method: string, size: number): { seconds: number; maxRssMiB: number } {
  return JSON.parse(execFileSync(PY, [resolve(REPO, 'bench/cluster/hc_scipy.py'), BLOBS, method, String(size)]).toString().trim());
}

if (want('ward')) {
  const ours = child('ward', 20000);
  const wardScipy = Number(execFileSync(PY, [resolve(SHARED, 'anchors/py/ward_scipy.py'), BLOBS]).toString().trim());
  row('Ward, n = 20,000 (time; peak RSS of the whole process)', `${sec(ours.seconds)}; ${ours.maxRssMiB.toFixed(0)} MiB RSS, heap+buffers ${ours.heapMiB.toFixed(0)} MiB`, `scipy ${sec(wardScipy)} (3.1 GB RSS in anchors)`, `${(ours.seconds / wardScipy).toFixed(2)}x scipy`);
}

if (want('hc10k')) {
  for (const linkage of ['single', 'complete', 'average', 'weighted', 'ward', 'centroid', 'median']) {
    const ours = child(linkage, 10000);
    const peer = scipy(linkage, 10000);
    row(`${linkage} linkage, n = 10,000 (time; peak RSS)`, `${sec(ours.seconds)}; ${ours.maxRssMiB.toFixed(0)} MiB`, `scipy ${sec(peer.seconds)}; ${peer.maxRssMiB.toFixed(0)} MiB`, `${(ours.seconds / peer.seconds).toFixed(2)}x scipy`);
  }
}

if (want('peers')) {
  const size = 2000;
  const pts = Array.from({ length: size }, (_, i) => Array.from(data.subarray(i * 8, i * 8 + 8)));
  const t0 = performance.now();
  hierarchical(pts, { linkage: 'average' });
  const ours = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  agnes(pts, { method: 'average' });
  const peer = (performance.now() - t1) / 1000;
  row('average linkage, n = 2,000 (one run each)', sec(ours), `ml-hclust agnes ${sec(peer)}`, `${(peer / ours).toFixed(0)}x faster`);
}

console.log(`\nNode ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x ${cpus().length}, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')} at the end (shared machine).\n`);
console.log('| what | crm-mining | peer | ratio |\n|---|---|---|---|');
for (const r of rows) console.log(r);
