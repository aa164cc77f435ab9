// Side-by-side timing of crm-mining/clv against Python: `npx tsx bench/clv/compare.ts`.
// Peers: (1) same run: numpy/scipy BG/NBD in lifetimes' formulation (bench/clv/bgnbd_scipy.py),
// (2) recorded: lifetimes 0.11.3 BetaGeoFitter / GammaGammaFitter times from
// ../shared/anchors/results/clv.py.json (lifetimes is not installed here, so not same-run).
// Median of several runs after a warm-up. The machine is shared: read ratios, not absolute times.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { REPO_ROOT, readResult } from '../../test/helpers/shared.js';
import { readCdnowOrders, readCdnowSummary } from '../../test/clv/cdnow.js';
import { fitBgNbd, fitGammaGamma, summarizeTransactions } from '../../src/clv/index.js';

const REPS = 7;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function timeMs(fn: () => unknown, reps = REPS): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up: let the JIT settle
  const t: number[] = [];
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); fn(); t.push(performance.now() - t0); }
  return median(t);
}
function scipyMs(summary: { frequency: number[]; recency: number[]; T: number[] }): { ms: number; params: Record<string, number> } | null {
  const out = spawnSync('/usr/bin/python3', [join(REPO_ROOT, 'bench/clv/bgnbd_scipy.py')], {
    input: JSON.stringify({ ...summary, reps: 5 }), encoding: 'utf8', maxBuffer: 1 << 26,
  });
  if (out.status !== 0) return null;
  const res = JSON.parse(out.stdout) as { times_s: number[]; params: Record<string, number> };
  return { ms: median(res.times_s) * 1000, params: res.params };
}

const load0 = loadavg()[0]!;
const bundled = readCdnowSummary('cdnow_customers_summary.csv.gz');
const sample = { frequency: bundled.map((r) => r[1]!), recency: bundled.map((r) => r[2]!), T: bundled.map((r) => r[3]!), timeUnit: 'weeks' };
const sampleOrders = readCdnowOrders('CDNOW_sample.txt.gz');
const masterOrders = readCdnowOrders('CDNOW_master.txt.gz');
const rawSample = summarizeTransactions(sampleOrders, { calibrationEnd: '1997-09-30' });
const master = summarizeTransactions(masterOrders, { calibrationEnd: '1997-09-30' });
const repeat = (s: typeof rawSample) => {
  const keep = s.frequency.map((x, i) => x > 0 && s.monetary![i]! > 0);
  return { frequency: s.frequency.filter((_, i) => keep[i]), monetary: s.monetary!.filter((_, i) => keep[i]) };
};
const recorded = readResult('clv.py.json').runs as { part: string; time_s: { median: number } }[];
const rec = (part: string) => recorded.find((r) => r.part === part)!.time_s.median * 1000;

const rows: string[][] = [];
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const add = (what: string, ours: number, peer: string, peerMs: number | null) =>
  rows.push([what, fmt(ours), peer, peerMs === null ? 'n/a' : fmt(peerMs), peerMs === null ? 'n/a' : `${(peerMs / ours).toFixed(1)}x`]);

const bgSample = timeMs(() => fitBgNbd(sample));
add('fitBgNbd, CDNOW sample summary (2,357)', bgSample, 'lifetimes BetaGeoFitter (recorded)', rec('bg_bundled'));
const pySample = scipyMs(sample);
add('fitBgNbd, CDNOW sample summary (2,357)', bgSample, 'numpy/scipy BFGS (same run)', pySample?.ms ?? null);
const bgMaster = timeMs(() => fitBgNbd(master), 5);
const pyMaster = scipyMs(master);
add('fitBgNbd, CDNOW master (23,570)', bgMaster, 'numpy/scipy BFGS (same run)', pyMaster?.ms ?? null);
add('fitBgNbd, CDNOW master (23,570)', bgMaster, 'lifetimes on the 2,357 sample (recorded)', rec('bg_bundled'));
const ggSample = timeMs(() => fitGammaGamma(repeat(rawSample)));
add('fitGammaGamma, CDNOW sample (946 repeat)', ggSample, 'lifetimes GammaGammaFitter (recorded)', rec('gg_raw'));
add('fitGammaGamma, CDNOW master repeat customers', timeMs(() => fitGammaGamma(repeat(master)), 5), '-', null);
add('summarizeTransactions, CDNOW master (69,659 lines)', timeMs(() => summarizeTransactions(masterOrders, { calibrationEnd: '1997-09-30' }), 5), '-', null);

console.log(`# crm-mining/clv vs Python (${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, load average ${load0.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)})\n`);
console.log('| what | crm-mining ms (median) | peer | peer ms | peer / ours |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (pySample) {
  const ours = fitBgNbd(sample).params;
  console.log(`\nSame-run scipy peer parameters on the sample: ${JSON.stringify(pySample.params)}; ours ${JSON.stringify(ours)}.`);
}
console.log('\nRecorded lifetimes times: ../shared/anchors/results/clv.py.json (in-process median of 5, another run and load); not measured here.');
