// Automatic ETS selection (model 'ZZZ') against R's forecast::ets on the same series in the same
// run: `npx tsx bench/forecast/compare-ets.ts [every=10] [--all]`. Series: synthetic, with the
// lengths and periods of M3 (bench/forecast/m3like.ts); R times every `every`-th one (R needs
// about half a second a series), we time the same subset with `prune: true` (pruned selection, the default) and
// with `prune: false` (R's optimiser path for every form), and with --all all 3,003 both ways.
// Times are CPU seconds of the one process (the figure to trust on a shared machine) and wall
// seconds. Also reports how often we pick R's form and the log-likelihood gap where we differ.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EtsModel, fitEts } from '../../src/forecast/index.js';
import { m3LikeSeries } from './m3like.js';

const every = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
const all = m3LikeSeries();
const subset = all.filter((_, i) => i % every === 0);
const dir = mkdtempSync(join(tmpdir(), 'ets-bench-'));
const csv = join(dir, 'series.csv');
writeFileSync(csv, subset.map((s) => [s.period, ...s.values].join(',')).join('\n'));

/** Fits every series; CPU and wall seconds. */
function timed(series: typeof all, prune: boolean): { fits: EtsModel[]; cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const fits = series.map((s) => fitEts(s, { prune }));
  const c = process.cpuUsage(c0);
  return { fits, cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
}

for (const s of subset.slice(0, 20)) { fitEts(s, { prune: true }); fitEts(s, { prune: false }); } // warm-up
const load = loadavg()[0]!.toFixed(1);
const pruned = timed(subset, true);
const exact = timed(subset, false);
const r = spawnSync('Rscript', [join(new URL('.', import.meta.url).pathname, 'ets_r_timer.R'), csv], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
const R = JSON.parse(r.stdout) as { seconds: number; cpu: number; method: string[]; logLik: number[] };

const agreement = (fits: EtsModel[]) => {
  let same = 0;
  const gaps: number[] = [];
  fits.forEach((m, i) => {
    if (m.method === R.method[i]) same++;
    gaps.push((m.logLik - R.logLik[i]!) / Math.abs(R.logLik[i]!));
  });
  return `same form as R in ${same}/${fits.length}; log-likelihood below R's by more than 1e-6 relative in ${gaps.filter((g) => g < -1e-6).length} (min relative gap ${Math.min(...gaps).toExponential(2)})`;
};
const s = (x: number) => `${x.toFixed(2)} s`;
const lines = [
  `| ${subset.length} M3-like series (every ${every}th of 3,003) | CPU | wall | R / ours (CPU) | R / ours (wall) |`,
  '| --- | ---: | ---: | ---: | ---: |',
  `| crm-mining fitEts, prune: true (default) | ${s(pruned.cpu)} | ${s(pruned.wall)} | ${(R.cpu / pruned.cpu).toFixed(1)}x | ${(R.seconds / pruned.wall).toFixed(1)}x |`,
  `| crm-mining fitEts, prune: false | ${s(exact.cpu)} | ${s(exact.wall)} | ${(R.cpu / exact.cpu).toFixed(1)}x | ${(R.seconds / exact.wall).toFixed(1)}x |`,
  `| R forecast::ets | ${s(R.cpu)} | ${s(R.seconds)} | | |`,
  '',
  `prune: true (default): ${agreement(pruned.fits)}. prune: false: ${agreement(exact.fits)}. Load average at start ${load}.`,
];
if (process.argv.includes('--all')) {
  const l0 = loadavg()[0]!.toFixed(1);
  const a = timed(all, true);
  const l1 = loadavg()[0]!.toFixed(1);
  const b = timed(all, false);
  lines.push('', `All 3,003 series: prune: true (default) ${s(a.cpu)} CPU, ${s(a.wall)} wall (load ${l0} at start); prune: false ${s(b.cpu)} CPU, ${s(b.wall)} wall (load ${l1} at start).`);
}
process.stdout.write(`${lines.join('\n')}\n`);
