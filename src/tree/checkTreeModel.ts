/**
 * The structural check of a tree model (internal, shared by every function that reads one, and
 * by the charts of tree models): run once on entry, so that the walks after it can stay unchecked.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel, checkModelDiagnostics } from '../core/model.js';
import { compareValues } from './encode.js';
import type { DecisionTreeModel, RegressionTreeModel, TreeModel, TreeValue } from './types.js';

const CRITERIA = { decisionTree: ['gini', 'entropy', 'log_loss'], regressionTree: ['squaredError'] } as const;

/**
 * Checks that `model` is a well-formed tree model (after `JSON.parse`, say) and returns it typed.
 * `kind` null accepts either kind. Checked, in O(nodes + categories + nodes x classes):
 * kind and version; `options` (criterion, missing, unknownCategory, the growth limits as integers
 * or null in their ranges, minImpurityDecrease, featureOrder, classWeight, weighted) and
 * `diagnostics` (converged, iterations, warnings), which a prune copies; `columns` (name, type,
 * categories: strings, finite numbers or booleans, sorted and distinct); `classes` (non-empty,
 * of one type, sorted and distinct); `leaves` and `depth` (those of the node table); and the node
 * table: node k has id k; the root is node 0 with parent -1 and depth 0; a leaf has
 * feature -1 and children -1/-1; an internal node has an integer feature in range, two distinct
 * integer children after it in the array whose parent is k and depth is one more (so each node has
 * exactly one parent: no cycle, back edge or shared child), `missingLeft` a boolean, a finite
 * threshold on numeric columns and category codes in range on categorical ones; counts and
 * weights finite and non-negative, a split's weight at least its children's together; impurities finite (of a
 * classification tree: in [0, 1] for Gini, [0, log2(classes)] for entropy); `value` arrays of one
 * entry per class (classification, in [0, 1]) or one (regression), finite.
 * @throws CrmError `INVALID_MODEL` naming the node and field.
 * @example
 * const options = { criterion: 'squaredError', maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, minImpurityDecrease: 0, maxLeafNodes: null,
 *   missing: 'refuse', unknownCategory: 'missing', maxExactCategories: 10, featureOrder: 'index', classWeight: null, weighted: false };
 * const model = { kind: 'regressionTree', version: 1, options, columns: [{ name: 'x0', type: 'numeric', categories: null }], featureImportance: [0],
 *   nodes: [{ id: 0, parent: -1, depth: 0, feature: -1, threshold: null, categoriesLeft: null, missingLeft: null, left: -1, right: -1, samples: 2, weightedSamples: 2, missingSamples: 0, impurity: 0, value: [5] }],
 *   leaves: 1, depth: 0, diagnostics: { converged: true, iterations: 1, warnings: [] } };
 * checkTreeModel(model, 'regressionTree', 'predictRegressionTree').nodes.length; // => 1
 */
export function checkTreeModel<M extends TreeModel = TreeModel>(model: unknown, kind: M['kind'] | null, fn: string): M {
  let k: TreeModel['kind'];
  if (kind === null) {
    const given = model !== null && typeof model === 'object' ? (model as { kind?: unknown }).kind : undefined;
    if (given !== 'decisionTree' && given !== 'regressionTree') {
      throw new CrmError('INVALID_MODEL', `${fn}: expected a 'decisionTree' or 'regressionTree' model; got ${model !== null && typeof model === 'object' ? `one of kind ${describeValue(given)}` : describeValue(model)}.`, { kind: 'decisionTree' });
    }
    k = given;
  } else k = kind;
  const m = checkModel<DecisionTreeModel | RegressionTreeModel>(model, k, 1, fn);
  const bad = (field: string, value: unknown, expected: string, node?: number): never => {
    const where = node === undefined ? field : `nodes[${node}].${field}`;
    throw new CrmError('INVALID_MODEL', `${fn}: the model's ${where} is ${describeValue(value)}; expected ${expected}. The model JSON is damaged: refit it or restore it from the original.`, node === undefined ? { kind: k, field } : { kind: k, field, node });
  };

  const o = (m as { options?: unknown }).options as Record<string, unknown> | undefined;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) bad('options', o, 'the resolved options object');
  if (!(CRITERIA[k] as readonly unknown[]).includes(o!.criterion)) bad('options.criterion', o!.criterion, `one of ${CRITERIA[k].join(', ')}`);
  if (o!.missing !== 'refuse' && o!.missing !== 'learn') bad('options.missing', o!.missing, "'refuse' or 'learn'");
  if (o!.unknownCategory !== 'missing' && o!.unknownCategory !== 'error') bad('options.unknownCategory', o!.unknownCategory, "'missing' or 'error'");
  // The options a prune copies into its output: each of the type and range the fit resolves.
  const positiveInteger = (name: string, min: number, max = Infinity, nullable = false): void => {
    const v = o![name];
    if (nullable && v === null) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) bad(`options.${name}`, v, `${nullable ? 'null or ' : ''}an integer in [${min}, ${max === Infinity ? 'Infinity)' : `${max}]`}`);
  };
  positiveInteger('maxDepth', 1, Infinity, true);
  positiveInteger('minSamplesSplit', 2);
  positiveInteger('minSamplesLeaf', 1);
  positiveInteger('maxLeafNodes', 2, Infinity, true);
  positiveInteger('maxExactCategories', 2, 16);
  const decrease = o!.minImpurityDecrease;
  if (typeof decrease !== 'number' || !Number.isFinite(decrease) || decrease < 0) bad('options.minImpurityDecrease', decrease, 'a finite number >= 0');
  if (o!.featureOrder !== 'index' && o!.featureOrder !== 'sklearn') bad('options.featureOrder', o!.featureOrder, "'index' or 'sklearn'");
  if (typeof o!.weighted !== 'boolean') bad('options.weighted', o!.weighted, 'true or false');
  const cw = o!.classWeight;
  if (k === 'regressionTree' ? cw !== null : cw !== null && cw !== 'balanced') {
    const proto = cw !== null && typeof cw === 'object' && !Array.isArray(cw) ? Object.getPrototypeOf(cw) : undefined;
    if (k === 'regressionTree' || (proto !== Object.prototype && proto !== null)) bad('options.classWeight', cw, k === 'regressionTree' ? 'null (regression trees have no classes)' : "'balanced', null or an object mapping String(label) to a weight");
    for (const [key, v] of Object.entries(cw as object)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) bad(`options.classWeight[${JSON.stringify(key)}]`, v, 'a finite number >= 0');
    }
  }
  checkModelDiagnostics(fn, k, (m as { diagnostics?: unknown }).diagnostics);
  const form = (m as { featureForm?: unknown }).featureForm;
  if (form !== undefined && form !== 'objects' && form !== 'arrays') bad('featureForm', form, "'objects' or 'arrays'");

  const columns = (m as { columns?: unknown }).columns;
  if (!Array.isArray(columns) || columns.length === 0) bad('columns', columns, 'a non-empty array of { name, type, categories }');
  const cols = columns as unknown[];
  const d = cols.length;
  const nCategories = new Int32Array(d).fill(-1);
  const names = new Set<string>();
  for (let j = 0; j < d; j++) {
    const c = cols[j] as Record<string, unknown> | null;
    if (c === null || typeof c !== 'object') bad(`columns[${j}]`, c, '{ name, type, categories }');
    if (typeof c!.name !== 'string') bad(`columns[${j}].name`, c!.name, 'a string');
    if (names.has(c!.name as string)) bad(`columns[${j}].name`, c!.name, 'a name no other column has');
    names.add(c!.name as string);
    if (c!.missing !== undefined && !(Number.isInteger(c!.missing) && (c!.missing as number) >= 0)) bad(`columns[${j}].missing`, c!.missing, 'a count (integer >= 0)');
    if (c!.type === 'numeric') {
      if (c!.categories !== null && c!.categories !== undefined) bad(`columns[${j}].categories`, c!.categories, 'null for a numeric column');
    } else if (c!.type === 'categorical') {
      const cats = c!.categories;
      if (!Array.isArray(cats)) bad(`columns[${j}].categories`, cats, 'an array of the categories seen in training');
      checkValues(cats as unknown[], `columns[${j}].categories`, bad);
      nCategories[j] = (cats as unknown[]).length;
    } else bad(`columns[${j}].type`, c!.type, "'numeric' or 'categorical'");
  }

  let nValues = 1;
  if (k === 'decisionTree') {
    const classes = (m as { classes?: unknown }).classes;
    if (!Array.isArray(classes) || classes.length === 0) bad('classes', classes, 'a non-empty array of class labels');
    checkValues(classes as unknown[], 'classes', bad, true);
    nValues = (classes as unknown[]).length;
  }
  const importance = (m as { featureImportance?: unknown }).featureImportance;
  if (!Array.isArray(importance) || importance.length !== d) bad('featureImportance', importance, `an array of ${d} numbers (one per column)`);
  for (let j = 0; j < d; j++) if (!Number.isFinite((importance as unknown[])[j])) bad(`featureImportance[${j}]`, (importance as unknown[])[j], 'a finite number');

  const nodes = (m as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) bad('nodes', nodes, 'a non-empty array of nodes (node 0 is the root)');
  const list = nodes as unknown[];
  const count = list.length;
  const claimed = new Uint8Array(count);
  const crit = o!.criterion;
  const maxImpurity = k === 'regressionTree' ? Infinity : crit === 'gini' ? 1 : Math.log2(nValues) + 1e-9;
  let leaves = 0;
  let depth = 0;
  const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
  const isWeight = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  for (let i = 0; i < count; i++) {
    const node = list[i] as Record<string, unknown> | null;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) bad(`nodes[${i}]`, node, 'a node object');
    const nd = node!;
    if (nd.id !== i) bad('id', nd.id, `${i} (its index)`, i);
    if (i === 0) {
      if (nd.parent !== -1) bad('parent', nd.parent, '-1 for the root', i);
      if (nd.depth !== 0) bad('depth', nd.depth, '0 for the root', i);
    } else if (claimed[i] === 0) bad('parent', nd.parent, 'a node that lists this node as its left or right child', i);
    if (!isCount(nd.samples)) bad('samples', nd.samples, 'a count (integer >= 0)', i);
    if (!isCount(nd.missingSamples)) bad('missingSamples', nd.missingSamples, 'a count (integer >= 0)', i);
    if (!isWeight(nd.weightedSamples)) bad('weightedSamples', nd.weightedSamples, 'a finite number >= 0', i);
    // Finite only: a squared-error impurity (mean of squares minus squared mean) can round to -1e-17.
    if (typeof nd.impurity !== 'number' || !Number.isFinite(nd.impurity)) bad('impurity', nd.impurity, 'a finite number', i);
    // A class distribution's Gini is below 1 and its entropy at most log2(classes) bits.
    if (k === 'decisionTree' && !((nd.impurity as number) >= -1e-9 && (nd.impurity as number) <= maxImpurity)) bad('impurity', nd.impurity, `a ${o!.criterion} impurity in [0, ${maxImpurity}]`, i);
    if (nd.depth as number > depth) depth = nd.depth as number;
    const value = nd.value;
    if (!Array.isArray(value) || value.length !== nValues) bad('value', value, k === 'decisionTree' ? `an array of ${nValues} class probabilities (one per class)` : 'an array of one number (the leaf mean)', i);
    for (let c = 0; c < nValues; c++) {
      const v = (value as unknown[])[c];
      if (typeof v !== 'number' || !Number.isFinite(v) || (k === 'decisionTree' && (v < 0 || v > 1))) bad(`value[${c}]`, v, k === 'decisionTree' ? 'a probability in [0, 1]' : 'a finite number', i);
    }
    const f = nd.feature;
    if (f === -1) {
      if (nd.left !== -1 || nd.right !== -1) bad(nd.left !== -1 ? 'left' : 'right', nd.left !== -1 ? nd.left : nd.right, '-1 on a leaf (feature -1)', i);
      leaves++;
      continue;
    }
    if (!Number.isInteger(f) || (f as number) < 0 || (f as number) >= d) bad('feature', f, `-1 (leaf) or a column index in [0, ${d - 1}]`, i);
    for (const side of ['left', 'right'] as const) {
      const c = nd[side];
      if (!Number.isInteger(c) || (c as number) <= i || (c as number) >= count) bad(side, c, `a node id in [${i + 1}, ${count - 1}] (children come after their parent)`, i);
      const ci = c as number;
      if (claimed[ci] === 1) bad(side, c, 'a node no other split points to', i);
      claimed[ci] = 1;
      const child = list[ci] as Record<string, unknown> | null;
      if (child === null || typeof child !== 'object') bad(`nodes[${ci}]`, child, 'a node object');
      if (child!.parent !== i) bad('parent', child!.parent, `${i} (the node whose ${side} child it is)`, ci);
      if (child!.depth !== (nd.depth as number) + 1) bad('depth', child!.depth, `${(nd.depth as number) + 1} (its parent's depth + 1)`, ci);
    }
    // The children split their parent's rows, so weight shares stay <= 1 and sums of them finite.
    const wl = (list[nd.left as number] as { weightedSamples: unknown }).weightedSamples;
    const wr = (list[nd.right as number] as { weightedSamples: unknown }).weightedSamples;
    if (isWeight(wl) && isWeight(wr) && !((wl as number) + (wr as number) <= (nd.weightedSamples as number) * (1 + 1e-9))) {
      bad('weightedSamples', nd.weightedSamples, `the sum of its children's weights, ${(wl as number) + (wr as number)}`, i);
    }
    if (typeof nd.missingLeft !== 'boolean') bad('missingLeft', nd.missingLeft, 'true or false on a split', i);
    const K = nCategories[f as number]!;
    if (K < 0) {
      if (typeof nd.threshold !== 'number' || !Number.isFinite(nd.threshold)) bad('threshold', nd.threshold, 'a finite number on a split of a numeric column', i);
      if (nd.categoriesLeft !== null && nd.categoriesLeft !== undefined) bad('categoriesLeft', nd.categoriesLeft, 'null on a split of a numeric column', i);
    } else {
      const left = nd.categoriesLeft;
      if (!Array.isArray(left)) bad('categoriesLeft', left, 'an array of category codes on a split of a categorical column', i);
      for (const code of left as unknown[]) {
        if (!Number.isInteger(code) || (code as number) < 0 || (code as number) >= K) bad('categoriesLeft', left, `category codes in [0, ${K - 1}]`, i);
      }
    }
  }
  const stated = m as { leaves?: unknown; depth?: unknown };
  if (stated.leaves !== leaves) bad('leaves', stated.leaves, `${leaves} (the leaves of the node table)`);
  if (stated.depth !== depth) bad('depth', stated.depth, `${depth} (the deepest node's depth)`);
  if (!((list[0] as { weightedSamples: number }).weightedSamples > 0)) bad('weightedSamples', (list[0] as { weightedSamples: number }).weightedSamples, 'a positive total weight at the root', 0);
  return m as M;
}

function checkValues(values: unknown[], field: string, bad: (field: string, value: unknown, expected: string) => never, oneType = false): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) bad(`${field}[${i}]`, v, 'a string, finite number or boolean');
    if (i === 0) continue;
    const prev = values[i - 1] as TreeValue;
    // A fit stores them sorted (booleans, then numbers, then strings) and distinct, and class labels
    // of one type: a label turned from 0 into "0" is another class, not the same one.
    if (oneType && typeof v !== typeof prev) bad(`${field}[${i}]`, v, `a ${typeof prev} like ${field}[0] (labels are of one type)`);
    if (compareValues(prev, v as TreeValue) >= 0) bad(`${field}[${i}]`, v, `a value after ${describeValue(prev)} (they are stored sorted and distinct)`);
  }
}
