/**
 * Reading a tree as rules: one IF ... THEN ... per leaf, conditions on the same column merged.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { resolveOptions } from '../core/validate.js';
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
  /** Name of the target in the text. @defaultValue 'class' (classification) or 'value' (regression) */
  target?: string | null;
  /** Significant digits of thresholds and regression values in the text. @defaultValue 4 */
  digits?: number;
}

const RULES_DEFAULTS = Object.freeze({ positiveClass: null as TreeValue | null, target: null as string | null, digits: 4 });

function fmt(v: number, digits: number): string {
  return String(Number(v.toPrecision(digits)));
}

/**
 * One readable rule per leaf, sorted by risk (the probability of `positiveClass`, highest first;
 * regression: the leaf mean), ties by more rows then leaf id. Each rule comes as JSON conditions
 * and as text.
 *
 * Cost: O(leaves depth).
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
  if (model === null || typeof model !== 'object' || (model.kind !== 'decisionTree' && model.kind !== 'regressionTree') || !Array.isArray(model.nodes)) {
    throw new CrmError('INVALID_MODEL', `${fn}: expected a 'decisionTree' or 'regressionTree' model; got ${describeValue(model)}.`, {});
  }
  const o = resolveOptions(fn, RULES_DEFAULTS, options);
  const classification = model.kind === 'decisionTree';
  const classes = classification ? model.classes : [];
  let risk = classes.length - 1;
  if (classification && o.positiveClass !== null) {
    risk = classes.indexOf(o.positiveClass);
    if (risk < 0) throw new CrmError('INVALID_OPTION', `${fn}: positiveClass ${describeValue(o.positiveClass)} is not one of the classes (${classes.map((c) => describeValue(c)).join(', ')}).`, { option: 'positiveClass' });
  }
  const digits = o.digits;
  const target = o.target ?? (classification ? 'class' : 'value');
  const allowMissing = model.options.missing === 'learn';
  const rules: (TreeRule & { key: number })[] = [];
  const walk = (k: number, path: { feature: number; left: boolean }[]): void => {
    const node = model.nodes[k]!;
    if (node.feature >= 0) {
      path.push({ feature: node.feature, left: true });
      walk(node.left, path);
      path[path.length - 1] = { feature: node.feature, left: false };
      walk(node.right, path);
      path.pop();
      return;
    }
    const conditions = mergeConditions(model, path, k, allowMissing);
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
  };
  walk(0, []);
  rules.sort((a, b) => b.key - a.key || b.samples - a.samples || a.leaf - b.leaf);
  return rules.map(({ key: _key, ...rule }) => rule);
}

function mergeConditions(model: TreeModel, path: readonly { feature: number; left: boolean }[], leaf: number, allowMissing: boolean): TreeRuleCondition[] {
  // Walk the path again to know each node's split; nodes on the path are the leaf's ancestors.
  const ancestors: number[] = [];
  for (let p = model.nodes[leaf]!.parent; p >= 0; p = model.nodes[p]!.parent) ancestors.unshift(p);
  const byColumn = new Map<number, { lower: number | null; upper: number | null; cats: Set<number> | null; orMissing: boolean }>();
  path.forEach((step, i) => {
    const node = model.nodes[ancestors[i]!]!;
    const col = model.columns[step.feature]!;
    let c = byColumn.get(step.feature);
    if (!c) {
      c = { lower: null, upper: null, cats: col.type === 'categorical' ? new Set(col.categories!.map((_, k) => k)) : null, orMissing: allowMissing };
      byColumn.set(step.feature, c);
    }
    c.orMissing = c.orMissing && node.missingLeft === step.left;
    if (node.categoriesLeft !== null) {
      const left = new Set(node.categoriesLeft);
      for (const k of [...c.cats!]) if (left.has(k) !== step.left) c.cats!.delete(k);
    } else if (step.left) c.upper = c.upper === null ? node.threshold! : Math.min(c.upper, node.threshold!);
    else c.lower = c.lower === null ? node.threshold! : Math.max(c.lower, node.threshold!);
  });
  return [...byColumn.entries()].map(([f, c]) => ({
    column: model.columns[f]!.name,
    lower: c.lower,
    upper: c.upper,
    categories: c.cats ? [...c.cats].sort((a, b) => a - b).map((k) => model.columns[f]!.categories![k]!) : null,
    orMissing: c.orMissing,
  }));
}

function conditionText(c: TreeRuleCondition, digits: number): string {
  let s: string;
  if (c.categories !== null) s = c.categories.length === 1 ? `${c.column} = ${String(c.categories[0])}` : `${c.column} in {${c.categories.map(String).join(', ')}}`;
  else if (c.lower !== null && c.upper !== null) s = `${fmt(c.lower, digits)} < ${c.column} <= ${fmt(c.upper, digits)}`;
  else if (c.upper !== null) s = `${c.column} <= ${fmt(c.upper, digits)}`;
  else s = `${c.column} > ${fmt(c.lower!, digits)}`;
  return c.orMissing ? `(${s} or missing)` : s;
}
