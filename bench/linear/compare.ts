// `npx tsx bench/linear/compare.ts`: fitLogistic (L2, lambda 1 = scikit-learn's C = 1) on Bank
// (31,647 training rows, 42 columns, the T-LOGIT design) against scikit-learn's lbfgs
// (../shared/anchors/py/logit_sklearn.py, 1 thread) and ml-logistic-regression (called directly,
// on the same design plus a column of ones since it fits no intercept), in the same run; then the
// test AUC of each. Design building is timed on no side. Prints a markdown table on stdout.
// ML_LOGREG_STEPS (default 1000, as in the anchors' bank_steps1000 run; the library's default of
// 50,000 steps takes over 20 minutes) and ML_LOGREG_RUNS (default 3) tune the slow peer.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Matrix } from 'ml-matrix';
import { createRequire } from 'node:module';
import { toDense } from '../../src/core/dense.js';
import { fitLogistic, predictLogisticProba } from '../../src/linear/index.js';
import { rocAuc } from '../../src/metrics/index.js';
import { ANCHORS_DIR, DATA_DIR, hasSharedData, readResult, REPO_ROOT, RESULTS_DIR } from '../../test/helpers/shared.js';
import { loadDesign } from '../../test/linear/tabular.js';
import { median, runsMs } from '../timing.js';

const log = (s: string) => process.stderr.write(`${s}\n`);

if (!hasSharedData) {
  log('../shared/data is missing: nothing to compare.');
  process.exit(0);
}

log('building the Bank design (not timed) ...');
const d = loadDesign('bank');
// The library's native input, as numpy arrays are scikit-learn's: a dense row-major matrix.
const xDense = toDense(d.xTrain);
const fit = () => fitLogistic(xDense, d.yTrain, { penalty: 'l2', lambda: 1 });
const fitRows = () => fitLogistic(d.xTrain, d.yTrain, { penalty: 'l2', lambda: 1 });

log('fitLogistic ...');
const oursBefore = runsMs(fit, 9, 2);
log('scikit-learn lbfgs (../shared/anchors/py/logit_sklearn.py) ...');
const sklearnMs =
  1000 * Number(execFileSync('/usr/bin/python3', [join(ANCHORS_DIR, 'py', 'logit_sklearn.py'), DATA_DIR, join(RESULTS_DIR, 'split_bank.json')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  }).trim());
const oursAfter = runsMs(fit, 9, 1);
const ours = median([...oursBefore, ...oursAfter]);
const oursRows = median(runsMs(fitRows, 5, 1));
const model = fit();
const oursAuc = rocAuc(d.yTest, predictLogisticProba(model, d.xTest));

const steps = Number(process.env.ML_LOGREG_STEPS ?? 1000);
const mlRuns = Number(process.env.ML_LOGREG_RUNS ?? 3);
log(`ml-logistic-regression (${steps} steps, ${mlRuns} runs) ...`);
const withOnes = (x: number[][]) => new Matrix(x.map((r) => [1, ...r]));
const xTrain = withOnes(d.xTrain);
const yTrain = Matrix.columnVector(d.yTrain);
// The peer ships no types; this is the part of its API used here.
interface MlLogisticRegression {
  train(x: Matrix, y: Matrix): void;
  classifiers: { testScores(x: Matrix): number[] }[];
}
type MlConstructor = new (options: { numSteps: number; learningRate: number }) => MlLogisticRegression;
const mod = createRequire(import.meta.url)('ml-logistic-regression') as MlConstructor & { default?: MlConstructor };
const LR = mod.default ?? mod;
let peer: MlLogisticRegression | undefined;
const mlTimes = runsMs(() => {
  peer = new LR({ numSteps: steps, learningRate: 5e-4 });
  peer.train(xTrain, yTrain);
}, mlRuns, 0);
const mlMs = median(mlTimes);
// One-vs-all: classifiers[0] models P(y != 0) = P(yes), as the anchors' runner reads it.
const peerScores = peer!.classifiers[0]!.testScores(withOnes(d.xTest));
const mlAuc = rocAuc(d.yTest, Array.from(peerScores));

const sklearnAuc = readResult<{ runs: { part: string; result: { test_auc: number } }[] }>('logit.py.json').runs.find((r) => r.part === 'bank:sk_l2:full')!.result.test_auc;
const row = (what: string, ms: number, auc: number, ratio: string) => `| ${what} | ${ms.toFixed(1)} | ${auc.toFixed(4)} | ${ratio} |`;
process.stdout.write(
  [
    `### Logistic regression, Bank (${d.xTrain.length.toLocaleString('en')} training rows, ${d.names.length} columns, L2, C = 1), test AUC on ${d.xTest.length.toLocaleString('en')} rows`,
    '',
    '| system | fit median ms | test AUC | fitLogistic speed-up |',
    '| --- | ---: | ---: | ---: |',
    row(`crm-mining fitLogistic (${model.diagnostics.solver}, ${model.diagnostics.iterations} iterations, gradient ${model.diagnostics.gradientNorm.toExponential(1)})`, ours, oursAuc, '1'),
    row('crm-mining fitLogistic from number[][] (conversion included)', oursRows, oursAuc, `${(oursRows / ours).toFixed(2)}x slower`),
    row('scikit-learn 1.2 LogisticRegression(lbfgs, tol 1e-10), 1 thread', sklearnMs, sklearnAuc, `${(sklearnMs / ours).toFixed(1)}x`),
    row(`ml-logistic-regression 2.0 (${steps} gradient steps, lr 5e-4, ${mlRuns} runs)`, mlMs, mlAuc, `${(mlMs / ours).toFixed(0)}x`),
    '',
    `fitLogistic runs: ${[...oursBefore, ...oursAfter].map((t) => t.toFixed(0)).join(', ')} ms (9 before and 9 after the Python timer). ` +
      `scikit-learn: median of 5 after 1 warm-up, its own process; its test AUC (not re-measured here) is the anchors' ${sklearnAuc.toFixed(4)} (logit.py.json).`,
    '',
  ].join('\n'),
);
