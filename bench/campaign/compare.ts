// `npx tsx bench/campaign/compare.ts`: uplift curves and their normalized areas against
// scikit-uplift's formulas in numpy (bench/campaign/sklift_timer.py, 1 thread) on the same seeded
// campaign (1M rows, 50/50 arms, scores rounded to 3 decimals so ties are common), in the same run.
// Prints a markdown table on stdout; progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qiniAucScore, qiniCurve, upliftAucScore, upliftCurve } from '../../src/campaign/index.js';
import { createRandom } from '../../src/core/random.js';
import { REPO_ROOT } from '../../test/helpers/shared.js';
import { median, runsMs } from '../timing.js';

const n = Number(process.env.CAMPAIGN_ROWS ?? 1_000_000);
const r = createRandom(11);
const y = new Float64Array(n);
const w = new Float64Array(n);
const u = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const x = r() * 2 - 1;
  w[i] = r() < 0.5 ? 1 : 0;
  y[i] = r() < 0.1 + w[i]! * (x > 0 ? 0.05 : 0) ? 1 : 0;
  u[i] = Math.round((x + r() - 0.5) * 1000) / 1000;
}
const yArr = Array.from(y);
const wArr = Array.from(w);

const medianMs = (f: () => unknown) => median(runsMs(f, 5, 1));
const cases = {
  upliftCurve: () => upliftCurve(yArr, u, wArr),
  qiniCurve: () => qiniCurve(yArr, u, wArr),
  upliftAucScore: () => upliftAucScore(yArr, u, wArr),
  qiniAucScore: () => qiniAucScore(yArr, u, wArr),
};
process.stderr.write('crm-mining ...\n');
const ours = Object.fromEntries(Object.entries(cases).map(([k, f]) => [k, medianMs(f)]));
process.stderr.write('numpy port of scikit-uplift ...\n');
const dir = mkdtempSync(join(tmpdir(), 'crm-campaign-'));
const file = join(dir, 'data.f64');
const all = new Float64Array(3 * n);
all.set(y, 0);
all.set(w, n);
all.set(u, 2 * n);
writeFileSync(file, Buffer.from(all.buffer));
const py = JSON.parse(
  execFileSync('/usr/bin/python3', [join(REPO_ROOT, 'bench', 'campaign', 'sklift_timer.py'), file], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  }),
) as Record<string, number>;
rmSync(dir, { recursive: true });
const same = Math.abs(qiniAucScore(yArr, u, wArr) - py.qiniAucScoreValue!) <= 1e-12 * Math.abs(py.qiniAucScoreValue!);
const lines = [
  `### Uplift curves on ${n.toLocaleString('en')} rows (50/50 arms, ties), median of 5 after a warm-up`,
  '',
  '| function | crm-mining ms | numpy port of scikit-uplift ms | speed-up |',
  '| --- | ---: | ---: | ---: |',
  ...Object.keys(cases).map((k) => `| ${k} | ${ours[k]!.toFixed(1)} | ${(py[k]! * 1000).toFixed(1)} | ${((py[k]! * 1000) / ours[k]!).toFixed(1)}x |`),
  '',
  `Same Qini coefficient to 1e-12: ${same ? 'yes' : 'NO'} (${py.qiniAucScoreValue}).`,
  '',
];
process.stdout.write(lines.join('\n'));
