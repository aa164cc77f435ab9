/**
 * Permutation importance on held-out rows (Breiman 2001): how much the score drops when one
 * column's values are shuffled, breaking its link to the target.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { runControl, RUN_CONTROL_KEYS, type RunControl } from '../core/progress.js';
import { permutation, resolveRandom, type Random } from '../core/random.js';
import { checkInteger, resolveOptions } from '../core/validate.js';
import { checkTreeModel } from './checkTreeModel.js';
import { named } from './named.js';
import type { TreeModel, TreeValue, TreeFeatures } from './types.js';
import { encodeForModel, flatten, leavesOf } from './walk.js';

/** Options of {@link treePermutationImportance}. */
export interface TreePermutationOptions extends RunControl {
  /** Shuffles per column: an integer in [1, 10000] ({@link MAX_PERMUTATION_REPEATS}). @defaultValue 5 */
  repeats?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** A generator in [0, 1) used instead of `seed`. @defaultValue undefined */
  random?: Random;
}

/** Importance per column: baseline score minus the score with the column shuffled. */
export interface TreePermutationImportance {
  /** Accuracy (classification) or R^2 (regression) on the rows as given. */
  readonly baseline: number;
  readonly columns: string[];
  /** Mean drop in score per column (higher = more important; near 0 or negative = unused). */
  readonly mean: number[];
  /** Standard deviation of the drop over the repeats (population, ddof 0, as scikit-learn). */
  readonly std: number[];
  /** Every drop: `drops[column][repeat]`. */
  readonly drops: number[][];
  readonly seed: number;
}

const PERMUTATION_DEFAULTS = Object.freeze({ repeats: 5, seed: 0 });

/** Upper bound of `repeats` in {@link treePermutationImportance}: a typo such as 1e9 is refused instead of running for hours. */
export const MAX_PERMUTATION_REPEATS = 10_000;

/**
 * Permutation importance of each column on held-out data, seeded (as scikit-learn's
 * `permutation_importance`: score = accuracy or R^2, drop averaged over `repeats` shuffles).
 *
 * Cost: O(d repeats n depth). `onProgress` gets phase `'repeat'`: shuffles done, of d x repeats.
 * @param model - A fitted classification or regression tree.
 * @param features - Held-out rows, in the form used for fitting.
 * @param targets - Their labels (classification) or values (regression).
 * @param options - See {@link TreePermutationOptions}.
 * @returns Baseline score and per-column drops.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `EMPTY_INPUT`, `LENGTH_MISMATCH`, `INVALID_OPTION`, `ABORTED`
 * @example
 * const model = fitDecisionTree([[1, 5], [2, 5], [3, 5], [4, 5]], [0, 0, 1, 1]);
 * treePermutationImportance(model, [[1, 5], [2, 5], [3, 5], [4, 5]], [0, 0, 1, 1]).mean[1]; // => 0
 */
export function treePermutationImportance(model: TreeModel, features: TreeFeatures, targets: readonly (TreeValue | number)[], options?: TreePermutationOptions): TreePermutationImportance {
  const fn = 'treePermutationImportance';
  model = checkTreeModel(model, null, fn);
  const o = resolveOptions(fn, PERMUTATION_DEFAULTS, options, ['random', ...RUN_CONTROL_KEYS]) as typeof PERMUTATION_DEFAULTS & { random?: Random } & RunControl;
  named(fn, () => checkInteger('repeats', o.repeats, { min: 1, max: MAX_PERMUTATION_REPEATS, hint: 'More shuffles than that do not change the mean drop visibly; pass a signal to stop long runs.' }));
  const random = named(fn, () => resolveRandom(o));
  const tick = runControl(fn, o);
  const enc = encodeForModel(fn, model, features);
  if (enc.n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: features has no rows; pass held-out rows.`, { argument: 'features' });
  if (!Array.isArray(targets) || targets.length !== enc.n) {
    throw new CrmError('LENGTH_MISMATCH', `${fn}: features has ${enc.n} rows but targets has ${Array.isArray(targets) ? targets.length : describeValue(targets)}; they must match.`, { argument: 'targets' });
  }
  const flat = flatten(model);
  const n = enc.n;
  let score: (leaves: Int32Array) => number;
  if (model.kind === 'decisionTree') {
    const classIndex = new Map(model.classes.map((c, k) => [c, k]));
    const truth = Int32Array.from(targets, (t) => classIndex.get(t as TreeValue) ?? -1);
    const predicted = model.nodes.map((node) => node.value.indexOf(Math.max(...node.value)));
    score = (leaves) => {
      let hit = 0;
      for (let i = 0; i < n; i++) if (predicted[leaves[i]!] === truth[i]) hit++;
      return hit / n;
    };
  } else {
    const y = Float64Array.from(targets as number[]);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i]! / n;
    let tss = 0;
    for (let i = 0; i < n; i++) tss += (y[i]! - mean) ** 2;
    score = (leaves) => {
      let rss = 0;
      for (let i = 0; i < n; i++) rss += (y[i]! - model.nodes[leaves[i]!]!.value[0]!) ** 2;
      return tss > 0 ? 1 - rss / tss : rss === 0 ? 1 : 0;
    };
  }
  const baseline = score(leavesOf(flat, enc));
  const d = enc.d;
  const saved = new Float64Array(n);
  const drops: number[][] = [];
  for (let j = 0; j < d; j++) {
    const col = enc.x.subarray(j * n, (j + 1) * n);
    saved.set(col);
    const row: number[] = [];
    for (let r = 0; r < o.repeats; r++) {
      const perm = permutation(random, n);
      for (let i = 0; i < n; i++) col[i] = saved[perm[i]!]!;
      row.push(baseline - score(leavesOf(flat, enc)));
      tick('repeat', j * o.repeats + r + 1, d * o.repeats);
    }
    col.set(saved);
    drops.push(row);
  }
  const mean = drops.map((r) => r.reduce((a, b) => a + b, 0) / r.length);
  const std = drops.map((r, j) => Math.sqrt(r.reduce((a, b) => a + (b - mean[j]!) ** 2, 0) / r.length));
  return { baseline, columns: model.columns.map((c) => c.name), mean, std, drops, seed: o.seed };
}
