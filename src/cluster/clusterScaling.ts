/**
 * Feature scaling before clustering, as a chain of core scalers (e.g. log1p then z-score), fitted
 * on one data set and applied to another. Reuses `core/scaling.ts`.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { toRows, type DenseMatrix } from '../core/dense.js';
import { applyScaler, fitScaler, type Scaler, type ScalingMethod } from '../core/scaling.js';
import { checkModel } from '../core/model.js';
import { checkOneOf } from '../core/validate.js';
import { densePoints, type ClusterPoints } from './shared.js';

/** A fitted chain of scalers: plain data, survives JSON. */
export interface ClusterScaling {
  readonly kind: 'clusterScaling';
  readonly version: 1;
  /** Applied in order; each was fitted on the output of the previous one. */
  readonly steps: Scaler[];
}

const METHODS: readonly ScalingMethod[] = ['zscore', 'minmax', 'log1p'];

/** Most steps a scaling chains (more is a damaged model or a mistake). */
const MAX_STEPS = 16;

/**
 * Fits one scaling method, or a chain applied in order (`['log1p', 'zscore']` is the usual RFM
 * preparation: log1p tames the long tail of spend, z-score puts features on one scale). z-score uses
 * the population standard deviation (ddof = 0, as scikit-learn's StandardScaler); a constant column
 * gets scale 1. O(n d) per step.
 * @param points - n rows of d numbers.
 * @param methods - `'zscore'`, `'minmax'`, `'log1p'`, or an array of them.
 * @returns A {@link ClusterScaling}.
 * @throws CrmError `INVALID_OPTION`, `NEGATIVE_VALUE` (log1p of a value <= -1), `EMPTY_INPUT`, `NON_FINITE`, `RAGGED_ROWS`.
 * @example
 * fitClusterScaling([[0], [10]], 'minmax').steps[0]!.scale; // => [10]
 */
export function fitClusterScaling(points: ClusterPoints, methods: ScalingMethod | readonly ScalingMethod[]): ClusterScaling {
  const list = typeof methods === 'string' ? [methods] : methods;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_STEPS) {
    throw new CrmError('INVALID_OPTION', `methods must be 'zscore', 'minmax', 'log1p' or an array of 1 to ${MAX_STEPS} of them; got ${describeValue(methods)}.`, { option: 'methods' });
  }
  let m: DenseMatrix = densePoints(points, 'points', 'fitClusterScaling');
  const steps: Scaler[] = [];
  for (const method of list) {
    const s = fitScaler(m, checkOneOf('methods', method, METHODS));
    steps.push(s);
    m = applyScaler(s, m);
  }
  return { kind: 'clusterScaling', version: 1, steps };
}

/**
 * Applies a fitted scaling to new rows (same columns). O(n d) per step.
 * @param scaling - From {@link fitClusterScaling} (or its JSON round trip).
 * @param points - n rows of d numbers.
 * @returns Scaled rows (a new array; the input is not mutated).
 * @throws CrmError `INVALID_MODEL`, `LENGTH_MISMATCH` (column count), `NON_FINITE`, `EMPTY_INPUT`.
 * @example
 * applyClusterScaling(fitClusterScaling([[0], [10]], 'minmax'), [[5], [20]]); // => [[0.5], [2]]
 */
export function applyClusterScaling(scaling: ClusterScaling, points: ClusterPoints): number[][] {
  const s = checkModel<ClusterScaling>(scaling, 'clusterScaling', 1, 'applyClusterScaling');
  if (!Array.isArray(s.steps) || s.steps.length === 0 || s.steps.length > MAX_STEPS) {
    throw new CrmError('INVALID_MODEL', `applyClusterScaling: the scaling's steps must be an array of 1 to ${MAX_STEPS} scalers; got ${describeValue(s.steps)}. Refit with fitClusterScaling.`, { field: 'steps' });
  }
  let m: DenseMatrix = densePoints(points, 'points', 'applyClusterScaling');
  for (const step of s.steps) m = applyScaler(step, m, 'applyClusterScaling');
  return toRows(m);
}
