/**
 * Reading a tree as rules: one IF ... THEN ... per leaf, conditions on the same column merged.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkInteger, resolveOptions } from '../core/validate.js';
import { checkTreeModel } from './checkTreeModel.js';
import { named } from './named.js';
import type { TreeModel, TreeValue } from './types.js';

/** A merged condition on one column: `lower < x <= upper`, or `x in categories`. */
export interface TreeRuleCondition {
  readonly column: string;
  /** Exclusive lower bound (numeric); null = none. */
  readonly lower: number | null;
  /** Inclusive upper bound (numeric); null = none. */
  readonly upper: number | null;
  /** Allowed categories (categorical); null for numeric columns. */
  readonly categories: TreeValue[] | null;
  /** True when rows with a missing value in this column also follow this rule. */
  readonly orMissing: boolean;
}

/** One rule per leaf. */
export interface TreeRule {
  /** Leaf node id. */
  readonly leaf: number;
  readonly conditions: TreeRuleCondition[];
  /** Predicted class (classification) or mean (regression). */
  readonly prediction: TreeValue | number;
  /** Share of the risk class in the leaf (classification); null for regression. */
  readonly probability: number | null;
  /** Training rows in the leaf. */
  readonly samples: number;
  /** The rule as one line, e.g. `IF contract = Month-to-month AND tenure <= 12.5 THEN churn = Yes (p = 0.62, n = 812)`. */
  readonly text: string;
}

/** Options of {@link treeRules}. */
export interface TreeRulesOptions {
  /** The class whose probability is the risk (sort key and `p`); null = the last class of `model.classes` (true, 1, 'Yes' for usual labels). @defaultValue null */
  positiveClass?: TreeValue | null;
  /** Name of the target in the text (a string; null = the default). @defaultValue 'class' (classification) or 'value' (regression) */
  target?: string | null;
  /** Significant digits of thresholds and regression values in the text: an integer in [1, 17]. @defaultValue 4 */
  digits?: number;
}

const RULES_DEFAULTS = Object.freeze({ positiveClass: null as TreeValue | null, target: null as string | null, digits: 4 });

function fmt(v: number, digits: number): string {
  return String(Number(v.toPrecision(digits)));
}

/**
 * One readable rule per leaf, sorted by risk (the probability of `positiveClass`, highest first;
 * regression: the leaf mean), ties by more rows then leaf id. Each rule comes as JSON conditions
 * and as text. A condition says "or missing" (`orMissing`) when rows with a missing value in
 * that column follow the rule, and only on columns that had missing values in training (fitted
 * with `missing: 'learn'`); elsewhere a missing value at prediction follows each split's larger
 * child, which the rules do not spell out. The walk is iterative: any depth works.
 *
 * Cost: O(nodes columns) (each step updates one column's merged condition; each leaf writes at
 * most one condition per column), plus the O(nodes) model check.
 * @param model - A fitted classification or regression tree.
 * @param options - See {@link TreeRulesOptions}.
 * @returns Rules, riskiest first.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION`
 * @example
 * const model = fitDecisionTree([{ tenure: 2 }, { tenure: 30 }, { tenure: 40 }], ['Yes', 'No', 'No'], { columns: [{ name: 'tenure', type: 'numeric' }] });
 * treeRules(model, { target: 'churn' })[0].text; // => 'IF tenure <= 16 THEN churn = Yes (p = 1.00, n = 1)'
 */
export function treeRules(model: TreeModel, options?: TreeRulesOptions): TreeRule[] {
  const fn = 'treeRules';
  const m = checkTreeModel(model, null, fn);
  const o = resolveOptions(fn, RULES_DEFAULTS, options);
  named(fn, () => checkInteger('digits', o.digits, { min: 1, max: 17, hint: 'Significant digits of thresholds and regression values in the text.' }));
  if (o.target !== null && typeof o.target !== 'string') {
    throw new CrmError('INVALID_OPTION', `${fn}: target must be a string (the target's name in the text) or null; got ${describeValue(o.target)}.`, { option: 'target' });
  }
  const classification = m.kind === 'decisionTree';
  const classes = classification ? m.classes : [];
  let risk = classes.length - 1;
  if (classification && o.positiveClass !== null) {
    risk = classes.indexOf(o.positiveClass);
    if (risk < 0) throw new CrmError('INVALID_OPTION', `${fn}: positiveClass ${describeValue(o.positiveClass)} is not one of the classes (${classes.map((c) => describeValue(c)).join(', ')}).`, { option: 'positiveClass' });
  }
  const digits = o.digits;
  const target = o.target ?? (classification ? 'class' : 'value');
  const learned = m.options.missing === 'learn';
  // "or missing" only on columns that had missing values in training (models that do not record
  // it: every column of a model fitted with missing: 'learn').
  const orMissingAllowed = m.columns.map((c) => learned && (c.missing === undefined || c.missing > 0));
  const nodes = m.nodes;
  const d = m.columns.length;

  // The merged condition of every column on the current path, updated on the way down and
  // restored on the way up (an explicit stack: trees can be deeper than the call stack).
  const lower: (number | null)[] = new Array(d).fill(null);
  const upper: (number | null)[] = new Array(d).fill(null);
  const cats: (Uint8Array | null)[] = m.columns.map((c) => (c.type === 'categorical' ? new Uint8Array(c.categories!.length).fill(1) : null));
  const orMissing = orMissingAllowed.slice();
  const uses = new Int32Array(d);
  const firstSeen: number[] = []; // columns on the path, in order of first use
  interface Saved { f: number; lower: number | null; upper: number | null; cats: Uint8Array | null; orMissing: boolean }
  const saved: Saved[] = [];
  const stack: number[] = [0]; // >= 0: visit node (applying the step into it); -1: undo the last step

  const rules: (TreeRule & { key: number })[] = [];
  const step = (parent: number, left: boolean): void => {
    const node = nodes[parent]!;
    const f = node.feature;
    saved.push({ f, lower: lower[f]!, upper: upper[f]!, cats: cats[f] === null ? null : cats[f]!.slice(), orMissing: orMissing[f]! });
    if (uses[f]++ === 0) firstSeen.push(f);
    orMissing[f] = orMissing[f]! && node.missingLeft === left;
    if (node.categoriesLeft !== null) {
      const c = cats[f]!;
      const inLeft = new Uint8Array(c.length);
      for (const code of node.categoriesLeft) inLeft[code] = 1;
      for (let k = 0; k < c.length; k++) if ((inLeft[k] === 1) !== left) c[k] = 0;
    } else if (left) upper[f] = upper[f] === null ? node.threshold! : Math.min(upper[f]!, node.threshold!);
    else lower[f] = lower[f] === null ? node.threshold! : Math.max(lower[f]!, node.threshold!);
  };
  const undo = (): void => {
    const s = saved.pop()!;
    lower[s.f] = s.lower;
    upper[s.f] = s.upper;
    if (s.cats !== null) cats[s.f] = s.cats;
    orMissing[s.f] = s.orMissing;
    if (--uses[s.f] === 0) firstSeen.pop();
  };
  while (stack.length > 0) {
    const k = stack.pop()!;
    if (k === -1) {
      undo();
      continue;
    }
    const node = nodes[k]!;
    if (k !== 0) step(node.parent, nodes[node.parent]!.left === k);
    if (node.feature >= 0) {
      if (k !== 0) stack.push(-1);
      stack.push(node.right, node.left);
      continue;
    }
    const conditions: TreeRuleCondition[] = firstSeen.map((f) => {
      const col = m.columns[f]!;
      const c = cats[f];
      const categories: TreeValue[] | null = c === null ? null : [];
      if (c !== null) for (let code = 0; code < c.length; code++) if (c[code] === 1) categories!.push(col.categories![code]!);
      return { column: col.name, lower: lower[f]!, upper: upper[f]!, categories, orMissing: orMissing[f]! };
    });
    let prediction: TreeValue | number;
    let probability: number | null = null;
    let key: number;
    let then: string;
    if (classification) {
      let best = 0;
      for (let c = 1; c < node.value.length; c++) if (node.value[c]! > node.value[best]!) best = c;
      prediction = classes[best]!;
      probability = node.value[risk] ?? 0;
      key = probability;
      then = `${target} = ${String(prediction)} (p = ${(node.value[best] ?? 0).toFixed(2)}, n = ${node.samples})`;
      if (best !== risk && classes.length > 1) then = `${target} = ${String(prediction)} (p(${String(classes[risk])}) = ${probability.toFixed(2)}, n = ${node.samples})`;
    } else {
      prediction = node.value[0]!;
      key = prediction;
      then = `${target} = ${fmt(prediction, digits)} (n = ${node.samples})`;
    }
    const ifs = conditions.map((c) => conditionText(c, digits));
    const text = ifs.length > 0 ? `IF ${ifs.join(' AND ')} THEN ${then}` : `ALWAYS ${then}`;
    rules.push({ leaf: k, conditions, prediction, probability, samples: node.samples, text, key });
    if (k !== 0) undo();
  }
  rules.sort((a, b) => b.key - a.key || b.samples - a.samples || a.leaf - b.leaf);
  return rules.map(({ key: _key, ...rule }) => rule);
}

function conditionText(c: TreeRuleCondition, digits: number): string {
  let s: string;
  if (c.categories !== null) s = c.categories.length === 1 ? `${c.column} = ${String(c.categories[0])}` : `${c.column} in {${c.categories.map(String).join(', ')}}`;
  else if (c.lower !== null && c.upper !== null) s = `${fmt(c.lower, digits)} < ${c.column} <= ${fmt(c.upper, digits)}`;
  else if (c.upper !== null) s = `${c.column} <= ${fmt(c.upper, digits)}`;
  else s = `${c.column} > ${fmt(c.lower!, digits)}`;
  return c.orMissing ? `(${s} or missing)` : s;
}
