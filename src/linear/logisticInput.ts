/**
 * The feature tables logistic regression reads (internal): `number[][]` and dense matrices as
 * before, and row objects, columns and Arrow tables through core/table.ts, with the labels either
 * given as an array or read from a `target` column.
 * @module
 */
import { checkAccessor, missingPropertyError } from '../core/accessor.js';
import type { ArrowTableLike } from '../core/arrow.js';
import { isDenseMatrix, toDense, type DenseMatrix } from '../core/dense.js';
import { CrmError, describeValue } from '../core/errors.js';
import { isColumnar, isMatrixTable, readFeatureMatrix, readTableColumns, tableForm, type ColumnTable, type KeyOfType, type NumericAccessor } from '../core/table.js';

/** What fitLogistic and the predict functions take: a matrix, row objects, columns or an Arrow table. */
export type LogisticFeatures<R = Record<string, unknown>> = readonly (readonly number[])[] | DenseMatrix | readonly R[] | ColumnTable | ArrowTableLike;

/** The label column: a key of the rows holding 0/1 or booleans, a column name, or a function of the row. */
export type LogisticTarget<R> = KeyOfType<R, number | boolean> | ((row: R, index: number) => number | boolean);

/** The options that say which columns to read. */
export interface LogisticColumnsOptions<R = Record<string, unknown>> {
  /**
   * Feature columns of row objects (keys or functions; required), or of columns and Arrow tables
   * (names; default all but `target`). Their names become `featureNames` unless those are given.
   * Not for `number[][]`. See docs/input.md.
   */
  columns?: readonly NumericAccessor<R>[];
  /** fitLogistic only: the column holding the 0/1 labels, when `labels` is not passed. */
  target?: LogisticTarget<R>;
}

/** True when `v` is the options object of the two-argument form `fitLogistic(rows, { target })`. */
function isOptionsObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && typeof (v as { length?: unknown }).length !== 'number';
}

/**
 * Splits `fitLogistic(features, labels, options)` and `fitLogistic(features, { target, ... })`.
 * @throws CrmError `INVALID_OPTION` when both labels and target are given.
 */
export function splitLogisticArgs(fn: string, labelsOrOptions: unknown, maybeOptions: unknown): { labels: unknown; options: unknown } {
  if (isOptionsObject(labelsOrOptions) && maybeOptions === undefined) return { labels: undefined, options: labelsOrOptions };
  if (isOptionsObject(maybeOptions) && (maybeOptions as { target?: unknown }).target !== undefined) {
    throw new CrmError('INVALID_OPTION', `${fn}: both labels and the target option are given; pass one: fitLogistic(rows, labels, { columns }) or fitLogistic(rows, { columns, target: 'churned' }).`, { option: 'target' });
  }
  return { labels: labelsOrOptions, options: maybeOptions };
}

/**
 * Reads the features (and, with `target`, the labels). Matrices without `columns` go through
 * toDense exactly as before (a dense matrix with rows is used in place).
 * @throws CrmError what readFeatureMatrix and readTableColumns throw; `INVALID_OPTION` for a
 * missing target or a target with a matrix.
 */
export function readLogisticFeatures(
  fn: string,
  features: unknown,
  labels: unknown,
  o: LogisticColumnsOptions,
  fitting: boolean,
  defaultColumns: readonly string[] | null = null,
): { x: DenseMatrix; labels: ArrayLike<number | boolean>; names: string[] | null } {
  const matrix = isMatrixTable(features);
  if (matrix && o.columns === undefined) {
    if (fitting && o.target !== undefined) {
      throw new CrmError('INVALID_OPTION', `${fn}: target names a column of row objects, columns or an Arrow table; with number[][] pass the labels as the second argument.`, { option: 'target' });
    }
    if (fitting && labels === undefined) throw missingLabels(fn);
    const x = fitting && isDenseMatrix(features) && features.rows > 0 ? features : toDense(features as readonly (readonly number[])[], { name: 'features', allowEmpty: !fitting });
    return { x, labels: labels as ArrayLike<number | boolean>, names: null };
  }
  if (!matrix) tableForm(fn, 'features', features);
  let columns = o.columns as readonly NumericAccessor<Record<string, unknown>>[] | undefined;
  const columnar = isColumnar(features);
  if (columns === undefined && defaultColumns !== null) columns = defaultColumns;
  if (columns === undefined && columnar && typeof o.target === 'string') {
    const names = isColumnarNames(features as ColumnTable | ArrowTableLike).filter((c) => c !== o.target);
    columns = names;
  }
  const x = readFeatureMatrix(features, { fn, argument: 'features', columns, allowEmpty: !fitting });
  if (!fitting) return { x, labels: [], names: x.names };
  if (o.target === undefined) {
    if (labels === undefined) throw missingLabels(fn);
    return { x, labels: labels as ArrayLike<number | boolean>, names: x.names };
  }
  return { x, labels: readTarget(fn, features, o.target, columnar), names: x.names };
}

function isColumnarNames(t: ColumnTable | ArrowTableLike): string[] {
  return 'schema' in t && typeof (t as ArrowTableLike).getChild === 'function' ? (t as ArrowTableLike).schema.fields.map((f) => f.name) : Object.keys(t);
}

function missingLabels(fn: string): CrmError {
  return new CrmError('INVALID_OPTION', `${fn}: no labels; pass them as the second argument, or name the label column with { target: 'churned' }.`, { option: 'target' });
}

function readTarget(fn: string, features: unknown, target: unknown, columnar: boolean): ArrayLike<number | boolean> {
  checkAccessor(fn, 'target', target);
  if (columnar) {
    if (typeof target !== 'string') {
      throw new CrmError('INVALID_OPTION', `${fn}: with columns or an Arrow table, target must be a column name; got ${describeValue(target)}.`, { option: 'target' });
    }
    return readTableColumns(features as ColumnTable | ArrowTableLike, [target], { fn, argument: 'features', option: 'target' }).columns[0] as ArrayLike<number | boolean>;
  }
  const rows = features as readonly unknown[];
  const err = missingPropertyError(fn, 'features', 0, rows[0], 'target', target);
  if (err) throw err;
  const out: unknown[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<PropertyKey, unknown>;
    out[i] = typeof target === 'function' ? (target as (r: unknown, i: number) => unknown)(row, i) : row[target as PropertyKey];
  }
  return out as ArrayLike<number | boolean>;
}
