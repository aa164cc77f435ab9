/**
 * The points the anomaly detectors read (internal): `number[][]` and dense matrices as before, and
 * row objects, columns and Arrow tables through core/table.ts with a `columns` option.
 * @module
 */
import { isDenseMatrix, toDense, type DenseMatrix } from '../core/dense.js';
import { isMatrixTable, readFeatureMatrix, type FeatureTable, type NumericAccessor } from '../core/table.js';

/** Points: `number[][]`, a dense matrix, row objects, columns or an Arrow table (docs/input.md). */
export type AnomalyPoints<R = Record<string, unknown>> = FeatureTable<R>;

/** The `columns` option of the anomaly detectors. */
export interface AnomalyColumnsOption<R = Record<string, unknown>> {
  /**
   * Features to read from row objects (keys or functions; required), or from columns and Arrow
   * tables (names; default every column). Not for `number[][]`. See docs/input.md.
   */
  columns?: readonly NumericAccessor<R>[];
}

/**
 * Reads points; a dense matrix with rows is used in place (the detectors never write to it).
 * `names` are the columns read (null for a matrix).
 * @throws CrmError what toDense and readFeatureMatrix throw.
 */
export function anomalyPoints(fn: string, points: unknown, columns: readonly unknown[] | undefined): DenseMatrix & { readonly names: string[] | null } {
  if (isMatrixTable(points) && columns === undefined) {
    const m = isDenseMatrix(points) && points.rows > 0 ? toDense(points, { name: 'points', copy: false }) : toDense(points as readonly (readonly number[])[], { name: 'points' });
    return { ...m, names: null };
  }
  return readFeatureMatrix(points, { fn, argument: 'points', columns: columns as readonly NumericAccessor<Record<string, unknown>>[] | undefined });
}

/**
 * The columns a scoring function reads: those given, else the model's stored `featureNames` for
 * row objects, columns and Arrow tables (matrices are read by position).
 */
export function scoringColumns(points: unknown, columns: readonly unknown[] | undefined, featureNames: readonly string[] | null): readonly unknown[] | undefined {
  return columns ?? (featureNames !== null && !isMatrixTable(points) ? featureNames : undefined);
}
