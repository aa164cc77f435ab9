// `npx tsx bench/metrics/compare.ts`: rocAuc, averagePrecision and logLoss against scikit-learn
// 1.2 (bench/metrics/sklearn_timer.py, 1 thread) on the same seeded labels and probabilities
// (1M rows, 12% positives, scores rounded to 3 decimals so ties are common), in the same run.
// Prints a markdown table on stdout; progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { averagePrecision, logLoss, rocAuc } from '../../src/metrics/index.js';
import { createRandom } from '../../src/core/random.js';
import { REPO_ROOT } from '../../test/helpers/shared.js';
import { median, runsMs } from '../timing.js';

const n = Number(process.env.METRICS_ROWS ?? 1_000_000);
const r = createRandom(7);
const y = new Float64Array(n);
const s = new Float64Array(n);
for (let i = 0; i < n; i++) {
  y[i] = r() < 0.12 ? 1 : 0;
  s[i] = Math.round(1000 / (1 + Math.exp(-(y[i]! * 1.5 - 2 + (r() - 0.5) * 4)))) / 1000;
}

const medianMs = (f: () => unknown) => median(runsMs(f, 7, 1));

const cases = { rocAuc: () => rocAuc(y, s), averagePrecision: () => averagePrecision(y, s), logLoss: () => logLoss(y, s) };
process.stderr.write('crm-mining ...\n');
const ours = Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, medianMs(f)]));
process.stderr.write('scikit-learn ...\n');
const dir = mkdtempSync(join(tmpdir(), 'crm-metrics-'));
const file = join(dir, 'data.f64');
const both = new Float64Array(2 * n);
both.set(y, 0);
both.set(s, n);
writeFileSync(file, Buffer.from(both.buffer));
const py = JSON.parse(
  execFileSync('/usr/bin/python3', [join(REPO_ROOT, 'bench', 'metrics', 'sklearn_timer.py'), file], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  }),
) as Record<string, number>;
rmSync(dir, { recursive: true });
const lines = [
  `### Metrics on ${n.toLocaleString('en')} rows (12% positives, ties), median of 7 after a warm-up`,
  '',
  '| metric | crm-mining ms | scikit-learn 1.2 ms | speed-up |',
  '| --- | ---: | ---: | ---: |',
  ...Object.keys(cases).map((k) => `| ${k} | ${ours[k]!.toFixed(1)} | ${(py[k]! * 1000).toFixed(1)} | ${((py[k]! * 1000) / ours[k]!).toFixed(1)}x |`),
  '',
];
process.stdout.write(lines.join('\n'));
