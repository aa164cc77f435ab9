/**
 * A design-matrix builder: declared columns (numeric, possibly standardised, and one-hot
 * categorical) fitted on row objects into one plain-JSON model that turns raw rows into the
 * `number[][]` fitLogistic takes, with named output columns.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkModel, checkModelStrings } from '../core/model.js';
import type { NamedScaler, Scaler } from '../core/scaling.js';
import { checkArray, checkBoolean, checkOneOf } from '../core/validate.js';
import { custom, defineOptions, opt, resolveOptionTable } from '../core/options.js';
import { applyOneHot, applyStandardizer, fitOneHot, fitStandardizer, type OneHotEncoding } from './design.js';
import { columnsToRows, isColumnar, type ColumnTable } from '../core/table.js';
import type { ArrowTableLike } from '../core/arrow.js';

/** Rows for a design: row objects, or columns or an Arrow table holding the declared columns (docs/input.md). */
export type DesignRows = readonly object[] | ColumnTable | ArrowTableLike;

/** Columns and Arrow tables as row objects of the declared columns; row objects pass through. */
function designRows(fn: string, rows: unknown, columns: readonly ResolvedDesignColumn[]): unknown {
  return isColumnar(rows) ? columnsToRows(rows, columns.map((c) => c.name), { fn, argument: 'rows', option: 'columns' }) : rows;
}

/** One declared input column of a design. */
export interface DesignColumn {
  /** Property read from each row; also the output name of a numeric column and the prefix of dummies. */
  readonly name: string;
  /** `numeric` (a finite number, one output column) or `categorical` (one 0/1 column per level). */
  readonly type: 'numeric' | 'categorical';
  /** Numeric only: z-score with the training mean and population sd (fitStandardizer). @defaultValue false */
  readonly standardize?: boolean;
  /** Categorical only: leave out the first level (sorted), the reference level (fitOneHot's `dropFirst`). @defaultValue false */
  readonly dropFirst?: boolean;
  /** Categorical only: a level unseen in training gives all zeros (`'zeros'`) or `UNKNOWN_CATEGORY` (`'refuse'`). @defaultValue 'zeros' */
  readonly unknown?: 'zeros' | 'refuse';
}

/** Options of {@link fitDesign}. */
export interface DesignOptions {
  /** The input columns, in output order. */
  columns: readonly DesignColumn[];
}

/** A declared column with every option resolved. */
export interface ResolvedDesignColumn {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  readonly standardize: boolean;
  readonly dropFirst: boolean;
  readonly unknown: 'zeros' | 'refuse';
}

/** A fitted design: plain data (survives JSON). */
export interface DesignModel {
  readonly kind: 'design';
  readonly version: 1;
  readonly columns: ResolvedDesignColumn[];
  /** Output column names: a numeric column's name, `<column>_<level>` for dummies (pandas get_dummies). Pass as fitLogistic's `featureNames`. */
  readonly names: string[];
  /**
   * The z-score scaler of the numeric columns (in declared order, its `featureNames` their names;
   * unstandardised ones pass through), or null without numeric columns. Designs saved before
   * scalers kept names hold a version 1 scaler, which applies the same.
   */
  readonly scaler: NamedScaler | Scaler | null;
  /** One fitOneHot encoding per categorical column, in declared order. */
  readonly encodings: OneHotEncoding[];
}

/** The option table of {@link fitDesign}; the model keeps the resolved columns as `model.columns`. */
export const DESIGN_OPTIONS = defineOptions<DesignOptions>()({
  // The form only; resolveColumns checks every column and its keys.
  columns: opt({ required: true, accepts: [custom<readonly DesignColumn[]>({ describe: 'an array of { name, type } columns', test: Array.isArray, bad: ['age', {}] })], description: 'The input columns, in output order; the model keeps them resolved.', stored: 'derived' }),
});

const COLUMN_KEYS = new Set(['name', 'type', 'standardize', 'dropFirst', 'unknown']);

function resolveColumns(fn: string, value: unknown): ResolvedDesignColumn[] {
  let list: readonly unknown[];
  try {
    list = checkArray('columns', value, { nonEmpty: true });
  } catch {
    throw new CrmError('INVALID_OPTION', `${fn}: options.columns must be a non-empty array of { name, type } column declarations; got ${describeValue(value)}.`, { option: 'columns' });
  }
  const seen = new Set<string>();
  const out: ResolvedDesignColumn[] = [];
  for (let k = 0; k < list.length; k++) {
    const c = list[k] as Record<string, unknown> | null | undefined;
    const where = `columns[${k}]`;
    const bad = (what: string) => new CrmError('INVALID_OPTION', `${fn}: ${where} ${what}.`, { option: 'columns', index: k });
    if (c === null || typeof c !== 'object' || Array.isArray(c)) throw bad(`must be { name, type }; got ${k in list ? describeValue(c) : 'a hole'}`);
    for (const key of Object.keys(c)) if (!COLUMN_KEYS.has(key)) throw bad(`has an unknown key '${key}' (known: ${[...COLUMN_KEYS].join(', ')})`);
    if (typeof c.name !== 'string' || c.name === '') throw bad(`.name must be a non-empty string; got ${describeValue(c.name)}`);
    if (seen.has(c.name)) throw bad(`.name '${c.name}' is declared twice`);
    seen.add(c.name);
    const checked = <T>(f: () => T): T => {
      try {
        return f();
      } catch (e) {
        throw bad(`(${c.name}): ${(e as Error).message}`);
      }
    };
    const type = checked(() => checkOneOf('type', c.type, ['numeric', 'categorical'] as const));
    // An option of the other type is refused unless it is the default (resolved models carry every key).
    const only = (key: string, kind: string, byDefault: unknown) => {
      if (c[key] !== undefined && c[key] !== byDefault && type !== kind) throw bad(`(${c.name}): ${key} applies to ${kind} columns only`);
    };
    only('standardize', 'numeric', false);
    only('dropFirst', 'categorical', false);
    only('unknown', 'categorical', 'zeros');
    out.push({
      name: c.name,
      type,
      standardize: c.standardize === undefined ? false : checked(() => checkBoolean('standardize', c.standardize)),
      dropFirst: c.dropFirst === undefined ? false : checked(() => checkBoolean('dropFirst', c.dropFirst)),
      unknown: c.unknown === undefined ? 'zeros' : checked(() => checkOneOf('unknown', c.unknown, ['zeros', 'refuse'] as const)),
    });
  }
  return out;
}

/** Refuses what is not an array of row objects holding every declared column (INVALID_INPUT naming row and column). */
function checkRows(fn: string, rows: unknown, columns: readonly ResolvedDesignColumn[], nonEmpty: boolean): readonly Record<string, unknown>[] {
  if (!Array.isArray(rows)) throw new CrmError('INVALID_INPUT', `${fn}: rows must be an array of row objects; got ${describeValue(rows)}.`, { argument: 'rows' });
  if (nonEmpty && rows.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: rows is empty; pass at least one training row.`, { argument: 'rows' });
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as unknown;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}] must be a row object; got ${i in rows ? describeValue(r) : 'a hole'}.`, { argument: 'rows', row: i });
    }
    for (const c of columns) {
      if (!(c.name in (r as object))) {
        const keys = Object.keys(r as object);
        throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}] has no column '${c.name}' (it has ${keys.length > 0 ? keys.slice(0, 8).join(', ') : 'no keys'}). Every declared column must be present in every row.`, { argument: 'rows', row: i, column: c.name });
      }
    }
  }
  return rows as readonly Record<string, unknown>[];
}

/** The numeric columns as number[][] (MISSING_VALUE for null/undefined/NaN, NON_FINITE for infinities, INVALID_INPUT otherwise). */
function numericMatrix(fn: string, rows: readonly Record<string, unknown>[], numeric: readonly ResolvedDesignColumn[]): number[][] {
  const out: number[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const x = new Array<number>(numeric.length);
    for (let j = 0; j < numeric.length; j++) {
      const name = numeric[j]!.name;
      const v = row[name];
      if (typeof v === 'number' && Number.isFinite(v)) {
        x[j] = v;
        continue;
      }
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
        throw new CrmError('MISSING_VALUE', `${fn}: rows[${i}].${name} is ${describeValue(v)}; numeric columns need a finite number in every row. Fill or drop the missing values first.`, { argument: 'rows', row: i, column: name });
      }
      if (typeof v === 'number') throw new CrmError('NON_FINITE', `${fn}: rows[${i}].${name} is ${v}; numeric columns need finite numbers.`, { argument: 'rows', row: i, column: name });
      throw new CrmError('INVALID_INPUT', `${fn}: rows[${i}].${name} is ${describeValue(v)}, not a number; declare the column 'categorical' if it holds categories, or convert it first.`, { argument: 'rows', row: i, column: name });
    }
    out[i] = x;
  }
  return out;
}

/** Runs a call of another design helper, putting this function's name on its errors. */
function as<T>(fn: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (!(e instanceof CrmError) || e.message.startsWith(`${fn}: `)) throw e;
    const m = /^(fitOneHot|applyOneHot|fitStandardizer|applyStandardizer): /.exec(e.message);
    throw new CrmError(e.code, `${fn}: ${m ? e.message.slice(m[0].length) : e.message}`, { ...e.details });
  }
}

function namesOf(columns: readonly ResolvedDesignColumn[], encodings: readonly OneHotEncoding[]): string[] {
  let e = 0;
  return columns.flatMap((c) => (c.type === 'numeric' ? [c.name] : encodings[e++]!.names));
}

/**
 * Fits a design on training rows: the levels of each categorical column (fitOneHot, pandas
 * get_dummies naming and sorting) and the mean and sd of each standardised numeric column
 * (fitStandardizer). Output columns follow the declared order: a numeric column gives one column,
 * a categorical column its dummies. O(n * columns + levels log levels).
 * Source: pandas `get_dummies` and scikit-learn's `ColumnTransformer(StandardScaler, OneHotEncoder)`.
 * @param rows - Training row objects holding every declared column, or columns or an Arrow table holding them.
 * @param options - `columns`: the declarations, see {@link DesignColumn}.
 * @returns A plain-JSON model; `names` are the output columns (fitLogistic's `featureNames`).
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT` (not row objects, a hole, a declared column a row
 * lacks, a non-number in a numeric column, a non-category), `MISSING_VALUE` (null, undefined, NaN),
 * `NON_FINITE`, `INVALID_OPTION` (a bad declaration: name, type, an option of the other type, a
 * duplicate or unknown key).
 * @example
 * const rows = [{ age: 30, plan: 'gold' }, { age: 50, plan: 'basic' }];
 * const design = fitDesign(rows, { columns: [{ name: 'age', type: 'numeric', standardize: true }, { name: 'plan', type: 'categorical' }] });
 * design.names; // => ['age', 'plan_basic', 'plan_gold']
 * applyDesign(design, [{ age: 40, plan: 'gold' }, { age: 60, plan: 'silver' }]); // => [[0, 0, 1], [2, 0, 0]]
 */
export function fitDesign(rows: DesignRows, options: DesignOptions): DesignModel {
  const fn = 'fitDesign';
  const o = resolveOptionTable(fn, DESIGN_OPTIONS, options);
  const columns = resolveColumns(fn, o.columns);
  const data = checkRows(fn, designRows(fn, rows, columns), columns, true);
  const numeric = columns.filter((c) => c.type === 'numeric');
  let scaler: NamedScaler | null = null;
  if (numeric.length > 0) {
    const x = numericMatrix(fn, data, numeric);
    const standardized = numeric.flatMap((c, j) => (c.standardize ? [j] : []));
    // Fitted by position (only some columns are standardised), named after the declared columns.
    scaler = { ...as(fn, () => fitStandardizer(x, { columns: standardized })), featureNames: numeric.map((c) => c.name) };
  }
  const encodings = columns
    .filter((c) => c.type === 'categorical')
    .map((c) => as(fn, () => fitOneHot(data, { columns: [c.name], dropFirst: c.dropFirst, unknown: c.unknown })));
  return { kind: 'design', version: 1, columns, names: namesOf(columns, encodings), scaler, encodings };
}

/** Checks a design read back from JSON (the nested scaler and encodings are checked where they are applied). */
function checkDesign(model: unknown, fn: string): DesignModel {
  const m = checkModel<DesignModel>(model, 'design', 1, fn);
  const bad = (field: string, what: string) =>
    new CrmError('INVALID_MODEL', `${fn}: the 'design' model's ${field} ${what}; the model is damaged (for example by editing its JSON). Refit it.`, { kind: 'design', field });
  let columns: ResolvedDesignColumn[];
  try {
    columns = resolveColumns(fn, m.columns);
  } catch (e) {
    throw bad('columns', `are not valid declarations (${(e as Error).message})`);
  }
  const numeric = columns.filter((c) => c.type === 'numeric').length;
  const categorical = columns.length - numeric;
  if (!Array.isArray(m.encodings) || m.encodings.length !== categorical) throw bad('encodings', `must be an array of ${categorical} one-hot encodings`);
  m.encodings.forEach((e, k) => {
    const col = columns.filter((c) => c.type === 'categorical')[k]!;
    const cols = (e as { options?: { columns?: unknown } } | null)?.options?.columns;
    if (!Array.isArray(cols) || cols.length !== 1 || cols[0] !== col.name) throw bad(`encodings[${k}]`, `must encode column '${col.name}'`);
    checkModelStrings(fn, 'design', `encodings[${k}].names`, (e as { names?: unknown }).names);
  });
  if (numeric === 0 ? m.scaler !== null : m.scaler === null || typeof m.scaler !== 'object' || !Array.isArray(m.scaler.offset) || m.scaler.offset.length !== numeric) {
    throw bad('scaler', numeric === 0 ? 'must be null (there are no numeric columns)' : `must be a scaler of ${numeric} columns`);
  }
  const names = checkModelStrings(fn, 'design', 'names', m.names);
  const expected = namesOf(columns, m.encodings);
  if (names.length !== expected.length || names.some((n, j) => n !== expected[j])) throw bad('names', 'do not match its columns and encodings');
  return { ...m, columns };
}

/**
 * Turns raw rows into the design matrix of a fitted design: numeric columns (standardised with the
 * training mean and sd where declared) and 0/1 dummies, in `model.names` order, ready for
 * fitLogistic or predictLogisticProba. O(n * columns).
 * @param model - From {@link fitDesign} (or its JSON round trip).
 * @param rows - Row objects holding every declared column, or columns or an Arrow table holding them.
 * @returns `number[][]`, rows x `model.names.length` (no rows give `[]`).
 * @throws CrmError `INVALID_MODEL`, `INVALID_INPUT` (as fitDesign), `MISSING_VALUE`, `NON_FINITE`
 * (also a value so far from the training mean that its z-score overflows), `UNKNOWN_CATEGORY` (a
 * level unseen in training, for columns declared `unknown: 'refuse'`).
 * @example
 * const design = fitDesign([{ visits: 1, channel: 'web' }, { visits: 3, channel: 'shop' }], { columns: [{ name: 'visits', type: 'numeric' }, { name: 'channel', type: 'categorical', dropFirst: true }] });
 * applyDesign(design, [{ visits: 2, channel: 'web' }]); // => [[2, 1]]
 */
export function applyDesign(model: DesignModel, rows: DesignRows): number[][] {
  const fn = 'applyDesign';
  const m = checkDesign(model, fn);
  const data = checkRows(fn, designRows(fn, rows, m.columns), m.columns, false);
  if (data.length === 0) return []; // no rows to score: nothing to refuse
  const numericCols = m.columns.filter((c) => c.type === 'numeric');
  const x = numericCols.length > 0 ? as(fn, () => applyStandardizer(m.scaler!, numericMatrix(fn, data, numericCols))) : [];
  const dummies = m.encodings.map((e) => as(fn, () => applyOneHot(e, data)));
  const out: number[][] = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const row: number[] = [];
    let num = 0;
    let cat = 0;
    for (const c of m.columns) {
      if (c.type === 'numeric') row.push(x[i]![num++]!);
      else for (const v of dummies[cat++]![i]!) row.push(v);
    }
    out[i] = row;
  }
  return out;
}
