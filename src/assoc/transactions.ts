/**
 * Transactions at the edge: baskets (arrays of items) or order lines with accessors, read once into
 * CSR form (offsets + dense item ids) with no one-hot matrix. Shared by fpGrowth and apriori.
 * @module
 */
import { checkAccessor, missingPropertyError } from '../core/accessor.js';
import { CrmError, describeValue } from '../core/errors.js';
import { createIdTable, idOf as idInTable, numberOrder } from '../core/idTable.js';
import { compareIds, type Accessor, type Id } from '../core/orders.js';
import { isColumnar, readTableColumns, type ColumnTable } from '../core/table.js';
import type { ArrowTableLike } from '../core/arrow.js';

/**
 * Transactions as users have them: baskets (arrays of items), order lines (row objects, with the
 * `item` and `orderId` or `customer` accessors), or order lines as columns or an Arrow table
 * (`{ transaction: [...], item: [...] }`; the item column is 'item' and the basket column 'transaction' unless the options name others).
 */
export type AssocTransactions<R = unknown> = readonly (readonly unknown[])[] | readonly R[] | ColumnTable | ArrowTableLike;

/** The basket column of order lines given as columns or an Arrow table, when no orderId or customer names one. */
export const DEFAULT_TRANSACTION_COLUMN = 'transaction';

/** An item: a string or a finite number. `"1"` and `1` are different items unless `itemIdentity: 'string'`. */
export type AssocItem = string | number;

/** How order lines are read when transactions are given as order lines instead of baskets. */
export interface AssocLineAccessors<R> {
  /** The item of a line. Giving it switches the input to order lines. */
  item?: Accessor<R, AssocItem>;
  /** The basket (order) of a line; lines with the same id form one basket. */
  orderId?: Accessor<R, Id>;
  /** The customer of a line; used as the basket when `orderId` is not given (one basket per customer). */
  customer?: Accessor<R, Id>;
}

/** Options shared by every function that reads transactions. */
export interface AssocInputOptions<R = unknown> extends AssocLineAccessors<R> {
  /**
   * `'strict'` keeps `"1"` and `1` apart; `'string'` reads every item as `String(item)`, so they merge
   * (results then hold strings).
   * @defaultValue 'strict'
   */
  itemIdentity?: 'strict' | 'string';
}

/** Baskets in CSR form. Item ids are dense, numbered in ascending item order (see compareIds). */
export interface EncodedBaskets {
  /** Number of baskets, empty ones included. */
  readonly n: number;
  /** Basket b holds ids `items[offsets[b] .. offsets[b + 1])`, distinct, in input order (the miners recode and sort them). */
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  /** The caller's item for each dense id. */
  readonly labels: AssocItem[];
  /** Number of baskets holding each item. */
  readonly itemCounts: Int32Array;
}

const SMALL_LIMIT = 1 << 22;

function lineValue<R>(row: R, i: number, accessor: Accessor<R, unknown>, fn: string): unknown {
  if (typeof accessor === 'function') return accessor(row, i);
  return (row as Record<PropertyKey, unknown>)[accessor as PropertyKey];
}

/** Checks the `item`, `orderId` and `customer` accessor options that are given (checkAccessor). */
export function checkInputAccessors<R>(fn: string, o: AssocLineAccessors<R>): void {
  for (const name of ['item', 'orderId', 'customer'] as const) {
    if (o[name] !== undefined) checkAccessor(fn, name, o[name]);
  }
}

/**
 * Refuses a row that is a hole of a sparse array, `undefined` or `null` (INVALID_INPUT with its
 * index), and, for property accessors, a row that is not an object.
 */
export function checkRow(rows: readonly unknown[], i: number, fn: string, argument: string, needsObject: boolean): void {
  const row = rows[i];
  if (row === undefined || row === null) {
    const what = row === undefined && !(i in rows) ? 'an empty slot (a hole in a sparse array)' : describeValue(row);
    throw new CrmError('INVALID_INPUT', `${fn}: ${argument}[${i}] is ${what}; every row must be an object. Remove empty rows before the call.`, { row: i, argument });
  }
  if (needsObject && typeof row !== 'object') {
    throw new CrmError('INVALID_INPUT', `${fn}: ${argument}[${i}] is ${describeValue(row)}; each row must be an object (or give accessor functions).`, { row: i, argument });
  }
}

/** A customer or order id: a non-empty string or a finite number (MISSING_VALUE, INVALID_INPUT for ±Infinity). */
export function checkKey(value: unknown, where: string, field: string, row: number): Id {
  // BIGINT ids (DuckDB, BigInt64Array) are exact as numbers up to 2^53 - 1, as Arrow Int64 columns are read.
  if (typeof value === 'bigint') {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
    throw new CrmError('INVALID_INPUT', `${where} has ${field} ${value}n, beyond 2^53 - 1, so no number holds it exactly; cast it to a string (CAST(${field} AS VARCHAR), or String()).`, { row, field });
  }
  if (value === null || value === undefined || value === '' || (typeof value !== 'string' && typeof value !== 'number') || Number.isNaN(value)) {
    throw new CrmError('MISSING_VALUE', `${where} has ${field} ${describeValue(value)}; every row needs a string or number ${field}.`, { row, field });
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new CrmError('INVALID_INPUT', `${where} has ${field} ${value}; an id must be a string or a finite number (JSON writes ${value} as null, so two such ids would merge).`, { row, field });
  }
  return value;
}

/** Refuses anything that is not a usable item; returns the item under the chosen identity. */
export function checkItem(value: unknown, where: string, identity: 'strict' | 'string'): AssocItem {
  if (value === null || value === undefined) {
    throw new CrmError('MISSING_VALUE', `${where} is ${describeValue(value)}; an item must be a string or a finite number. Remove missing items before the call.`, { where });
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) {
      throw new CrmError('NON_FINITE', `${where} is NaN; an item must be a string or a finite number.`, { where });
    }
    if (!Number.isFinite(value)) {
      throw new CrmError('INVALID_INPUT', `${where} is ${value}; an item must be a string or a finite number (JSON writes ${value} as null).`, { where });
    }
    return identity === 'string' ? String(value) : value;
  }
  if (typeof value !== 'string') {
    throw new CrmError('INVALID_INPUT', `${where} is ${describeValue(value)}; an item must be a string or a finite number (map objects to an id first).`, { where });
  }
  return value;
}

/** Items given in an option (includeItems, excludeItems, rule filters), checked like data items. */
export function checkItemList(name: string, value: unknown, identity: 'strict' | 'string'): AssocItem[] {
  if (!Array.isArray(value)) {
    throw new CrmError('INVALID_OPTION', `${name} must be an array of items; got ${describeValue(value)}.`, { option: name });
  }
  return value.map((v, i) => {
    try {
      return checkItem(v, `${name}[${i}]`, identity);
    } catch (e) {
      throw new CrmError('INVALID_OPTION', (e as Error).message, { option: name });
    }
  });
}

/** Sorts a[from..to) ascending in place: insertion sort for the short runs baskets usually are. */
export function sortRun(a: Int32Array, from: number, to: number): void {
  if (to - from > 24) { a.subarray(from, to).sort(); return; }
  for (let i = from + 1; i < to; i++) {
    const v = a[i]!;
    let j = i;
    while (j > from && a[j - 1]! > v) { a[j] = a[j - 1]!; j--; }
    a[j] = v;
  }
}

/**
 * Reads baskets or order lines into {@link EncodedBaskets}. O(total items + d log d) for d distinct
 * items. Duplicates inside a basket count once; the input is never mutated.
 */
export function encodeBaskets<R>(input: unknown, options: AssocInputOptions<R>, fn: string): EncodedBaskets {
  const columnar = isColumnar(input) ? readLineColumns(input, options as AssocInputOptions<unknown>, fn) : null;
  if (!Array.isArray(input) && !columnar) {
    throw new CrmError('INVALID_INPUT', `${fn}: transactions must be an array of baskets (arrays of items) or of order lines; got ${describeValue(input)}.`, { argument: 'transactions' });
  }
  if ((columnar ? columnar.n : (input as unknown[]).length) === 0) {
    throw new CrmError('EMPTY_INPUT', `${fn}: there are no transactions; pass at least one basket.`, { argument: 'transactions' });
  }
  const identity = options.itemIdentity ?? 'strict';
  // First-seen items; small non-negative integers (FIMI-style ids) and digit strings skip its Map.
  const table = createIdTable<AssocItem>(SMALL_LIMIT);
  const firstLabels = table.keys;
  const idOf = (item: AssocItem): number => idInTable(table, item);
  let n: number;
  let raw: Int32Array;
  let offsets: Int32Array;
  if (columnar) {
    ({ n, raw, offsets } = groupLines(columnar.n, columnar.keyName, (i) => columnar.key[i], (i) => columnar.item[i], idOf, identity, fn));
  } else if (options.item === undefined) {
    const baskets = input as unknown[];
    n = baskets.length;
    let total = 0;
    for (let b = 0; b < n; b++) {
      const basket = baskets[b] as unknown;
      if (!Array.isArray(basket)) {
        throw new CrmError('INVALID_INPUT', `${fn}: transactions[${b}] is ${describeValue(basket)}; each basket must be an array of items. For order lines, pass the 'item' and 'orderId' accessors.`, { row: b });
      }
      total += basket.length;
    }
    raw = new Int32Array(total);
    offsets = new Int32Array(n + 1);
    let k = 0;
    for (let b = 0; b < n; b++) {
      const basket = baskets[b] as unknown[];
      for (let j = 0; j < basket.length; j++) {
        const v = basket[j];
        // Fast path for the common, already valid case; checkItem explains everything else.
        const item = typeof v === 'string' || (typeof v === 'number' && identity === 'strict' && Number.isFinite(v)) ? v : checkItem(v, `${fn}: transactions[${b}][${j}]`, identity);
        raw[k++] = idOf(item);
      }
      offsets[b + 1] = k;
    }
  } else {
    const lines = input as unknown[];
    const keyAccessor = options.orderId ?? options.customer;
    if (keyAccessor === undefined) {
      throw new CrmError('INVALID_OPTION', `${fn}: order lines need an 'orderId' accessor (one basket per order) or a 'customer' accessor (one basket per customer).`, { option: 'orderId' });
    }
    const keyName = options.orderId !== undefined ? 'orderId' : 'customer';
    const byProperty = typeof options.item !== 'function' || typeof keyAccessor !== 'function';
    // A key the first line lacks is a misspelt option, not a missing value.
    checkRow(lines, 0, fn, 'transactions', byProperty);
    const misspelt = missingPropertyError(fn, 'transactions', 0, lines[0], 'item', options.item) ?? missingPropertyError(fn, 'transactions', 0, lines[0], keyName, keyAccessor);
    if (misspelt) throw misspelt;
    const item = options.item;
    ({ n, raw, offsets } = groupLines(
      lines.length,
      keyName,
      (i) => {
        checkRow(lines, i, fn, 'transactions', byProperty);
        return lineValue(lines[i] as R, i, keyAccessor as Accessor<R, unknown>, fn);
      },
      (i) => lineValue(lines[i] as R, i, item, fn),
      idOf,
      identity,
      fn,
    ));
  }

  // Number items in ascending item order so that ids, outputs and ties never depend on input order.
  const d = firstLabels.length;
  let order: ArrayLike<number>;
  if (table.map.size === 0 && table.digitStrings === 0) {
    // Only small non-negative integers: their table, read in index order, is already sorted.
    order = numberOrder(table);
  } else {
    order = Array.from({ length: d }, (_, i) => i).sort((a, b) => compareIds(firstLabels[a]!, firstLabels[b]!));
  }
  const remap = new Int32Array(d);
  const labels: AssocItem[] = new Array(d);
  for (let r = 0; r < d; r++) { remap[order[r]!] = r; labels[r] = firstLabels[order[r]!]!; }

  const seen = new Int32Array(d).fill(-1);
  const itemCounts = new Int32Array(d);
  const items = new Int32Array(raw.length);
  const outOffsets = new Int32Array(n + 1);
  let k = 0;
  for (let b = 0; b < n; b++) {
    for (let j = offsets[b]!; j < offsets[b + 1]!; j++) {
      const id = remap[raw[j]!]!;
      if (seen[id] === b) continue;
      seen[id] = b;
      itemCounts[id]!++;
      items[k++] = id;
    }
    outOffsets[b + 1] = k;
  }
  return { n, offsets: outOffsets, items: items.subarray(0, k), labels, itemCounts };
}

/**
 * Groups order lines into baskets (CSR), baskets in order of their first line. `keyAt(i)` is read
 * before `itemAt(i)`, once per line. O(lines).
 */
function groupLines(
  m: number,
  keyName: string,
  keyAt: (i: number) => unknown,
  itemAt: (i: number) => unknown,
  idOf: (item: AssocItem) => number,
  identity: 'strict' | 'string',
  fn: string,
): { n: number; raw: Int32Array; offsets: Int32Array } {
  const basketOf = new Int32Array(m);
  const itemOf = new Int32Array(m);
  const keys = createIdTable<Id>();
  for (let i = 0; i < m; i++) {
    const key = checkKey(keyAt(i), `${fn}: line ${i}`, keyName, i);
    basketOf[i] = idInTable(keys, key);
    itemOf[i] = idOf(checkItem(itemAt(i), `${fn}: line ${i} item`, identity));
  }
  const n = keys.keys.length;
  // Counting sort of the lines by basket: baskets keep the order of their first line.
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offsets[basketOf[i]! + 1]!++;
  for (let b = 0; b < n; b++) offsets[b + 1]! += offsets[b]!;
  const fill = offsets.slice(0, n);
  const raw = new Int32Array(m);
  for (let i = 0; i < m; i++) raw[fill[basketOf[i]!]!++] = itemOf[i]!;
  return { n, raw, offsets };
}

/**
 * Order lines given as columns or an Arrow table: the item column (`item`, a name, default 'item')
 * and the basket column (`orderId` or `customer`, a name, default 'transaction').
 * @throws CrmError `INVALID_OPTION` (a function accessor, a column the table lacks), `LENGTH_MISMATCH`.
 */
function readLineColumns(input: ColumnTable | ArrowTableLike, options: AssocInputOptions<unknown>, fn: string): { n: number; keyName: string; key: ArrayLike<unknown>; item: ArrayLike<unknown> } {
  const keyName = options.orderId !== undefined ? 'orderId' : options.customer !== undefined ? 'customer' : 'orderId';
  const keyColumn = options.orderId ?? options.customer ?? DEFAULT_TRANSACTION_COLUMN;
  const itemColumn = options.item ?? 'item';
  for (const [option, v] of [['item', itemColumn], [keyName, keyColumn]] as const) {
    if (typeof v !== 'string') {
      throw new CrmError('INVALID_OPTION', `${fn}: with columns or an Arrow table, ${option} must be a column name; got ${describeValue(v)}.`, { option });
    }
  }
  const option = options.orderId !== undefined || options.customer !== undefined ? keyName : 'orderId';
  const key = readTableColumns(input, [keyColumn as string], { fn, argument: 'transactions', option, allowEmpty: true });
  const item = readTableColumns(input, [itemColumn as string], { fn, argument: 'transactions', option: 'item', allowEmpty: true });
  return { n: key.n, keyName, key: key.columns[0]!, item: item.columns[0]! };
}
