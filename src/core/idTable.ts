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
