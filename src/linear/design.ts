/**
 * Design-matrix helpers shared by the models: one-hot encoding of categorical columns and
 * standardisation fitted on training data, both as plain data that survives JSON.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { toDense, toRows, type DenseMatrix } from '../core/dense.js';
import { checkModel, checkModelStrings } from '../core/model.js';
import { applyScaler, checkScaler, fitScaler, type NamedScaler, type Scaler } from '../core/scaling.js';
import { featureNamesOf, isMatrixTable, readFeatureMatrix, type AnyRow, type FeatureTable, type NumericAccessor, type RowOf } from '../core/table.js';
import { checkArray, checkInteger, resolveOptions } from '../core/validate.js';
import { boolean, custom, defineOptions, oneOf, opt, resolveOptionTable } from '../core/options.js';

/** A categorical value: levels are compared by `String(value)`. */
export type CategoryValue = string | number | boolean;

/** Options of {@link fitOneHot}. */
export interface OneHotOptions {
  /** Keys of the categorical columns to encode, in output order. */
  columns: string[];
  /**
   * Drop the first level (in sorted order) of each column, which becomes the reference level, as
   * `pandas.get_dummies(drop_first=True)`; needed with an intercept and no penalty, where keeping
   * every level makes the design rank-deficient. @defaultValue false
   */
  dropFirst?: boolean;
  /**
   * A level not seen in training, at {@link applyOneHot}: `zeros` gives it 0 in every indicator of
   * its column (with `dropFirst` it is scored as the reference level; otherwise as "no level", like
   * scikit-learn's `handle_unknown='ignore'`); `refuse` throws `UNKNOWN_CATEGORY`. @defaultValue 'zeros'
   */
  unknown?: 'zeros' | 'refuse';
}

/** A fitted one-hot encoding: plain data. */
export interface OneHotEncoding {
  readonly kind: 'oneHot';
  readonly version: 1;
  readonly options: Required<OneHotOptions>;
  /** Per column: every level seen in training (sorted) and those that get an indicator. */
  readonly levels: { readonly column: string; readonly all: string[]; readonly encoded: string[] }[];
  /** Output column names, `<column>_<level>` as pandas names them. */
  readonly names: string[];
}

/** The option table of {@link fitOneHot}. */
export const ONE_HOT_OPTIONS = defineOptions<OneHotOptions>()({
  // The form only; stringList checks every key.
  columns: opt({ required: true, accepts: [custom<string[]>({ describe: 'an array of column keys', test: Array.isArray, bad: ['plan', 1] })], description: 'Keys of the categorical columns to encode, in output order.', stored: 'as-given' }),
  dropFirst: opt({ default: false, accepts: [boolean()], description: 'Drop the first level of each column (the reference level).', stored: 'as-given' }),
  unknown: opt({ default: 'zeros', accepts: [oneOf(['zeros', 'refuse'])], description: "A level unseen in training: 'zeros' in every indicator, or 'refuse' (UNKNOWN_CATEGORY).", stored: 'as-given' }),
});

function levelOf(fn: string, row: unknown, column: string, i: number): string {
  if (row === null || typeof row !== 'object') {
    throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}] must be an object; got ${describeValue(row)}${row === undefined ? ' (a hole or undefined entry)' : ''}.`, { row: i });
  }
  const v = (row as Record<string, unknown>)[column];
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
    throw new CrmError('MISSING_VALUE', `${fn}: rows[${i}].${column} is ${describeValue(v)}; categorical values must be strings, numbers or booleans. Fill missing values with a level of their own (e.g. "unknown").`, {
      row: i,
      column,
    });
  }
  // Infinity would become the level "Infinity" and, in JSON, null: refused like any other non-category.
  throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}].${column} is ${describeValue(v)}; a category must be a string, a finite number or a boolean.`, {
    row: i,
    column,
  });
}

/** A list of strings given as an option; holes and non-strings are refused with their index. */
function stringList(name: string, value: unknown): string[] {
  const list = checkArray<unknown>(name, value, { nonEmpty: true });
  const out: string[] = new Array(list.length);
  for (let k = 0; k < list.length; k++) {
    const c = list[k];
    if (typeof c !== 'string') {
      throw new CrmError('INVALID_OPTION', `${name}[${k}] must be a string key; got ${describeValue(c)}${k in list ? '' : ' (a hole)'}.`, { option: name, index: k });
    }
    out[k] = c;
  }
  return out;
}

/** Checks an encoding read back from JSON: every list is an array of strings and the names match the levels. O(levels). */
function checkOneHot(encoding: unknown, fn: string): OneHotEncoding {
  const enc = checkModel<OneHotEncoding>(encoding, 'oneHot', 1, fn);
  const bad = (field: string, what: string) =>
    new CrmError('INVALID_MODEL', `${fn}: the 'oneHot' model's ${field} ${what}; the model is damaged (for example by editing its JSON). Refit it.`, { kind: 'oneHot', field });
  const o = enc.options as Partial<Required<OneHotOptions>> | null;
  if (o === null || typeof o !== 'object' || (o.unknown !== 'zeros' && o.unknown !== 'refuse')) throw bad('options.unknown', "must be 'zeros' or 'refuse'");
  if (!Array.isArray(enc.levels) || enc.levels.length === 0) throw bad('levels', 'must be a non-empty array');
  let width = 0;
  for (let c = 0; c < enc.levels.length; c++) {
    const l = enc.levels[c] as OneHotEncoding['levels'][number] | null;
    if (l === null || typeof l !== 'object' || typeof l.column !== 'string') throw bad(`levels[${c}]`, 'must be { column, all, encoded } with a string column');
    const all = checkModelStrings(fn, 'oneHot', `levels[${c}].all`, l.all);
    const encoded = checkModelStrings(fn, 'oneHot', `levels[${c}].encoded`, l.encoded);
    for (const v of encoded) if (!all.includes(v)) throw bad(`levels[${c}].encoded`, `holds ${JSON.stringify(v)}, which is not among the levels seen in training`);
    width += encoded.length;
  }
  checkModelStrings(fn, 'oneHot', 'names', enc.names, { length: width });
  return enc;
}

// Code-unit order, as Python sorts str (pandas sorts levels that way).
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Learns the levels of categorical columns for one-hot encoding. O(n * columns + levels log levels).
 * Source: pandas `get_dummies` (sorted levels, `<column>_<level>` names, `drop_first`).
 * @param rows - Objects holding the categorical columns (other keys are ignored).
 * @param options - See {@link OneHotOptions}; `columns` is required.
 * @returns The encoding, to pass to {@link applyOneHot} on training and new data.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT` (a row that is not an object, including a hole;
 * a category that is an infinity or an object), `MISSING_VALUE` (null, undefined, NaN),
 * `INVALID_OPTION` (including a hole or non-string in `columns`).
 * @example
 * fitOneHot([{ plan: 'gold' }, { plan: 'basic' }], { columns: ['plan'], dropFirst: true }).names; // => ['plan_gold']
 */
export function fitOneHot(rows: readonly object[], options: OneHotOptions): OneHotEncoding {
  const o = resolveOptionTable('fitOneHot', ONE_HOT_OPTIONS, options);
  checkArray('rows', rows, { nonEmpty: true });
  const columns = stringList('columns', o.columns);
  const { dropFirst, unknown } = o;
  const levels = columns.map((column) => {
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) seen.add(levelOf('fitOneHot', rows[i], column, i));
    const all = [...seen].sort(byCodeUnit);
    return { column, all, encoded: dropFirst ? all.slice(1) : all };
  });
  const names = levels.flatMap((l) => l.encoded.map((v) => `${l.column}_${v}`));
  return { kind: 'oneHot', version: 1, options: { columns, dropFirst, unknown }, levels, names };
}

/**
 * Encodes rows with a fitted one-hot encoding: one 0/1 column per encoded level, in `names` order.
 * O(n * columns).
 * Source: pandas `get_dummies`, with the levels fixed at fit time.
 * @param encoding - From {@link fitOneHot} (or its JSON round trip).
 * @param rows - Objects holding the categorical columns.
 * @returns `number[][]`, rows x `encoding.names.length`.
 * @throws CrmError `UNKNOWN_CATEGORY` (with `unknown: 'refuse'`), `MISSING_VALUE`, `INVALID_MODEL`
 * (a damaged encoding: levels, names or options that do not fit together), `INVALID_INPUT` (a row
 * that is not an object, including a hole in `rows`; a category that is an infinity or an object).
 * @example
 * const enc = fitOneHot([{ plan: 'gold' }, { plan: 'basic' }], { columns: ['plan'] });
 * applyOneHot(enc, [{ plan: 'gold' }, { plan: 'silver' }]); // => [[0, 1], [0, 0]]
 */
export function applyOneHot(encoding: OneHotEncoding, rows: readonly object[]): number[][] {
  const enc = checkOneHot(encoding, 'applyOneHot');
  checkArray('rows', rows);
  const offsets: number[] = [];
  let width = 0;
  for (const l of enc.levels) {
    offsets.push(width);
    width += l.encoded.length;
  }
  const lookup = enc.levels.map((l) => new Map(l.encoded.map((v, k) => [v, k])));
  // A for loop, not rows.map: map skips holes and would return a sparse array.
  const result: number[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const out = new Array<number>(width).fill(0);
    enc.levels.forEach((l, c) => {
      const v = levelOf('applyOneHot', row, l.column, i);
      const k = lookup[c]!.get(v);
      if (k !== undefined) out[offsets[c]! + k] = 1;
      else if (enc.options.unknown === 'refuse' && !l.all.includes(v)) {
        throw new CrmError('UNKNOWN_CATEGORY', `applyOneHot: rows[${i}].${l.column} is ${JSON.stringify(v)}, a level not seen in training (known: ${l.all.join(', ')}). Map it to a known level, or fit with unknown: 'zeros'.`, {
          row: i,
          column: l.column,
        });
      }
    });
    result[i] = out;
  }
  return result;
}

/** Options of {@link fitStandardizer}: which columns, by position or by name. */
export interface StandardizerOptions<R = Record<string, unknown>> {
  /**
   * For `number[][]` and dense matrices: indices of the columns to standardise; the others pass
   * through unchanged (offset 0, scale 1). For row objects, columns and Arrow tables: the columns
   * to read (keys or functions `(row, index) => number` of row objects, required; names of columns
   * and Arrow tables, default every column), all of them standardised and stored as `featureNames`
   * (docs/input.md). @defaultValue all columns
   */
  columns?: readonly number[] | readonly NumericAccessor<R>[];
}

/** Options of {@link applyStandardizer}. */
export interface ApplyStandardizerOptions<R = Record<string, unknown>> {
  /**
   * The columns of row objects, columns or an Arrow table to read, in the scaler's column order,
   * when they are not named as `scaler.featureNames` (a version 1 scaler, saved before
   * featureNames, needs them for row objects). Not for `number[][]`.
   */
  columns?: readonly NumericAccessor<R>[];
}

/** The option table of {@link fitStandardizer} (the columns are stored as `featureNames`). */
export const STANDARDIZER_OPTIONS = defineOptions<StandardizerOptions>()({
  // The form only; indices are checked against the column count, names by core/table.ts.
  columns: opt({
    computedDefault: 'all columns',
    accepts: [custom<readonly number[] | readonly NumericAccessor<Record<string, unknown>>[]>({ describe: 'an array of column indices (number[][]) or of column names or accessors (tables)', test: Array.isArray, bad: [0, '0'] })],
    description: 'Indices of the columns to standardise (number[][]), or the columns to read and standardise (row objects, columns, Arrow).',
  }),
});

/** The indices of `columns` (a number[][] input) as a set; a name or function there is refused. */
function standardizedIndices(columns: unknown, cols: number): Set<number> {
  const list = checkArray<unknown>('columns', columns);
  const keep = new Set<number>();
  for (let k = 0; k < list.length; k++) {
    if (!(k in list)) throw new CrmError('INVALID_OPTION', `columns[${k}] is a hole; list the column indices to standardise.`, { option: 'columns', index: k });
    const c = list[k];
    if (typeof c === 'string' || typeof c === 'function') {
      throw new CrmError(
        'INVALID_OPTION',
        `fitStandardizer: features is number[][] or a dense matrix, so columns lists the indices of the columns to standardise (e.g. [0, 2]); columns[${k}] is ${describeValue(c)}. To read columns by name, pass row objects, columns ({ name: array }) or an Arrow table.`,
        { option: 'columns', index: k },
      );
    }
    keep.add(checkInteger(`columns[${k}]`, c, { min: 0, max: cols - 1 }));
  }
  return keep;
}

/** The `columns` of a table input: names or functions; an index there is refused. */
function tableColumns(columns: unknown): readonly NumericAccessor<Record<string, unknown>>[] | undefined {
  // Not an array: core/table.ts refuses it with its own message.
  if (!Array.isArray(columns)) return columns as undefined;
  for (let k = 0; k < columns.length; k++) {
    if (!(k in columns)) throw new CrmError('INVALID_OPTION', `fitStandardizer: columns[${k}] is a hole; list the columns to read.`, { option: 'columns', index: k });
    if (typeof columns[k] === 'number') {
      throw new CrmError(
        'INVALID_OPTION',
        `fitStandardizer: features is a table (row objects, columns or an Arrow table), so columns names the columns to read, all of them standardised; columns[${k}] is the index ${columns[k]}. Name the columns (e.g. ['recency', 'tenure']), or pass number[][] to standardise some columns by index.`,
        { option: 'columns', index: k },
      );
    }
  }
  return columns as NumericAccessor<Record<string, unknown>>[];
}

/**
 * Learns column means and standard deviations (population, ddof = 0) on training data, to apply
 * the same shift and scale to new data with {@link applyStandardizer}. A constant column gets
 * scale 1. O(n * cols).
 * Source: scikit-learn's `StandardScaler`; core's z-score scaler.
 * @param features - Training data, finite: `number[][]` or a dense matrix (`columns` picks the
 *   indices to standardise), or row objects, columns or an Arrow table (`columns` names the columns
 *   read, all standardised; docs/input.md).
 * @param options - See {@link StandardizerOptions}.
 * @returns A plain-data scaler (core `NamedScaler`, method `zscore`, schema version 2) whose
 * `featureNames` are the columns read, or `x0, x1, ...` for `number[][]`.
 * The moments of a column whose squares overflow are computed on the values divided by their
 * largest magnitude, so the scale stays finite.
 * @throws CrmError `EMPTY_INPUT`, `NON_FINITE`, `RAGGED_ROWS`, `MISSING_VALUE`, `INVALID_INPUT` (a
 * value that is not a number, a container that is no table), `LENGTH_MISMATCH` (columns of unequal
 * length), `INVALID_OPTION` (including a hole in `columns`, a name the table lacks, a name given
 * for `number[][]` or an index given for a table).
 * @example
 * fitStandardizer([[1, 5], [3, 5]], { columns: [0] }).offset; // => [2, 0]
 * fitStandardizer([{ age: 20 }, { age: 40 }], { columns: ['age'] }).featureNames; // => ['age']
 */
export function fitStandardizer<D extends FeatureTable<AnyRow>>(features: D, options?: StandardizerOptions<RowOf<D>>): NamedScaler {
  const fn = 'fitStandardizer';
  const o = resolveOptionTable(fn, STANDARDIZER_OPTIONS, options as StandardizerOptions | undefined);
  if (!isMatrixTable(features)) {
    const x = readFeatureMatrix(features, { fn, argument: 'features', columns: tableColumns(o.columns) });
    return named(fitScaler(x, 'zscore', fn), featureNamesOf(x.names, x.cols));
  }
  const x = toDense(features as readonly (readonly number[])[] | DenseMatrix, { name: 'features' });
  const s = named(fitScaler(x, 'zscore', fn), featureNamesOf(null, x.cols));
  if (o.columns === undefined) return s;
  const keep = standardizedIndices(o.columns, x.cols);
  return { ...s, offset: s.offset.map((v, j) => (keep.has(j) ? v : 0)), scale: s.scale.map((v, j) => (keep.has(j) ? v : 1)) };
}

function named(s: Scaler, featureNames: string[]): NamedScaler {
  return { kind: 'scaler', version: 2, method: s.method, offset: s.offset, scale: s.scale, featureNames };
}

/**
 * Applies a fitted standardiser: (x - mean) / sd per column. O(n * cols).
 * Source: scikit-learn's `StandardScaler.transform`.
 * @param scaler - From {@link fitStandardizer} (or its JSON round trip; a version 1 scaler, saved
 *   before featureNames, applies as before).
 * @param features - Rows with the training columns: `number[][]` or a dense matrix in the training
 *   column order, or row objects, columns or an Arrow table, read by `scaler.featureNames` in
 *   order unless `columns` is given.
 * @param options - See {@link ApplyStandardizerOptions}.
 * @returns New `number[][]`, one column per scaler column; the input is not mutated.
 * @throws CrmError `LENGTH_MISMATCH`, `NON_FINITE` (also when a value lies so far from the mean
 * that its scaled value overflows), `RAGGED_ROWS`, `MISSING_VALUE`, `INVALID_INPUT`,
 * `INVALID_OPTION` (a column the table lacks; `columns` for `number[][]`), `INVALID_MODEL` (kind,
 * version, method, offset and scale arrays of finite numbers with the same length, scale > 0, one
 * distinct string in `featureNames` per column).
 * @example
 * applyStandardizer(fitStandardizer([[0], [2]]), [[4]]); // => [[3]]
 * const byName = fitStandardizer({ age: [20, 40] });
 * applyStandardizer(byName, [{ id: 7, age: 50 }]); // => [[2]]
 */
export function applyStandardizer<D extends FeatureTable<AnyRow>>(scaler: Scaler | NamedScaler, features: D, options?: ApplyStandardizerOptions<RowOf<D>>): number[][] {
  const fn = 'applyStandardizer';
  const s = checkScaler(scaler, fn);
  const o = resolveOptions(fn, {}, options as ApplyStandardizerOptions | undefined, ['columns']);
  const matrix = isMatrixTable(features);
  if (matrix && o.columns === undefined) return toRows(applyScaler(s, toDense(features as readonly (readonly number[])[] | DenseMatrix, { name: 'features' }), fn));
  // Row objects, columns and Arrow tables are read by the stored names unless columns are given.
  const columns = o.columns ?? (s.version === 2 && !matrix ? s.featureNames : undefined);
  return toRows(applyScaler(s, readFeatureMatrix(features, { fn, argument: 'features', columns }), fn));
}
