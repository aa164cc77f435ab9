/**
 * Internal helpers shared by the clustering functions: input conversion, label coding, progress.
 * Not re-exported from the package.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { toDense, type DenseMatrix } from '../core/dense.js';
import { createIdTable, idOf } from '../core/idTable.js';
import { RUN_CONTROL_KEYS, type Progress, type RunControl } from '../core/progress.js';

/** Points as users have them: rows of numbers, or a dense row-major matrix. */
export type ClusterPoints = readonly (readonly number[])[] | DenseMatrix;

/**
 * What a long clustering run reports: the shared {@link Progress} of crm-mining/core, with the
 * phases `'restart'`, `'iteration'`, `'step'` (mini-batch), `'distances'` (rows of a distance
 * matrix), `'merge'` and `'row'` (silhouette).
 * @deprecated Use `Progress` from crm-mining/core; this alias stays for existing code.
 */
export type ClusterProgress = Progress;

/**
 * The run-control options (`signal`, `onProgress`) of every long clustering run.
 * @deprecated Use `RunControl` from crm-mining/core; this alias stays for existing code.
 */
export type ClusterRunControl = RunControl;

export { RUN_CONTROL_KEYS };

/** Copies the points into a dense matrix, naming the row and column of any bad value. */
export function densePoints(points: ClusterPoints, name = 'points'): DenseMatrix {
  return toDense(points, { name });
}

/** Labels mapped to 0..K-1 in order of first appearance; `values` holds the original labels. */
export interface CodedLabels {
  readonly codes: Int32Array;
  readonly values: (number | string)[];
}

/**
 * Codes labels (numbers or strings) as 0..K-1 in order of first appearance.
 * @throws CrmError `INVALID_INPUT`, `LENGTH_MISMATCH`, `MISSING_VALUE`, `NON_FINITE`
 */
export function codeLabels(labels: ArrayLike<number | string>, n: number, name = 'labels'): CodedLabels {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new CrmError('INVALID_INPUT', `${name} must be an array of cluster labels; got ${describeValue(labels)}.`, { argument: name });
  }
  if (labels.length !== n) {
    throw new CrmError('LENGTH_MISMATCH', `${name} has ${labels.length} entries but points has ${n} rows; they must match.`, { argument: name });
  }
  const codes = new Int32Array(n);
  const table = createIdTable<number | string>();
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v === null || v === undefined || (typeof v !== 'number' && typeof v !== 'string')) {
      throw new CrmError('MISSING_VALUE', `${name}[${i}] is ${describeValue(v)}; every row needs a label (number or string).`, { argument: name, row: i });
    }
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new CrmError('NON_FINITE', `${name}[${i}] is ${v}; labels must be finite numbers or strings.`, { argument: name, row: i });
    }
    codes[i] = idOf(table, v);
  }
  return { codes, values: table.keys };
}

/**
 * Index of the nearest row of `centers` (k x d) to row i of x, by squared Euclidean distance; ties go
 * to the lowest index. Returns the index and writes the distance to `out[0]`.
 */
export function nearestCenter(x: Float64Array, i: number, centers: Float64Array, k: number, d: number, out: Float64Array): number {
  let best = 0;
  let bestDist = Infinity;
  const base = i * d;
  for (let c = 0; c < k; c++) {
    let dist = 0;
    const cb = c * d;
    for (let j = 0; j < d; j++) {
      const t = x[base + j]! - centers[cb + j]!;
      dist += t * t;
    }
    if (dist < bestDist) {
      bestDist = dist;
      best = c;
    }
  }
  out[0] = bestDist;
  return best;
}
