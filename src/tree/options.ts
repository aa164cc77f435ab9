/**
 * The option tables of {@link fitDecisionTree} and {@link fitRegressionTree} (internal): defaults,
 * accepted values and what the model stores, in one place for both tree kinds.
 * @module
 */
import { CrmError } from '../core/errors.js';
import { custom, defineOptions, NO_LIMIT, integer, number, oneOf, opt, optionDefaults, RUN_CONTROL_OPTIONS, WEIGHTS_OPTION } from '../core/options.js';
import { checkNumber } from '../core/validate.js';
import type { DecisionTreeOptions, RegressionTreeOptions, TreeColumn } from './types.js';

const isPlainObject = (v: unknown): boolean => {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** The growth options both tree kinds share. */
const GROWTH_OPTIONS = {
  columns: opt({
    default: null,
    nullable: true,
    // The form only; names and types are checked against the rows by resolveColumns.
    accepts: [custom<readonly TreeColumn[]>({ describe: 'an array of { name, type } column descriptions', test: Array.isArray, bad: ['tenure', { name: 'tenure' }] })],
    description: 'Column description (required for row objects); the model keeps it as model.columns.',
  }),
  maxDepth: opt({ default: null, nullable: true, accepts: [integer({ min: 1, hint: 'Use null for no depth limit; depth 0 would be a single leaf.' }), NO_LIMIT], description: 'Maximum depth (root = 0); null (or Infinity) = no limit, stored as null.', stored: 'as-given' }),
  minSamplesSplit: opt({ default: 2, accepts: [integer({ min: 2 })], description: 'A node with fewer rows is a leaf.', stored: 'as-given' }),
  minSamplesLeaf: opt({ default: 1, accepts: [integer({ min: 1 })], description: 'Each child keeps at least this many rows.', stored: 'as-given' }),
  minImpurityDecrease: opt({ default: 0, accepts: [number({ min: 0 })], description: 'A split must lower the weighted impurity by at least this.', stored: 'as-given' }),
  maxLeafNodes: opt({ default: null, nullable: true, accepts: [integer({ min: 2, hint: 'Use null for no limit.' }), NO_LIMIT], description: 'Grow best-first up to this many leaves; null (or Infinity) = no limit, stored as null.', stored: 'as-given' }),
  missing: opt({ default: 'refuse', accepts: [oneOf(['refuse', 'learn'])], description: "'refuse' missing values, or 'learn' their side at each split.", stored: 'as-given' }),
  unknownCategory: opt({ default: 'missing', accepts: [oneOf(['missing', 'refuse', 'error'])], description: "At prediction, an unseen category goes where missing values go ('missing') or throws UNKNOWN_CATEGORY ('refuse'; 'error' is the deprecated spelling, and what the model stores).", stored: 'derived' }),
  maxExactCategories: opt({ default: 10, accepts: [integer({ min: 2, max: 16 })], description: 'Categorical splits search every partition up to this many categories.', stored: 'as-given' }),
  featureOrder: opt({ default: 'index', accepts: [oneOf(['index', 'sklearn'])], description: 'Column search order, which breaks exact ties between splits.', stored: 'as-given' }),
  weights: WEIGHTS_OPTION,
  ...RUN_CONTROL_OPTIONS,
} as const;

/** The option table of {@link fitDecisionTree}. */
export const DECISION_TREE_OPTIONS = defineOptions<DecisionTreeOptions>()({
  criterion: opt({ default: 'gini', accepts: [oneOf(['gini', 'entropy', 'log_loss'])], description: "Impurity: 'gini', or 'entropy' (log_loss is scikit-learn's other name for it).", stored: 'as-given' }),
  ...GROWTH_OPTIONS,
  classWeight: opt({
    default: null,
    nullable: true,
    accepts: [
      oneOf(['balanced']),
      custom<Readonly<Record<string, number>>>({
        describe: 'a plain object mapping String(label) to a weight, e.g. { Yes: 3 }',
        test: isPlainObject,
        check: (name, v) => { for (const [key, w] of Object.entries(v as object)) checkNumber(`${name}['${key}']`, w, { min: 0 }); },
        bad: [{ churn: -1 }, { churn: 'x' }, ['churn'], new Map()],
      }),
    ],
    description: "Class weights: 'balanced', a map from String(label) to weight, or null (all 1).",
    stored: 'as-given',
  }),
});

/** The option table of {@link fitRegressionTree} (no `classWeight`: that option is for classification). */
export const REGRESSION_TREE_OPTIONS = defineOptions<RegressionTreeOptions>()({
  criterion: opt({ default: 'squaredError', accepts: [oneOf(['squaredError'])], description: 'Impurity: squared error (variance).', stored: 'as-given' }),
  ...GROWTH_OPTIONS,
  classWeight: opt({
    accepts: [custom<never>({ describe: 'absent (a regression tree has no classes; use weights)', test: () => false, bad: ['balanced', { a: 1 }] })],
    description: 'Not an option of regression trees: passing it is INVALID_OPTION (use weights). The model stores null.',
    stored: 'derived',
  }),
});

/** Defaults of {@link fitDecisionTree}. */
// An explicit type keeps the public constant free of the table's inferred type (JSR's no-slow-types rule).
export const DECISION_TREE_DEFAULTS: { readonly classWeight: 'balanced' | Readonly<Record<string, number>> | null; readonly columns: readonly TreeColumn[] | null; readonly maxDepth: number | null; readonly minSamplesSplit: number; readonly minSamplesLeaf: number; readonly minImpurityDecrease: number; readonly maxLeafNodes: number | null; readonly missing: 'refuse' | 'learn'; readonly unknownCategory: 'missing' | 'refuse' | 'error'; readonly maxExactCategories: number; readonly featureOrder: 'index' | 'sklearn'; readonly criterion: 'gini' | 'entropy' | 'log_loss' } = optionDefaults(DECISION_TREE_OPTIONS);

/** Defaults of {@link fitRegressionTree}. */
// An explicit type keeps the public constant free of the table's inferred type (JSR's no-slow-types rule).
export const REGRESSION_TREE_DEFAULTS: { readonly columns: readonly TreeColumn[] | null; readonly maxDepth: number | null; readonly minSamplesSplit: number; readonly minSamplesLeaf: number; readonly minImpurityDecrease: number; readonly maxLeafNodes: number | null; readonly missing: 'refuse' | 'learn'; readonly unknownCategory: 'missing' | 'refuse' | 'error'; readonly maxExactCategories: number; readonly featureOrder: 'index' | 'sklearn'; readonly criterion: 'squaredError' } = optionDefaults(REGRESSION_TREE_OPTIONS);

/** The message of a classWeight given to a regression tree (kept from before the tables). */
export function regressionClassWeightError(fn: string): CrmError {
  return new CrmError('INVALID_OPTION', `${fn}: classWeight is an option of classification trees (fitDecisionTree); a regression tree has no classes. Use weights for per-row weights.`, { option: 'classWeight' });
}
