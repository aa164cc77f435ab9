// `npx tsx bench/anomaly/compare.ts`: isolation forest against scikit-learn 1.2 (bench/anomaly/sklearn_anomaly.py,
// n_jobs=1, OMP/BLAS 1 thread) on the five ADBench sets in ../shared/data, in the same run: mean ROC AUC over
// seeds 0..9 and median time of fit + score of all rows; LOF (k = 20) times on the small sets.
// Prints a markdown table on stdout; progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fitIsolationForest, fitLocalOutlierFactor, predictIsolationForestScore } from '../../src/anomaly/index.js';
import { DATA_DIR, REPO_ROOT } from '../../test/helpers/shared.js';
import { ADBENCH_SETS, loadAdbench } from '../../test/anomaly/adbench.js';
import { median } from '../timing.js';

function auc(labels: number[], scores: number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && scores[idx[j]!] === scores[idx[i]!]) j++;
    const r = (i + j + 1) / 2;
    for (let t = i; t < j; t++) if (labels[idx[t]!] === 1) { rankSum += r; pos++; }
    i = j;
  }
  const neg = labels.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

process.stderr.write('scikit-learn ...\n');
const py = JSON.parse(execFileSync('/usr/bin/python3', [join(REPO_ROOT, 'bench', 'anomaly', 'sklearn_anomaly.py'), DATA_DIR], {
  encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' }, maxBuffer: 1 << 26,
})) as Record<string, { meanAuc: number; medianSeconds: number; lofBruteSeconds?: number; lofAutoSeconds?: number }>;
const rows: string[] = [];
const lofRows: string[] = [];
for (const name of ADBENCH_SETS) {
  process.stderr.write(`crm-mining ${name} ...\n`);
  const { points, labels } = loadAdbench(name);
  const aucs: number[] = [];
  const times: number[] = [];
  for (let seed = 0; seed < 10; seed++) {
    const t = performance.now();
    const s = predictIsolationForestScore(fitIsolationForest(points, { seed }), points);
    times.push(performance.now() - t);
    aucs.push(auc(labels, s));
  }
  const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
  const ours = median(times);
  const sk = py[name]!;
  rows.push(`| ${name} | ${points.length} x ${points[0]!.length} | ${mean.toFixed(4)} | ${sk.meanAuc.toFixed(4)} | ${(mean - sk.meanAuc).toFixed(4)} | ${ours.toFixed(0)} | ${(sk.medianSeconds * 1000).toFixed(0)} | ${((sk.medianSeconds * 1000) / ours).toFixed(1)}x |`);
  if (sk.lofBruteSeconds !== undefined) {
    const t = performance.now();
    fitLocalOutlierFactor(points);
    const lof = performance.now() - t;
    lofRows.push(`| ${name} | ${points.length} x ${points[0]!.length} | ${lof.toFixed(0)} | ${(sk.lofBruteSeconds * 1000).toFixed(0)} | ${(sk.lofAutoSeconds! * 1000).toFixed(0)} |`);
  }
}
process.stdout.write([
  `Load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`,
  '',
  '### Isolation forest (100 trees, max_samples 256), seeds 0..9: mean ROC AUC and median time of fit + score',
  '',
  '| set | rows x features | crm-mining AUC | scikit-learn AUC | difference | crm-mining ms | scikit-learn ms | speed-up |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  '### Local outlier factor (k = 20), fit on all rows, one run',
  '',
  '| set | rows x features | crm-mining ms | scikit-learn brute ms | scikit-learn auto ms |',
  '| --- | --- | ---: | ---: | ---: |',
  ...lofRows,
  '',
].join('\n'));
