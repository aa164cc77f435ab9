// Brute-force oracles for the assoc tests: every subset of a small item universe, counted directly.
import { CrmError } from '../../src/core/errors.js';
import type { AssocItem, FrequentItemset, FrequentItemsetsResult } from '../../src/assoc/index.js';

export type Basket = readonly number[];

/** Every itemset of items 0..universe-1 with count >= minCount, as 'a,b,c' -> count. */
export function bruteForce(baskets: readonly Basket[], minCount: number, universe: number, maxLength = Infinity): Map<string, number> {
  const sets = baskets.map((b) => new Set(b));
  const out = new Map<string, number>();
  for (let mask = 1; mask < 1 << universe; mask++) {
    const items: number[] = [];
    for (let i = 0; i < universe; i++) if (mask & (1 << i)) items.push(i);
    if (items.length > maxLength) continue;
    let count = 0;
    for (const s of sets) if (items.every((i) => s.has(i))) count++;
    if (count >= minCount) out.set(items.join(','), count);
  }
  return out;
}

/** A result as 'a,b,c' -> count (items are already in ascending order). */
export function asMap(result: FrequentItemsetsResult): Map<string, number> {
  return new Map(result.itemsets.map((s: FrequentItemset) => [s.items.join(','), s.count]));
}

/** Closed (no superset with the same count) or maximal (no frequent superset) subsets of a brute-force map. */
export function filterBrute(all: Map<string, number>, kind: 'closed' | 'maximal'): Map<string, number> {
  const parsed = [...all].map(([k, c]) => ({ key: k, items: k.split(',').map(Number), c }));
  const out = new Map<string, number>();
  for (const x of parsed) {
    const sup = parsed.some((y) => y.items.length > x.items.length && x.items.every((i) => y.items.includes(i)) && (kind === 'maximal' || y.c === x.c));
    if (!sup) out.set(x.key, x.c);
  }
  return out;
}

/** The CrmError code thrown by f, or a marker for anything else. */
export function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof CrmError ? e.code : `raw:${(e as Error).name}:${(e as Error).message}`; }
  return undefined;
}

/** The CrmError thrown by f. */
export function errorOf(f: () => unknown): CrmError {
  try { f(); } catch (e) { if (e instanceof CrmError) return e; throw e; }
  throw new Error('expected a CrmError');
}

export const key = (items: readonly AssocItem[]): string => items.join(',');
