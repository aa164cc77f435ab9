// What pruning (fitEts's `prune: true`, the default) changes against R's full path (`prune: false`):
// `npx tsx bench/forecast/ets-prune.ts [every=1]`. On the M3-like series (bench/forecast/m3like.ts)
// with M3's horizons held out (yearly 6, quarterly 8, monthly 18, other 8), fits every `every`-th
// series both ways on the training part and prints CPU seconds, how often the selected form and
// its AICc change, and the holdout accuracy (M3 sMAPE and MASE, bench/forecast/evaluate.ts) of
// the point forecasts. The two fits of a series run one after the other, so a load change on the
// shared machine hits both alike.
import { loadavg } from 'node:os';
import { fitEts, forecastEts } from '../../src/forecast/index.js';
import type { BenchSeries } from './m3data.js';
import { score } from './evaluate.js';
import { m3LikeSeries } from './m3like.js';

const every = Number(process.argv[2] ?? 1);
const all = m3LikeSeries();
const category = (i: number): BenchSeries['category'] => (i < 645 ? 'yearly' : i < 1401 ? 'quarterly' : i < 2829 ? 'monthly' : 'other');
const H = { yearly: 6, quarterly: 8, monthly: 18, other: 8 } as const;
const series: BenchSeries[] = [];
all.forEach((s, i) => {
  if (i % every !== 0) return;
  const c = category(i);
  series.push({ id: `S${i}`, category: c, period: s.period, train: s.values.slice(0, -H[c]), test: s.values.slice(-H[c]) });
});
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
for (const s of series.slice(0, 10)) { fitEts({ values: s.train, period: s.period }, { prune: true }); fitEts({ values: s.train, period: s.period }, { prune: false }); }
const load = loadavg()[0]!;
let tPrune = 0, tExact = 0, sameForm = 0, sameModel = 0;
const fPrune: number[][] = [], fExact: number[][] = [];
const gaps: number[] = [];
const changes = new Map<string, number>();
for (const s of series) {
  const x = { values: s.train, period: s.period };
  let t = cpu();
  const a = fitEts(x, { prune: true });
  tPrune += cpu() - t;
  t = cpu();
  const b = fitEts(x, { prune: false });
  tExact += cpu() - t;
  fPrune.push(forecastEts(a, s.test.length).mean);
  fExact.push(forecastEts(b, s.test.length).mean);
  if (a.method === b.method) {
    sameForm++;
    if (JSON.stringify({ ...a, candidates: 0, diagnostics: 0 }) === JSON.stringify({ ...b, candidates: 0, diagnostics: 0 })) sameModel++;
  } else {
    gaps.push(a.aicc! - b.aicc!);
    const k = `${b.method} -> ${a.method}`;
    changes.set(k, (changes.get(k) ?? 0) + 1);
  }
}
const sp = score(series, { seconds: tPrune, forecasts: fPrune });
const se = score(series, { seconds: tExact, forecasts: fExact });
const f = (x: number) => x.toFixed(3);
process.stdout.write([
  `${series.length} M3-like series (every ${every}th of 3,003), training parts; load average ${load.toFixed(1)} at start.`,
  '',
  '| fitEts | CPU s | same form as prune: false | sMAPE | MASE |',
  '| --- | ---: | ---: | ---: | ---: |',
  `| prune: true | ${tPrune.toFixed(1)} | ${sameForm}/${series.length} (identical model in ${sameModel}) | ${f(sp.smape)} | ${f(sp.mase)} |`,
  `| prune: false (R's path) | ${tExact.toFixed(1)} | | ${f(se.smape)} | ${f(se.mase)} |`,
  '',
  `Where the form differs, the pruned selection's AICc is higher by ${gaps.length ? `${Math.min(...gaps).toFixed(2)} to ${Math.max(...gaps).toFixed(2)} (median ${gaps.sort((p, q) => p - q)[gaps.length >> 1]!.toFixed(2)})` : '-'}.`,
  `Changes (R's path -> pruned): ${[...changes].map(([k, v]) => `${k} x${v}`).join(', ') || 'none'}.`,
].join('\n') + '\n');
