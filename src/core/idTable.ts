/**
 * One id-lookup table: dense ids 0, 1, 2, ... for distinct keys (customer and order ids, items,
 * labels, distinct values) in first-seen order, and the key of each id. Keys compare as a Map
 * compares them (SameValueZero: `1` and `'1'` differ, NaN equals NaN, -0 is 0), whatever their type.
 * The common keys skip the Map: small non-negative integers index one typed array, and digit strings
 * without a leading zero (`'17850'`, as CSV ids arrive) another, by their value; no two such strings
 * share a value, so the string stays the key. Everything else (`'0123'`, `'A7'`, `-3`, `2.5`, NaN,
 * objects) goes to the Map.
 * @module
 */

/** Distinct keys and their dense ids; `keys[id]` is the key of `id`. */
export interface IdTable<K> {
  /** `keys[id]` is the key of `id`. */
  readonly keys: K[];
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
  /** Ids of the numbers, by value. */
  readonly numbers: ValueSlots;
  /** Ids of the digit strings, by value. */
  readonly digits: ValueSlots;
  /** Ids of the other keys. */
  readonly map: Map<K, number>;
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
 * Ids by value v in [0, limit): `tab[v - base]` = id + 1 (0: not seen). The window starts at the
 * first value seen and widens both ways as needed, so ids that start high (invoice numbers from
 * 536365) need no table from 0.
 */
export interface ValueSlots {
  tab: Int32Array;
  /** The value of tab[0], or -1 before the first value. */
  base: number;
}

/**
 * The index in `s.tab` of value v (0 <= v), widening the window to hold it. O(1) amortized.
 * @example
 * const s = { tab: new Int32Array(0), base: -1 };
 * [slotOf(s, 536365), s.base <= 536365, slotOf(s, 536365 + 5) - slotOf(s, 536365)]; // => [512, true, 5]
 */
export function slotOf(s: ValueSlots, v: number): number {
  let at = v - s.base;
  if (s.base < 0) {
    s.base = Math.max(0, v - 512);
    s.tab = new Int32Array(1024);
    at = v - s.base;
  } else if (at < 0) {
    // Widen downwards by at least the current size, so a descending run of values costs O(n).
    const base = Math.max(0, Math.min(v, s.base - s.tab.length));
    const tab = new Int32Array(s.base - base + s.tab.length);
    tab.set(s.tab, s.base - base);
    s.tab = tab;
    s.base = base;
    at = v - base;
  } else if (at >= s.tab.length) {
    const tab = new Int32Array(Math.max(2 * s.tab.length, at + (at >> 1) + 1));
    tab.set(s.tab);
    s.tab = tab;
  }
  return at;
}

/**
 * An empty table; numbers and digit-string values below `limit` use the typed arrays (grown as
 * needed, so size the limit to the input, e.g. 4 per line). O(1).
 * @example
 * createIdTable<string>().keys; // => []
 */
export function createIdTable<K>(limit = 1 << 20): IdTable<K> {
  return { keys: [], limit, digitStrings: 0, digitOrder: [], numbers: { tab: new Int32Array(0), base: -1 }, digits: { tab: new Int32Array(0), base: -1 }, map: new Map() };
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

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * The id of `key`, adding it with the next id (`keys.length`) when it is new. O(1) expected.
 * @example
 * const t = createIdTable<string | number>();
 * [idOf(t, '17850'), idOf(t, 17850), idOf(t, 'A7'), idOf(t, '17850'), idOf(t, 2.5), t.keys];
 * // => [0, 1, 2, 0, 3, ['17850', 17850, 'A7', 2.5]]
 */
export function idOf<K>(t: IdTable<K>, key: K): number {
  let id: number;
  if (typeof key === 'number') {
    if (key >= 0 && key < t.limit && (key | 0) === key) {
      const at = slotOf(t.numbers, key);
      id = t.numbers.tab[at]! - 1;
      if (id < 0) { id = t.keys.length; t.numbers.tab[at] = id + 1; t.keys.push(key); }
      return id;
    }
  } else if (typeof key === 'string' && key.charCodeAt(0) - 48 >>> 0 < 10) {
    // Only a string that starts with a digit can be a digit string: the rest ('c12', 'sku7') go
    // straight to the Map ('' too: its NaN code unit passes, and digitValue refuses it).
    const v = digitValue(key);
    if (v >= 0 && v < t.limit) {
      const at = slotOf(t.digits, v);
      id = t.digits.tab[at]! - 1;
      if (id < 0) { id = t.keys.length; t.digits.tab[at] = id + 1; t.keys.push(key); t.digitStrings++; t.digitOrder.push(v * POW10[9 - key.length]! * 10 + key.length); }
      return id;
    }
  }
  const got = t.map.get(key);
  if (got !== undefined) return got;
  id = t.keys.length;
  t.map.set(key, id);
  t.keys.push(key);
  return id;
}

/**
 * The ids of a table whose keys are all numbers on the typed-array path (`t.digitStrings` and
 * `t.map.size` are 0), in ascending order of the keys (`order[rank]` = id): one pass over the value
 * window, no sort. O(window) for the window from the lowest to the highest key.
 * @example
 * const t = createIdTable<number>();
 * for (const k of [30, 4, 17]) idOf(t, k);
 * Array.from(numberOrder(t), (id) => t.keys[id]); // => [4, 17, 30]
 */
export function numberOrder(t: IdTable<unknown>): Int32Array {
  const order = new Int32Array(t.keys.length);
  const tab = t.numbers.tab;
  let r = 0;
  for (let at = 0; at < tab.length; at++) if (tab[at]! > 0) order[r++] = tab[at]! - 1;
  return order;
}

/**
 * The ids of a table whose keys are all digit strings, in code-unit order of the keys
 * (`order[rank]` = id), read from the rank keys in `digitOrder`: one numeric sort, no string read.
 * O(c log c) for c keys.
 * @example
 * const t = createIdTable<string>();
 * for (const k of ['9', '100', '10', '11']) idOf(t, k);
 * Array.from(digitStringOrder(t), (id) => t.keys[id]); // => ['10', '100', '11', '9']
 */
export function digitStringOrder(t: IdTable<unknown>): Int32Array {
  const lex = Float64Array.from(t.digitOrder).sort();
  const order = new Int32Array(lex.length);
  for (let r = 0; r < lex.length; r++) {
    const x = lex[r]!;
    const q = Math.floor(x / 10);
    const len = x - 10 * q;
    order[r] = t.digits.tab[q / POW10[9 - len]! - t.digits.base]! - 1;
  }
  return order;
}
