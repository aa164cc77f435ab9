/**
 * One reader for feature tables: row objects with key or function accessors, columns
 * (`{ name: ArrayLike }`, typed arrays and Arrow vectors included), `number[][]` or a dense matrix,
 * and Apache Arrow tables (see core/arrow.ts). Each is read once into what the algorithms loop over:
 * a row-major Float64Array for numeric features, or one plain column per name.
 * @module
 */
import { checkAccessor, missingPropertyError } from './accessor.js';
import { arrowColumnNames, getArrowColumn, isArrowTable, isArrowVector, readArrowVector, type ArrowTableLike, type ArrowVectorLike } from './arrow.js';
import { isDenseMatrix, toDense, type DenseMatrix } from './dense.js';
import { CrmError, describeValue } from './errors.js';

/**
 * Keys of `R` whose values are numbers (null and undefined allowed, as missing values). Rows typed
 * with an `interface` work (no index signature needed); a row type with an index signature accepts
 * any string key.
 */
export type NumericKey<R> = unknown extends R
  ? string
  : string extends keyof R
  ? string
  : { [K in keyof R]-?: [NonNullable<R[K]>] extends [number] ? ([NonNullable<R[K]>] extends [never] ? never : K) : never }[keyof R] & (string | number);

/** A numeric feature of a row object: the name of a numeric property, or a function returning a number. */
export type NumericAccessor<R> = NumericKey<R> | ((row: R, index: number) => number | null | undefined);

/** Keys of `R` whose values are of type `V` (null and undefined allowed). */
export type KeyOfType<R, V> = unknown extends R
  ? string
  : string extends keyof R
  ? string
  : { [K in keyof R]-?: [NonNullable<R[K]>] extends [V] ? ([NonNullable<R[K]>] extends [never] ? never : K) : never }[keyof R] & (string | number);

/**
 * The bound of a row type parameter: rows of any shape, typed by the caller's own interface. `unknown`
 * would not do: an interface without an index signature is not assignable to a record of unknown.
 */
// biome-ignore lint/suspicious/noExplicitAny: the one place the generic row bound is spelt
export type AnyRow = any;

/**
 * The row type of a data argument: the element type of an array of row objects, and an open record
 * for everything else (columns, Arrow tables, matrices), whose columns are named by plain strings.
 * Functions take the data as a type parameter `D` and their options as `Options<RowOf<D>>`, so that
 * a column table (a string-indexed record) is never mistaken for an array of rows.
 */
export type RowOf<D> = 0 extends 1 & D ? Record<string, AnyRow> : D extends readonly (infer R)[] ? (R extends readonly unknown[] ? Record<string, unknown> : R) : Record<string, unknown>;

/** Columns of equal length, by name: arrays, typed arrays or Arrow vectors. */
export type ColumnTable = Readonly<Record<string, ArrayLike<unknown> | ArrowVectorLike>>;

/**
 * Every form a feature table may take: `number[][]`, a dense matrix, row objects, columns, or an
 * Arrow table (apache-arrow, DuckDB, Polars via IPC, arquero, flechette).
 */
export type FeatureTable<R = Record<string, unknown>> = readonly (readonly number[])[] | DenseMatrix | readonly R[] | ColumnTable | ArrowTableLike;

/** Arrays and typed arrays (not DataView). */
function isArrayColumn(c: unknown): c is ArrayLike<unknown> {
  return Array.isArray(c) || (ArrayBuffer.isView(c) && !(c instanceof DataView));
}

/**
 * True for a column table: a plain object (not an array, a dense matrix or an Arrow table) whose
 * values are arrays, typed arrays or Arrow vectors. O(columns).
 * @example
 * isColumnTable({ recency: [1, 2], frequency: new Float64Array([3, 4]) }); // => true
 */
export function isColumnTable(value: unknown): value is ColumnTable {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  if (isDenseMatrix(value) || isArrowTable(value) || isArrowVector(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const values = Object.values(value);
  return values.length > 0 && values.every((c) => isArrayColumn(c) || isArrowVector(c));
}

/** Which form a table came in. */
export type TableForm = 'matrix' | 'rows' | 'columns' | 'arrow';

/**
 * The form of `data`, or a CrmError `INVALID_INPUT` naming what was received and what is accepted.
 * @example
 * tableForm('fitKMeans', 'points', [{ recency: 1 }]); // => 'rows'
 */
export function tableForm(fn: string, argument: string, data: unknown): TableForm {
  if (isDenseMatrix(data)) return 'matrix';
  if (isArrowTable(data)) return 'arrow';
  if (Array.isArray(data)) return isMatrixTable(data) ? 'matrix' : 'rows';
  if (isColumnTable(data)) return 'columns';
  throw new CrmError(
    'INVALID_INPUT',
    `${fn}: ${argument} must be number[][], a dense matrix, an array of row objects, columns ({ name: array }) or an Arrow table; got ${describeValue(data)}.`,
    { argument },
  );
}

/**
 * True for `number[][]` (an empty array included) and dense matrices, whose columns have positions
 * but no names: what {@link tableForm} calls `'matrix'`. False for row objects, columns and Arrow
 * tables, and for anything that is no table (which the readers then refuse). O(1).
 * @example
 * isMatrixTable([[1, 2]]); // => true
 * isMatrixTable([{ recency: 1 }]); // => false
 */
export function isMatrixTable(data: unknown): boolean {
  if (isDenseMatrix(data)) return true;
  if (!Array.isArray(data)) return false;
  const first = data[0] as unknown;
  return data.length === 0 || Array.isArray(first) || ArrayBuffer.isView(first) || first === null || typeof first !== 'object';
}

/** How the reader names things in messages. */
interface Where {
  fn: string;
  /** The data argument, e.g. 'points'. */
  argument: string;
  /** The option listing the columns, e.g. 'columns'. */
  option: string;
}

/** A column of a table as plain values, as row objects would hold them (Arrow nulls as null). */
function tableColumn(w: Where, data: ColumnTable | ArrowTableLike, name: string, arrow: boolean, n: number, numeric = false): ArrayLike<unknown> {
  let c: ArrayLike<unknown> | ArrowVectorLike | undefined;
  if (arrow) c = getArrowColumn(data as ArrowTableLike, name, w.fn, w.option);
  else {
    const t = data as ColumnTable;
    c = Object.prototype.hasOwnProperty.call(t, name) ? t[name] : undefined;
    if (c === undefined) {
      const err = missingPropertyError(w.fn, w.argument, 0, t, w.option, name);
      throw new CrmError(
        'INVALID_OPTION',
        (err?.message ?? `${w.fn}: ${w.argument} has no column '${name}' (the ${w.option} option).`).replace(`${w.argument}[0] has no property`, `${w.argument} has no column`),
        { option: w.option, column: name },
      );
    }
  }
  if (c.length !== n) {
    throw new CrmError('LENGTH_MISMATCH', `${w.fn}: column '${name}' of ${w.argument} has ${c.length} values but the first column has ${n}; columns must have equal lengths.`, {
      argument: w.argument,
      column: name,
    });
  }
  if (isArrowVector(c)) {
    const r = readArrowVector(c, { fn: w.fn, column: name });
    if (numeric && r.kind === 'date') {
      // Row objects holding Date objects are refused as features too: turn dates into a number first.
      throw new CrmError('INVALID_INPUT', `${w.fn}: column '${name}' of ${w.argument} holds dates; features must be numbers. Derive one first (e.g. days since the date).`, {
        argument: w.argument,
        column: name,
      });
    }
    if ((r.kind === 'number' || r.kind === 'date') && r.nullCount > 0) {
      const v = r.values;
      const out: (number | null)[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = v[i] !== v[i] && c.get(i) == null ? null : v[i]!;
      return out;
    }
    return r.values;
  }
  return c;
}

/** Number of rows of a column table or Arrow table. */
function tableRows(w: Where, data: ColumnTable | ArrowTableLike, arrow: boolean): number {
  if (arrow) return (data as ArrowTableLike).numRows;
  const first = Object.values(data as ColumnTable)[0]!;
  return first.length;
}

/** Column names of a column table or Arrow table, in order. */
function tableNames(data: ColumnTable | ArrowTableLike, arrow: boolean): string[] {
  return arrow ? arrowColumnNames(data as ArrowTableLike) : Object.keys(data);
}

/** Options of {@link readFeatureMatrix}. */
export interface ReadFeaturesOptions<R> {
  /** Calling function, for messages. */
  fn: string;
  /** The data argument's name. @defaultValue 'points' */
  argument?: string;
  /** The columns option's name. @defaultValue 'columns' */
  option?: string;
  /**
   * The features to read: names (row object keys, column names) or functions of a row object.
   * Required for row objects; for columns and Arrow tables it defaults to every column, in order;
   * refused for `number[][]` and dense matrices.
   */
  columns?: readonly NumericAccessor<R>[] | undefined;
  /** Keep NaN (and read null and undefined as NaN) instead of refusing them. @defaultValue false */
  allowNaN?: boolean;
  /** Accept zero rows. @defaultValue false */
  allowEmpty?: boolean;
  /** For a dense matrix, return its data without a copy (for callers that never write to it). @defaultValue true */
  copy?: boolean;
}

/** A numeric feature table, read. */
export interface FeatureMatrix extends DenseMatrix {
  /** Names of the columns read, or null for `number[][]` and dense matrices (which have none). */
  readonly names: string[] | null;
  readonly form: TableForm;
}

function accessorName(a: unknown, j: number): string {
  return typeof a === 'function' ? `columns[${j}]` : String(a);
}

/**
 * Reads numeric features from any {@link FeatureTable} into a row-major dense matrix. Row objects
 * need `columns`; columns and Arrow tables default to all their columns. O(rows * columns).
 * @throws CrmError `INVALID_INPUT` (wrong container, a row that is not an object, a value that is
 * not a number, a string or date column), `EMPTY_INPUT`, `RAGGED_ROWS`, `LENGTH_MISMATCH` (columns
 * of unequal length), `MISSING_VALUE` (null or undefined, row and column named), `NON_FINITE`,
 * `INVALID_OPTION` (a misspelt column, with the closest name; `columns` missing for row objects or
 * given for a matrix). BigInt values (DuckDB BIGINT, BigInt64Array) are read exactly within ±(2^53 - 1)
 * and refused beyond.
 * @example
 * readFeatureMatrix([{ r: 1, f: 2 }, { r: 3, f: 4 }], { fn: 'fitKMeans', columns: ['r', 'f'] }).data; // => Float64Array [1, 2, 3, 4]
 * readFeatureMatrix({ r: [1, 3], f: [2, 4] }, { fn: 'fitKMeans' }).data; // => Float64Array [1, 2, 3, 4]
 */
export function readFeatureMatrix<R>(data: FeatureTable<R> | unknown, options: ReadFeaturesOptions<R>): FeatureMatrix {
  const w: Where = { fn: options.fn, argument: options.argument ?? 'points', option: options.option ?? 'columns' };
  const allowNaN = options.allowNaN ?? false;
  const form = tableForm(w.fn, w.argument, data);
  const columns = options.columns;
  if (columns !== undefined && columns !== null) {
    if (!Array.isArray(columns) || columns.length === 0) {
      throw new CrmError('INVALID_OPTION', `${w.fn}: ${w.option} must be a non-empty array of column names or functions (row) => number; got ${describeValue(columns)}.`, { option: w.option });
    }
    columns.forEach((c, j) => checkAccessor(w.fn, `${w.option}[${j}]`, c));
    const seen = new Set<unknown>();
    for (const c of columns) {
      if (typeof c !== 'function' && seen.has(c)) throw new CrmError('INVALID_OPTION', `${w.fn}: ${w.option} names '${String(c)}' twice; list each column once.`, { option: w.option });
      seen.add(c);
    }
  }
  if (form === 'matrix') {
    if (columns !== undefined && columns !== null) {
      throw new CrmError('INVALID_OPTION', `${w.fn}: ${w.option} selects properties of row objects or named columns; ${w.argument} is a matrix (number[][]), so pass only the columns you want instead.`, { option: w.option });
    }
    const m = toDense(data as readonly (readonly number[])[] | DenseMatrix, { name: w.argument, allowNaN, allowEmpty: options.allowEmpty ?? false, copy: options.copy ?? true });
    return { ...m, names: null, form };
  }
  if (form === 'rows') return readRows(w, data as readonly R[], columns, allowNaN, options.allowEmpty ?? false);
  const arrow = form === 'arrow';
  const table = data as ColumnTable | ArrowTableLike;
  const n = tableRows(w, table, arrow);
  const names = (columns ?? tableNames(table, arrow)) as readonly unknown[];
  for (let j = 0; j < names.length; j++) {
    if (typeof names[j] !== 'string') {
      throw new CrmError('INVALID_OPTION', `${w.fn}: with columns or an Arrow table, ${w.option}[${j}] must be a column name; got ${describeValue(names[j])}.`, { option: w.option });
    }
  }
  if (names.length === 0) throw new CrmError('EMPTY_INPUT', `${w.fn}: ${w.argument} has no columns; pass at least one feature.`, { argument: w.argument });
  if (n === 0 && !options.allowEmpty) throw new CrmError('EMPTY_INPUT', `${w.fn}: ${w.argument} has no rows; pass at least one row.`, { argument: w.argument });
  const d = names.length;
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    const name = names[j] as string;
    const col = tableColumn(w, table, name, arrow, n, true);
    if (col instanceof Float64Array) {
      // Arrow numbers without nulls and Float64Array columns: only finiteness to check.
      for (let i = 0, p = j; i < n; i++, p += d) {
        const v = col[i]!;
        if (v - v !== 0 && !(allowNaN && v !== v)) throw badValue(w, i, name, v, true);
        out[p] = v;
      }
      continue;
    }
    for (let i = 0, p = j; i < n; i++, p += d) out[p] = numberAt(w, col[i], i, name, allowNaN, true);
  }
  return { rows: n, cols: d, data: out, names: names as string[], form };
}

function readRows<R>(w: Where, rows: readonly R[], columns: readonly NumericAccessor<R>[] | undefined | null, allowNaN: boolean, allowEmpty: boolean): FeatureMatrix {
  if (columns === undefined || columns === null) {
    const first = rows[0] as object;
    const keys = Object.keys(first).filter((k) => typeof (first as Record<string, unknown>)[k] === 'number').slice(0, 3);
    throw new CrmError(
      'INVALID_OPTION',
      `${w.fn}: row objects need ${w.option} naming the numeric features, e.g. { ${w.option}: [${(keys.length ? keys : ['recency', 'frequency']).map((k) => `'${k}'`).join(', ')}] }.`,
      { option: w.option },
    );
  }
  const n = rows.length;
  if (n === 0 && !allowEmpty) throw new CrmError('EMPTY_INPUT', `${w.fn}: ${w.argument} has no rows; pass at least one row.`, { argument: w.argument });
  const d = columns.length;
  for (let j = 0; j < d; j++) {
    const err = missingPropertyError(w.fn, w.argument, 0, rows[0], `${w.option}[${j}]`, columns[j]);
    if (err) throw err;
  }
  const out = new Float64Array(n * d);
  const names = columns.map(accessorName);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as unknown;
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new CrmError('INVALID_INPUT', `${w.fn}: ${w.argument}[${i}] must be an object like ${w.argument}[0]; got ${i in rows ? describeValue(row) : 'a hole'}.`, { argument: w.argument, row: i });
    }
    for (let j = 0; j < d; j++) {
      const a = columns[j]!;
      const v = typeof a === 'function' ? a(row as R, i) : (row as Record<PropertyKey, unknown>)[a as PropertyKey];
      out[i * d + j] = numberAt(w, v, i, names[j]!, allowNaN, false);
    }
  }
  return { rows: n, cols: d, data: out, names, form: 'rows' };
}

function where(w: Where, i: number, name: string, columnar: boolean): string {
  return columnar ? `${w.fn}: ${w.argument} column '${name}' row ${i}` : `${w.fn}: ${w.argument}[${i}] column '${name}'`;
}

function badValue(w: Where, i: number, name: string, v: unknown, columnar: boolean): CrmError {
  const at = where(w, i, name, columnar);
  const details = { argument: w.argument, row: i, column: name };
  if (v === null || v === undefined) {
    return new CrmError('MISSING_VALUE', `${at} is ${describeValue(v)}; every feature needs a finite number. Fill or drop such rows before the call.`, details);
  }
  if (typeof v === 'number') return new CrmError('NON_FINITE', `${at} is ${v}; values must be finite numbers. Clean or drop that row.`, details);
  const hint = typeof v === 'bigint' ? ' It is beyond 2^53 - 1, so no number holds it exactly; cast it to DOUBLE in the query or scale it down.' : typeof v === 'string' ? ' Convert numeric text with Number() first, or leave the column out.' : '';
  return new CrmError('INVALID_INPUT', `${at} is ${describeValue(v)}; expected a number.${hint}`, details);
}

const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

function numberAt(w: Where, v: unknown, i: number, name: string, allowNaN: boolean, columnar: boolean): number {
  if (typeof v === 'number' && v - v === 0) return v;
  // BIGINT columns (DuckDB's COUNT(*), BigInt64Array) are read exactly up to 2^53 - 1, as Arrow Int64.
  if (typeof v === 'bigint' && v <= MAX_SAFE_BIGINT && v >= -MAX_SAFE_BIGINT) return Number(v);
  if (allowNaN && (v === null || v === undefined || (typeof v === 'number' && v !== v))) return NaN;
  throw badValue(w, i, name, v, columnar);
}

/**
 * The feature names a model stores (`model.featureNames`): the names of the columns read from row
 * objects, columns or an Arrow table (a function accessor is named `columns[j]`), or `x0, x1, ...`
 * for `number[][]` and dense matrices, as fitLogistic names them. O(cols).
 * @example
 * featureNamesOf(null, 2); // => ['x0', 'x1']
 * featureNamesOf(['recency', 'frequency'], 2); // => ['recency', 'frequency']
 */
export function featureNamesOf(names: readonly string[] | null, cols: number): string[] {
  return names === null ? Array.from({ length: cols }, (_, j) => `x${j}`) : names.slice();
}

/** Options of {@link readTableColumns}. */
export interface ReadColumnsOptions {
  fn: string;
  /** @defaultValue 'features' */
  argument?: string;
  /** @defaultValue 'columns' */
  option?: string;
  /** Accept zero rows. @defaultValue false */
  allowEmpty?: boolean;
}

/**
 * Reads the named columns of a column table or an Arrow table as plain values (strings, numbers,
 * booleans; Arrow nulls as null, Arrow dates as epoch milliseconds), for readers that work column by
 * column on mixed types (trees, designs, scorecards, transactions). O(rows * columns read).
 * @throws CrmError `INVALID_OPTION` (a name the table lacks, with the closest one), `LENGTH_MISMATCH`,
 * `EMPTY_INPUT`, `INVALID_INPUT` (an Arrow type it cannot read).
 * @example
 * readTableColumns({ plan: ['gold', 'basic'], tenure: [3, 5] }, ['tenure'], { fn: 'fitDecisionTree' }).columns; // => [[3, 5]]
 */
export function readTableColumns(data: ColumnTable | ArrowTableLike, names: readonly string[], options: ReadColumnsOptions): { n: number; columns: ArrayLike<unknown>[] } {
  const w: Where = { fn: options.fn, argument: options.argument ?? 'features', option: options.option ?? 'columns' };
  const arrow = isArrowTable(data);
  if (!arrow && !isColumnTable(data)) tableForm(w.fn, w.argument, data);
  const n = tableRows(w, data, arrow);
  if (n === 0 && !options.allowEmpty) throw new CrmError('EMPTY_INPUT', `${w.fn}: ${w.argument} has no rows; pass at least one row.`, { argument: w.argument });
  return { n, columns: names.map((name) => tableColumn(w, data, name, arrow, n)) };
}

/**
 * True for a column table or an Arrow table (the columnar forms). O(columns).
 * @example
 * isColumnar([{ a: 1 }]); // => false
 */
export function isColumnar(data: unknown): data is ColumnTable | ArrowTableLike {
  return isArrowTable(data) || isColumnTable(data);
}

/**
 * The column names of a column table or Arrow table, in order. O(columns).
 * @example
 * columnNames({ a: [1], b: [2] }); // => ['a', 'b']
 */
export function columnNames(data: ColumnTable | ArrowTableLike): string[] {
  return tableNames(data, isArrowTable(data));
}

/**
 * Row objects holding the named columns of a column table or an Arrow table (values as
 * {@link readTableColumns} gives them), for the readers of mixed-type rows (trees, designs,
 * scorecards) that encode row by row at the edge. Each row is a plain object with exactly those
 * keys, "__proto__" included as an own key. O(rows * columns read).
 * @throws CrmError as {@link readTableColumns}.
 * @example
 * columnsToRows({ plan: ['gold', 'basic'], tenure: [3, 5] }, ['plan'], { fn: 'fitDesign' }); // => [{ plan: 'gold' }, { plan: 'basic' }]
 */
export function columnsToRows(data: ColumnTable | ArrowTableLike, names: readonly string[], options: ReadColumnsOptions): Record<string, unknown>[] {
  const { n, columns } = readTableColumns(data, names, { ...options, allowEmpty: options.allowEmpty ?? true });
  const out: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) Object.defineProperty(row, names[j]!, { value: columns[j]![i], enumerable: true, writable: true, configurable: true });
    out[i] = row;
  }
  return out;
}
