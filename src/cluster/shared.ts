/**
 * Internal helpers shared by the clustering functions: input conversion, label coding, progress.
 * Not re-exported from the package.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { toDense, type DenseMatrix } from '../core/dense.js';
import { createIdTable, idOf } from '../core/idTable.js';
import { isMatrixTable, readFeatureMatrix, type ColumnTable, type NumericAccessor } from '../core/table.js';
import type { ArrowTableLike } from '../core/arrow.js';
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

/**
 * Points in any feature-table form: `number[][]`, a dense matrix, row objects (with `columns`),
 * columns (`{ name: array }`) or an Arrow table. See docs/input.md.
 */
export type ClusterData<R = Record<string, unknown>> = ClusterPoints | readonly R[] | ColumnTable | ArrowTableLike;

/** The `columns` option of the clustering functions that take feature tables. */
export interface ClusterColumnsOption<R = Record<string, unknown>> {
  /**
   * Features to read from row objects (keys or functions, required), or from columns and Arrow
   * tables (names; default every column). Not for `number[][]`. See docs/input.md.
   */
  columns?: readonly NumericAccessor<R>[];
}

/**
 * Copies the points into a dense matrix, naming the row and column of any bad value. Matrices go
 * through toDense as before; row objects, columns and Arrow tables through core/table.ts. `names`
 * are the columns read (null for `number[][]` and dense matrices).
 */
export function densePoints(points: unknown, name = 'points', fn = '', columns?: readonly unknown[], copy = true): DenseMatrix & { readonly names: string[] | null } {
  if (columns === undefined && Array.isArray(points) && isMatrixTable(points)) {
    return { ...toDense(points as ClusterPoints, { name, copy }), names: null };
  }
  if (columns === undefined && points !== null && typeof points === 'object' && !Array.isArray(points) && 'data' in points) {
    return { ...toDense(points as ClusterPoints, { name, copy }), names: null };
  }
  return readFeatureMatrix(points, { fn: fn || 'points', argument: name, columns: columns as readonly NumericAccessor<unknown>[] | undefined, copy });
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
