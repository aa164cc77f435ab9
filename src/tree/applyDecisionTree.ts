/**
 * Which leaf, and which rule, applies to each row: scikit-learn's `apply` and `decision_path`, with
 * the leaf's rule from `treeRules`, so that a retention list can carry its reason.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { resolveOptions } from '../core/validate.js';
import { checkTreeModel } from './checkTreeModel.js';
import { treeRules, type TreeRule, type TreeRulesOptions } from './rules.js';
import type { TreeFeatures, TreeModel } from './types.js';
import { encodeForModel, flatten, leavesOf } from './walk.js';

/** One row's explanation: its leaf's rule (as {@link treeRules} gives it) and the path to the leaf. */
export interface TreeRowExplanation extends TreeRule {
  /** Node ids from the root (0) to the leaf, as the non-zero columns of scikit-learn's `decision_path`. */
  readonly path: number[];
}

/** Options of {@link explainDecisionTree}: those of {@link treeRules}, for the rule text and `probability`. */
export type ExplainDecisionTreeOptions = TreeRulesOptions;

const EXPLAIN_DEFAULTS = Object.freeze({ positiveClass: null, target: null, digits: 4 });

function leafIds(fn: string, model: unknown, features: TreeFeatures): { m: TreeModel; leaves: Int32Array } {
  const m = checkTreeModel(model, null, fn);
  return { m, leaves: leavesOf(flatten(m), encodeForModel(fn, m, features)) };
}

/**
 * Leaf node id per row (an index into `model.nodes`), as scikit-learn's `tree.apply(X)`: rows with
 * the same id got the same prediction for the same reason. Classification and regression trees.
 *
 * Cost: O(n depth), after the O(nodes) structural check of the model.
 * @param model - From `fitDecisionTree` or `fitRegressionTree` (or its JSON).
 * @param features - Rows in the form used for fitting (row objects or `number[][]`).
 * @returns One leaf id per row.
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT`, `MISSING_VALUE`, `UNKNOWN_CATEGORY`, `NON_FINITE`
 * @example
 * const model = fitDecisionTree([[1], [2], [3], [4]], [0, 0, 1, 1]);
 * applyDecisionTree(model, [[1.5], [3.5]]); // => [1, 2]
 */
export function applyDecisionTree(model: TreeModel, features: TreeFeatures): number[] {
  return Array.from(leafIds('applyDecisionTree', model, features).leaves);
}

/**
 * The rule that applies to each row: its leaf's entry of {@link treeRules} (same conditions, same
 * text, same "or missing" logic and options) plus the node path from the root, as scikit-learn's
 * `decision_path`. Rows in one leaf share one rule, so `text` is the reason to print next to a
 * customer on a retention list.
 *
 * Cost: O(n depth) for the rows, plus O(nodes columns) for the rules (computed once).
 * @param model - From `fitDecisionTree` or `fitRegressionTree` (or its JSON).
 * @param features - Rows in the form used for fitting (row objects or `number[][]`).
 * @param options - Those of {@link treeRules}: `positiveClass` (for `probability` and the text), `target`, `digits`.
 * @returns One explanation per row, in row order (rows of one leaf share the same object).
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION`, `INVALID_INPUT`, `MISSING_VALUE`, `UNKNOWN_CATEGORY`, `NON_FINITE`
 * @example
 * const model = fitDecisionTree([{ tenure: 2 }, { tenure: 30 }, { tenure: 40 }], ['Yes', 'No', 'No'], { columns: [{ name: 'tenure', type: 'numeric' }] });
 * const why = explainDecisionTree(model, [{ tenure: 5 }], { target: 'churn' })[0];
 * why.text; // => 'IF tenure <= 16 THEN churn = Yes (p = 1.00, n = 1)'
 * why.path; // => [0, 1]
 */
export function explainDecisionTree(model: TreeModel, features: TreeFeatures, options?: ExplainDecisionTreeOptions): TreeRowExplanation[] {
  const fn = 'explainDecisionTree';
  const { m, leaves } = leafIds(fn, model, features);
  const o = resolveOptions(fn, EXPLAIN_DEFAULTS, options);
  let rules: TreeRule[];
  try {
    rules = treeRules(m, o);
  } catch (e) {
    // The options are treeRules' own: its messages, under this function's name.
    if (e instanceof CrmError && e.message.startsWith('treeRules')) throw new CrmError(e.code, `${fn}${e.message.slice('treeRules'.length)}`, { ...e.details });
    throw e;
  }
  const byLeaf = new Map<number, TreeRowExplanation>();
  for (const rule of rules) {
    const path: number[] = [];
    // Bounded: the model check guarantees parents come before children (depth + 1 steps at most).
    for (let k = rule.leaf; k !== -1; k = m.nodes[k]!.parent) path.push(k);
    byLeaf.set(rule.leaf, { ...rule, path: path.reverse() });
  }
  return Array.from(leaves, (leaf) => byLeaf.get(leaf)!);
}
