// forecastManyParallel against forecastMany on the same series in the same run, on the built
// package (what users get; workers load dist's .js):
//   npm run build && npx tsx bench/forecast/parallel.ts [--workers N] [--method auto] [--horizon 8] [--exact] [M3C csv files...]
// Series: the 3,003 M3-like series (bench/forecast/m3like.ts), or M3C-layout files (their training
// parts). Prints wall and CPU seconds of each (CPU of the whole process, every thread), the
// speed-up, whether the two results are identical, and the load average before each run. --exact
// passes `prune: false` (R's full optimiser path for every ETS candidate) to both; the default is
// the library's (`prune: true`).
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../test/helpers/shared.js';
import { benchArgs } from '../args.js';
import { readM3C } from './m3data.js';
import { m3LikeSeries } from './m3like.js';

const args = benchArgs(process.argv.slice(2), ['--workers', '--method', '--horizon'], ['--exact']);
const workers = Number(args.value('--workers', '2'));
const method = args.value('--method', 'auto');
const horizon = Number(args.value('--horizon', '8'));
const prune = !args.flag('--exact');
const files = args.rest;
const dist = join(REPO_ROOT, 'dist', 'forecast');
if (!existsSync(join(dist, 'parallel.js'))) throw new Error('bench/forecast/parallel.ts: run `npm run build` first (workers load the built package)');
// Loaded at run time: dist has no types before a build, and typecheck runs on a clean clone.
const { forecastMany } = await import(pathToFileURL(join(dist, 'index.js')).href);
const { forecastManyParallel } = await import(pathToFileURL(join(dist, 'parallel.js')).href);

const series = files.length > 0
  ? readM3C(files).map((s) => ({ kind: 'salesSeries', period: s.period, values: s.train }))
  : m3LikeSeries().map((s) => ({ kind: 'salesSeries', period: s.period, values: Array.from(s.values) }));
const options = { horizon, method, failures: 'skip', prune };

async function timed<T>(run: () => T | Promise<T>): Promise<{ out: T; wall: number; cpu: number; load: string }> {
  const load = loadavg()[0]!.toFixed(1);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await run();
  const c = process.cpuUsage(c0);
  return { out, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, load };
}

forecastMany(series.slice(0, 30), options); // warm-up
const seq = await timed(() => forecastMany(series, options));
const par = await timed(() => forecastManyParallel(series, { ...options, workers }));
const same = JSON.stringify(par.out).replaceAll('forecastManyParallel', 'forecastMany') === JSON.stringify(seq.out);
const s = (x: number) => `${x.toFixed(2)} s`;
process.stdout.write([
  `| ${series.length} ${files.length > 0 ? 'M3' : 'M3-like'} series, method '${method}'${prune ? '' : ', prune: false'}, horizon ${horizon} | wall | CPU (all threads) | load at start |`,
  '| --- | ---: | ---: | ---: |',
  `| forecastMany | ${s(seq.wall)} | ${s(seq.cpu)} | ${seq.load} |`,
  `| forecastManyParallel, ${workers} workers | ${s(par.wall)} | ${s(par.cpu)} | ${par.load} |`,
  '',
  `Speed-up (wall): ${(seq.wall / par.wall).toFixed(2)}x. Results identical: ${same}.`,
  '',
].join('\n'));
