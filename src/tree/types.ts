/**
 * Plain-data shapes of decision-tree models.
 * @module
 */
import type { ColumnTable } from '../core/table.js';
import type { ArrowTableLike } from '../core/arrow.js';
import type { Diagnostics } from '../core/model.js';
import type { Progress } from '../core/progress.js';

/** A class label or a category value. */
export type TreeValue = string | number | boolean;

/** How a column is read: numbers compared with thresholds, or categories split into two groups. */
export interface TreeColumn {
  /** Column name: the property read from row objects, and the name used in rules. */
  readonly name: string;
  /** `numeric` (threshold splits) or `categorical` (native subset splits). */
  readonly type: 'numeric' | 'categorical';
}

/** A column of a fitted model: categorical columns keep their categories (sorted), by code. */
export interface TreeModelColumn extends TreeColumn {
  /** Category values seen in training, in code order; null for numeric columns. */
  readonly categories: TreeValue[] | null;
  /**
   * Training rows (of positive weight) whose value was missing: 0 unless fitted with
   * `missing: 'learn'`. Absent in models saved before it was added (then unknown).
   */
  readonly missing?: number;
}

/**
 * One node. Internal nodes send a row left when `x <= threshold` (numeric) or when its category is
 * in `categoriesLeft`; a missing value (or a category this node never saw) goes left iff
 * `missingLeft`.
 */
export interface DecisionTreeNode {
  readonly id: number;
  /** Parent id; -1 for the root. */
  readonly parent: number;
  readonly depth: number;
  /** Column index of the split; -1 for a leaf. */
  readonly feature: number;
  readonly threshold: number | null;
  /** Category codes (indexes into the column's `categories`) that go left. */
  readonly categoriesLeft: number[] | null;
  readonly missingLeft: boolean | null;
  /** Child ids; -1 for a leaf. */
  readonly left: number;
  readonly right: number;
  /** Training rows reaching the node. */
  readonly samples: number;
  /** Their total weight (sample weight times class weight). */
  readonly weightedSamples: number;
  /** Training rows at this node whose split value was missing. */
  readonly missingSamples: number;
  /** Impurity (Gini, entropy in bits, or mean squared error). */
  readonly impurity: number;
  /** Class probabilities (weighted shares, in `classes` order) or `[mean]` for regression. */
  readonly value: number[];
}

/** Options shared by classification and regression trees. */
export interface TreeGrowthOptions {
  /**
   * Column description: required for row objects; for `number[][]` it names the columns and marks
   * categorical ones (their numbers are then category labels). Default: all numeric, named x0, x1...
   * @defaultValue null
   */
  columns?: readonly TreeColumn[] | null;
  /** Maximum depth (root = 0); null = no limit (Infinity is read as null). @defaultValue null */
  maxDepth?: number | null;
  /** A node with fewer rows is a leaf. @defaultValue 2 */
  minSamplesSplit?: number;
  /** Each child keeps at least this many rows. @defaultValue 1 */
  minSamplesLeaf?: number;
  /** A split must lower the weighted impurity (scikit-learn's definition) by at least this. @defaultValue 0 */
  minImpurityDecrease?: number;
  /**
   * Grow best-first up to this many leaves; null = no limit (depth-first; Infinity is read as null). With
   * `featureOrder: 'sklearn'` the order of equal improvements is scikit-learn's frontier order.
   * @defaultValue null
   */
  maxLeafNodes?: number | null;
  /** `'refuse'` missing values (null, undefined, NaN) with their row and column, or `'learn'` their side at each split. @defaultValue 'refuse' */
  missing?: 'refuse' | 'learn';
  /**
   * At prediction, a category never seen in training goes where missing values go (`'missing'`) or
   * throws `UNKNOWN_CATEGORY` (`'refuse'`, the word every other option uses; `'error'` is its
   * deprecated spelling, kept working, and the value the model stores). @defaultValue 'missing'
   */
  unknownCategory?: 'missing' | 'refuse' | 'error';
  /** Multi-class categorical splits search every partition up to this many categories at a node, then a heuristic. @defaultValue 10 */
  maxExactCategories?: number;
  /**
   * Order in which columns are searched, which decides between splits of exactly equal quality:
   * `'index'` (lowest column index wins) or `'sklearn'` (the random order scikit-learn 1.2's
   * `DecisionTree*(random_state=0)` visits them in, to reproduce its trees on the same design).
   * @defaultValue 'index'
   */
  featureOrder?: 'index' | 'sklearn';
  /**
   * Sample weights, one per row (not stored on the model). Rows of weight 0 are left out of the
   * growth, as scikit-learn does. @defaultValue undefined
   */
  weights?: ArrayLike<number>;
  /** Stops the fit with `ABORTED`, checked at each node (see docs/progress.md). @defaultValue undefined */
  signal?: AbortSignal;
  /** Called after each node is added: `{ phase: 'node', completed: nodes so far, total: an upper bound }`. @defaultValue undefined */
  onProgress?: (progress: Progress) => void;
}

/** Options of {@link fitDecisionTree}. */
export interface DecisionTreeOptions extends TreeGrowthOptions {
  /** Impurity: `'gini'`, or `'entropy'` (Shannon, in bits; `'log_loss'` is scikit-learn's other name for it). @defaultValue 'gini' */
  criterion?: 'gini' | 'entropy' | 'log_loss';
  /** Class weights: `'balanced'` (n / (classes * count)), a map from `String(label)` to weight, or null. @defaultValue null */
  classWeight?: 'balanced' | Readonly<Record<string, number>> | null;
}

/** Options of {@link fitRegressionTree}. */
export interface RegressionTreeOptions extends TreeGrowthOptions {
  /** Not an option of regression trees: passing it is `INVALID_OPTION` (use `weights`). */
  classWeight?: never;
  /** Impurity: squared error (variance). @defaultValue 'squaredError' */
  criterion?: 'squaredError';
}

/** Resolved options as stored on a model (weights are not stored). */
export interface ResolvedTreeOptions {
  readonly criterion: 'gini' | 'entropy' | 'log_loss' | 'squaredError';
  readonly maxDepth: number | null;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly minImpurityDecrease: number;
  readonly maxLeafNodes: number | null;
  readonly missing: 'refuse' | 'learn';
  readonly unknownCategory: 'missing' | 'error';
  readonly maxExactCategories: number;
  readonly featureOrder: 'index' | 'sklearn';
  readonly classWeight: 'balanced' | Readonly<Record<string, number>> | null;
  /** True when sample weights were given. */
  readonly weighted: boolean;
}

/** Fields shared by both tree models. */
export interface TreeModelBase {
  readonly version: 1;
  readonly options: ResolvedTreeOptions;
  readonly columns: TreeModelColumn[];
  /**
   * The form of the training features: row `objects` (read by column name) or `arrays`
   * (`number[][]`, read by position). Prediction takes the same form. Absent in models saved
   * before it was added (then either form is read).
   */
  readonly featureForm?: 'objects' | 'arrays';
  /** Nodes by id; node 0 is the root. */
  readonly nodes: DecisionTreeNode[];
  readonly leaves: number;
  readonly depth: number;
  /** Impurity-based importance per column (total weighted impurity decrease), summing to 1 (all 0 for a single leaf). */
  readonly featureImportance: number[];
  readonly diagnostics: Diagnostics;
}

/** A fitted classification tree: plain data, survives JSON. */
export interface DecisionTreeModel extends TreeModelBase {
  readonly kind: 'decisionTree';
  /** Class labels (all of one type: strings, finite numbers or booleans), sorted ascending; probability columns follow this order. */
  readonly classes: TreeValue[];
}

/** A fitted regression tree: plain data, survives JSON. */
export interface RegressionTreeModel extends TreeModelBase {
  readonly kind: 'regressionTree';
}

/** Either tree model. */
export type TreeModel = DecisionTreeModel | RegressionTreeModel;

/** Features as given to fit and predict: numeric rows, or row objects read through `columns`. */
/**
 * Tree features: `number[][]` (read by position), row objects, columns or an Arrow table (read by
 * the names in `columns`; see docs/input.md).
 */
export type TreeFeatures = readonly (readonly number[])[] | readonly Readonly<Record<string, unknown>>[] | ColumnTable | ArrowTableLike;
