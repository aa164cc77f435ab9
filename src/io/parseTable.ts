/**
 * A declared schema that turns the strings a CSV parser gives (d3-dsv, papaparse, Deno's std csv)
 * into typed columns, with every bad cell reported by line and column.
 * @module
 */
import { CrmError, describeValue, type ErrorCode } from '../core/errors.js';
import { missingPropertyError } from '../core/accessor.js';
import { checkInteger, resolveOptions } from '../core/validate.js';
import { compileDateFormat, type DateFormat, type DateReader, type TimeZone } from './dateFormat.js';

/** The type of a column: a name, or a spec with options. */
export type ColumnType = 'string' | 'number' | 'integer' | 'boolean' | 'categorical' | 'date' | ColumnSpec;

/** One column of a {@link TableSchema}. */
export interface ColumnSpec {
  readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'categorical' | 'date';
  /** The header name in the file, when it differs from the schema key. @defaultValue the key */
  readonly from?: string;
  /** Blank cells (empty or spaces): `missing` (NaN or null, counted in `blanks`) or `refuse` (reported as bad cells). @defaultValue 'missing' */
  readonly blank?: 'missing' | 'refuse';
  /** Dates: `'ISO'` or a pattern such as `'M/D/YYYY H:mm'`, `'D/M/YYYY'`. Required for dates. */
  readonly format?: DateFormat;
  /** Dates: the zone of times written without one. @defaultValue 'UTC' */
  readonly timeZone?: TimeZone;
  /** Numbers: the decimal mark; with `','`, `.` and spaces are read as thousands separators. @defaultValue '.' */
  readonly decimal?: '.' | ',';
  /** Categorical: the allowed values (others are bad cells). @defaultValue any value */
  readonly levels?: readonly string[];
  /** Booleans: the texts read as true (case-insensitive). @defaultValue ['true', 't', 'yes', 'y', '1'] */
  readonly trueValues?: readonly string[];
  /** Booleans: the texts read as false (case-insensitive). @defaultValue ['false', 'f', 'no', 'n', '0'] */
  readonly falseValues?: readonly string[];
}

/** Output name -> column type. Output names are what rfmScore and friends read (`customer`, `date`, ...). */
export type TableSchema = Readonly<Record<string, ColumnType>>;

/** The column type a schema entry declares (its string, or the `type` of its object form). */
export type TypeOf<C> = C extends string ? C : C extends { type: infer T } ? T : never;
/** The column a type gives: numbers and dates (epoch ms) in a Float64Array, NaN when missing; strings, categories and booleans in arrays, null when missing. */
export type ColumnOf<T> = T extends 'number' | 'integer' | 'date' ? Float64Array : T extends 'boolean' ? (boolean | null)[] : (string | null)[];

/** The result of {@link parseTable}. */
export interface ParsedTable<S extends TableSchema = TableSchema> {
  /** One column per schema key, all of length `rows`. */
  readonly columns: { -readonly [K in keyof S]: ColumnOf<TypeOf<S[K]>> };
  /** Data records read (the header not counted). */
  readonly rows: number;
  /** Blank cells set missing, per schema key. */
  readonly blanks: { readonly [K in keyof S]: number };
  /** Categorical columns: the distinct values, sorted by code unit. */
  readonly levels: { readonly [K in keyof S]?: string[] };
}

/** Options of {@link parseTable}. */
export interface ParseTableOptions {
  /** Bad cells listed in the error before it is thrown (all are counted). @defaultValue 20 */
  maxErrors?: number;
  /** Header columns the schema does not name: `ignore`, or `refuse` (INVALID_OPTION). @defaultValue 'ignore' */
  extraColumns?: 'ignore' | 'refuse';
}

/** One bad cell, as listed in the error's `details.cells`. */
export interface BadCell {
  /** 1-based line in the file, the header being line 1 (exact when no quoted field spans lines). */
  readonly line: number;
  /** 0-based index of the data record. */
  readonly record: number;
  /** The header name. */
  readonly column: string;
  readonly value: unknown;
  readonly reason: string;
}

const DEFAULTS = Object.freeze({ maxErrors: 20, extraColumns: 'ignore' as 'ignore' | 'refuse' });
const TYPES = ['string', 'number', 'integer', 'boolean', 'categorical', 'date'] as const;
const SPEC_KEYS = ['type', 'from', 'blank', 'format', 'timeZone', 'decimal', 'levels', 'trueValues', 'falseValues'];
const TRUE = ['true', 't', 'yes', 'y', '1'];
const FALSE = ['false', 'f', 'no', 'n', '0'];
/** A decimal number as CSV files write it: no hex, no `Infinity`, no empty string (all of which Number() accepts). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A resolved column: where to read it and how to convert one cell. */
interface Plan {
  key: string;
  from: string;
  index: number;
  kind: (typeof TYPES)[number];
  refuseBlank: boolean;
  /** Converts a non-blank cell; returns the value, or a string `reason` wrapped in {@link Bad}. */
  read: (cell: unknown) => unknown;
}

class Bad {
  constructor(readonly reason: string, readonly code: ErrorCode) {}
}

function specOf(fn: string, key: string, t: unknown): ColumnSpec {
  const spec = (typeof t === 'string' ? { type: t } : t) as ColumnSpec;
  if (spec === null || typeof spec !== 'object' || !(TYPES as readonly unknown[]).includes(spec.type)) {
    throw new CrmError('INVALID_OPTION', `${fn}: schema.${key} must be one of ${TYPES.join(', ')} or { type, ... }; got ${describeValue(t)}.`, { option: `schema.${key}` });
  }
  for (const k of Object.keys(spec)) {
    if (!SPEC_KEYS.includes(k)) {
      throw new CrmError('INVALID_OPTION', `${fn}: schema.${key} has an unknown key '${k}'. Known keys: ${SPEC_KEYS.join(', ')}.`, { option: `schema.${key}.${k}` });
    }
  }
  if (spec.type === 'date' && spec.format === undefined) {
    throw new CrmError('INVALID_OPTION', `${fn}: schema.${key} is a date, so it needs a format: 'ISO', or a pattern such as 'M/D/YYYY H:mm' or 'D/M/YYYY'. Dates such as 03/04/2024 are ambiguous without one.`, { option: `schema.${key}.format` });
  }
  if (spec.from !== undefined && (typeof spec.from !== 'string' || spec.from === '')) {
    throw new CrmError('INVALID_OPTION', `${fn}: schema.${key}.from must be the header name in the file; got ${describeValue(spec.from)}.`, { option: `schema.${key}.from` });
  }
  if (spec.blank !== undefined && spec.blank !== 'missing' && spec.blank !== 'refuse') {
    throw new CrmError('INVALID_OPTION', `${fn}: schema.${key}.blank must be 'missing' or 'refuse'; got ${describeValue(spec.blank)}.`, { option: `schema.${key}.blank` });
  }
  if (spec.decimal !== undefined && spec.decimal !== '.' && spec.decimal !== ',') {
    throw new CrmError('INVALID_OPTION', `${fn}: schema.${key}.decimal must be '.' or ','; got ${describeValue(spec.decimal)}.`, { option: `schema.${key}.decimal` });
  }
  for (const k of ['levels', 'trueValues', 'falseValues'] as const) {
    const v = spec[k];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) {
      throw new CrmError('INVALID_OPTION', `${fn}: schema.${key}.${k} must be an array of strings; got ${describeValue(v)}.`, { option: `schema.${key}.${k}` });
    }
  }
  return spec;
}

function reader(fn: string, key: string, spec: ColumnSpec): (cell: unknown) => unknown {
  const kind = spec.type;
  if (kind === 'string') return (c) => (typeof c === 'string' ? c : typeof c === 'number' && Number.isFinite(c) ? String(c) : new Bad(`${describeValue(c)} is not text`, 'INVALID_INPUT'));
  if (kind === 'categorical') {
    const levels = spec.levels ? new Set(spec.levels) : null;
    return (c) => {
      const s = typeof c === 'string' ? c : typeof c === 'number' && Number.isFinite(c) ? String(c) : undefined;
      if (s === undefined) return new Bad(`${describeValue(c)} is not text`, 'INVALID_INPUT');
      if (levels && !levels.has(s)) return new Bad(`'${s}' is not one of the levels ${[...levels].slice(0, 8).join(', ')}`, 'INVALID_INPUT');
      return s;
    };
  }
  if (kind === 'number' || kind === 'integer') {
    const comma = spec.decimal === ',';
    return (c) => {
      let v: number;
      if (typeof c === 'number') v = c;
      else if (typeof c === 'string') {
        let s = c.trim();
        if (comma) s = s.replace(/[.\s\u00a0]/g, '').replace(',', '.');
        v = NUMBER.test(s) ? Number(s) : NaN;
        if (Number.isNaN(v)) return new Bad(`'${c}' is not a number${comma ? " (decimal mark ',')" : ''}`, 'INVALID_INPUT');
      } else return new Bad(`${describeValue(c)} is not a number`, 'INVALID_INPUT');
      if (!Number.isFinite(v)) return new Bad(`${describeValue(c)} is not finite`, 'NON_FINITE');
      if (kind === 'integer' && !Number.isSafeInteger(v)) return new Bad(`${describeValue(c)} is not an integer`, 'INVALID_INPUT');
      return v;
    };
  }
  if (kind === 'boolean') {
    const yes = new Set((spec.trueValues ?? TRUE).map((s) => s.toLowerCase()));
    const no = new Set((spec.falseValues ?? FALSE).map((s) => s.toLowerCase()));
    return (c) => {
      if (typeof c === 'boolean') return c;
      const s = typeof c === 'string' ? c.trim().toLowerCase() : typeof c === 'number' ? String(c) : undefined;
      if (s !== undefined && yes.has(s)) return true;
      if (s !== undefined && no.has(s)) return false;
      return new Bad(`${describeValue(c)} is none of ${[...yes, ...no].join(', ')}`, 'INVALID_INPUT');
    };
  }
  const read: DateReader = compileDateFormat(spec.format, spec.timeZone, `${fn}: schema.${key}`);
  // The lines of one order repeat its date: remember the last text read.
  let lastText: string | undefined;
  let lastValue: number | undefined;
  return (c) => {
    if (c instanceof Date && !Number.isNaN(c.getTime())) return c.getTime();
    let t: number | undefined;
    if (typeof c === 'string') {
      if (c !== lastText) { lastText = c; lastValue = read(c); }
      t = lastValue;
    }
    return t === undefined ? new Bad(`${shown(c)} is not a date in format ${spec.format}`, 'INVALID_DATE') : t;
  };
}

/** A cell as the message shows it: text in single quotes. */
const shown = (c: unknown) => (typeof c === 'string' ? `'${c}'` : describeValue(c));

const isBlank = (c: unknown) => c === undefined || c === null || (typeof c === 'string' && c.trim() === '');

/**
 * Typed columns from the records a CSV parser gives, by a declared schema: numbers (strict: no
 * hex, no `Infinity`; optional decimal comma), integers, dates in an explicit format and zone,
 * booleans, categories and strings. Blank cells become missing (NaN or null, counted per column)
 * or, with `blank: 'refuse'`, bad cells. Every bad cell is collected; one error lists the first
 * `maxErrors` with line and column. Parsing CSV text is the parser's job. O(rows x columns).
 *
 * The schema's keys name the output columns, so they can be what rfmScore, lifecycleStage or
 * summarizeTransactions read (`customer`, `date`, `amount`, `orderId`); `from` names the header.
 * @param records - Objects of strings (d3-dsv `csvParse`, papaparse with `header: true`), or
 *   arrays of strings whose first row is the header (d3-dsv `csvParseRows`, papaparse without
 *   header, Deno std `parse`). Already typed cells (papaparse `dynamicTyping`) are accepted.
 * @param schema - Output name -> type, see {@link ColumnSpec}.
 * @returns Columns of length `rows`, blank counts and the levels of categorical columns.
 * @throws CrmError `INVALID_OPTION` (schema, a header name the records lack, with a guess),
 *   `INVALID_INPUT` (records not rows, or bad cells of several kinds), `INVALID_DATE` (bad cells
 *   all dates), `MISSING_VALUE` (refused blanks), `NON_FINITE`, `EMPTY_INPUT`. A bad-cell error
 *   has `details.cells` ({@link BadCell}) and `details.count`.
 * @example
 * const records = [{ CustomerID: '17850', InvoiceDate: '12/1/2010 8:26', Amount: '15.30' }];
 * const t = parseTable(records, {
 *   customer: { type: 'string', from: 'CustomerID' },
 *   date: { type: 'date', from: 'InvoiceDate', format: 'M/D/YYYY H:mm' },
 *   amount: { type: 'number', from: 'Amount' },
 * });
 * [t.columns.customer[0], new Date(t.columns.date[0]!).toISOString(), t.columns.amount[0]]; // => ['17850', '2010-12-01T08:26:00.000Z', 15.3]
 */
export function parseTable<S extends TableSchema>(records: readonly unknown[], schema: S, options?: ParseTableOptions): ParsedTable<S> {
  const fn = 'parseTable';
  const o = resolveOptions(fn, DEFAULTS, options);
  const maxErrors = checkInteger('maxErrors', o.maxErrors, { min: 1 });
  if (o.extraColumns !== 'ignore' && o.extraColumns !== 'refuse') {
    throw new CrmError('INVALID_OPTION', `${fn}: extraColumns must be 'ignore' or 'refuse'; got ${describeValue(o.extraColumns)}.`, { option: 'extraColumns' });
  }
  if (!Array.isArray(records)) {
    const hint = typeof records === 'string' ? ' Parse the CSV text first, e.g. csvParse(text) from d3-dsv.' : '';
    throw new CrmError('INVALID_INPUT', `${fn}: records must be an array of row objects or of string arrays; got ${describeValue(records)}.${hint}`);
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema) || Object.keys(schema).length === 0) {
    throw new CrmError('INVALID_OPTION', `${fn}: schema must be an object of column types, e.g. { amount: 'number' }; got ${describeValue(schema)}.`, { option: 'schema' });
  }
  const arrays = records.length > 0 && Array.isArray(records[0]);
  const header: string[] | null = arrays ? (records[0] as unknown[]).map(String) : null;
  const first = arrays ? 1 : 0;
  const n = records.length - first;
  if (n <= 0) throw new CrmError('EMPTY_INPUT', `${fn}: there are no data records${arrays ? ' after the header' : ''}; pass at least one.`);
  const sample: Record<string, unknown> = arrays
    ? Object.fromEntries(header!.map((h) => [h, '']))
    : (records[0] as Record<string, unknown>);
  if (sample === null || typeof sample !== 'object') {
    throw new CrmError('INVALID_INPUT', `${fn}: records[0] is ${describeValue(sample)}; each record must be an object or an array of strings.`, { row: 0 });
  }
  const plans: Plan[] = Object.keys(schema).map((key) => {
    const spec = specOf(fn, key, schema[key]);
    const from = spec.from ?? key;
    const index = header ? header.indexOf(from) : -1;
    if (header ? index < 0 : !(from in sample)) {
      // Later records may lack a value, but a name the first record lacks is a misspelt header.
      throw missingPropertyError(fn, 'records', 0, sample, spec.from === undefined ? `schema.${key}` : `schema.${key}.from`, from)!;
    }
    return { key, from, index, kind: spec.type, refuseBlank: spec.blank === 'refuse', read: reader(fn, key, spec) };
  });
  if (o.extraColumns === 'refuse') {
    const named = new Set(plans.map((p) => p.from));
    const extra = (header ?? Object.keys(sample)).filter((h) => !named.has(h));
    if (extra.length > 0) {
      throw new CrmError('INVALID_OPTION', `${fn}: the records have columns the schema does not name: ${extra.slice(0, 8).join(', ')}. Add them to the schema, or pass extraColumns: 'ignore'.`, { option: 'extraColumns', columns: extra });
    }
  }

  const columns: Record<string, Float64Array | unknown[]> = {};
  const blanks: Record<string, number> = {};
  const seen: Record<string, Set<string>> = {};
  for (const p of plans) {
    columns[p.key] = p.kind === 'number' || p.kind === 'integer' || p.kind === 'date' ? new Float64Array(n) : new Array(n);
    blanks[p.key] = 0;
    if (p.kind === 'categorical') seen[p.key] = new Set();
  }
  const cells: BadCell[] = [];
  const codes = new Set<ErrorCode>();
  let count = 0;
  const bad = (r: number, column: string, value: unknown, reason: string, code: ErrorCode) => {
    count++;
    codes.add(code);
    if (cells.length < maxErrors) cells.push({ line: r + 2, record: r, column, value, reason });
  };
  const width = header ? header.length : 0;
  for (let r = 0; r < n; r++) {
    const rec = records[r + first] as unknown;
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec) !== arrays) {
      bad(r, '(record)', rec, `the record is ${describeValue(rec)}, not ${arrays ? 'an array' : 'an object'} like the first`, 'INVALID_INPUT');
      continue;
    }
    if (arrays && (rec as unknown[]).length !== width && !((rec as unknown[]).length === 1 && isBlank((rec as unknown[])[0]))) {
      bad(r, '(record)', (rec as unknown[]).length, `the record has ${(rec as unknown[]).length} fields but the header has ${width}`, 'INVALID_INPUT');
      continue;
    }
    for (let k = 0; k < plans.length; k++) {
      const p = plans[k]!;
      const cell = arrays ? (rec as unknown[])[p.index] : (rec as Record<string, unknown>)[p.from];
      const out = columns[p.key]!;
      if (isBlank(cell)) {
        if (p.refuseBlank) bad(r, p.from, cell, 'the cell is blank', 'MISSING_VALUE');
        else blanks[p.key]!++;
        if (out instanceof Float64Array) out[r] = NaN;
        else out[r] = null;
        continue;
      }
      const v = p.read(cell);
      if (v instanceof Bad) {
        bad(r, p.from, cell, v.reason, v.code);
        if (out instanceof Float64Array) out[r] = NaN;
        else out[r] = null;
        continue;
      }
      out[r] = v;
      if (p.kind === 'categorical') seen[p.key]!.add(v as string);
    }
  }
  if (count > 0) {
    const code: ErrorCode = codes.size === 1 ? [...codes][0]! : 'INVALID_INPUT';
    const list = cells.map((c) => `line ${c.line} (record ${c.record}), column '${c.column}': ${c.reason}`).join('; ');
    throw new CrmError(
      code,
      `${fn}: ${count} cell${count === 1 ? '' : 's'} could not be read${count > cells.length ? ` (the first ${cells.length} listed)` : ''}: ${list}. ` +
        `Lines count the header as line 1. Fix the cells, or change the column's type or format${codes.has('MISSING_VALUE') ? ", or set blank cells missing with blank: 'missing'" : ''}.`,
      { cells, count },
    );
  }
  const levels: Record<string, string[]> = {};
  for (const key of Object.keys(seen)) levels[key] = [...seen[key]!].sort();
  return { columns, rows: n, blanks, levels } as unknown as ParsedTable<S>;
}
