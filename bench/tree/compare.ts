// Fit time on bank-full (31,647 training rows, 51 one-hot columns) against scikit-learn and
// ml-cart, in the same run: median of 5 runs after a warm-up. Run: npx tsx bench/tree/compare.ts
// ml-cart grows quadratically in rows, so it is timed on a subsample (and this library on the same
// subsample for its ratio).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DecisionTreeClassifier } from 'ml-cart';
import { fitDecisionTree } from '../../src/tree/index.js';
import { DATA_DIR, REPO_ROOT, RESULTS_DIR } from '../../test/helpers/shared.js';
import { loadTreeDataset } from '../../test/tree/load.js';

function median(fn: () => unknown, runs = 5): number {
  fn();
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
function sklearn(depth: string): number {
  const split = join(RESULTS_DIR, 'split_bank.json');
  const script = depth === '8' ? join(REPO_ROOT, '..', 'shared', 'anchors', 'py', 'tree_sklearn.py') : join(REPO_ROOT, 'bench', 'tree', 'sklearn_tree.py');
  const args = depth === '8' ? [script, DATA_DIR, split] : [script, DATA_DIR, split, depth];
  return Number(execFileSync('/usr/bin/python3', args, { env, encoding: 'utf8' }).trim()) * 1000;
}

const ds = loadTreeDataset('bank');
const X = ds.train.map((i) => ds.oneHot[i]!);
const y = ds.train.map((i) => ds.y[i]!);
const rows: string[] = [];
for (const depth of [8, null] as const) {
  const ours = median(() => fitDecisionTree(X, y, { maxDepth: depth }));
  const theirs = sklearn(depth === null ? 'full' : '8');
  rows.push(`| fitDecisionTree bank n=${X.length} d=51 maxDepth=${depth ?? 'none'} | ${ours.toFixed(0)} ms | ${(ours / theirs).toFixed(2)}x scikit-learn (${theirs.toFixed(0)} ms) |`);
}
const sub = Number(process.env.ML_CART_ROWS ?? 3000);
const Xs = X.slice(0, sub);
const ys = y.slice(0, sub);
for (const depth of [8, null] as const) {
  const ours = median(() => fitDecisionTree(Xs, ys, { maxDepth: depth }));
  const cart = median(() => {
    const c = new DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: depth ?? Infinity, minNumSamples: 1 });
    c.train(Xs, ys);
  }, 3);
  rows.push(`| fitDecisionTree bank first ${sub} rows d=51 maxDepth=${depth ?? 'none'} | ${ours.toFixed(1)} ms | ${(cart / ours).toFixed(0)}x faster than ml-cart (${cart.toFixed(0)} ms) |`);
}
console.log(`Node ${process.version}; load average ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')}`);
console.log('| what | figure | ratio vs peer |\n|---|---|---|');
console.log(rows.join('\n'));
