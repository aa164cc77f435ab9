// `npx tsx bench/lifecycle/compare.ts`: lifecycleStage against a pandas implementation of the same
// rule (bench/lifecycle/lifecycle_pandas.py), side by side in one run, median of 5 after a warm-up.
// Timed on both sides: thresholds from the data + the stage of every customer, on parsed data.
// Sides must agree on the stage counts, or the script fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lifecycleStage } from '../../src/lifecycle/index.js';
import { cleanOnlineRetail, loadOnlineRetail } from '../../examples/data/onlineRetail.js';
// The RFM benches' seeded order logs (orders of 1..7 lines, n / 10 skewed customers, two years).
import { syntheticOrders as syntheticLog } from '../rfm/synthetic.js';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..');
const dataFile = join(root, '..', 'shared', 'data', 'online_retail.csv.gz');
const RUNS = 5;

function timeJs(orders: { customer: ArrayLike<number>; date: ArrayLike<number> }) {
  const input = orders as { customer: number[]; date: number[] };
  let result = lifecycleStage(input);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = lifecycleStage(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const counts = Object.fromEntries(result.stages.filter((s) => s.customers > 0).map((s) => [s.stage, s.customers]));
  return { ms: times[RUNS >> 1]!, counts };
}

function timePandas(args: string[]) {
  const out = execFileSync('/usr/bin/python3', [join(here, 'lifecycle_pandas.py'), ...args, String(RUNS)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const r = JSON.parse(out) as { median_ms: number; counts: Record<string, number> };
  return { ms: r.median_ms, counts: r.counts };
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

const rows: string[] = [];
function row(what: string, js: { ms: number; counts: Record<string, number> }, py: { ms: number; counts: Record<string, number> }) {
  if (!sameCounts(js.counts, py.counts)) throw new Error(`${what}: stage counts differ: ${JSON.stringify(js.counts)} vs ${JSON.stringify(py.counts)}`);
  rows.push(`| ${what} | ${js.ms.toFixed(1)} ms | ${py.ms.toFixed(1)} ms | ${(js.ms / py.ms).toFixed(2)} |`);
}

if (existsSync(dataFile)) {
  const clean = cleanOnlineRetail(loadOnlineRetail(dataFile));
  row(`Online Retail, ${clean.kept.toLocaleString('en-US')} cleaned lines`, timeJs({ customer: clean.customer, date: clean.date }), timePandas(['retail']));
} else {
  process.stderr.write(`skipping Online Retail: ${dataFile} is absent\n`);
}
const dir = mkdtempSync(join(tmpdir(), 'lifecycle-bench-'));
try {
  for (const n of [1_000_000]) {
    const log = syntheticLog(n, 1);
    writeFileSync(join(dir, 'c.i32'), new Uint8Array(log.customer.buffer));
    writeFileSync(join(dir, 'd.f64'), new Uint8Array(log.date.buffer));
    row(`synthetic, ${n.toLocaleString('en-US')} lines of orders, ${(n / 10).toLocaleString('en-US')} customer ids (bench/rfm/synthetic.ts, seed 1)`, timeJs(log), timePandas([join(dir, 'c.i32'), join(dir, 'd.f64')]));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  `lifecycleStage (interval, thresholds, stage of every customer) vs pandas (same rule), median of ${RUNS} after a warm-up.\n\n` +
    `| data | crm-mining | pandas | ratio (lower is faster) |\n| --- | ---: | ---: | ---: |\n${rows.join('\n')}\n`,
);
