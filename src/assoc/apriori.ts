/**
 * Apriori, level-wise with join-and-prune candidate generation over a prefix tree.
 * @module
 */
import type { RowOf, AnyRow } from '../core/table.js';
import { type AssocTransactions } from './transactions.js';
import { frequentItems, finishItemsets, ItemsetSink, recodeBaskets, setupMining, type FrequentItemsetsOptions, type FrequentItemsetsResult, type MiningSetup } from './itemsets.js';

/** Candidate counts of one Apriori level. */
export interface AprioriLevel {
  /** Itemset size of the level. */
  readonly size: number;
  /** Candidates made by joining two frequent itemsets of the previous level that share all but their last item. */
  readonly joined: number;
  /** Candidates left after pruning those with an infrequent subset; these are counted against the baskets. */
  readonly candidates: number;
  /** Candidates that turned out frequent. */
  readonly frequent: number;
}

/** Result of {@link apriori}: the itemsets, plus the candidate counts of each level. */
export interface AprioriResult extends FrequentItemsetsResult {
  readonly levels: AprioriLevel[];
}

/**
 * One level of the prefix tree: node i is the itemset (parent's itemset + item[i]). Nodes are
 * grouped by parent, and within a group sorted by item, so siblings are contiguous and sorted.
 */
interface Level {
  size: number;
  item: Int32Array;
  parent: Int32Array;
  count: Int32Array;
  /** Children of node i in the next level: childStart[i] .. childStart[i + 1]. */
  childStart: Int32Array;
}

const BYTES_PER_CANDIDATE = 4 * 4;

function findChild(next: Level, parent: Level, node: number, item: number): number {
  let lo = parent.childStart[node]!, hi = parent.childStart[node + 1]! - 1;
  const it = next.item;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = it[mid]!;
    if (v === item) return mid;
    if (v < item) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/** True when the itemset `items[0..len)` is a node of the tree (so it is frequent). */
function contains(levels: Level[], items: Int32Array, len: number): boolean {
  let node = items[0]!; // level 1 holds every frequent item, at index = code
  for (let d = 1; d < len; d++) {
    node = findChild(levels[d]!, levels[d - 1]!, node, items[d]!);
    if (node < 0) return false;
  }
  return true;
}

/**
 * Joins siblings of the last level into the next level's candidates and prunes those with an
 * infrequent subset. Returns the new level and the number joined before pruning.
 */
function generate(levels: Level[], sink: ItemsetSink, fixedBytes: number): { next: Level; joined: number } {
  const k = levels.length; // size of the itemsets in the last level
  const last = levels[k - 1]!;
  // Join count first, for the memory guard: each group of g siblings makes g (g - 1) / 2 pairs.
  let joined = 0;
  for (let i = 0; i < last.size; ) {
    let j = i + 1;
    while (j < last.size && last.parent[j] === last.parent[i]) j++;
    const g = j - i;
    joined += (g * (g - 1)) / 2;
    i = j;
  }
  sink.checkMemory(fixedBytes + joined * BYTES_PER_CANDIDATE, `for the ${joined} candidates of size ${k + 1}`);
  const item = new Int32Array(joined);
  const parent = new Int32Array(joined);
  last.childStart = new Int32Array(last.size + 1);
  const items = new Int32Array(k + 1);
  const sub = new Int32Array(k);
  let m = 0;
  for (let x = 0; x < last.size; x++) {
    last.childStart[x] = m;
    // Items of x, from the root down.
    for (let d = k - 1, v = x; d >= 0; d--) { items[d] = levels[d]!.item[v]!; v = levels[d]!.parent[v]!; }
    for (let y = x + 1; y < last.size && last.parent[y] === last.parent[x]; y++) {
      items[k] = last.item[y]!;
      // x and y are frequent; the other subsets drop one of x's first k - 1 items.
      let keep = true;
      if (k >= 2) {
        for (let drop = 0; drop < k - 1 && keep; drop++) {
          let t = 0;
          for (let d = 0; d <= k; d++) if (d !== drop) sub[t++] = items[d]!;
          keep = contains(levels, sub, k);
        }
      }
      if (keep) { item[m] = items[k]!; parent[m] = x; m++; }
    }
  }
  last.childStart[last.size] = m;
  return {
    next: { size: m, item: item.subarray(0, m), parent: parent.subarray(0, m), count: new Int32Array(m), childStart: new Int32Array(0) },
    joined,
  };
}

/** Adds one to every candidate of level `depth` (1-based) contained in basket codes[from..to). */
function countBasket(levels: Level[], depth: number, node: number, d: number, codes: Int32Array, pos: number, to: number): void {
  const next = levels[d]!;
  const cur = levels[d - 1]!;
  let c = cur.childStart[node]!;
  const ce = cur.childStart[node + 1]!;
  const it = next.item;
  const need = depth - d - 1; // items still needed after this one
  const last = depth === d + 1;
  if (ce - c > 8 * (to - pos)) {
    // Many children, few basket items (level 2 on sparse data): look each basket item up instead of merging.
    // The searches here and in findChild stay written out: through core/bisect.ts apriori measured
    // about 10% slower on retail and T10I4D100K (the hottest loop of the level count).
    for (; pos < to - need && c < ce; pos++) {
      const b = codes[pos]!;
      let lo = c, hi = ce - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (it[mid]! < b) lo = mid + 1; else hi = mid - 1;
      }
      c = lo;
      if (c < ce && it[c] === b) {
        if (last) next.count[c]!++;
        else countBasket(levels, depth, c, d + 1, codes, pos + 1, to);
        c++;
      }
    }
    return;
  }
  while (c < ce && pos < to - need) {
    const a = it[c]!, b = codes[pos]!;
    if (a < b) c++;
    else if (a > b) pos++;
    else {
      if (last) next.count[c]!++;
      else countBasket(levels, depth, c, d + 1, codes, pos + 1, to);
      c++;
      pos++;
    }
  }
}

/** Keeps the frequent candidates of `level` and rewires the parent level's child ranges. */
function compact(parentLevel: Level, level: Level, minCount: number): Level {
  const keepIdx = new Int32Array(level.size);
  let m = 0;
  const starts = new Int32Array(parentLevel.size + 1);
  for (let x = 0; x < parentLevel.size; x++) {
    starts[x] = m;
    for (let c = parentLevel.childStart[x]!; c < parentLevel.childStart[x + 1]!; c++) if (level.count[c]! >= minCount) keepIdx[m++] = c;
  }
  starts[parentLevel.size] = m;
  parentLevel.childStart = starts;
  const item = new Int32Array(m), parent = new Int32Array(m), count = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const c = keepIdx[i]!;
    item[i] = level.item[c]!;
    parent[i] = level.parent[c]!;
    count[i] = level.count[c]!;
  }
  return { size: m, item, parent, count, childStart: new Int32Array(0) };
}

function mine(s: MiningSetup, sink: ItemsetSink, codeToId: Int32Array, base: { offsets: Int32Array; codes: Int32Array; n: number }, fixedBytes: number): AprioriLevel[] {
  const f = codeToId.length;
  const { itemCounts } = s.data;
  const first: Level = { size: f, item: new Int32Array(f), parent: new Int32Array(f), count: new Int32Array(f), childStart: new Int32Array(0) };
  for (let c = 0; c < f; c++) { first.item[c] = c; first.count[c] = itemCounts[codeToId[c]!]!; }
  const levels: Level[] = [first];
  const allowedCount = s.allowed.reduce((a, v) => a + v, 0);
  const stats: AprioriLevel[] = [{ size: 1, joined: allowedCount, candidates: allowedCount, frequent: f }];
  const maxLength = Math.min(s.maxLength, f);
  const { offsets, codes, n } = base;
  const ids = new Int32Array(maxLength);
  // Reports a level as soon as it is known, so maxItemsets stops a run that explodes early.
  const report = (d: number): void => {
    const level = levels[d]!;
    for (let x = 0; x < level.size; x++) {
      for (let e = d, v = x; e >= 0; e--) { ids[e] = codeToId[levels[e]!.item[v]!]!; v = levels[e]!.parent[v]!; }
      sink.push(ids, d + 1, level.count[x]!);
    }
  };
  report(0);
  while (levels.length < maxLength) {
    sink.progress('level', levels.length, maxLength);
    const k = levels.length;
    const { next, joined } = generate(levels, sink, fixedBytes);
    const counted = next.size;
    if (counted === 0) { stats.push({ size: k + 1, joined, candidates: 0, frequent: 0 }); break; }
    levels.push(next);
    // Count through the tree: each basket descends only into the branches it contains.
    const depth = k + 1;
    // No abort check inside the pass: runs are synchronous, so the signal can only have fired from
    // onProgress, which is called between levels.
    for (let b = 0; b < n; b++) {
      const from = offsets[b]!, to = offsets[b + 1]!;
      if (to - from < depth) continue;
      for (let p = from; p <= to - depth; p++) countBasket(levels, depth, codes[p]!, 1, codes, p + 1, to);
    }
    const kept = compact(levels[k - 1]!, next, s.minCount);
    levels[k] = kept;
    stats.push({ size: depth, joined, candidates: counted, frequent: kept.size });
    if (kept.size === 0) { levels.pop(); break; }
    report(k);
  }
  return stats;
}

/**
 * Frequent itemsets by Apriori (Agrawal & Srikant 1994): level by level, candidates of size k + 1
 * are made by joining frequent k-itemsets that share their first k - 1 items, pruned when any
 * k-subset is infrequent, then counted in one pass over the baskets through a prefix tree. Same
 * results as {@link fpGrowth}; slower on dense data, but its candidate counts (`levels`) show how the
 * search went. Cost: one pass over the baskets per level; memory proportional to the candidates of
 * the largest level (guarded by `maxMemoryBytes`).
 * @param transactions - Baskets (`AssocItem[][]`), or order lines with the `item` and `orderId` (or `customer`) accessors, or order lines as columns or an Arrow table (docs/input.md).
 * @param options - Exactly one of `minSupport` and `minCount`; see {@link FrequentItemsetsOptions}.
 * @returns The frequent itemsets (as {@link fpGrowth}, with its `warnings`) and per-level candidate
 *   counts. `onProgress` gets phase `'level'` once per level, `found` = itemsets so far.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT` (a basket that is not an array, a hole or null
 *   order line, an `Infinity` item or id), `MISSING_VALUE` (a null or missing item, a hole in a
 *   basket), `NON_FINITE` (a NaN item), `INVALID_OPTION` (also a bad accessor, or a key the first
 *   order line lacks), `LIMIT_EXCEEDED` (maxItemsets), `TOO_LARGE` (maxMemoryBytes), `ABORTED` (signal).
 * @see R. Agrawal, R. Srikant (1994), "Fast algorithms for mining association rules", VLDB.
 * @example
 * apriori([['a', 'b', 'c'], ['a', 'b'], ['a', 'c'], ['b', 'c']], { minCount: 2 }).levels.map((l) => l.candidates); // => [3, 3, 1]
 */
export function apriori<D extends AssocTransactions<AnyRow>>(transactions: D, options: FrequentItemsetsOptions<RowOf<D>>): AprioriResult {
  const s = setupMining('apriori', transactions, options);
  // Items in ascending item order, as in the textbook presentations, so `levels` can be checked by hand.
  const { codeToId, idToCode } = frequentItems(s, 'item');
  const base = recodeBaskets(s, idToCode);
  const fixedBytes = base.codes.length * 4 * 2 + s.data.items.length * 8;
  const sink = new ItemsetSink(s, fixedBytes);
  const levels = mine(s, sink, codeToId, base, fixedBytes);
  sink.progress('level', levels.length, levels.length);
  return { ...finishItemsets(s, sink, 'apriori'), levels };
}
