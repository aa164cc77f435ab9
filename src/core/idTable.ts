/**
 * One id-lookup table: dense ids 0, 1, 2, ... for distinct keys (customer ids, items, labels,
 * distinct values) in first-seen order, and the key of each id. Map-based, so keys compare by
 * SameValueZero (1 and '1' differ; NaN equals NaN).
 * @module
 */

/** Distinct keys and their dense ids; `keys[id]` is the key of `id`. */
export interface IdTable<K> {
  readonly ids: Map<K, number>;
  readonly keys: K[];
}

/**
 * An empty table.
 * @example
 * createIdTable<string>().keys; // => []
 */
export function createIdTable<K>(): IdTable<K> {
  return { ids: new Map<K, number>(), keys: [] };
}

/**
 * The id of `key`, adding it with the next id (`keys.length`) when it is new. O(1) expected.
 * @example
 * const t = createIdTable<string>();
 * [idOf(t, 'b'), idOf(t, 'a'), idOf(t, 'b'), t.keys]; // => [0, 1, 0, ['b', 'a']]
 */
export function idOf<K>(table: IdTable<K>, key: K): number {
  let id = table.ids.get(key);
  if (id === undefined) {
    id = table.keys.length;
    table.ids.set(key, id);
    table.keys.push(key);
  }
  return id;
}

/**
 * The position of each key of a list of distinct keys (of equal keys the last one wins). O(n).
 * @example
 * indexMap(['x', 'y']).get('y'); // => 1
 */
export function indexMap<K>(keys: ArrayLike<K>): Map<K, number> {
  const m = new Map<K, number>();
  for (let i = 0; i < keys.length; i++) m.set(keys[i]!, i);
  return m;
}

/**
 * Dense ids for customer and order ids (non-empty strings and finite numbers; `"1"` is not `1`), in
 * first-seen order. The common keys skip the Map: small non-negative integers index one typed
 * array, and digit strings without a leading zero (`"17850"`, as CSV ids arrive) another, by their
 * value; no two such strings share a value, so the string stays the key. Everything else (`"0123"`,
 * `"A7"`, `-3`, `2.5`) goes to the Map.
 */
export interface DenseIdTable {
  /** `keys[id]` is the key of `id`. */
  readonly keys: (string | number)[];
  /** Keys at or above this value (numbers, and digit strings by value) go to the Map. */
  readonly limit: number;
  /** How many keys are digit strings indexed by value (the rest are numbers or Map keys). */
  digitStrings: number;
  /**
   * Per digit-string key, in the order they were added, its code-unit rank key: the value padded
   * to 9 digits, times 10, plus the length, so `'10' < '100' < '11' < '9'` as numbers. When every
   * key is a digit string, `digitOrder[id]` is the rank key of `id`, and sorting needs no string.
   */
  readonly digitOrder: number[];
  /** `numbers[v]` = id + 1 of the number v (0: not seen). */
  numbers: Int32Array;
  /** `digits[v]` = id + 1 of the digit string of value v (0: not seen). */
  digits: Int32Array;
  readonly map: Map<string | number, number>;
}

/**
 * An empty {@link DenseIdTable}; keys below `limit` use the typed arrays (grown as needed, so size
 * the limit to the input, e.g. 4 per line).
 * @example
 * createDenseIdTable(1 << 20).keys; // => []
 */
export function createDenseIdTable(limit: number): DenseIdTable {
  return { keys: [], limit, digitStrings: 0, digitOrder: [], numbers: new Int32Array(1024), digits: new Int32Array(1024), map: new Map() };
}

/**
 * The value of a string of 1 to 9 ASCII digits without a leading zero (`"17850"`), or -1 (`"0"` is
 * 0; `"0123"`, `""` and `"1e3"` are -1). O(length).
 * @example
 * [digitValue('17850'), digitValue('0123'), digitValue('0')]; // => [17850, -1, 0]
 */
export function digitValue(s: string): number {
  const len = s.length;
  if (len === 0 || len > 9 || (len > 1 && s.charCodeAt(0) === 48)) return -1;
  let v = 0;
  for (let k = 0; k < len; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** A table that holds index v: at least doubled, and at once 1.5 v for a first large key (order numbers start high). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

function grown(t: Int32Array, v: number): Int32Array {
  const size = Math.max(2 * t.length, v + (v >> 1) + 1);
  const out = new Int32Array(size);
  out.set(t);
  return out;
}

/**
 * The id of `key`, adding it with the next id when it is new; -1 (nothing added) when `key` is not
 * an id: not a string or a finite number, or the empty string. O(1) expected.
 * @example
 * const t = createDenseIdTable(1 << 20);
 * [denseIdOf(t, '17850'), denseIdOf(t, 17850), denseIdOf(t, 'A7'), denseIdOf(t, '17850'), denseIdOf(t, ''), t.keys];
 * // => [0, 1, 2, 0, -1, ['17850', 17850, 'A7']]
 */
export function denseIdOf(t: DenseIdTable, key: unknown): number {
  let id: number;
  if (typeof key === 'number') {
    if (key >= 0 && key < t.limit && (key | 0) === key) {
      if (key >= t.numbers.length) t.numbers = grown(t.numbers, key);
      id = t.numbers[key]! - 1;
      if (id < 0) { id = t.keys.length; t.numbers[key] = id + 1; t.keys.push(key); }
      return id;
    }
    if (!Number.isFinite(key)) return -1;
  } else if (typeof key === 'string') {
    const v = digitValue(key);
    if (v >= 0 && v < t.limit) {
      if (v >= t.digits.length) t.digits = grown(t.digits, v);
      id = t.digits[v]! - 1;
      if (id < 0) { id = t.keys.length; t.digits[v] = id + 1; t.keys.push(key); t.digitStrings++; t.digitOrder.push(v * POW10[9 - key.length]! * 10 + key.length); }
      return id;
    }
    if (key === '') return -1;
  } else return -1;
  const got = t.map.get(key);
  if (got !== undefined) return got;
  id = t.keys.length;
  t.map.set(key, id);
  t.keys.push(key);
  return id;
}
