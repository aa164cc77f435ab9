/**
 * Apache Arrow tables and vectors, read through their public methods only (duck-typed, so
 * crm-mining has no run-time dependency on `apache-arrow`): tables from apache-arrow, DuckDB's
 * Arrow export, Polars (`tableFromIPC(df.writeIPC())`) and arquero's `toArrow`, and
 * `@uwdata/flechette` tables, which expose the same methods.
 *
 * Each column is converted once to what the algorithms use: numbers to a Float64Array (null as
 * NaN), timestamps and dates to epoch milliseconds, strings (dictionary-encoded or not) to
 * `(string | null)[]`, booleans to `(boolean | null)[]`. 64-bit integers become numbers when every
 * value is within ±(2^53 - 1), and are refused beyond that (or read as decimal strings with
 * `int64: 'string'`): a rounded id would silently merge two customers.
 * @module
 */
import { CrmError, describeValue } from './errors.js';

/** Arrow type ids, from the Arrow format's Schema.fbs (shared by apache-arrow and flechette). */
const TYPE = {
  Null: 1, Int: 2, Float: 3, Binary: 4, Utf8: 5, Bool: 6, Decimal: 7, Date: 8, Time: 9, Timestamp: 10,
  Interval: 11, Duration: 18, LargeUtf8: 20, Utf8View: 24, Dictionary: -1,
} as const;

/** The part of an Arrow data type this reader looks at. */
export interface ArrowTypeLike {
  readonly typeId: number;
  /** Int: 8, 16, 32 or 64. */
  readonly bitWidth?: number;
  /** Float: 0 half, 1 single, 2 double. */
  readonly precision?: number;
  /** Date: 0 day, 1 millisecond. Timestamp: 0 s, 1 ms, 2 us, 3 ns. */
  readonly unit?: number;
  /** Decimal: digits after the point. */
  readonly scale?: number;
  /** Dictionary: the type of the dictionary's values. */
  readonly dictionary?: ArrowTypeLike;
}

/** An Arrow vector (apache-arrow `Vector`, flechette `Column`): the public methods read. */
export interface ArrowVectorLike {
  readonly length: number;
  readonly type: ArrowTypeLike;
  readonly nullCount?: number;
  get(index: number): unknown;
  toArray(): ArrayLike<unknown>;
  [Symbol.iterator]?(): Iterator<unknown>;
}

/** An Arrow table or record batch: the public methods read. */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  getChild(name: string): ArrowVectorLike | null;
}

/** One Arrow column converted. */
export type ArrowColumn =
  | { readonly kind: 'number'; readonly values: Float64Array; readonly nullCount: number }
  | { readonly kind: 'date'; readonly values: Float64Array; readonly nullCount: number }
  | { readonly kind: 'string'; readonly values: (string | null)[]; readonly nullCount: number }
  | { readonly kind: 'boolean'; readonly values: (boolean | null)[]; readonly nullCount: number };

/** Options of {@link readArrowVector}. */
export interface ReadArrowOptions {
  /** Calling function, for messages. */
  fn: string;
  /** Column name, for messages. */
  column: string;
  /**
   * 64-bit integers: `number` (exact up to 2^53 - 1, refused beyond), or `string` (decimal text,
   * always exact; for ids). @defaultValue 'number'
   */
  int64?: 'number' | 'string';
}

/**
 * True for an Arrow table or record batch (`numRows`, `schema.fields`, `getChild`). O(1).
 * @example
 * isArrowTable({ numRows: 0, schema: { fields: [] }, getChild: () => null }); // => true
 */
export function isArrowTable(value: unknown): value is ArrowTableLike {
  if (value === null || typeof value !== 'object') return false;
  const t = value as Partial<ArrowTableLike>;
  return (
    typeof t.numRows === 'number' &&
    typeof t.getChild === 'function' &&
    t.schema !== null &&
    typeof t.schema === 'object' &&
    Array.isArray((t.schema as { fields?: unknown }).fields)
  );
}

/**
 * True for an Arrow vector or column (`length`, `type.typeId`, `get`, `toArray`). O(1).
 * @example
 * isArrowVector([1, 2]); // => false
 */
export function isArrowVector(value: unknown): value is ArrowVectorLike {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const v = value as Partial<ArrowVectorLike>;
  return (
    typeof v.length === 'number' &&
    typeof v.get === 'function' &&
    typeof v.toArray === 'function' &&
    v.type !== null &&
    typeof v.type === 'object' &&
    typeof (v.type as { typeId?: unknown }).typeId === 'number'
  );
}

/**
 * The column names of an Arrow table, in schema order. O(columns).
 * @example
 * arrowColumnNames({ numRows: 0, schema: { fields: [{ name: 'a' }] }, getChild: () => null }); // => ['a']
 */
export function arrowColumnNames(table: ArrowTableLike): string[] {
  return table.schema.fields.map((f) => f.name);
}

/**
 * The named column of an Arrow table.
 * @throws CrmError `INVALID_OPTION` when the table has no such column (the message lists those it has).
 * @example
 * const empty = { numRows: 0, schema: { fields: [] }, getChild: () => null };
 * try { getArrowColumn(empty, 'amount', 'fitKMeans', 'columns'); } catch (e) { (e as CrmError).code; } // => 'INVALID_OPTION'
 */
export function getArrowColumn(table: ArrowTableLike, name: string, fn: string, option: string): ArrowVectorLike {
  const names = arrowColumnNames(table);
  const v = names.includes(name) ? table.getChild(name) : null;
  if (!v) {
    const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, ... (${names.length} in all)` : names.join(', ') || 'no columns';
    throw new CrmError('INVALID_OPTION', `${fn}: the Arrow table has no column '${name}' (the ${option} option); it has ${shown}.`, {
      option,
      column: name,
    });
  }
  return v;
}

function values(v: ArrowVectorLike): Iterable<unknown> {
  if (typeof v[Symbol.iterator] === 'function') return v as Iterable<unknown>;
  return { *[Symbol.iterator]() { for (let i = 0; i < v.length; i++) yield v.get(i); } };
}

function typeName(t: ArrowTypeLike): string {
  const s = String(t);
  if (s !== '[object Object]') return s;
  const name = Object.entries(TYPE).find(([, id]) => id === t.typeId)?.[0];
  return name ?? `type id ${t.typeId}`;
}

function unsupported(o: ReadArrowOptions, t: ArrowTypeLike): CrmError {
  return new CrmError(
    'INVALID_INPUT',
    `${o.fn}: Arrow column '${o.column}' has type ${typeName(t)}, which crm-mining does not read. ` +
      'Cast it in the query to a number (DOUBLE, BIGINT), a string (VARCHAR), a date or a timestamp.',
    { column: o.column },
  );
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function int64ToNumber(x: bigint, o: ReadArrowOptions, row: number): number {
  if (x > MAX_SAFE || x < -MAX_SAFE) {
    throw new CrmError(
      'INVALID_INPUT',
      `${o.fn}: Arrow column '${o.column}' row ${row} is ${x}, beyond 2^53 - 1, so it has no exact number. ` +
        "For an id, cast it to a string in the query (CAST(id AS VARCHAR)); for a measure, cast it to DOUBLE.",
      { column: o.column, row },
    );
  }
  return Number(x);
}

/** Timestamp units to milliseconds: s, ms, us, ns. */
const TS_DIVISOR = [null, 1n, 1000n, 1000000n] as const;

/** An Arrow timestamp or date value (number of ms, Date, or raw bigint of the type's unit) to epoch ms. */
function temporalMs(x: unknown, t: ArrowTypeLike, o: ReadArrowOptions, row: number): number {
  if (typeof x === 'number') return x;
  if (x instanceof Date) return x.getTime();
  if (typeof x === 'bigint') {
    if (t.typeId === TYPE.Date) return t.unit === 0 ? Number(x) * 86_400_000 : Number(x);
    const unit = t.unit ?? 1;
    if (unit === 0) return Number(x) * 1000;
    const d = TS_DIVISOR[unit];
    if (d === undefined || d === null) return Number(x);
    // whole ms exactly in bigint, then the sub-millisecond remainder as a fraction
    return Number(x / d) + Number(x % d) / Number(d);
  }
  throw new CrmError('INVALID_INPUT', `${o.fn}: Arrow column '${o.column}' row ${row} is ${describeValue(x)}; expected a date.`, {
    column: o.column,
    row,
  });
}

/** A scaled bigint (decimal digits `scale`) to the nearest number, whole part exact. */
function scaled(x: bigint, scale: number): number {
  if (scale <= 0) return Number(x) * 10 ** -scale;
  const d = 10n ** BigInt(scale);
  return Number(x / d) + Number(x % d) / Number(d);
}

function decimalNumber(x: unknown, scale: number, o: ReadArrowOptions, row: number): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return scaled(x, scale);
  // apache-arrow returns a decimal as a view of little-endian two's-complement 32-bit words
  if (x instanceof Uint32Array && x.length > 0) {
    let v = 0n;
    for (let k = x.length - 1; k >= 0; k--) v = (v << 32n) | BigInt(x[k]!);
    if (x[x.length - 1]! & 0x80000000) v -= 1n << BigInt(32 * x.length);
    return scaled(v, scale);
  }
  throw new CrmError('INVALID_INPUT', `${o.fn}: Arrow column '${o.column}' row ${row} is ${describeValue(x)}; expected a decimal. Cast it to DOUBLE in the query.`, {
    column: o.column,
    row,
  });
}

/**
 * Converts one Arrow vector: numbers (Int, Float, Decimal, and Int64 within 2^53) to a Float64Array
 * with null as NaN; timestamps (s, ms, us, ns) and dates (day, ms) to epoch milliseconds in a
 * Float64Array; strings and dictionary-encoded strings to `(string | null)[]`; booleans to
 * `(boolean | null)[]`. O(n); the input is not modified.
 * @throws CrmError `INVALID_INPUT` for a type it does not read (lists, structs, binary, intervals)
 * or an Int64 beyond 2^53 - 1 with `int64: 'number'`.
 * @example
 * // in practice `vector` is table.getChild('amount') of an apache-arrow table
 * const vector = { length: 2, type: { typeId: 3, precision: 2 }, nullCount: 0, get: (i: number) => [1.5, 2][i], toArray: () => new Float64Array([1.5, 2]) };
 * readArrowVector(vector, { fn: 'fitKMeans', column: 'amount' }).values; // => Float64Array [1.5, 2]
 */
export function readArrowVector(vector: ArrowVectorLike, options: ReadArrowOptions): ArrowColumn {
  const o = options;
  const n = vector.length;
  const type = vector.type;
  const logical = type.typeId === TYPE.Dictionary && type.dictionary ? type.dictionary : type;
  const id = logical.typeId;
  const dictionary = logical !== type;

  if (id === TYPE.Int || id === TYPE.Float || id === TYPE.Decimal || id === TYPE.Null) {
    const out = new Float64Array(n);
    // No nulls and a plain 32-bit-or-narrower type: toArray is the values themselves.
    if (!dictionary && (vector.nullCount ?? -1) === 0 && (id === TYPE.Int ? (logical.bitWidth ?? 64) <= 32 : id === TYPE.Float && (logical.precision ?? 0) >= 1)) {
      const a = vector.toArray();
      if (ArrayBuffer.isView(a) && a.length === n && !(a instanceof BigInt64Array) && !(a instanceof BigUint64Array)) {
        out.set(a as unknown as ArrayLike<number>);
        return { kind: 'number', values: out, nullCount: 0 };
      }
    }
    const asString = id === TYPE.Int && o.int64 === 'string';
    if (asString) return readStrings(vector, o, n, true);
    const scale = logical.scale ?? 0;
    let i = 0;
    let nulls = 0;
    for (const x of values(vector)) {
      if (x === null || x === undefined) { out[i] = NaN; nulls++; }
      else if (typeof x === 'number') out[i] = x;
      else if (typeof x === 'bigint') out[i] = id === TYPE.Decimal ? decimalNumber(x, scale, o, i) : int64ToNumber(x, o, i);
      else if (id === TYPE.Decimal) out[i] = decimalNumber(x, scale, o, i);
      else {
        throw new CrmError('INVALID_INPUT', `${o.fn}: Arrow column '${o.column}' row ${i} is ${describeValue(x)}; expected a number.`, { column: o.column, row: i });
      }
      i++;
    }
    return { kind: 'number', values: out, nullCount: nulls };
  }
  if (id === TYPE.Timestamp || id === TYPE.Date) {
    const out = new Float64Array(n);
    let i = 0;
    let nulls = 0;
    for (const x of values(vector)) {
      if (x === null || x === undefined) { out[i] = NaN; nulls++; }
      else out[i] = temporalMs(x, logical, o, i);
      i++;
    }
    return { kind: 'date', values: out, nullCount: nulls };
  }
  if (id === TYPE.Utf8 || id === TYPE.LargeUtf8 || id === TYPE.Utf8View) return readStrings(vector, o, n, false);
  if (id === TYPE.Bool) {
    const out: (boolean | null)[] = new Array(n);
    let i = 0;
    let nulls = 0;
    for (const x of values(vector)) {
      if (x === null || x === undefined) { out[i] = null; nulls++; }
      else out[i] = Boolean(x);
      i++;
    }
    return { kind: 'boolean', values: out, nullCount: nulls };
  }
  throw unsupported(o, logical);
}

function readStrings(vector: ArrowVectorLike, o: ReadArrowOptions, n: number, int64: boolean): ArrowColumn {
  const out: (string | null)[] = new Array(n);
  let i = 0;
  let nulls = 0;
  for (const x of values(vector)) {
    if (x === null || x === undefined) { out[i] = null; nulls++; }
    else if (typeof x === 'string') out[i] = x;
    else if (int64 && (typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x)))) out[i] = String(x);
    else {
      throw new CrmError('INVALID_INPUT', `${o.fn}: Arrow column '${o.column}' row ${i} is ${describeValue(x)}; expected a string.`, { column: o.column, row: i });
    }
    i++;
  }
  return { kind: 'string', values: out, nullCount: nulls };
}

/**
 * Plain JavaScript values for one Arrow column, as row objects would hold them: numbers and epoch
 * milliseconds in a Float64Array (null as NaN), strings and booleans in arrays (null kept). O(n).
 * @throws CrmError as {@link readArrowVector}.
 * @example
 * const vector = { length: 2, type: { typeId: 5 }, nullCount: 0, get: (i: number) => ['a', 'b'][i], toArray: () => ['a', 'b'] };
 * arrowVectorValues(vector, { fn: 'fpGrowth', column: 'item' }); // => ['a', 'b']
 */
export function arrowVectorValues(vector: ArrowVectorLike, options: ReadArrowOptions): Float64Array | (string | null)[] | (boolean | null)[] {
  return readArrowVector(vector, options).values;
}

/**
 * An Arrow table as columns of plain values (see {@link arrowVectorValues}), for readers that take
 * `{ name: ArrayLike }` columns. Only the named columns are converted (all when `names` is omitted).
 * O(rows * columns read).
 * @throws CrmError `INVALID_OPTION` for a name the table does not have; as {@link readArrowVector}.
 * @example
 * const table = { numRows: 1, schema: { fields: [{ name: 'item' }] },
 *   getChild: () => ({ length: 1, type: { typeId: 5 }, nullCount: 0, get: () => 'milk', toArray: () => ['milk'] }) };
 * arrowToColumns(table, { fn: 'fpGrowth' }); // => { item: ['milk'] }
 */
export function arrowToColumns(
  table: ArrowTableLike,
  options: { fn: string; names?: readonly string[]; option?: string; int64?: 'number' | 'string' | Readonly<Record<string, 'number' | 'string'>> },
): Record<string, Float64Array | (string | null)[] | (boolean | null)[]> {
  const names = options.names ?? arrowColumnNames(table);
  const out: Record<string, Float64Array | (string | null)[] | (boolean | null)[]> = {};
  for (const name of names) {
    const v = getArrowColumn(table, name, options.fn, options.option ?? 'columns');
    if (v.length !== table.numRows) {
      throw new CrmError('LENGTH_MISMATCH', `${options.fn}: Arrow column '${name}' has ${v.length} values but the table has ${table.numRows} rows.`, { column: name });
    }
    const int64 = typeof options.int64 === 'object' ? options.int64[name] : options.int64;
    out[name] = arrowVectorValues(v, { fn: options.fn, column: name, int64: int64 ?? 'number' });
  }
  return out;
}
