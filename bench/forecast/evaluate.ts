// Runs forecasting methods over benchmark series (crm-mining in this process, R's forecast package
// in Rscript) and scores them the same way: M3 sMAPE and MASE on the holdout, averaged over series.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forecastSeries, type ForecastMethodName } from '../../src/forecast/index.js';
import type { BenchSeries } from './m3data.js';

/** Forecasts per series and the seconds they took. */
export interface Run { readonly seconds: number; readonly forecasts: (number[] | null)[] }

/** Scores averaged over series: M3 sMAPE (200|y-f|/(|y|+|f|)) and MASE (in-sample seasonal naive MAE). */
export interface Score { readonly smape: number; readonly mase: number; readonly failed: number; readonly series: number }

/** crm-mining's method over every series, timed as one loop. */
export function runOurs(series: readonly BenchSeries[], method: ForecastMethodName): Run {
  const forecasts: (number[] | null)[] = [];
  const t0 = performance.now();
  for (const s of series) {
    try {
      forecasts.push(forecastSeries(s.train, { horizon: s.test.length, method, period: s.period }).mean);
    } catch {
      forecasts.push(null);
    }
  }
  return { seconds: (performance.now() - t0) / 1000, forecasts };
}

/** R's methods (naive, snaive, thetaf, ets, auto) over every series, in one Rscript run. */
export function runR(root: string, series: readonly BenchSeries[], methods: readonly string[]): Record<string, Run> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-forecast-'));
  try {
    const input = join(dir, 'in.json'), output = join(dir, 'out.json');
    writeFileSync(input, JSON.stringify(series.map((s) => ({ x: s.train, period: s.period, h: s.test.length }))));
    execFileSync('Rscript', [join(root, 'bench', 'forecast', 'r_forecast.R'), input, output, methods.join(',')], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
    const raw = JSON.parse(readFileSync(output, 'utf8')) as Record<string, { seconds: number[]; forecasts: (number | null)[][] }>;
    return Object.fromEntries(Object.entries(raw).map(([m, r]) => [m, { seconds: r.seconds[0]!, forecasts: r.forecasts.map((f) => (f.some((v) => v === null) ? null : (f as number[]))) }]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** sMAPE and MASE averaged over series; a missing or non-finite forecast counts as failed and is left out. */
export function score(series: readonly BenchSeries[], run: Run): Score {
  let smape = 0, mase = 0, ok = 0, okMase = 0, failed = 0;
  series.forEach((s, i) => {
    const f = run.forecasts[i];
    if (!f || f.length < s.test.length || f.some((v) => !Number.isFinite(v))) { failed++; return; }
    let sm = 0, ae = 0;
    for (let j = 0; j < s.test.length; j++) {
      const y = s.test[j]!, e = Math.abs(y - f[j]!);
      sm += (Math.abs(y) + Math.abs(f[j]!)) > 0 ? (200 * e) / (Math.abs(y) + Math.abs(f[j]!)) : 0;
      ae += e;
    }
    smape += sm / s.test.length;
    ok++;
    const lag = s.train.length > s.period ? s.period : 1;
    let sc = 0;
    for (let t = lag; t < s.train.length; t++) sc += Math.abs(s.train[t]! - s.train[t - lag]!);
    sc /= s.train.length - lag;
    if (sc > 0) { mase += ae / s.test.length / sc; okMase++; }
  });
  return { smape: smape / ok, mase: mase / okMase, failed, series: series.length };
}

/** Pairs of a crm-mining method and the R method that does the same. */
export const PAIRS: readonly (readonly [ForecastMethodName, string])[] = [
  ['naive', 'naive'],
  ['seasonalNaive', 'snaive'],
  ['theta', 'thetaf'],
  ['ets', 'ets'],
  ['auto', 'auto'],
];

/**
 * A markdown table of time, sMAPE and MASE per method for crm-mining and (when `withR`) R on the
 * same series in the same run, with the speed ratio, overall and by category.
 */
export function compareTable(root: string, series: readonly BenchSeries[], pairs: readonly (readonly [ForecastMethodName, string])[], withR: boolean): string {
  const ours = pairs.map(([m]) => { process.stderr.write(`crm-mining ${m} ...\n`); return runOurs(series, m); });
  const theirs = withR ? (process.stderr.write(`R ${pairs.map((p) => p[1]).join(', ')} ...\n`), runR(root, series, pairs.map((p) => p[1]))) : {};
  const categories = [...new Set(series.map((s) => s.category))];
  const sub = (run: Run, c: string) => ({ seconds: run.seconds, forecasts: run.forecasts.filter((_, i) => series[i]!.category === c) });
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
  const lines = [
    `| method (crm-mining / R) | series | crm-mining s | ${withR ? 'R s | speed-up | ' : ''}sMAPE | MASE | ${withR ? 'R sMAPE | R MASE | ' : ''}no forecast |`,
    `| --- | ---: | ---: | ${withR ? '---: | ---: | ' : ''}---: | ---: | ${withR ? '---: | ---: | ' : ''}---: |`,
  ];
  pairs.forEach(([m, rm], k) => {
    const a = ours[k]!, b = (theirs as Record<string, Run>)[rm];
    for (const c of [...(categories.length > 1 ? categories : []), 'all']) {
      const ss = c === 'all' ? series : series.filter((s) => s.category === c);
      const sa = score(ss, c === 'all' ? a : sub(a, c));
      const sb = b ? score(ss, c === 'all' ? b : sub(b, c)) : undefined;
      const time = c === 'all' ? `${a.seconds.toFixed(2)} | ${withR ? `${b!.seconds.toFixed(2)} | ${(b!.seconds / a.seconds).toFixed(1)}x | ` : ''}` : ` | ${withR ? ' |  | ' : ''}`;
      lines.push(`| ${m} / ${rm}${c === 'all' ? '' : ` (${c})`} | ${ss.length} | ${time}${fmt(sa.smape)} | ${fmt(sa.mase)} | ${sb ? `${fmt(sb.smape)} | ${fmt(sb.mase)} | ` : ''}${sa.failed}${sb ? ` / ${sb.failed}` : ''} |`);
    }
  });
  return lines.join('\n');
}
