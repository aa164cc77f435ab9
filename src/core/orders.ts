/**
 * Order lines at the edge: row objects with accessors, or columns, read once into typed arrays with
 * customers (and orders) mapped to dense integer ids. Shared by RFM, lifecycle and CLV.
 * @module
 */
import { CrmError, describeValue } from './errors.js';
import { describeCut, isoFastMs, isoInstant, MAX_DATE_MS, parseDate, parseDateOrUndefined, type Cut, type DateInput, type LaterLines } from './dates.js';
import { checkAccessor, missingPropertyError } from './accessor.js';
import { createIdTable, digitStringOrder, idOf, numberOrder, type IdTable } from './idTable.js';
import { lineColumns, lineScratchOwner, releaseLineColumns, type LineColumns } from './lineScratch.js';
import { arrowColumnNames, arrowVectorValues, getArrowColumn, isArrowTable, isArrowVector, type ArrowTableLike, type ArrowVectorLike } from './arrow.js';

/** The previous line's value before the first line: a fresh object, equal to no value read. */
const NOT_READ = {};

/** A customer or order id: strings and numbers are distinct (`"1"` is not `1`). */
export type Id = string | number;

/** Reads a field from a row: a function, or the name of a property. */
export type Accessor<R, T> = ((row: R, index: number) => T) | keyof R;

/** Order lines as columns of equal length: arrays, typed arrays, or Arrow vectors (`table.getChild(name)`). */
export interface OrderColumns {
  customer: ArrayLike<Id | null | undefined> | ArrowVectorLike;
  date: ArrayLike<DateInput> | ArrowVectorLike;
  amount?: ArrayLike<number> | ArrowVectorLike;
  orderId?: ArrayLike<Id> | ArrowVectorLike;
}

/** How to read order lines given as row objects. Defaults read the properties of the same name. */
export interface OrderAccessors<R> {
  /** @defaultValue 'customer' */
  customer?: Accessor<R, Id | null | undefined>;
  /** @defaultValue 'date' */
  date?: Accessor<R, DateInput>;
  /** @defaultValue 'amount' (only read when the caller needs amounts) */
  amount?: Accessor<R, number>;
  /** Optional: distinct orders are counted when given. */
  orderId?: Accessor<R, Id>;
}

/** Order lines in typed arrays. Customers are numbered 0..customers.length-1 in ascending id order. */
export interface OrderTable {
  /** Lines kept. */
  readonly n: number;
  /** Dense customer index per line. */
  readonly customer: Int32Array;
  /** Customer ids by dense index, ascending (numbers first, ascending; then strings by code unit). */
  readonly customers: Id[];
  /** Epoch milliseconds per line. */
  readonly date: Float64Array;
  /** Amount per line, or null when amounts were not asked for. */
  readonly amount: Float64Array | null;
  /** Dense order index per line, or null when no orderId was given. */
  readonly order: Int32Array | null;
  /** Number of distinct orders (0 when no orderId). */
  readonly orderCount: number;
  /** Original row index per kept line. */
  readonly sourceRow: Int32Array;
  /** Lines dropped for a missing customer id (only with `missingCustomer: 'drop'`). */
  readonly droppedMissingCustomer: number;
  /** Lines dropped because they are dated after the cut (only with `laterLines: 'drop'`). */
  readonly droppedLaterLines: number;
  /** The per-line columns are views of the reused buffer (`transient`); free it with {@link releaseOrders}. */
  readonly scratch: boolean;
}

/** Options of {@link readOrders}. */
export interface ReadOrdersOptions<R> extends OrderAccessors<R> {
  /** Whether an amount must be read. */
  needAmount: boolean;
  /** `refuse` (default) throws on a missing customer id; `drop` drops and counts the line. */
  missingCustomer?: 'refuse' | 'drop';
  /** Lines dated after this cut (see {@link parseCut}) are refused or dropped, per `laterLines`. */
  cut?: Cut;
  /** The cut option's name, for messages. @defaultValue 'asOf' */
  cutName?: string;
  /** `refuse` (default) throws `INVALID_ORDER` on lines after the cut; `drop` drops and counts them. */
  laterLines?: LaterLines;
  /** Name of the calling function, for messages. */
  fn: string;
  /**
   * The caller reads the table and drops it before it returns, calling {@link releaseOrders}: the
   * per-line columns may then be views of one reused buffer (core/lineScratch.ts). @defaultValue false
   */
  transient?: boolean;
}

/**
 * Compares ids: numbers before strings, numbers ascending, strings by code unit.
 * @example
 * [10, 'b', 2, 'a'].sort(compareIds); // => [2, 10, 'a', 'b']
 */
export function compareIds(a: Id, b: Id): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ids of a table's keys in {@link compareIds} order (`order[rank]` = id). Digit strings only (CSV
 * ids) need no string sort, nor a read of the strings: the table keeps for each its code-unit rank
 * key (the value padded to 9 digits, then the length: '10' < '100' < '11' < '9'), one number. Small
 * non-negative integers are read in value order from the table's window. Other all-string or all-number keys sort natively,
 * several times faster than a comparator (the default sort orders strings by code unit, as
 * compareIds does); the table maps them back without a second Map. Mixed keys use compareIds.
 */
function idOrder(t: IdTable<Id>): Int32Array {
  const ids = t.keys;
  const c = ids.length;
  if (t.digitStrings === c) return digitStringOrder(t);
  // Only small non-negative integers: their value window, read in order, is already sorted.
  if (t.digitStrings === 0 && t.map.size === 0) return numberOrder(t);
  const order = new Int32Array(c);
  let strings = 0;
  for (let i = 0; i < c; i++) if (typeof ids[i] === 'string') strings++;
  if (strings > 0 && strings < c) {
    const byId = Array.from({ length: c }, (_, i) => i).sort((a, b) => compareIds(ids[a]!, ids[b]!));
    for (let r = 0; r < c; r++) order[r] = byId[r]!;
    return order;
  }
  const sorted: ArrayLike<Id> = strings === 0 ? Float64Array.from(ids as number[]).sort() : (ids as string[]).slice().sort();
  for (let r = 0; r < c; r++) order[r] = idOf(t, sorted[r]!);
  return order;
}

/**
 * The id of customer or order id `v` in `t`, or -1 (nothing added) when `v` is not an id: not a
 * string or a finite number, or the empty string.
 */
function lineIdOf(t: IdTable<Id>, v: unknown): number {
  if (typeof v === 'string' ? v === '' : typeof v !== 'number' || !Number.isFinite(v)) return -1;
  return idOf(t, v as Id);
}

function isMissingId(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

/** Why an id that is not missing is refused, or undefined when it is a string or a finite number. */
function badIdReason(v: unknown, what: string): string | undefined {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return undefined;
  if (typeof v === 'number') return `${v}; ${what} must be a string or a finite number (JSON would turn ${v} into null)`;
  if (typeof v === 'bigint') return `a bigint (${v}n); ${what} must be a string or a number. Convert with Number() (exact up to 2^53) or String(), e.g. Array.from(column, Number) for a BigInt64Array`;
  return `${describeValue(v)}; ${what} must be a string or a finite number`;
}

/** Arrays and typed arrays (not DataView): what a column may be. */
function isColumn(c: unknown): c is ArrayLike<unknown> {
  return Array.isArray(c) || (ArrayBuffer.isView(c) && !(c instanceof DataView));
}

/**
 * A property accessor (or default key) that no row has is a misspelt key, not missing values:
 * throws {@link missingPropertyError} on the first row. Costs O(1) when the first row has the key.
 */
function checkPropertyExists(fn: string, rows: readonly unknown[], option: string, key: unknown): void {
  if (typeof key !== 'string' && typeof key !== 'number') return;
  const first = rows[0];
  if (first === null || typeof first !== 'object') return;
  if ((first as Record<PropertyKey, unknown>)[key] !== undefined || key in first) return;
  // The first line may legitimately lack the value (a guest order): look for any line that has it.
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (r !== null && typeof r === 'object' && key in r) return;
  }
  const e = missingPropertyError(fn, 'orders', 0, first, option, key);
  if (e) throw e;
}

const ORDER_FIELDS = ['customer', 'date', 'amount', 'orderId'] as const;

/** Order lines as an Arrow table (apache-arrow, DuckDB, Polars, arquero, flechette). */
export type { ArrowTableLike } from './arrow.js';

/** What the order functions take: row objects, columns, or an Arrow table. */
export type OrderInput<R> = readonly R[] | OrderColumns | ArrowTableLike;

/**
 * True when orders given as `input` name their fields by column (columns or an Arrow table) and
 * have a column `name` (the option's value when it is a string, else the default name). O(columns).
 * @example
 * hasOrderColumn({ customer: [1], date: [0], orderId: [7] }, undefined, 'orderId'); // => true
 */
export function hasOrderColumn(input: unknown, option: unknown, key: string): boolean {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return false;
  if (isArrowTable(input)) return arrowColumnNames(input).includes(typeof option === 'string' ? option : key);
  return (input as Record<string, unknown>)[key] !== undefined;
}

/**
 * The order columns of an Arrow table: the accessor options name its columns (default names
 * `customer`, `date`, `amount`, `orderId`). Timestamps (s to ns, BigInt included) and dates become
 * epoch ms; dictionary-encoded strings, strings; Int64 ids, numbers (refused beyond 2^53). The
 * amount is read when asked for; orderId when named or present. O(n).
 */
function arrowOrderColumns<R>(table: ArrowTableLike, options: ReadOrdersOptions<R>, fn: string): OrderColumns {
  const read = (key: (typeof ORDER_FIELDS)[number]) => {
    const a = options[key];
    if (typeof a === 'function') {
      throw new CrmError('INVALID_OPTION', `${fn}: option '${key}' is a function, but the orders are an Arrow table; name the column instead (${key}: 'ColumnName').`, { option: key });
    }
    const name = a === undefined ? key : String(a);
    return arrowVectorValues(getArrowColumn(table, name, fn, key), { fn, column: name }) as unknown as ArrayLike<never>;
  };
  const out: OrderColumns = { customer: read('customer'), date: read('date') };
  if (options.needAmount) out.amount = read('amount');
  if (options.orderId !== undefined || arrowColumnNames(table).includes('orderId')) out.orderId = read('orderId');
  return out;
}

/**
 * Reads order lines (rows with accessors, columns, or an Arrow table) into an {@link OrderTable}. O(n log c) for c
 * customers. The input is never mutated. With a `cut`, lines dated after it are refused
 * (`INVALID_ORDER` naming the first, its date and the count) or, with `laterLines: 'drop'`,
 * dropped and counted.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `INVALID_OPTION` (accessors, a property no row
 *   has), `MISSING_VALUE`, `INVALID_DATE`, `NON_FINITE`, `LENGTH_MISMATCH`, `INVALID_ORDER`
 * @example
 * readOrders([{ customer: 'a', date: '2024-01-02', amount: 5 }], { needAmount: true, fn: 'rfmScore' }).customers; // => ['a']
 */
export function readOrders<R>(input: OrderInput<R>, options: ReadOrdersOptions<R>): OrderTable {
  if (options.transient !== true) return readOrderLines(input, options);
  const before = lineScratchOwner();
  try {
    return readOrderLines(input, options);
  } catch (e) {
    // Refused input, or a row getter that threw: free the buffer this call took.
    const now = lineScratchOwner();
    if (now !== null && now !== before) releaseLineColumns(now);
    throw e;
  }
}

function readOrderLines<R>(input: OrderInput<R>, options: ReadOrdersOptions<R>): OrderTable {
  const { fn } = options;
  const isRows = Array.isArray(input);
  if (!isRows && (input === null || typeof input !== 'object')) {
    throw new CrmError('INVALID_INPUT', `${fn}: orders must be an array of order lines or an object of columns; got ${describeValue(input)}.`);
  }
  for (const key of ['customer', 'date', 'amount', 'orderId'] as const) {
    if (options[key] !== undefined) checkAccessor(fn, key, options[key]);
  }
  const rows = isRows ? (input as readonly R[]) : null;
  let cols = isRows ? null : (input as unknown as Record<string, ArrayLike<unknown> | undefined>);
  if (isArrowTable(input)) cols = arrowOrderColumns(input, options, fn) as unknown as Record<string, ArrayLike<unknown> | undefined>;
  else if (cols && ORDER_FIELDS.some((key) => isArrowVector(cols![key]))) {
    // Columns given as Arrow vectors (table.getChild('...')): converted once, the input untouched.
    const read: Record<string, ArrayLike<unknown> | undefined> = { ...cols };
    for (const key of ORDER_FIELDS) {
      const v: unknown = cols[key];
      if (isArrowVector(v)) read[key] = arrowVectorValues(v, { fn, column: key });
    }
    cols = read;
  }
  if (cols) {
    if (cols.customer === undefined || cols.date === undefined) {
      throw new CrmError('INVALID_INPUT', `${fn}: orders must be an array of order lines or an object of columns; the columns need at least 'customer' and 'date' arrays (got ${Object.keys(cols).slice(0, 8).join(', ') || 'no keys'}).`);
    }
    for (const key of ['customer', 'date', 'amount', 'orderId']) {
      const c: unknown = cols[key];
      if (c !== undefined && !isColumn(c)) {
        const hint = c !== null && typeof c === 'object' && typeof (c as { toArray?: unknown }).toArray === 'function' ? ' For an Arrow Vector, pass vector.toArray().' : '';
        throw new CrmError('INVALID_INPUT', `${fn}: column '${key}' must be an array (or a typed array); got ${describeValue(c)}.${hint}`, { column: key });
      }
    }
  }
  const n = rows ? rows.length : cols!.customer!.length;
  if (n === 0) throw new CrmError('EMPTY_INPUT', `${fn}: there are no order lines; pass at least one.`);
  if (cols) {
    for (const key of ['date', 'amount', 'orderId']) {
      const c = cols[key];
      if (c !== undefined && c.length !== n) {
        throw new CrmError('LENGTH_MISMATCH', `${fn}: column '${key}' has ${c.length} values but 'customer' has ${n}.`, { column: key });
      }
    }
  }
  const cut = options.cut;
  const cutName = options.cutName ?? 'asOf';
  const dropLater = options.laterLines === 'drop';
  const lastIn = cut ? cut.lastIn : Infinity;
  const transient = options.transient === true;
  if (cols) {
    const fast = readIntegerIdColumns(cols, n, options.needAmount, fn, lastIn);
    if (fast) return fast;
  }
  if (rows) {
    checkPropertyExists(fn, rows, 'customer', options.customer ?? 'customer');
    checkPropertyExists(fn, rows, 'date', options.date ?? 'date');
    if (options.needAmount) checkPropertyExists(fn, rows, 'amount', options.amount ?? 'amount');
    if (options.orderId !== undefined) checkPropertyExists(fn, rows, 'orderId', options.orderId);
  }
  // Each field is read through a property key (inline, so each read site sees one key and one row
  // shape: a shared getter closure goes megamorphic over four keys), a function, or a column.
  const field = (a: unknown, key: string) => (rows ? (a ?? key) : cols![key]);
  const custF = field(options.customer, 'customer');
  const dateF = field(options.date, 'date');
  const amountF = options.needAmount ? field(options.amount, 'amount') : undefined;
  if (options.needAmount && amountF === undefined) {
    throw new CrmError('INVALID_INPUT', `${fn}: amounts are needed; pass an 'amount' column or accessor.`);
  }
  const orderF = cols ? cols.orderId : options.orderId;
  const keyOf = (f: unknown) => (rows && typeof f !== 'function' ? (f as PropertyKey) : undefined);
  const fnOf = (f: unknown) => (rows && typeof f === 'function' ? (f as (row: R, i: number) => unknown) : undefined);
  const colOf = (f: unknown) => (cols ? (f as ArrayLike<unknown> | undefined) : undefined);
  const custK = keyOf(custF), custFn = fnOf(custF), custC = colOf(custF);
  const dateK = keyOf(dateF), dateFn = fnOf(dateF), dateC = colOf(dateF);
  const amountK = keyOf(amountF), amountFn = fnOf(amountF), amountC = colOf(amountF);
  const orderK = keyOf(orderF), orderFn = fnOf(orderF), orderC = colOf(orderF);
  const hasAmount = amountF !== undefined;
  const hasOrder = orderF !== undefined;
  const drop = options.missingCustomer === 'drop';
  const where = (i: number, field: string) => (rows ? `${fn}: orders[${i}].${field}` : `${fn}: column '${field}' at row ${i}`);
  // Checked at the first property read of a row (the customer's when it is a property).
  const notObject = (i: number, row: unknown) => new CrmError('INVALID_INPUT', `row ${i} is ${describeValue(row)}; each order line must be an object.`, { row: i });

  const limit = Math.max(1 << 20, 4 * n);
  if (custK !== undefined && dateK !== undefined && (!hasAmount || amountK !== undefined) && (!hasOrder || orderK !== undefined)) {
    const fast = readKeyedRows(rows as readonly unknown[], n, custK, dateK, amountK, orderK, hasAmount, hasOrder, lastIn, dropLater, limit, transient);
    if (fast) return fast;
  }

  const lines = lineColumns(n, hasAmount, hasOrder, transient);
  const { customer: custIdx, date, amount, order: orderIdx } = lines;
  // Built at the first dropped line; until then line i is row i.
  let sourceRow: Int32Array | null = null;
  const custIds = createIdTable<Id>(limit);
  const orderIds = createIdTable<Id>(limit);
  let kept = 0;
  let dropped = 0;
  let later = 0;
  let firstLater = -1;
  let firstLaterDate = 0;
  // Lines of one order usually repeat its date string: remember the last one read.
  let lastDateString: string | undefined;
  let lastDateValue = 0;
  // Likewise the lines of one order repeat its customer and order ids: an id equal to the previous
  // line's (always a valid id, or nothing yet) takes the previous index without a lookup.
  let lastCustomer: unknown = NOT_READ;
  let lastCustomerIndex = -1;
  let lastOrder: unknown = NOT_READ;
  let lastOrderIndex = -1;
  for (let i = 0; i < n; i++) {
    const row = rows ? (rows[i] as unknown) : undefined;
    let c: unknown;
    if (custC) c = custC[i];
    else if (custK !== undefined) {
      if (row === null || typeof row !== 'object') throw notObject(i, row);
      c = (row as Record<PropertyKey, unknown>)[custK];
    } else c = custFn!(row as R, i);
    // The previous line's id is not missing: skip the test on the common case.
    const same = c === lastCustomer;
    if (!same && isMissingId(c)) {
      if (drop) { if (dropped++ === 0 && later === 0) sourceRow = identityRows(n, kept); continue; }
      throw new CrmError('MISSING_VALUE', `${where(i, 'customer')} is ${describeValue(c)}. Every order line needs a customer id; pass missingCustomer: 'drop' to drop and count such lines.`, { row: i, field: 'customer' });
    }
    let dv: unknown;
    if (dateC) dv = dateC[i];
    else if (dateK !== undefined) {
      if (custK === undefined && (row === null || typeof row !== 'object')) throw notObject(i, row);
      dv = (row as Record<PropertyKey, unknown>)[dateK];
    } else dv = dateFn!(row as R, i);
    let t: number;
    if (typeof dv === 'number' && dv <= MAX_DATE_MS && dv >= -MAX_DATE_MS) t = dv;
    else if (typeof dv === 'string' && dv === lastDateString) t = lastDateValue;
    else {
      const parsed = parseDateOrUndefined(dv);
      t = parsed === undefined ? parseDate(dv, where(i, 'date')) : parsed;
      if (typeof dv === 'string') { lastDateString = dv; lastDateValue = t; }
    }
    if (t > lastIn) {
      if (later++ === 0) { firstLater = i; firstLaterDate = t; if (dropped === 0) sourceRow = identityRows(n, kept); }
      continue;
    }
    let ci: number;
    if (same) ci = lastCustomerIndex;
    else {
      ci = lineIdOf(custIds, c);
      if (ci < 0) throw new CrmError('INVALID_INPUT', `${where(i, 'customer')} is ${badIdReason(c, 'a customer id')!}.`, { row: i, field: 'customer' });
      lastCustomer = c; lastCustomerIndex = ci;
    }
    custIdx[kept] = ci;
    date[kept] = t;
    if (amount) {
      let a: unknown;
      if (amountC) a = amountC[i];
      else if (amountK !== undefined) {
        if (custK === undefined && (row === null || typeof row !== 'object')) throw notObject(i, row);
        a = (row as Record<PropertyKey, unknown>)[amountK];
      } else a = amountFn!(row as R, i);
      if (typeof a !== 'number') {
        throw new CrmError('INVALID_INPUT', `${where(i, 'amount')} is ${describeValue(a)}; an amount must be a number.`, { row: i, field: 'amount' });
      }
      if (!Number.isFinite(a)) {
        throw new CrmError('NON_FINITE', `${where(i, 'amount')} is ${a}; amounts must be finite. Clean or drop that line.`, { row: i, field: 'amount' });
      }
      amount[kept] = a;
    }
    if (orderIdx) {
      let o: unknown;
      if (orderC) o = orderC[i];
      else if (orderK !== undefined) {
        if (custK === undefined && (row === null || typeof row !== 'object')) throw notObject(i, row);
        o = (row as Record<PropertyKey, unknown>)[orderK];
      } else o = orderFn!(row as R, i);
      let oi: number;
      if (o === lastOrder) oi = lastOrderIndex;
      else {
        oi = lineIdOf(orderIds, o);
        if (oi < 0) {
          if (isMissingId(o)) {
            throw new CrmError('MISSING_VALUE', `${where(i, 'orderId')} is ${describeValue(o)}; an order id must be a non-empty string or a number.`, { row: i, field: 'orderId' });
          }
          throw new CrmError('INVALID_INPUT', `${where(i, 'orderId')} is ${badIdReason(o, 'an order id')!}.`, { row: i, field: 'orderId' });
        }
        lastOrder = o; lastOrderIndex = oi;
      }
      orderIdx[kept] = oi;
    }
    if (sourceRow) sourceRow[kept] = i;
    kept++;
  }
  if (later > 0 && (!dropLater || kept === 0)) throw laterLinesError(fn, rows !== null, cut!, cutName, n, later, firstLater, firstLaterDate, dropLater, kept);
  if (kept === 0) throw new CrmError('EMPTY_INPUT', `${fn}: all ${n} order lines were dropped for a missing customer id.`);
  return finishTable(kept, custIdx, custIds, date, amount, orderIdx, orderIds.keys.length, sourceRow, dropped, later, lines.scratch);
}

/**
 * Frees the reused buffer a `transient` table's columns are views of (nothing for other tables).
 * The table's per-line columns must not be read after. O(1).
 * @example
 * const t = readOrders([{ customer: 'a', date: '2024-01-02', amount: 5 }], { needAmount: true, fn: 'rfmScore', transient: true });
 * releaseOrders(t); // => undefined
 */
export function releaseOrders(t: OrderTable): void {
  releaseLineColumns(t);
}

/** Renumbers customers in ascending id order (so ties broken by index are broken by id) and trims the columns to the kept lines. */
function finishTable(kept: number, custIdx: Int32Array, custIds: IdTable<Id>, date: Float64Array, amount: Float64Array | null, orderIdx: Int32Array | null, orderCount: number, sourceRow: Int32Array | null, dropped: number, later: number, scratch: boolean): OrderTable {
  const order = idOrder(custIds);
  const c = order.length;
  const remap = new Int32Array(c);
  const customers: Id[] = new Array(c);
  for (let r = 0; r < c; r++) { remap[order[r]!] = r; customers[r] = custIds.keys[order[r]!]!; }
  for (let i = 0; i < kept; i++) custIdx[i] = remap[custIdx[i]!]!;
  const trim = kept < custIdx.length;
  return withSourceRows({
    n: kept,
    customer: trim ? custIdx.subarray(0, kept) : custIdx,
    customers,
    date: trim ? date.subarray(0, kept) : date,
    amount: amount && trim ? amount.subarray(0, kept) : amount,
    order: orderIdx && trim ? orderIdx.subarray(0, kept) : orderIdx,
    orderCount,
    droppedMissingCustomer: dropped,
    droppedLaterLines: later,
    scratch,
  }, sourceRow && trim ? sourceRow.subarray(0, kept) : sourceRow);
}

/** An array of n source rows whose first `kept` entries are 0..kept-1. */
function identityRows(n: number, kept: number): Int32Array {
  const rows = new Int32Array(n);
  for (let k = 0; k < kept; k++) rows[k] = k;
  return rows;
}

/**
 * The table with its `sourceRow`: the rows given, or (null) every line kept, line i from row i,
 * built only when read: only error messages and anomaly reports read it, so the usual run skips
 * an array of n and a pass. Every table gets the same accessor, so readers see one shape.
 */
function withSourceRows(t: Omit<OrderTable, 'sourceRow'>, rows: Int32Array | null): OrderTable {
  let cached = rows;
  return Object.defineProperty(t as OrderTable, 'sourceRow', {
    enumerable: true,
    get: () => {
      cached ??= identityRows(t.n, t.n);
      return cached;
    },
  });
}

/**
 * The usual row input read without the general loop's per-line dispatch: every field a property
 * key, every row an object, customer and order ids non-empty strings or finite numbers, dates
 * numbers or ISO strings, amounts finite numbers, and lines after the cut only with laterLines:
 * 'drop'. Returns null at the first line that is anything else; the general loop then reads the
 * input from the start and throws the error (or drops the lines) as it always has, so both paths
 * give the same table. A property that no row has was refused before. O(n).
 */
function readKeyedRows(rows: readonly unknown[], n: number, custK: PropertyKey, dateK: PropertyKey, amountK: PropertyKey | undefined, orderK: PropertyKey | undefined, hasAmount: boolean, hasOrder: boolean, lastIn: number, dropLater: boolean, limit: number, transient: boolean): OrderTable | null {
  const lines = lineColumns(n, hasAmount, hasOrder, transient);
  const table = readKeyedLines(rows, n, custK, dateK, amountK, orderK, lastIn, dropLater, limit, lines);
  // The general loop reads the input again (a throw is readOrders' to clean up).
  if (table === null) releaseLineColumns(lines);
  return table;
}

function readKeyedLines(rows: readonly unknown[], n: number, custK: PropertyKey, dateK: PropertyKey, amountK: PropertyKey | undefined, orderK: PropertyKey | undefined, lastIn: number, dropLater: boolean, limit: number, lines: LineColumns): OrderTable | null {
  const { customer: custIdx, date, amount, order: orderIdx } = lines;
  const custIds = createIdTable<Id>(limit);
  const orderIds = createIdTable<Id>(limit);
  let kept = 0;
  let later = 0;
  let sourceRow: Int32Array | null = null;
  // The previous line's values (NOT_READ before the first line).
  let lastDate: unknown = NOT_READ, lastT = 0;
  let lastC: unknown = NOT_READ, lastCi = -1;
  let lastO: unknown = NOT_READ, lastOi = -1;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as Record<PropertyKey, unknown>;
    if (row === null || typeof row !== 'object') return null;
    const c = row[custK];
    // A missing id (even on a line after the cut) is the general loop's to refuse or drop.
    const same = c === lastC;
    if (!same && (c === null || c === undefined || c === '' || c !== c)) return null;
    const dv = row[dateK];
    let t: number;
    if (dv === lastDate) t = lastT;
    else if (typeof dv === 'number' && dv <= MAX_DATE_MS && dv >= -MAX_DATE_MS) t = dv;
    else {
      t = typeof dv === 'string' ? isoFastMs(dv) : Number.NaN;
      if (t !== t) {
        const parsed = parseDateOrUndefined(dv);
        if (parsed === undefined) return null;
        t = parsed;
      }
      lastDate = dv; lastT = t;
    }
    if (t > lastIn) {
      if (!dropLater) return null;
      if (later++ === 0) sourceRow = identityRows(n, kept);
      continue;
    }
    let ci: number;
    if (same) ci = lastCi;
    else {
      ci = lineIdOf(custIds, c);
      if (ci < 0) return null;
      lastC = c; lastCi = ci;
    }
    custIdx[kept] = ci;
    date[kept] = t;
    if (amount) {
      const a = row[amountK!];
      if (typeof a !== 'number' || !Number.isFinite(a)) return null;
      amount[kept] = a;
    }
    if (orderIdx) {
      const o = row[orderK!];
      let oi: number;
      if (o === lastO) oi = lastOi;
      else {
        oi = lineIdOf(orderIds, o);
        if (oi < 0) return null;
        lastO = o; lastOi = oi;
      }
      orderIdx[kept] = oi;
    }
    if (sourceRow) sourceRow[kept] = i;
    kept++;
  }
  if (kept === 0) return null;
  return finishTable(kept, custIdx, custIds, date, amount, orderIdx, orderIds.keys.length, sourceRow, 0, later, lines.scratch);
}

function laterLinesError(fn: string, isRows: boolean, cut: Cut, cutName: string, n: number, later: number, row: number, t: number, dropped: boolean, kept: number): CrmError {
  const line = isRows ? `orders[${row}]` : `row ${row}`;
  const all = kept === 0 && later === n;
  const message = dropped
    ? `${fn}: every order line is dated after ${describeCut(cutName, cut)} (the first, ${line}, is on ${isoInstant(t)}), so none is left with laterLines: 'drop'. Pass a later ${cutName}.`
    : `${fn}: ${later} of the ${n} order lines ${later === 1 ? 'is' : 'are'} dated after ${describeCut(cutName, cut)}; the first is ${line}, on ${isoInstant(t)}.` +
      (all ? ` Every line is after it: ${cutName} is before the first order.` : '') +
      ` Pass laterLines: 'drop' to leave them out (they are counted in the result), or a later ${cutName}.`;
  return new CrmError('INVALID_ORDER', message, { row, count: later, option: 'laterLines', cut: cut.instant });
}

const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array];

/** Dense ids for an integer typed array whose values lie in [0, limit), or null. Ids are numbered in ascending value order. */
function denseIntegerIds(values: ArrayLike<number>, n: number, limit: number): { index: Int32Array; ids: number[] } | null {
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < 0 || v >= limit) return null;
    if (v > max) max = v;
  }
  const slot = new Int32Array(max + 1);
  for (let i = 0; i < n; i++) slot[values[i]!] = 1;
  const ids: number[] = [];
  for (let v = 0; v <= max; v++) if (slot[v]) { slot[v] = ids.length; ids.push(v); }
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = slot[values[i]!]!;
  return { index, ids };
}

/**
 * Fast path for the common columnar form: customer (and order) ids in integer typed arrays of
 * moderate range, dates and amounts as numbers. No id can be missing there, and ids number in
 * ascending order without a sort or a Map. Returns null (use the general path) for anything else.
 */
function readIntegerIdColumns(cols: Record<string, ArrayLike<unknown> | undefined>, n: number, needAmount: boolean, fn: string, lastIn: number): OrderTable | null {
  const isInt = (c: unknown) => INTEGER_ARRAYS.some((T) => c instanceof T);
  const isNumbers = (c: unknown) => c instanceof Float64Array || isInt(c);
  const { customer, date, amount, orderId } = cols;
  if (!isInt(customer) || !isNumbers(date) || (needAmount && !isNumbers(amount)) || (orderId !== undefined && !isInt(orderId))) return null;
  const limit = Math.max(1 << 20, 4 * n);
  const cust = denseIntegerIds(customer as ArrayLike<number>, n, limit);
  const order = orderId === undefined ? null : denseIntegerIds(orderId as ArrayLike<number>, n, limit);
  if (!cust || (orderId !== undefined && !order)) return null;
  const dates = Float64Array.from(date as ArrayLike<number>);
  for (let i = 0; i < n; i++) {
    const t = dates[i]!;
    if (!(t <= MAX_DATE_MS && t >= -MAX_DATE_MS)) parseDate(t, `${fn}: column 'date' at row ${i}`);
    // Lines after the cut: the general path refuses or drops them.
    if (t > lastIn) return null;
  }
  let amounts: Float64Array | null = null;
  if (needAmount) {
    amounts = Float64Array.from(amount as ArrayLike<number>);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(amounts[i]!)) {
        throw new CrmError('NON_FINITE', `${fn}: column 'amount' at row ${i} is ${amounts[i]}; amounts must be finite. Clean or drop that line.`, { row: i, field: 'amount' });
      }
    }
  }
  return withSourceRows({
    n,
    customer: cust.index,
    customers: cust.ids,
    date: dates,
    amount: amounts,
    order: order ? order.index : null,
    orderCount: order ? order.ids.length : 0,
    droppedMissingCustomer: 0,
    droppedLaterLines: 0,
    scratch: false,
  }, null);
}
