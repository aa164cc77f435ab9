/**
 * Isolation forest (Liu, Ting and Zhou 2008) with scikit-learn's defaults and scoring: 100 trees,
 * each grown on `min(256, n)` rows drawn without replacement to depth `ceil(log2(maxSamples))`,
 * splitting on a random non-constant feature at a uniform threshold in its range.
 * @module
 */
import { featureNamesOf, type RowOf, type AnyRow } from '../core/table.js';
import { CrmError, describeValue } from '../core/errors.js';
import { type DenseMatrix } from '../core/dense.js';
import { checkModel, checkModelStrings } from '../core/model.js';
import { fork, resolveRandom, type Random } from '../core/random.js';
import { runControl, type RunControl } from '../core/progress.js';
import { resolveOptions } from '../core/validate.js';
import { anomalyPoints, scoringColumns, type AnomalyColumnsOption, type AnomalyPoints } from './points.js';
import { columnsOption, defineOptions, integer, opt, RANDOM_OPTION, resolveOptionTable, RUN_CONTROL_OPTIONS, SEED_OPTION } from '../core/options.js';

/** Options of {@link fitIsolationForest}. */
export interface IsolationForestOptions<R = Record<string, unknown>> extends RunControl, AnomalyColumnsOption<R> {
  /** Number of trees, 1..10000. @defaultValue 100 */
  trees?: number;
  /** Rows per tree, drawn without replacement; capped at n. @defaultValue min(256, n) */
  maxSamples?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** A generator in [0, 1) instead of `seed`. */
  random?: () => number;
}

/** One tree as parallel arrays; node 0 is the root, leaves have feature -1. */
export interface IsolationTree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  /** Training rows in each node (used at leaves). */
  readonly size: number[];
}

/**
 * A fitted isolation forest: plain data, survives JSON. Schema version 2 renamed the column count
 * `features` to `featureCount` and added `featureNames`; version 1 models (saved before) still load
 * and score identically.
 */
export interface IsolationForestModel {
  readonly kind: 'isolationForest';
  readonly version: 2;
  readonly options: { readonly trees: number; readonly maxSamples: number; readonly seed: number | null };
  /** Number of input features (d). */
  readonly featureCount: number;
  /**
   * The d input features, in the order the trees index them: the `columns` read from row objects,
   * columns or an Arrow table, or `x0, x1, ...` for `number[][]` (as fitLogistic).
   */
  readonly featureNames: string[];
  readonly maxDepth: number;
  readonly trees: IsolationTree[];
}

/** The option table of {@link fitIsolationForest}. */
export const ISOLATION_FOREST_OPTIONS = defineOptions<IsolationForestOptions>()({
  trees: opt({ default: 100, accepts: [integer({ min: 1, max: 10000 })], description: 'Number of trees.', stored: 'as-given' }),
  maxSamples: opt({ computedDefault: 'min(256, n)', accepts: [integer({ min: 1, max: 1e7 })], description: 'Rows per tree, drawn without replacement; capped at n.', stored: 'derived' }),
  seed: SEED_OPTION,
  random: RANDOM_OPTION,
  columns: columnsOption<NonNullable<IsolationForestOptions['columns']>>(),
  ...RUN_CONTROL_OPTIONS,
});

/** Average path length of an unsuccessful BST search in n nodes: c(n) = 2 H(n-1) - 2 (n-1) / n, c(2) = 1, c(<=1) = 0. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649015329) - (2 * (n - 1)) / n;
}

/** scikit-learn's FEATURE_THRESHOLD: a feature whose range in a node is at most this is constant there. */
const FEATURE_THRESHOLD = 1e-7;

function growTree(x: DenseMatrix, rows: Int32Array, maxDepth: number, random: Random): IsolationTree {
  const { cols: d, data } = x;
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const size: number[] = [];
  const candidates = new Int32Array(d);
  // Depth-first with an explicit stack of [start, end, depth, node]; rows[start..end) is the node.
  const stack: number[] = [0, rows.length, 0];
  const newNode = (n: number) => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    size.push(n);
    return feature.length - 1;
  };
  const nodes: number[] = [newNode(rows.length)];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;
    const node = nodes.pop()!;
    const n = end - start;
    if (depth >= maxDepth || n < 2) continue;
    // Draw features without replacement until one is not constant in the node.
    for (let j = 0; j < d; j++) candidates[j] = j;
    let remaining = d;
    let f = -1;
    let lo = 0;
    let hi = 0;
    while (remaining > 0) {
      const pick = Math.min(remaining - 1, Math.floor(random() * remaining));
      const j = candidates[pick]!;
      candidates[pick] = candidates[remaining - 1]!;
      remaining--;
      lo = Infinity;
      hi = -Infinity;
      for (let r = start; r < end; r++) {
        const v = data[rows[r]! * d + j]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi > lo + FEATURE_THRESHOLD) { f = j; break; }
    }
    if (f < 0) continue; // every feature constant here: a leaf
    let t = lo + random() * (hi - lo);
    if (t >= hi) t = lo;
    // Partition: x <= t to the left.
    let i = start;
    let k = end - 1;
    while (i <= k) {
      if (data[rows[i]! * d + f]! <= t) i++;
      else {
        const tmp = rows[i]!;
        rows[i] = rows[k]!;
        rows[k] = tmp;
        k--;
      }
    }
    feature[node] = f;
    threshold[node] = t;
    const l = newNode(i - start);
    const r = newNode(end - i);
    left[node] = l;
    right[node] = r;
    stack.push(i, end, depth + 1);
    nodes.push(r);
    stack.push(start, i, depth + 1);
    nodes.push(l);
  }
  return { feature, threshold, left, right, size };
}

function readPoints(fn: string, points: unknown, columns?: readonly unknown[]): DenseMatrix & { readonly names: string[] | null } {
  return anomalyPoints(fn, points, columns);
}

/**
 * Fits an isolation forest: each tree isolates a random subsample by random axis-parallel cuts;
 * anomalies are isolated in fewer cuts. Trees get independent child streams of the seed.
 * Cost: O(trees * maxSamples * log(maxSamples) * d) time, O(trees * maxSamples) memory; n only
 * enters through the subsampling.
 * Source: Liu, Ting and Zhou (2008), "Isolation Forest", ICDM; scikit-learn 1.2 `IsolationForest`.
 * @param points - Rows x features, finite (`number[][]` or a dense matrix), or row objects, columns or an
 *   Arrow table with `columns` naming the features (docs/input.md).
 * @returns A plain-data model for {@link predictIsolationForestScore}.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `RAGGED_ROWS`, `NON_FINITE`, `INVALID_OPTION`, `ABORTED`
 * @example
 * const pts = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [10, 10]];
 * const model = fitIsolationForest(pts, { seed: 1 });
 * const s = predictIsolationForestScore(model, pts);
 * s.indexOf(Math.max(...s)); // => 5
 */
export function fitIsolationForest<D extends AnomalyPoints<AnyRow>>(points: D, options?: IsolationForestOptions<RowOf<D>>): IsolationForestModel {
  const fn = 'fitIsolationForest';
  const o = resolveOptionTable(fn, ISOLATION_FOREST_OPTIONS, options);
  const trees = o.trees;
  const tick = runControl(fn, o);
  const x = readPoints(fn, points, o.columns);
  const n = x.rows;
  const maxSamples = o.maxSamples === undefined ? Math.min(256, n) : Math.min(n, o.maxSamples);
  const random = resolveRandom(o);
  const maxDepth = Math.ceil(Math.log2(Math.max(maxSamples, 2)));
  const out: IsolationTree[] = [];
  const all = new Int32Array(n);
  for (let t = 0; t < trees; t++) {
    const r = fork(random);
    // Partial Fisher-Yates: the first maxSamples entries are a sample without replacement.
    for (let i = 0; i < n; i++) all[i] = i;
    for (let i = 0; i < maxSamples; i++) {
      const j = i + Math.min(n - i - 1, Math.floor(r() * (n - i)));
      const tmp = all[i]!;
      all[i] = all[j]!;
      all[j] = tmp;
    }
    out.push(growTree(x, all.slice(0, maxSamples), maxDepth, r));
    tick('tree', t + 1, trees);
  }
  return {
    kind: 'isolationForest',
    version: 2,
    options: { trees, maxSamples, seed: o.random === undefined ? o.seed : null },
    featureCount: x.cols,
    featureNames: featureNamesOf(x.names, x.cols),
    maxDepth,
    trees: out,
  };
}

function damaged(fn: string, what: string): CrmError {
  return new CrmError('INVALID_MODEL', `${fn}: the isolationForest model is damaged: ${what}. Refit it with fitIsolationForest.`, {});
}

/** An isolation forest of schema version 1 (a column count `features`, no names), as saved JSON holds it. */
type IsolationForestModelV1 = Omit<IsolationForestModel, 'version' | 'featureCount' | 'featureNames'> & { readonly version: 1; readonly features: number };

/**
 * Checks an isolation forest read back from JSON: every tree's arrays of one length, children
 * after their parent (so no cycles), features in range, finite thresholds, positive sizes, one
 * name per feature. A version 1 model (saved before `featureCount` and `featureNames`) is returned
 * as version 2, its names `x0, x1, ...`; the trees are the same. O(size of the model).
 * @throws CrmError `INVALID_MODEL`
 * @example
 * const m = fitIsolationForest([[0], [1], [2]], { trees: 2 });
 * checkIsolationForestModel(JSON.parse(JSON.stringify(m)), 'demo').trees.length; // => 2
 */
export function checkIsolationForestModel(model: unknown, fn: string): IsolationForestModel {
  const m = upgrade(checkModel<IsolationForestModel | IsolationForestModelV1>(model, 'isolationForest', [1, 2], fn), fn);
  if (!m.options || !Number.isInteger(m.options.maxSamples) || m.options.maxSamples < 1) throw damaged(fn, 'options.maxSamples must be a positive integer');
  if (!Array.isArray(m.trees) || m.trees.length === 0) throw damaged(fn, 'trees must be a non-empty array');
  for (const tree of m.trees as unknown[]) {
    const t = tree as IsolationTree;
    if (!t || !Array.isArray(t.feature) || !Array.isArray(t.threshold) || !Array.isArray(t.left) || !Array.isArray(t.right) || !Array.isArray(t.size)) throw damaged(fn, 'a tree lacks feature, threshold, left, right or size');
    const len = t.feature.length;
    if (len === 0 || t.threshold.length !== len || t.left.length !== len || t.right.length !== len || t.size.length !== len) throw damaged(fn, 'tree arrays differ in length');
    for (let i = 0; i < len; i++) {
      const f = t.feature[i]!;
      if (!Number.isInteger(t.size[i]) || t.size[i]! < 0) throw damaged(fn, `node ${i} has a bad size`);
      if (f === -1) continue;
      if (!Number.isInteger(f) || f < 0 || f >= m.featureCount) throw damaged(fn, `node ${i} splits on feature ${describeValue(f)}`);
      if (!Number.isFinite(t.threshold[i])) throw damaged(fn, `node ${i} has a non-finite threshold`);
      const l = t.left[i]!;
      const r = t.right[i]!;
      if (!Number.isInteger(l) || !Number.isInteger(r) || l <= i || r <= i || l >= len || r >= len) throw damaged(fn, `node ${i} has children out of order or range`);
    }
  }
  return m;
}

/** A checked version 2 view of either schema version; refuses a bad count or names. */
function upgrade(m: IsolationForestModel | IsolationForestModelV1, fn: string): IsolationForestModel {
  const count = m.version === 1 ? m.features : m.featureCount;
  const field = m.version === 1 ? 'features' : 'featureCount';
  if (!Number.isInteger(count) || count < 1) throw damaged(fn, `${field} must be a positive integer`);
  if (m.version === 2) {
    checkModelStrings(fn, 'isolationForest', 'featureNames', m.featureNames, { length: count });
    return m;
  }
  const { features: _, ...rest } = m;
  return { ...rest, version: 2, featureCount: count, featureNames: featureNamesOf(null, count) };
}

/**
 * Anomaly score of each row, `2^(-E[h(x)] / c(maxSamples))` in (0, 1]: near 1 an anomaly, well below
 * 0.5 normal. h(x) is the depth of x's leaf plus c(leaf size). scikit-learn's `score_samples` is
 * the negative of this (and equals it to rounding on the same trees). O(n * trees * depth).
 * @param points - Rows with the model's number of features, finite; in any form fitIsolationForest
 *   takes. Row objects, columns and Arrow tables are read by the model's `featureNames`, in order,
 *   unless `columns` is given.
 * @param options - `columns`: the features of row objects, columns or Arrow tables, when they are
 *   not named as `model.featureNames`.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT` (wrong number of features), `EMPTY_INPUT`, `RAGGED_ROWS`, `NON_FINITE`
 * @example
 * const m = fitIsolationForest([[0], [0.1], [0.2], [5]], { seed: 3 });
 * predictIsolationForestScore(m, [[0.1], [5]]).map((s) => s > 0 && s <= 1); // => [true, true]
 */
export function predictIsolationForestScore(model: IsolationForestModel, points: AnomalyPoints<AnyRow>, options?: AnomalyColumnsOption<AnyRow>): number[] {
  const fn = 'predictIsolationForestScore';
  const v1 = (model as { version?: unknown } | null)?.version === 1;
  const m = checkIsolationForestModel(model, fn);
  const o = resolveOptions(fn, {}, options, ['columns']) as AnomalyColumnsOption;
  // A version 1 model has no names: row objects need columns, and columns are read as before.
  const x = readPoints(fn, points, scoringColumns(points, o.columns, v1 ? null : m.featureNames));
  if (x.cols !== m.featureCount) throw new CrmError('INVALID_INPUT', `${fn}: points have ${x.cols} features but the model was fitted on ${m.featureCount}.`, { argument: 'points' });
  const { rows: n, cols: d, data } = x;
  const depth = new Float64Array(n);
  for (const t of m.trees) {
    const feature = Int32Array.from(t.feature);
    const threshold = Float64Array.from(t.threshold);
    const left = Int32Array.from(t.left);
    const right = Int32Array.from(t.right);
    const leafPath = Float64Array.from(t.size, averagePathLength);
    for (let i = 0, b = 0; i < n; i++, b += d) {
      let node = 0;
      let h = 0;
      for (let f = feature[0]!; f >= 0; f = feature[node]!) {
        node = data[b + f]! <= threshold[node]! ? left[node]! : right[node]!;
        h++;
      }
      depth[i]! += h + leafPath[node]!;
    }
  }
  const denominator = m.trees.length * averagePathLength(m.options.maxSamples);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = denominator === 0 ? 1 : 2 ** (-depth[i]! / denominator);
  return out;
}
