/**
 * Walking a fitted tree (internal): rows to leaf ids on typed arrays, and the summary figures
 * (leaves, depth, importance) recomputed whenever the node list changes (fit, prune).
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { encodeFeatures, treeRows, type Encoded, UNKNOWN_CODE } from './encode.js';
import type { DecisionTreeNode, TreeFeatures, TreeModel } from './types.js';

/** Column names for a message: the first eight, then how many more. */
export function columnList(model: TreeModel): string {
  const names = model.columns.map((c) => c.name);
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')} and ${names.length - 8} more`;
}

/**
 * Encodes prediction rows with the model's columns (the model already checked). The rows must
 * take the form of the training rows: a model fitted on row objects reads them by name and one
 * fitted on `number[][]` by position, and mixing the two would compare categories of another type
 * (every row silently following the missing-value branches).
 */
export function encodeForModel(fn: string, model: TreeModel, input: TreeFeatures): Encoded {
  // Columns and Arrow tables are read by the model's column names (a model fitted on number[][] has x0, x1, ...).
  const features = treeRows(fn, input, model.columns);
  if (!Array.isArray(features)) {
    throw new CrmError('INVALID_INPUT', `${fn}: features must be an array of rows; got ${describeValue(features)}.`, { argument: 'features' });
  }
  if (features.length === 0) return { n: 0, d: model.columns.length, x: new Float64Array(0) };
  const first = features[0] as unknown;
  if (model.featureForm === 'objects' && Array.isArray(first)) {
    throw new CrmError('INVALID_INPUT', `${fn}: the model was fitted on row objects with columns ${columnList(model)}, but features[0] is an array. Pass row objects with those properties (arrays are read by position, objects by name).`, { argument: 'features', row: 0 });
  }
  if (model.featureForm === 'arrays' && first !== null && typeof first === 'object' && !Array.isArray(first)) {
    throw new CrmError('INVALID_INPUT', `${fn}: the model was fitted on number[][] rows (columns ${columnList(model)}, by position), but features[0] is an object. Pass arrays with the columns in that order.`, { argument: 'features', row: 0 });
  }
  if (Array.isArray(first) && first.length !== model.columns.length) {
    throw new CrmError('INVALID_INPUT', `${fn}: the model was fitted on ${model.columns.length} columns but features[0] has ${first.length}.`, { argument: 'features', row: 0 });
  }
  if (!Array.isArray(first) && first !== null && typeof first === 'object') {
    for (const c of model.columns) {
      if (!(c.name in first)) {
        throw new CrmError('INVALID_INPUT', `${fn}: column '${c.name}' the model was fitted on is not a property of features[0].`, { argument: 'features', row: 0, column: c.name });
      }
    }
  }
  const { encoded } = encodeFeatures(fn, features, model.columns, model.options.missing === 'learn', false);
  if (model.options.unknownCategory === 'error') {
    const { n, x } = encoded;
    for (let j = 0; j < model.columns.length; j++) {
      const col = model.columns[j]!;
      if (col.type !== 'categorical') continue;
      for (let i = 0; i < n; i++) {
        if (x[j * n + i] === UNKNOWN_CODE) {
          const row = features[i] as unknown;
          const value = Array.isArray(row) ? row[j] : (row as Record<string, unknown>)[col.name];
          throw new CrmError('UNKNOWN_CATEGORY', `${fn}: features[${i}] column '${col.name}' is ${describeValue(value)}, a category training never saw. Fit with unknownCategory: 'missing' to send such rows where missing values go.`, { argument: 'features', row: i, column: col.name });
        }
      }
    }
  }
  return encoded;
}

/** Flat typed-array form of the nodes, for fast walks. */
export interface FlatTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingLeft: Uint8Array;
  /** For categorical nodes: offset into `goLeft` (-1 for numeric); goLeft[offset + code] = 1 sends left. */
  catOffset: Int32Array;
  goLeft: Uint8Array;
}

export function flatten(model: TreeModel): FlatTree {
  const m = model.nodes.length;
  const t: FlatTree = {
    feature: new Int32Array(m),
    threshold: new Float64Array(m),
    left: new Int32Array(m),
    right: new Int32Array(m),
    missingLeft: new Uint8Array(m),
    catOffset: new Int32Array(m).fill(-1),
    goLeft: new Uint8Array(0),
  };
  let total = 0;
  for (const node of model.nodes) if (node.categoriesLeft) total += model.columns[node.feature]!.categories!.length;
  t.goLeft = new Uint8Array(total);
  let off = 0;
  for (let k = 0; k < m; k++) {
    const node = model.nodes[k]!;
    t.feature[k] = node.feature;
    t.left[k] = node.left;
    t.right[k] = node.right;
    t.missingLeft[k] = node.missingLeft ? 1 : 0;
    t.threshold[k] = node.threshold ?? NaN;
    if (node.categoriesLeft) {
      t.catOffset[k] = off;
      for (const c of node.categoriesLeft) t.goLeft[off + c] = 1;
      off += model.columns[node.feature]!.categories!.length;
    }
  }
  return t;
}

/** Leaf id of every row. */
export function leavesOf(t: FlatTree, enc: Encoded): Int32Array {
  const { n, x } = enc;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (;;) {
      const f = t.feature[k]!;
      if (f < 0) break;
      const xv = x[f * n + i]!;
      let left: boolean;
      const off = t.catOffset[k]!;
      if (off >= 0) left = xv !== xv || xv === UNKNOWN_CODE ? t.missingLeft[k] === 1 : t.goLeft[off + xv] === 1;
      else left = xv !== xv ? t.missingLeft[k] === 1 : xv <= t.threshold[k]!;
      k = left ? t.left[k]! : t.right[k]!;
    }
    out[i] = k;
  }
  return out;
}

/** Leaves, depth and impurity importance of a node list. */
export function summarize(nodes: readonly DecisionTreeNode[], d: number): { leaves: number; depth: number; featureImportance: number[] } {
  let leaves = 0;
  let depth = 0;
  const imp = new Float64Array(d);
  for (const node of nodes) {
    depth = Math.max(depth, node.depth);
    if (node.feature < 0) {
      leaves++;
      continue;
    }
    const l = nodes[node.left]!;
    const r = nodes[node.right]!;
    imp[node.feature] += node.weightedSamples * node.impurity - l.weightedSamples * l.impurity - r.weightedSamples * r.impurity;
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += imp[j]!;
  if (!Number.isFinite(total) && nodes.length > 0) {
    // Weights near the double range (1e307 each) overflow scikit-learn's products: take shares.
    const root = nodes[0]!.weightedSamples;
    const share = (node: DecisionTreeNode): number => (node.weightedSamples / root) * node.impurity;
    imp.fill(0);
    for (const node of nodes) if (node.feature >= 0) imp[node.feature] += share(node) - share(nodes[node.left]!) - share(nodes[node.right]!);
    total = 0;
    for (let j = 0; j < d; j++) total += imp[j]!;
  }
  const featureImportance = Array.from(imp, (v) => (total > 0 ? v / total : 0));
  return { leaves, depth, featureImportance };
}
