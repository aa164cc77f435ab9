// `npx tsx bench/anomaly/seeds.ts [set] [seeds]` (defaults cardio, 300): is the gap between our isolation
// forest's mean ROC AUC and scikit-learn's a real difference or seed noise? Both libraries draw different
// random streams for the same seed number, so each mean over seeds carries its own sampling error. Prints
// both means over seeds 0..N-1, the difference with its standard error, the standard error a 10-seed
// comparison would have, and the mean number of leaves per tree on each side.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fitIsolationForest, predictIsolationForestScore } from '../../src/anomaly/index.js';
import { rocAuc } from '../../src/metrics/index.js';
import { DATA_DIR, REPO_ROOT } from '../../test/helpers/shared.js';
import { loadAdbench } from '../../test/anomaly/adbench.js';

const name = process.argv[2] ?? 'cardio';
const seeds = Number(process.argv[3] ?? 300);
const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const variance = (a: readonly number[]) => { const m = mean(a); return a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1); };

process.stderr.write(`scikit-learn, ${seeds} seeds on ${name} ...\n`);
const sk = JSON.parse(execFileSync('/usr/bin/python3', [join(REPO_ROOT, 'bench', 'anomaly', 'sklearn_seeds.py'), DATA_DIR, name, String(seeds)], {
  encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' }, maxBuffer: 1 << 26,
})) as { aucs: number[]; meanLeaves: number };
process.stderr.write('crm-mining ...\n');
const { points, labels } = loadAdbench(name);
const ours: number[] = [];
let leaves = 0;
let trees = 0;
for (let seed = 0; seed < seeds; seed++) {
  const model = fitIsolationForest(points, { seed });
  ours.push(rocAuc(labels, predictIsolationForestScore(model, points)));
  for (const t of model.trees) { leaves += t.feature.filter((f) => f < 0).length; trees++; }
}
const diff = mean(ours) - mean(sk.aucs);
const se = Math.sqrt(variance(ours) / ours.length + variance(sk.aucs) / sk.aucs.length);
const se10 = Math.sqrt((variance(ours) + variance(sk.aucs)) / 10);
console.log(`| ${name} | ${seeds} | ${mean(ours).toFixed(4)} | ${mean(sk.aucs).toFixed(4)} | ${diff.toFixed(4)} | ${se.toFixed(4)} | ${se10.toFixed(4)} | ${(leaves / trees).toFixed(1)} | ${sk.meanLeaves.toFixed(1)} |`);
