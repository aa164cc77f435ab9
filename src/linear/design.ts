/**
 * Design-matrix helpers shared by the models: one-hot encoding of categorical columns and
 * standardisation fitted on training data, both as plain data that survives JSON.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { toDense, toRows, type DenseMatrix } from '../core/dense.js';
import { checkModel, checkModelStrings } from '../core/model.js';
import { applyScaler, checkScaler, fitScaler, type Scaler } from '../core/scaling.js';
import { checkArray, checkInteger } from '../core/validate.js';
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

/** Options of {@link fitStandardizer}. */
export interface StandardizerOptions {
  /** Indices of the columns to standardise; the others pass through unchanged. @defaultValue all columns */
  columns?: number[];
}

/** The option table of {@link fitStandardizer} (the scaler stores no options). */
export const STANDARDIZER_OPTIONS = defineOptions<StandardizerOptions>()({
  // The form only; each index is checked against the column count.
  columns: opt({ computedDefault: 'all columns', accepts: [custom<number[]>({ describe: 'an array of column indices', test: Array.isArray, bad: [0, '0'] })], description: 'Indices of the columns to standardise.' }),
});

/**
 * Learns column means and standard deviations (population, ddof = 0) on training data, to apply
 * the same shift and scale to new data with {@link applyStandardizer}. A constant column gets
 * scale 1. O(n * cols).
 * Source: scikit-learn's `StandardScaler`; core's z-score scaler.
 * @param features - Training rows, `number[][]` or a dense matrix; finite.
 * @param options - See {@link StandardizerOptions}.
 * @returns A plain-data scaler (core `Scaler`, method `zscore`).
 * The moments of a column whose squares overflow are computed on the values divided by their
 * largest magnitude, so the scale stays finite.
 * @throws CrmError `EMPTY_INPUT`, `NON_FINITE`, `RAGGED_ROWS`, `INVALID_OPTION` (including a hole in `columns`).
 * @example
 * fitStandardizer([[1, 5], [3, 5]], { columns: [0] }).offset; // => [2, 0]
 */
export function fitStandardizer(features: readonly (readonly number[])[] | DenseMatrix, options?: StandardizerOptions): Scaler {
  const o = resolveOptionTable('fitStandardizer', STANDARDIZER_OPTIONS, options);
  const x = toDense(features, { name: 'features' });
  const s = fitScaler(x, 'zscore', 'fitStandardizer');
  if (o.columns === undefined) return s;
  const list = checkArray<unknown>('columns', o.columns);
  const keep = new Set<number>();
  for (let k = 0; k < list.length; k++) {
    if (!(k in list)) throw new CrmError('INVALID_OPTION', `columns[${k}] is a hole; list the column indices to standardise.`, { option: 'columns', index: k });
    keep.add(checkInteger(`columns[${k}]`, list[k], { min: 0, max: x.cols - 1 }));
  }
  return { ...s, offset: s.offset.map((v, j) => (keep.has(j) ? v : 0)), scale: s.scale.map((v, j) => (keep.has(j) ? v : 1)) };
}

/**
 * Applies a fitted standardiser: (x - mean) / sd per column. O(n * cols).
 * Source: scikit-learn's `StandardScaler.transform`.
 * @param scaler - From {@link fitStandardizer} (or its JSON round trip).
 * @param features - Rows with the same number of columns as the training data.
 * @returns New `number[][]`; the input is not mutated.
 * @throws CrmError `LENGTH_MISMATCH`, `NON_FINITE` (also when a value lies so far from the mean
 * that its scaled value overflows), `RAGGED_ROWS`, `INVALID_MODEL` (kind, version, method, offset
 * and scale arrays of finite numbers with the same length, scale > 0).
 * @example
 * applyStandardizer(fitStandardizer([[0], [2]]), [[4]]); // => [[3]]
 */
export function applyStandardizer(scaler: Scaler, features: readonly (readonly number[])[] | DenseMatrix): number[][] {
  const s = checkScaler(scaler, 'applyStandardizer');
  return toRows(applyScaler(s, toDense(features, { name: 'features' }), 'applyStandardizer'));
}
