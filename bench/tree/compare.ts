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

const mid = (t: number[]): number => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!;

/** Median wall and CPU milliseconds (CPU time is less sensitive to the other jobs on the machine). */
function timed(fn: () => unknown, runs = 5): { wall: number; cpu: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const s = performance.now();
    fn();
    wall.push(performance.now() - s);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  return { wall: mid(wall), cpu: mid(cpu) };
}

const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
// bench/tree/sklearn_tree.py is ../shared/anchors/py/tree_sklearn.py with the depth as argument and
// CPU time added.
function sklearn(depth: string): { wall: number; cpu: number } {
  const args = [join(REPO_ROOT, 'bench', 'tree', 'sklearn_tree.py'), DATA_DIR, join(RESULTS_DIR, 'split_bank.json'), depth];
  const [wall, cpu] = execFileSync('/usr/bin/python3', args, { env, encoding: 'utf8' }).trim().split(/\s+/).map((v) => Number(v) * 1000);
  return { wall: wall!, cpu: cpu! };
}

const ds = loadTreeDataset('bank');
const X = ds.train.map((i) => ds.oneHot[i]!);
const y = ds.train.map((i) => ds.y[i]!);
const rows: string[] = [];
for (const depth of [8, null] as const) {
  const ours = timed(() => fitDecisionTree(X, y, { maxDepth: depth }));
  const theirs = sklearn(depth === null ? 'full' : '8');
  rows.push(`| fitDecisionTree bank n=${X.length} d=51 maxDepth=${depth ?? 'none'} | ${ours.wall.toFixed(0)} ms wall, ${ours.cpu.toFixed(0)} ms CPU | ${(ours.wall / theirs.wall).toFixed(2)}x wall, ${(ours.cpu / theirs.cpu).toFixed(2)}x CPU of scikit-learn (${theirs.wall.toFixed(0)} / ${theirs.cpu.toFixed(0)} ms) |`);
}
const sub = Number(process.env.ML_CART_ROWS ?? 3000);
const Xs = X.slice(0, sub);
const ys = y.slice(0, sub);
for (const depth of [8, null] as const) {
  const ours = timed(() => fitDecisionTree(Xs, ys, { maxDepth: depth })).wall;
  const cart = timed(() => {
    const c = new DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: depth ?? Infinity, minNumSamples: 1 });
    c.train(Xs, ys);
  }, 3).wall;
  rows.push(`| fitDecisionTree bank first ${sub} rows d=51 maxDepth=${depth ?? 'none'} | ${ours.toFixed(1)} ms | ${(cart / ours).toFixed(0)}x faster than ml-cart (${cart.toFixed(0)} ms) |`);
}
console.log(`Node ${process.version}; load average ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')}`);
console.log('| what | figure | ratio vs peer |\n|---|---|---|');
console.log(rows.join('\n'));
