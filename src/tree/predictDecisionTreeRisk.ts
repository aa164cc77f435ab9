/**
 * The positive class's probability per row: the one column of `predictDecisionTreeProba` a churn
 * or response score needs.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { resolveOptions } from '../core/validate.js';
import { checkTreeModel } from './checkTreeModel.js';
import type { DecisionTreeModel, TreeFeatures, TreeValue } from './types.js';
import { encodeForModel, flatten, leavesOf } from './walk.js';

/** Options of {@link predictDecisionTreeRisk}. */
export interface DecisionTreeRiskOptions {
  /**
   * The class whose probability is returned. Null: the obvious positive of a two-class model
   * (`true` of false/true, `1` of 0/1, `'yes'` / `'y'` / `'true'` / `'1'` of the matching pair in
   * any case, such as 'No'/'Yes'); any other model needs it (`INVALID_OPTION`).
   * @defaultValue null
   */
  positiveClass?: TreeValue | null;
}

const RISK_DEFAULTS = Object.freeze({ positiveClass: null as TreeValue | null });

const STRING_PAIRS: readonly (readonly [string, string])[] = [
  ['no', 'yes'],
  ['n', 'y'],
  ['false', 'true'],
  ['0', '1'],
];

/** The index in `classes` of the obvious positive of a two-class model, or -1. */
function obviousPositive(classes: readonly TreeValue[]): number {
  if (classes.length !== 2) return -1;
  const [a, b] = classes;
  if (typeof a === 'boolean' && typeof b === 'boolean') return classes.indexOf(true);
  if (typeof a === 'number' && typeof b === 'number') return a === 0 && b === 1 ? 1 : a === 1 && b === 0 ? 0 : -1;
  if (typeof a === 'string' && typeof b === 'string') {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    for (const [neg, pos] of STRING_PAIRS) {
      if (la === neg && lb === pos) return 1;
      if (la === pos && lb === neg) return 0;
    }
  }
  return -1;
}

/** The index of the positive class in `model.classes`, from the option or the obvious pair. */
function positiveIndex(fn: string, classes: readonly TreeValue[], positiveClass: unknown): number {
  const list = classes.map((c) => describeValue(c)).join(', ');
  if (positiveClass === null) {
    const k = obviousPositive(classes);
    if (k < 0) {
      throw new CrmError('INVALID_OPTION', `${fn}: the model's classes (${list}) have no obvious positive class; pass positiveClass, one of them.`, { option: 'positiveClass' });
    }
    return k;
  }
  const k = classes.findIndex((c) => c === positiveClass);
  if (k < 0) {
    const primitive = ['string', 'number', 'boolean'].includes(typeof positiveClass);
    const hint = primitive && classes.some((c) => String(c) === String(positiveClass)) ? ' (the same text of another type: labels are compared with ===)' : '';
    throw new CrmError('INVALID_OPTION', `${fn}: positiveClass ${describeValue(positiveClass)} is not one of the model's classes (${list})${hint}.`, { option: 'positiveClass' });
  }
  return k;
}

/**
 * Probability of the positive class per row (the weighted share of that class in the row's leaf,
 * as column `positiveClass` of scikit-learn's `predict_proba`): a churn or response score ready for
 * `rocAuc`, `liftTable` or a sort.
 *
 * Cost: O(n depth), after the O(nodes) structural check of the model.
 * @param model - From `fitDecisionTree` (or its JSON).
 * @param features - Rows in the form used for fitting (row objects or `number[][]`).
 * @param options - See {@link DecisionTreeRiskOptions}.
 * @returns One probability in [0, 1] per row.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION` (positiveClass not a class of the model, or
 * missing where the classes have no obvious positive), `INVALID_INPUT`, `MISSING_VALUE`,
 * `UNKNOWN_CATEGORY`, `NON_FINITE`
 * @example
 * const model = fitDecisionTree([{ tenure: 2 }, { tenure: 3 }, { tenure: 30 }, { tenure: 40 }], ['Yes', 'No', 'No', 'No'], { columns: [{ name: 'tenure', type: 'numeric' }] });
 * predictDecisionTreeRisk(model, [{ tenure: 1 }, { tenure: 35 }]); // => [1, 0]
 * predictDecisionTreeRisk(model, [{ tenure: 1 }], { positiveClass: 'No' }); // => [0]
 */
export function predictDecisionTreeRisk(model: DecisionTreeModel, features: TreeFeatures, options?: DecisionTreeRiskOptions): number[] {
  const fn = 'predictDecisionTreeRisk';
  const m = checkTreeModel<DecisionTreeModel>(model, 'decisionTree', fn);
  const o = resolveOptions(fn, RISK_DEFAULTS, options);
  const k = positiveIndex(fn, m.classes, o.positiveClass);
  const leaves = leavesOf(flatten(m), encodeForModel(fn, m, features));
  return Array.from(leaves, (leaf) => m.nodes[leaf]!.value[k]!);
}
