/**
 * CART decision trees (Breiman, Friedman, Olshen and Stone 1984) for classification and regression,
 * with native categorical splits and learned directions for missing values.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import type { Diagnostics } from '../core/model.js';
import { runControl, type Tick } from '../core/progress.js';
import { checkNumber, checkWeights } from '../core/validate.js';
import { resolveOptionTable, type ResolvedOptions } from '../core/options.js';
import { DECISION_TREE_OPTIONS, REGRESSION_TREE_OPTIONS, regressionClassWeightError } from './options.js';
import { checkTreeModel } from './checkTreeModel.js';
import { named } from './named.js';
import { compareValues, encodeFeatures, isMissing, resolveColumns, treeRows } from './encode.js';
import { growTree, type GrowCriterion } from './grow.js';
import type {
  DecisionTreeModel,
  DecisionTreeOptions,
  RegressionTreeModel,
  RegressionTreeOptions,
  ResolvedTreeOptions,
  TreeFeatures,
  TreeModelColumn,
  TreeValue,
} from './types.js';
import { encodeForModel, flatten, leavesOf, summarize } from './walk.js';

export { DECISION_TREE_DEFAULTS, REGRESSION_TREE_DEFAULTS } from './options.js';

type Resolved = Omit<ResolvedOptions<typeof DECISION_TREE_OPTIONS>, 'criterion'> & { criterion: ResolvedTreeOptions['criterion'] };

function resolveTreeOptions(fn: string, regression: boolean, options: object | undefined): Resolved {
  if (regression && options !== null && typeof options === 'object' && (options as { classWeight?: unknown }).classWeight !== undefined) {
    throw regressionClassWeightError(fn);
  }
  if (regression) return { ...resolveOptionTable(fn, REGRESSION_TREE_OPTIONS, options), classWeight: null };
  return resolveOptionTable(fn, DECISION_TREE_OPTIONS, options);
}

function storedOptions(o: Resolved): ResolvedTreeOptions {
  return {
    criterion: o.criterion,
    maxDepth: o.maxDepth === Infinity ? null : o.maxDepth,
    minSamplesSplit: o.minSamplesSplit,
    minSamplesLeaf: o.minSamplesLeaf,
    minImpurityDecrease: o.minImpurityDecrease,
    maxLeafNodes: o.maxLeafNodes === Infinity ? null : o.maxLeafNodes,
    missing: o.missing,
    unknownCategory: o.unknownCategory === 'refuse' ? 'error' : o.unknownCategory,
    maxExactCategories: o.maxExactCategories,
    featureOrder: o.featureOrder,
    classWeight: o.classWeight === null || typeof o.classWeight === 'string' ? o.classWeight : { ...o.classWeight },
    weighted: o.weights !== undefined,
  };
}

interface Prepared {
  columns: TreeModelColumn[];
  x: Float64Array;
  n: number;
  d: number;
  form: 'objects' | 'arrays';
}

function prepare(fn: string, input: TreeFeatures, o: Resolved, nTargets: number): Prepared {
  const features = treeRows(fn, input, o.columns);
  const spec = resolveColumns(fn, features, o.columns);
  if (features.length !== nTargets) {
    throw new CrmError('LENGTH_MISMATCH', `${fn}: features has ${features.length} rows but labels has ${nTargets}; they must match.`, { features: features.length, labels: nTargets });
  }
  const { encoded, categories } = encodeFeatures(fn, features, spec, o.missing === 'learn', true);
  const columns = spec.map((c, j) => ({ name: c.name, type: c.type, categories: categories[j] ?? null }));
  return { columns, x: encoded.x, n: encoded.n, d: encoded.d, form: Array.isArray(features[0]) ? 'arrays' : 'objects' };
}

/**
 * Grows the tree on the rows of positive weight only: as scikit-learn's splitter, rows of weight 0
 * (sample weight times class weight) move no threshold and count in no node size or minimum.
 */
function grow(fn: string, p: Prepared, o: Resolved, nSlots: number, slot: Int32Array, w: Float64Array, v: Float64Array, y: Float64Array | null) {
  const tick = runControl(fn, o);
  const nCategories = new Int32Array(p.d);
  p.columns.forEach((c, j) => (nCategories[j] = c.categories ? c.categories.length : 0));
  let { n, x } = p;
  const d = p.d;
  let kept = 0;
  for (let i = 0; i < n; i++) if (w[i]! > 0) kept++;
  if (kept === 0) {
    throw new CrmError('INVALID_OPTION', `${fn}: with these weights and classWeight every row has weight 0; give some class a positive classWeight.`, { option: 'classWeight' });
  }
  if (kept < n) {
    const keep = new Int32Array(kept);
    for (let i = 0, t = 0; i < n; i++) if (w[i]! > 0) keep[t++] = i;
    const pick = <A extends Float64Array | Int32Array>(a: A): A => {
      const out = new (a.constructor as { new (k: number): A })(kept);
      for (let t = 0; t < kept; t++) out[t] = a[keep[t]!]!;
      return out;
    };
    const xs = new Float64Array(kept * d);
    for (let f = 0; f < d; f++) for (let t = 0; t < kept; t++) xs[f * kept + t] = x[f * n + keep[t]!]!;
    x = xs;
    slot = pick(slot);
    w = pick(w);
    v = pick(v);
    if (y !== null) y = pick(y);
    n = kept;
  }
  // Impurities are ratios of weight sums, so scaling every weight by a power of 2 changes no split
  // (exactly); Gini squares the sums, which overflow or vanish for weights far from 1 (1e200 or
  // 1e-300 gave NaN nodes). Such weights are brought near 1 for the growth and scaled back after.
  let maxW = 0;
  for (let i = 0; i < n; i++) if (w[i]! > maxW) maxW = w[i]!;
  const scale = maxW > 2 ** 40 || maxW < 2 ** -40 ? 2 ** -Math.floor(Math.log2(maxW)) : 1;
  if (scale !== 1) {
    const same = v === w;
    w = Float64Array.from(w, (t) => t * scale);
    v = same ? w : Float64Array.from(v, (t) => t * scale);
  }
  if (y !== null) {
    // Squared-error sums hold (sum of w y)^2: the targets times the total weight must stay below
    // sqrt(Number.MAX_VALUE), or the impurities overflow to NaN.
    let maxY = 0;
    let maxRow = 0;
    let totalW = 0;
    for (let i = 0; i < n; i++) {
      totalW += w[i]!;
      if (Math.abs(y[i]!) > maxY) (maxY = Math.abs(y[i]!)), (maxRow = i);
    }
    if (!(maxY * Math.max(1, totalW) <= 1e154)) {
      throw new CrmError('NON_FINITE', `${fn}: a target is ${y[maxRow]}: with ${n} rows the squared-error sums overflow (targets times total weight must stay below 1e154). Rescale the targets (e.g. to thousands) and scale the predictions back.`, { argument: 'targets' });
    }
  }
  // Rows (of positive weight) with a missing value, per column: rules say "or missing" only there.
  const columns = p.columns.map((c, f) => {
    let missing = 0;
    if (o.missing === 'learn') for (let i = f * n; i < (f + 1) * n; i++) if (x[i] !== x[i]) missing++;
    return { ...c, missing };
  });
  const nodes = growTree(
    { n, d, x, nCategories, nSlots, slot, w, v, y },
    {
      criterion: (o.criterion === 'log_loss' ? 'entropy' : o.criterion) as GrowCriterion,
      maxDepth: o.maxDepth ?? Infinity,
      minSamplesSplit: o.minSamplesSplit,
      minSamplesLeaf: o.minSamplesLeaf,
      minImpurityDecrease: o.minImpurityDecrease,
      maxLeafNodes: o.maxLeafNodes ?? Infinity,
      maxExactCategories: o.maxExactCategories,
      sklearnOrder: o.featureOrder === 'sklearn',
    },
    progressOf(tick, o.maxLeafNodes === null ? 2 * n - 1 : Math.min(2 * n - 1, 2 * o.maxLeafNodes - 1)),
  );
  if (scale !== 1) for (const node of nodes) (node as { weightedSamples: number }).weightedSamples /= scale;
  return { columns, featureForm: p.form, nodes, ...summarize(nodes, p.d) };
}

// A tick per node added (the units are nodes; the total is an upper bound: 2 n - 1, or
// 2 maxLeafNodes - 1). Without onProgress or signal, tick is a no-op and so is this.
function progressOf(tick: Tick, total: number): (nodes: number) => void {
  return (nodes) => tick('node', nodes, total);
}

/**
 * Fits a CART classification tree. Numeric columns split at midpoints between sorted distinct values
 * (`x <= threshold` goes left); categorical columns split natively into two groups of categories
 * (exact for two classes by ordering categories by positive rate, Breiman et al. 1984, §9.4; for
 * more classes exact up to `maxExactCategories` present categories, then best of one-class-vs-rest
 * orderings). Ties go to the lowest column index, then the lowest threshold, then missing values
 * left. With one-hot input and default options the tree equals scikit-learn's
 * `DecisionTreeClassifier` up to ties between columns (see docs/tree.md). A single class gives a
 * one-leaf tree with a diagnostic warning. Rows of weight 0 (`weights` times `classWeight`) are
 * left out, as scikit-learn does: they move no threshold and count in no node size. With
 * `maxLeafNodes` the tree grows best-first (with `featureOrder: 'sklearn'`, in scikit-learn's
 * exact heap order). `onProgress` and `signal` are checked at each node added.
 *
 * Cost: O(d n log n) to presort, then O(d n) per tree level (scan plus stable partition).
 * @param features - `number[][]` (n rows by d columns) or row objects read through `columns`.
 * @param labels - One label per row, all of one type: strings, finite numbers or booleans (two or more classes).
 * @param options - See {@link DecisionTreeOptions}.
 * @returns A plain-data {@link DecisionTreeModel}.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `RAGGED_ROWS`, `LENGTH_MISMATCH`, `MISSING_VALUE`, `NON_FINITE`, `NEGATIVE_VALUE`, `INVALID_OPTION`, `ABORTED`
 * @example
 * const model = fitDecisionTree([[1], [2], [3], [4]], ['stay', 'stay', 'churn', 'churn']);
 * predictDecisionTree(model, [[1.2], [3.9]]); // => ['stay', 'churn']
 */
export function fitDecisionTree(features: TreeFeatures, labels: readonly TreeValue[], options?: DecisionTreeOptions): DecisionTreeModel {
  const fn = 'fitDecisionTree';
  const o = resolveTreeOptions(fn, false, options);
  if (!Array.isArray(labels)) throw new CrmError('INVALID_INPUT', `${fn}: labels must be an array; got ${describeValue(labels)}.`, { argument: 'labels' });
  const p = prepare(fn, features, o, labels.length);
  const n = p.n;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (isMissing(l)) throw new CrmError('MISSING_VALUE', `${fn}: labels[${i}] is ${describeValue(l)}; every row needs a label.`, { argument: 'labels', row: i });
    if ((typeof l !== 'string' && typeof l !== 'number' && typeof l !== 'boolean') || l === Infinity || l === -Infinity) {
      throw new CrmError('INVALID_INPUT', `${fn}: labels[${i}] is ${describeValue(l)}; labels must be strings, finite numbers or booleans.`, { argument: 'labels', row: i });
    }
    // 1 and "1" would be two classes: mixed types are nearly always a parsing slip, so refuse them.
    if (typeof l !== typeof labels[0]) {
      throw new CrmError('INVALID_INPUT', `${fn}: labels[${i}] is ${describeValue(l)} (a ${typeof l}) but labels[0] is ${describeValue(labels[0])} (a ${typeof labels[0]}); labels must all be of one type. Convert them, e.g. labels.map(String).`, { argument: 'labels', row: i });
    }
  }
  const classes = [...new Set(labels)].sort(compareValues);
  const C = classes.length;
  const classOf = new Map(classes.map((c, k) => [c, k]));
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) slot[i] = classOf.get(labels[i]!)!;
  const w = named(fn, () => checkWeights(o.weights, n, 'weights'));
  const cw = named(fn, () => classWeights(fn, o.classWeight, classes, slot));
  for (let i = 0; i < n; i++) w[i] = w[i]! * cw[slot[i]!]!;
  const warnings: string[] = [];
  if (C === 1) warnings.push(`labels hold a single class (${describeValue(classes[0])}): the tree is one leaf that always predicts it. Check the label column or the rows selected.`);
  const grown = grow(fn, p, o, C, slot, w, w, null);
  const diagnostics: Diagnostics = { converged: true, iterations: grown.nodes.length, warnings };
  return { kind: 'decisionTree', version: 1, options: storedOptions(o), classes, ...grown, diagnostics };
}

function classWeights(fn: string, spec: DecisionTreeOptions['classWeight'], classes: TreeValue[], slot: Int32Array): Float64Array {
  const C = classes.length;
  const out = new Float64Array(C).fill(1);
  if (spec === null || spec === undefined) return out;
  if (spec === 'balanced') {
    const count = new Float64Array(C);
    for (let i = 0; i < slot.length; i++) count[slot[i]!]++;
    for (let c = 0; c < C; c++) out[c] = slot.length / (C * count[c]!);
    return out;
  }
  const known = new Set(classes.map(String));
  for (const key of Object.keys(spec)) {
    if (!known.has(key)) throw new CrmError('INVALID_OPTION', `${fn}: classWeight names class '${key}', which is not among the labels (${[...known].join(', ')}).`, { option: 'classWeight' });
    checkNumber(`classWeight['${key}']`, spec[key], { min: 0 });
  }
  classes.forEach((c, k) => {
    const v = spec[String(c)];
    if (v !== undefined) out[k] = v;
  });
  return out;
}

/**
 * Fits a CART regression tree (squared error), sharing the growing code of {@link fitDecisionTree}:
 * use it to predict spend or value. Leaves predict the weighted mean of their rows. Rows of weight
 * 0 are left out; `classWeight` is refused (a classification option).
 *
 * Cost: O(d n log n) to presort, then O(d n) per tree level.
 * @param features - `number[][]` (n rows by d columns) or row objects read through `columns`.
 * @param targets - One finite number per row.
 * @param options - See {@link RegressionTreeOptions}.
 * @returns A plain-data {@link RegressionTreeModel}.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `RAGGED_ROWS`, `LENGTH_MISMATCH`, `MISSING_VALUE`, `NON_FINITE`, `NEGATIVE_VALUE`, `INVALID_OPTION`, `ABORTED`
 * @example
 * const model = fitRegressionTree([[1], [2], [3], [4]], [10, 12, 30, 34], { maxDepth: 1 });
 * predictRegressionTree(model, [[0], [5]]); // => [11, 32]
 */
export function fitRegressionTree(features: TreeFeatures, targets: readonly number[], options?: RegressionTreeOptions): RegressionTreeModel {
  const fn = 'fitRegressionTree';
  const o = resolveTreeOptions(fn, true, options);
  if (!Array.isArray(targets)) throw new CrmError('INVALID_INPUT', `${fn}: targets must be an array of numbers; got ${describeValue(targets)}.`, { argument: 'targets' });
  const p = prepare(fn, features, o, targets.length);
  const n = p.n;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = targets[i];
    if (isMissing(t)) throw new CrmError('MISSING_VALUE', `${fn}: targets[${i}] is ${describeValue(t)}; every row needs a target.`, { argument: 'targets', row: i });
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new CrmError('NON_FINITE', `${fn}: targets[${i}] is ${describeValue(t)}; targets must be finite numbers.`, { argument: 'targets', row: i });
    y[i] = t;
  }
  const w = named(fn, () => checkWeights(o.weights, n, 'weights'));
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = w[i]! * y[i]!;
  const grown = grow(fn, p, o, 1, new Int32Array(n), w, v, y);
  const diagnostics: Diagnostics = { converged: true, iterations: grown.nodes.length, warnings: [] };
  return { kind: 'regressionTree', version: 1, options: storedOptions(o), ...grown, diagnostics };
}

/**
 * Class probabilities per row: the weighted class shares of the row's leaf (class weights
 * included, as scikit-learn's `predict_proba`), in `model.classes` order.
 *
 * Cost: O(n depth), after the O(nodes) structural check of the model (`checkTreeModel`).
 * @param model - From {@link fitDecisionTree} (or its JSON).
 * @param features - Rows in the form used for fitting: row objects if fitted on row objects,
 *   `number[][]` if fitted on arrays (the other form is `INVALID_INPUT`).
 * @returns `n` rows of `model.classes.length` probabilities summing to 1.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `MISSING_VALUE`, `UNKNOWN_CATEGORY`, `NON_FINITE`
 * @example
 * const model = fitDecisionTree([[1], [2], [3], [3]], [0, 0, 1, 0]);
 * predictDecisionTreeProba(model, [[3]]); // => [[0.5, 0.5]]
 */
export function predictDecisionTreeProba(model: DecisionTreeModel, features: TreeFeatures): number[][] {
  const fn = 'predictDecisionTreeProba';
  const m = checkTreeModel<DecisionTreeModel>(model, 'decisionTree', fn);
  const leaves = leavesOf(flatten(m), encodeForModel(fn, m, features));
  return Array.from(leaves, (k) => m.nodes[k]!.value.slice());
}

/**
 * Predicted class per row: the most probable class of the row's leaf (ties: the first class in
 * `model.classes` order, as scikit-learn's argmax).
 *
 * Cost: O(n depth), after the O(nodes) structural check of the model (`checkTreeModel`).
 * @param model - From {@link fitDecisionTree} (or its JSON).
 * @param features - Rows in the form used for fitting: row objects if fitted on row objects,
 *   `number[][]` if fitted on arrays (the other form is `INVALID_INPUT`).
 * @returns One label per row, of the original label type.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `MISSING_VALUE`, `UNKNOWN_CATEGORY`, `NON_FINITE`
 * @example
 * const model = fitDecisionTree([{ plan: 'monthly' }, { plan: 'yearly' }], [true, false], { columns: [{ name: 'plan', type: 'categorical' }] });
 * predictDecisionTree(model, [{ plan: 'yearly' }]); // => [false]
 */
export function predictDecisionTree(model: DecisionTreeModel, features: TreeFeatures): TreeValue[] {
  const fn = 'predictDecisionTree';
  const m = checkTreeModel<DecisionTreeModel>(model, 'decisionTree', fn);
  const leaves = leavesOf(flatten(m), encodeForModel(fn, m, features));
  const labelOf = m.nodes.map((node) => {
    let best = 0;
    for (let c = 1; c < node.value.length; c++) if (node.value[c]! > node.value[best]!) best = c;
    return m.classes[best]!;
  });
  return Array.from(leaves, (k) => labelOf[k]!);
}

/**
 * Predicted value per row: the weighted mean target of the row's leaf.
 *
 * Cost: O(n depth), after the O(nodes) structural check of the model (`checkTreeModel`).
 * @param model - From {@link fitRegressionTree} (or its JSON).
 * @param features - Rows in the form used for fitting: row objects if fitted on row objects,
 *   `number[][]` if fitted on arrays (the other form is `INVALID_INPUT`).
 * @returns One number per row.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `MISSING_VALUE`, `UNKNOWN_CATEGORY`, `NON_FINITE`
 * @example
 * const model = fitRegressionTree([[1], [2]], [5, 7]);
 * predictRegressionTree(model, [[1], [2]]); // => [5, 7]
 */
export function predictRegressionTree(model: RegressionTreeModel, features: TreeFeatures): number[] {
  const fn = 'predictRegressionTree';
  const m = checkTreeModel<RegressionTreeModel>(model, 'regressionTree', fn);
  const leaves = leavesOf(flatten(m), encodeForModel(fn, m, features));
  return Array.from(leaves, (k) => m.nodes[k]!.value[0]!);
}
