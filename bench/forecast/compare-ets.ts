// Automatic ETS selection (model 'ZZZ') against R's forecast::ets on the same series in the same
// run: `npx tsx bench/forecast/compare-ets.ts [every=10] [--all]`. Series: synthetic, with the
// lengths and periods of M3 (bench/forecast/m3like.ts); R times every `every`-th one (R needs
// about half a second a series), we time the same subset, and with --all all 3,003 as well.
// Also reports how often both pick the same form and the log-likelihood gap where they differ.
// The machine is shared: read the ratio, not absolute times.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitEts } from '../../src/forecast/index.js';
import { m3LikeSeries } from './m3like.js';

const every = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
const all = m3LikeSeries();
const subset = all.filter((_, i) => i % every === 0);
const dir = mkdtempSync(join(tmpdir(), 'ets-bench-'));
const csv = join(dir, 'series.csv');
writeFileSync(csv, subset.map((s) => [s.period, ...s.values].join(',')).join('\n'));

for (const s of subset.slice(0, 20)) fitEts(s); // warm-up
const t0 = performance.now();
const mine = subset.map((s) => fitEts(s));
const oursS = (performance.now() - t0) / 1000;

const load = loadavg()[0]!.toFixed(1);
const r = spawnSync('Rscript', [join(new URL('.', import.meta.url).pathname, 'ets_r_timer.R'), csv], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
const R = JSON.parse(r.stdout) as { seconds: number; method: string[]; logLik: number[] };

let same = 0;
const gaps: number[] = [];
mine.forEach((m, i) => {
  if (m.method === R.method[i]) same++;
  gaps.push((m.logLik - R.logLik[i]!) / Math.abs(R.logLik[i]!));
});
const worse = gaps.filter((g) => g < -1e-6).length;
const lines = [
  `| Series | crm-mining fitEts | R forecast::ets | Ratio (R / ours) |`,
  `| --- | ---: | ---: | ---: |`,
  `| ${subset.length} M3-like (every ${every}th of 3,003) | ${oursS.toFixed(2)} s | ${R.seconds.toFixed(2)} s | ${(R.seconds / oursS).toFixed(1)}x |`,
  '',
  `Same form selected: ${same}/${subset.length}. Our log-likelihood is below R's by more than 1e-6 relative in ${worse} series (min relative gap ${Math.min(...gaps).toExponential(2)}). Load average at start ${load}.`,
];
if (process.argv.includes('--all')) {
  const t1 = performance.now();
  for (const s of all) fitEts(s);
  lines.push('', `All 3,003 series: ${((performance.now() - t1) / 1000).toFixed(1)} s.`);
}
process.stdout.write(`${lines.join('\n')}\n`);
