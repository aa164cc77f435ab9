/**
 * Feature scaling before clustering, as a chain of core scalers (e.g. log1p then z-score), fitted
 * on one data set and applied to another. Reuses `core/scaling.ts`.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { toRows, type DenseMatrix } from '../core/dense.js';
import { applyScaler, fitScaler, type Scaler, type ScalingMethod } from '../core/scaling.js';
import { checkModel, checkModelStrings } from '../core/model.js';
import { columnsOption, defineOptions, resolveOptionTable } from '../core/options.js';
import { featureNamesOf, isMatrixTable, type AnyRow, type RowOf } from '../core/table.js';
import { checkOneOf, resolveOptions } from '../core/validate.js';
import { densePoints, type ClusterColumnsOption, type ClusterData } from './shared.js';

/**
 * A fitted chain of scalers: plain data, survives JSON. Schema version 2 added `featureNames`;
 * applyClusterScaling still reads version 1 (saved before), which has none.
 */
export interface ClusterScaling {
  readonly kind: 'clusterScaling';
  readonly version: 2;
  /**
   * The input features, in order: the `columns` read from row objects, columns or an Arrow table,
   * or `x0, x1, ...` for `number[][]` (as fitLogistic).
   */
  readonly featureNames: string[];
  /** Applied in order; each was fitted on the output of the previous one. */
  readonly steps: Scaler[];
}

/** A scaling of schema version 1 (no featureNames), as saved JSON holds it. */
type ClusterScalingV1 = Omit<ClusterScaling, 'version' | 'featureNames'> & { readonly version: 1 };

/** Options of {@link fitClusterScaling}: which columns of a table to scale. */
export interface ClusterScalingOptions<R = Record<string, unknown>> extends ClusterColumnsOption<R> {}

/** The option table of {@link fitClusterScaling} (the columns are stored as `featureNames`). */
export const CLUSTER_SCALING_OPTIONS = defineOptions<ClusterScalingOptions>()({
  columns: columnsOption<NonNullable<ClusterScalingOptions['columns']>>(),
});

const METHODS: readonly ScalingMethod[] = ['zscore', 'minmax', 'log1p'];

/** Most steps a scaling chains (more is a damaged model or a mistake). */
const MAX_STEPS = 16;

/**
 * Fits one scaling method, or a chain applied in order (`['log1p', 'zscore']` is the usual RFM
 * preparation: log1p tames the long tail of spend, z-score puts features on one scale). z-score uses
 * the population standard deviation (ddof = 0, as scikit-learn's StandardScaler); a constant column
 * gets scale 1. O(n d) per step.
 * @param points - n rows of d numbers, a dense matrix, row objects (with `columns`), columns or an
 *   Arrow table (docs/input.md).
 * @param methods - `'zscore'`, `'minmax'`, `'log1p'`, or an array of them.
 * @param options - `columns`: the features of row objects, columns or Arrow tables; stored as `featureNames`.
 * @returns A {@link ClusterScaling}.
 * @throws CrmError `INVALID_OPTION`, `NEGATIVE_VALUE` (log1p of a value <= -1), `EMPTY_INPUT`, `NON_FINITE`, `RAGGED_ROWS`, `INVALID_INPUT`.
 * @example
 * fitClusterScaling([[0], [10]], 'minmax').steps[0]!.scale; // => [10]
 * fitClusterScaling([{ spend: 0 }, { spend: 10 }], 'minmax', { columns: ['spend'] }).featureNames; // => ['spend']
 */
export function fitClusterScaling<D extends ClusterData<AnyRow>>(points: D, methods: ScalingMethod | readonly ScalingMethod[], options?: ClusterScalingOptions<RowOf<D>>): ClusterScaling {
  const o = resolveOptionTable('fitClusterScaling', CLUSTER_SCALING_OPTIONS, options);
  const list = typeof methods === 'string' ? [methods] : methods;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_STEPS) {
    throw new CrmError('INVALID_OPTION', `methods must be 'zscore', 'minmax', 'log1p' or an array of 1 to ${MAX_STEPS} of them; got ${describeValue(methods)}.`, { option: 'methods' });
  }
  const read = densePoints(points, 'points', 'fitClusterScaling', o.columns);
  const featureNames = featureNamesOf(read.names, read.cols);
  let m: DenseMatrix = read;
  const steps: Scaler[] = [];
  for (const method of list) {
    const s = fitScaler(m, checkOneOf('methods', method, METHODS));
    steps.push(s);
    m = applyScaler(s, m);
  }
  return { kind: 'clusterScaling', version: 2, featureNames, steps };
}

/**
 * Applies a fitted scaling to new rows (same columns). O(n d) per step.
 * @param scaling - From {@link fitClusterScaling} (or its JSON round trip).
 * @param points - n rows of d numbers, or row objects, columns or an Arrow table, read by the
 *   scaling's `featureNames` in order unless `columns` is given.
 * @param options - `columns`: the features of row objects, columns or Arrow tables, when they are
 *   not named as `scaling.featureNames` (a version 1 scaling, saved before featureNames, needs them for row objects).
 * @returns Scaled rows (a new array; the input is not mutated).
 * @throws CrmError `INVALID_MODEL`, `LENGTH_MISMATCH` (column count), `NON_FINITE`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example
 * applyClusterScaling(fitClusterScaling([[0], [10]], 'minmax'), [[5], [20]]); // => [[0.5], [2]]
 * const byName = fitClusterScaling([{ spend: 0 }, { spend: 10 }], 'minmax', { columns: ['spend'] });
 * applyClusterScaling(byName, [{ id: 7, spend: 5 }]); // => [[0.5]]
 */
export function applyClusterScaling<D extends ClusterData<AnyRow>>(scaling: ClusterScaling, points: D, options?: ClusterColumnsOption<RowOf<D>>): number[][] {
  const fn = 'applyClusterScaling';
  const s = checkModel<ClusterScaling | ClusterScalingV1>(scaling, 'clusterScaling', [1, 2], fn);
  if (!Array.isArray(s.steps) || s.steps.length === 0 || s.steps.length > MAX_STEPS) {
    throw new CrmError('INVALID_MODEL', `applyClusterScaling: the scaling's steps must be an array of 1 to ${MAX_STEPS} scalers; got ${describeValue(s.steps)}. Refit with fitClusterScaling.`, { field: 'steps' });
  }
  const o = resolveOptions(fn, {}, options as ClusterColumnsOption<unknown> | undefined, ['columns']);
  let names: string[] | null = null;
  if (s.version === 2) {
    const first = s.steps[0] as { offset?: unknown } | null;
    const width = first !== null && typeof first === 'object' && Array.isArray(first.offset) ? first.offset.length : undefined;
    names = checkModelStrings(fn, 'clusterScaling', 'featureNames', s.featureNames, { length: width });
  }
  // Row objects, columns and Arrow tables are read by the stored names unless columns are given.
  const columns = o.columns ?? (names !== null && !isMatrixTable(points) ? names : undefined);
  let m: DenseMatrix = densePoints(points, 'points', fn, columns);
  for (const step of s.steps) m = applyScaler(step, m, 'applyClusterScaling');
  return toRows(m);
}
