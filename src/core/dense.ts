/**
 * Dense row-major matrices on a Float64Array: the form every hot loop works on. Conversion from
 * what users have (`number[][]`, columns) happens once, at the edge, with the row and column of any
 * bad value named in the error.
 * @module
 */
import { CrmError, describeValue } from './errors.js';
import { checkBoolean, resolveOptions } from './validate.js';

/** A dense matrix, row-major: element (i, j) is `data[i * cols + j]`. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** True for a {@link DenseMatrix}-shaped object. */
export function isDenseMatrix(value: unknown): value is DenseMatrix {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<DenseMatrix>;
  return (
    v.data instanceof Float64Array &&
    Number.isInteger(v.rows) &&
    Number.isInteger(v.cols) &&
    (v.rows as number) >= 0 &&
    (v.cols as number) >= 0 &&
    v.data.length === (v.rows as number) * (v.cols as number)
  );
}

/** Options for {@link toDense}. */
export interface ToDenseOptions {
  /** Name of the argument, for messages. @defaultValue 'points' */
  name?: string;
  /** Accept NaN (missing values) instead of refusing them. @defaultValue false */
  allowNaN?: boolean;
  /** Accept a matrix with zero rows. @defaultValue false */
  allowEmpty?: boolean;
  /**
   * For a {@link DenseMatrix} input: return its `data` itself rather than a copy. Only for callers
   * that never write to the result. @defaultValue true
   */
  copy?: boolean;
}

const TO_DENSE_DEFAULTS = Object.freeze({ name: 'points', allowNaN: false, allowEmpty: false, copy: true });

/**
 * Copies `number[][]` (or validates a {@link DenseMatrix}) into a fresh dense matrix. The input is
 * never mutated, and never aliased unless `copy: false` is given for a dense matrix. O(rows * cols).
 * @throws CrmError `INVALID_INPUT`, `EMPTY_INPUT`, `RAGGED_ROWS`, `NON_FINITE`; `INVALID_OPTION` for
 * an unknown or ill-typed option.
 * @example
 * toDense([[1, 2], [3, 4]]).data; // => Float64Array [1, 2, 3, 4]
 */
export function toDense(input: readonly (readonly number[])[] | DenseMatrix, options: ToDenseOptions = {}): DenseMatrix {
  const o = resolveOptions('toDense', TO_DENSE_DEFAULTS, options);
  if (typeof o.name !== 'string') {
    throw new CrmError('INVALID_OPTION', `toDense: name must be a string; got ${describeValue(o.name)}.`, { option: 'name' });
  }
  checkBoolean('allowNaN', o.allowNaN);
  checkBoolean('allowEmpty', o.allowEmpty);
  checkBoolean('copy', o.copy);
  options = o;
  const name = o.name;
  if (isDenseMatrix(input)) {
    if (input.rows === 0 && !options.allowEmpty) {
      throw new CrmError('EMPTY_INPUT', `${name} has no rows; pass at least one row.`, { argument: name });
    }
    checkFiniteData(input.data, input.cols, name, options.allowNaN ?? false);
    return { rows: input.rows, cols: input.cols, data: options.copy === false ? input.data : input.data.slice() };
  }
  if (!Array.isArray(input)) {
    throw new CrmError('INVALID_INPUT', `${name} must be an array of rows (number[][]) or a dense matrix; got ${describeValue(input)}.`, {
      argument: name,
    });
  }
  const rows = input.length;
  if (rows === 0 && !options.allowEmpty) {
    throw new CrmError('EMPTY_INPUT', `${name} has no rows; pass at least one row.`, { argument: name });
  }
  const first = input[0];
  if (rows > 0 && !Array.isArray(first) && !ArrayBuffer.isView(first)) {
    throw new CrmError('INVALID_INPUT', `${name}[0] must be an array of numbers; got ${describeValue(first)}.`, {
      argument: name,
      row: 0,
    });
  }
  const cols = rows > 0 ? (first as readonly number[]).length : 0;
  if (rows > 0 && cols === 0) {
    throw new CrmError('INVALID_INPUT', `${name} rows have no columns; pass at least one feature.`, { argument: name });
  }
  const data = new Float64Array(rows * cols);
  const allowNaN = options.allowNaN ?? false;
  for (let i = 0; i < rows; i++) {
    const row = input[i] as readonly number[];
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) {
      throw new CrmError('INVALID_INPUT', `${name}[${i}] must be an array of numbers; got ${describeValue(row)}.`, {
        argument: name,
        row: i,
      });
    }
    if (row.length !== cols) {
      throw new CrmError('RAGGED_ROWS', `${name}[${i}] has ${row.length} columns but ${name}[0] has ${cols}; every row needs the same number.`, {
        argument: name,
        row: i,
      });
    }
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new CrmError('INVALID_INPUT', `${name}[${i}][${j}] is ${describeValue(v)}; expected a number.`, {
          argument: name,
          row: i,
          column: j,
        });
      }
      if (!Number.isFinite(v) && !(allowNaN && Number.isNaN(v))) {
        throw nonFinite(name, i, j, v);
      }
      data[base + j] = v;
    }
  }
  return { rows, cols, data };
}

function nonFinite(name: string, row: number, column: number, v: number): CrmError {
  return new CrmError('NON_FINITE', `${name}[${row}][${column}] is ${v}; values must be finite numbers. Clean or drop that row.`, {
    argument: name,
    row,
    column,
  });
}

/** Refuses NaN (unless allowed) and infinities in `data`, naming the first bad cell. O(n). */
export function checkFiniteData(data: Float64Array, cols: number, name: string, allowNaN: boolean): void {
  // v - v is 0 for a finite v and NaN for NaN and +-Infinity: a branch-free sum (four of them, so the
  // additions overlap) tells whether the scan that names the offending cell is needed at all.
  const n = data.length;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    const a = data[k]!, b = data[k + 1]!, c = data[k + 2]!, e = data[k + 3]!;
    s0 += a - a; s1 += b - b; s2 += c - c; s3 += e - e;
  }
  for (; k < n; k++) { const a = data[k]!; s0 += a - a; }
  if (s0 + s1 + s2 + s3 === 0) return;
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (!Number.isFinite(v) && !(allowNaN && Number.isNaN(v))) throw nonFinite(name, Math.floor(k / cols), k % cols, v);
  }
}

/**
 * Builds a dense matrix from columns of equal length. O(rows * cols).
 * @throws CrmError `INVALID_INPUT` (not an array of columns, a column that is not an array, a hole
 * or a non-number), `EMPTY_INPUT` (no columns or no rows), `LENGTH_MISMATCH`, `NON_FINITE`
 * @example
 * fromColumns([[1, 3], [2, 4]]).data; // => Float64Array [1, 2, 3, 4]
 */
export function fromColumns(columns: readonly ArrayLike<number>[], name = 'columns'): DenseMatrix {
  if (!Array.isArray(columns)) {
    throw new CrmError('INVALID_INPUT', `fromColumns: ${name} must be an array of columns (number[][]); got ${describeValue(columns)}.`, { argument: name });
  }
  if (columns.length === 0) {
    throw new CrmError('EMPTY_INPUT', `fromColumns: ${name} must be a non-empty array of columns.`, { argument: name });
  }
  const cols = columns.length;
  for (let j = 0; j < cols; j++) {
    const c = columns[j];
    if (!Array.isArray(c) && !ArrayBuffer.isView(c)) {
      throw new CrmError('INVALID_INPUT', `fromColumns: ${name}[${j}] must be an array of numbers; got ${describeValue(c)}.`, { argument: name, column: j });
    }
  }
  const rows = columns[0]!.length;
  if (rows === 0) throw new CrmError('EMPTY_INPUT', `fromColumns: ${name}[0] has no values; pass at least one row.`, { argument: name });
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const c = columns[j]!;
    if (c.length !== rows) {
      throw new CrmError('LENGTH_MISMATCH', `${name}[${j}] has ${c.length} values but ${name}[0] has ${rows}.`, { column: j });
    }
    for (let i = 0; i < rows; i++) {
      const v = c[i];
      if (typeof v !== 'number') {
        throw new CrmError('INVALID_INPUT', `${name}[${j}][${i}] is ${describeValue(v)}; expected a number.`, { row: i, column: j });
      }
      if (!Number.isFinite(v)) throw nonFinite(name, i, j, v);
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}

/**
 * A zero-filled matrix.
 * @example
 * zeros(2, 3).data.length; // => 6
 */
export function zeros(rows: number, cols: number): DenseMatrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * Row i as a view (no copy).
 * @example
 * Array.from(rowView(toDense([[1, 2], [3, 4]]), 1)); // => [3, 4]
 */
export function rowView(m: DenseMatrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/**
 * Back to `number[][]` (for JSON-friendly results). O(rows * cols).
 * @throws CrmError `INVALID_INPUT` when `m` is not a dense matrix.
 * @example
 * toRows(toDense([[1, 2]])); // => [[1, 2]]
 */
export function toRows(m: DenseMatrix): number[][] {
  if (!isDenseMatrix(m)) {
    throw new CrmError('INVALID_INPUT', `toRows: expected a dense matrix { rows, cols, data: Float64Array } (e.g. from toDense); got ${describeValue(m)}.`, { argument: 'm' });
  }
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}

/**
 * Squared Euclidean distance between row i of `a` and row j of `b` (same column count).
 * @example
 * squaredDistance(toDense([[0, 0]]), 0, toDense([[3, 4]]), 0); // => 25
 */
export function squaredDistance(a: DenseMatrix, i: number, b: DenseMatrix, j: number): number {
  const d = a.cols;
  const x = a.data;
  const y = b.data;
  let s = 0;
  for (let k = 0, p = i * d, q = j * d; k < d; k++, p++, q++) {
    const t = x[p]! - y[q]!;
    s += t * t;
  }
  return s;
}
