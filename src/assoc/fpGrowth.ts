/**
 * FP-growth on array-backed FP-trees: the miner (conditional trees, pair tables for the last
 * levels) and the public entry. The tree itself is in fpTree.ts, the basket ordering that builds
 * the top-level tree in basketOrder.ts.
 * @module
 */
import type { RowOf, AnyRow } from '../core/table.js';
import { frequentItems, finishItemsets, ItemsetSink, recodeBaskets, setupMining, type FrequentItemsetsOptions, type FrequentItemsetsResult, type MiningSetup } from './itemsets.js';
import { lexicographicOrder } from './basketOrder.js';
import { FpTree } from './fpTree.js';
import { sortRun, type AssocTransactions } from './transactions.js';

/**
 * Largest top-level pair table that {@link FpMiner.useBaskets} allocates, in bytes: 16 MiB, which
 * holds every pair of 5,793 items with one-byte counters (minCount <= 255), 4,096 with two bytes,
 * 2,896 with four.
 */
const PAIR_TABLE_BYTES = 1 << 24;

/** Pair tables up to this size (bytes, at 4 per pair) keep exact Int32 counters: 4 MiB, 1,448 items. */
const PAIR_TABLE_WIDE_BYTES = 1 << 22;

/** Pair counters: the narrowest array that holds minCount (counts stop there: only ">= minCount" is read). */
type PairCounts = Uint8Array | Uint16Array | Int32Array;

class FpMiner {
  private readonly levels: FpTree[] = [];
  private readonly prefix: Int32Array;
  /** Per-item counts of a conditional base; all zero between calls (only the items touched are reset). */
  private condCount: Int32Array;
  private newCode: Int32Array;
  /** The distinct items of the conditional base being built, in the order first seen. */
  private touched: Int32Array;
  /** New code -> item of the tree being built from (the inverse of newCode for the items kept). */
  private keptItem: Int32Array;
  /** A single path to expand: global ids and counts, root side first. */
  private pathIds: Int32Array;
  private pathCounts: Int32Array;

  constructor(
    private readonly s: MiningSetup,
    private readonly sink: ItemsetSink,
    private readonly codeToId: Int32Array,
  ) {
    const f = codeToId.length;
    this.prefix = new Int32Array(Math.min(f, s.maxLength === Infinity ? f : s.maxLength) + 1);
    this.condCount = new Int32Array(f + 1);
    this.newCode = new Int32Array(f + 1);
    this.touched = new Int32Array(f + 1);
    this.keptItem = new Int32Array(f + 1);
    this.pathIds = new Int32Array(f + 1);
    this.pathCounts = new Int32Array(f + 1);
  }

  level(depth: number): FpTree {
    while (this.levels.length <= depth) this.levels.push(new FpTree());
    return this.levels[depth]!;
  }

  /** Builds the top-level tree from baskets sorted lexicographically: a new basket only adds nodes below its common prefix with the previous one. */
  buildTop(offsets: Int32Array, codes: Int32Array, n: number, f: number): FpTree {
    const t = this.level(0);
    t.reset(f, codes.length + 1);
    for (let c = 0; c < f; c++) t.globalOf[c] = c;
    const order = lexicographicOrder(offsets, codes, n, f);
    const path = new Int32Array(f + 1);
    let depth = 0;
    let prev = -1;
    const { parent, item, count } = t;
    for (let r = 0; r < n; r++) {
      const b = order[r]!;
      const start = offsets[b]!, end = offsets[b + 1]!;
      let common = 0;
      if (prev >= 0) {
        const ps = offsets[prev]!, pe = offsets[prev + 1]!;
        while (common < depth && start + common < end && ps + common < pe && codes[ps + common] === codes[start + common]) common++;
      }
      let node = common === 0 ? 0 : path[common]!;
      for (let j = start + common; j < end; j++) {
        const v = t.size++;
        parent[v] = node;
        item[v] = codes[j]!;
        count[v] = 0;
        node = v;
        path[j - start + 1] = v;
      }
      count[node]!++;
      depth = end - start;
      prev = b;
    }
    t.propagateCounts();
    t.index();
    return t;
  }

  emit(depth: number, count: number): void {
    this.sink.push(this.prefix, depth, count);
  }

  /**
   * The top level: every frequent item c (least frequent first) with its support, then its
   * conditional tree, built from the baskets (sparse data) or from the top-level tree `top`.
   */
  mineTop(top: FpTree | null, support: Int32Array): void {
    const { s, prefix, codeToId } = this;
    const f = codeToId.length;
    const canGrow = 2 <= s.maxLength;
    for (let c = f - 1; c >= 0; c--) {
      if (((f - 1 - c) & 63) === 0) this.sink.progress('item', f - 1 - c, f);
      prefix[0] = codeToId[c]!;
      this.emit(1, support[c]!);
      if (!canGrow || c === 0) continue;
      if (top === null) this.expand(this.conditionalFromBaskets(c), 1);
      else if (!this.singleNode(top, c, 0)) this.expand(this.conditional(top, c, 1), 1);
    }
  }

  /** Mines tree `t` at recursion depth `depth` (the prefix holds `depth` ids). */
  mine(t: FpTree, depth: number): void {
    const { s, prefix, codeToId } = this;
    const canGrow = depth + 2 <= s.maxLength;
    for (let c = t.k - 1; c >= 0; c--) {
      prefix[depth] = codeToId[t.globalOf[c]!]!;
      this.emit(depth + 1, t.total[c]!);
      if (!canGrow || c === 0) continue;
      if (!this.singleNode(t, c, depth)) this.expand(this.conditional(t, c, depth + 1), depth + 1);
    }
  }

  /**
   * When item c has a single node in `t`, its conditional tree is that node's own path, every item
   * on it with the node's count: emits the path's subsets and returns true.
   */
  private singleNode(t: FpTree, c: number, depth: number): boolean {
    const h0 = t.headStart[c]!;
    if (t.headStart[c + 1]! - h0 !== 1) return false;
    const { codeToId, pathIds, pathCounts } = this;
    const v = t.headNodes[h0]!, w = t.count[v]!;
    let m = 0;
    for (let p = t.parent[v]!; p > 0; p = t.parent[p]!) { pathIds[m] = codeToId[t.globalOf[t.item[p]!]!]!; pathCounts[m++] = w; }
    this.emitSubsets(m, depth + 1);
    return true;
  }

  /** Mines a conditional tree built for a prefix of `depth` items: all subsets at once when it is a single path. */
  private expand(next: FpTree | null, depth: number): void {
    if (next === null) return;
    if (next.isSinglePath()) {
      const { codeToId, pathIds, pathCounts } = this;
      const m = next.size - 1;
      for (let v = 1; v <= m; v++) { pathIds[v - 1] = codeToId[next.globalOf[next.item[v]!]!]!; pathCounts[v - 1] = next.count[v]!; }
      this.emitSubsets(m, depth);
    } else {
      this.mine(next, depth);
    }
  }

  /**
   * The single-path shortcut: every non-empty subset of the path in pathIds[0..m), combined with the
   * prefix. Counts along a path never rise, so a subset's count is that of its last (deepest) item.
   */
  emitSubsets(m: number, depth: number): void {
    this.walkSubsets(0, 0, m, depth, this.s.maxLength - depth);
  }

  /** emitSubsets' recursion, a method rather than a closure (no function object per call). */
  private walkSubsets(from: number, len: number, m: number, depth: number, room: number): void {
    const { prefix, pathIds, pathCounts, sink } = this;
    for (let i = from; i < m; i++) {
      prefix[depth + len] = pathIds[i]!;
      sink.push(prefix, depth + len + 1, pathCounts[i]!);
      if (len + 1 < room) this.walkSubsets(i + 1, len + 1, m, depth, room);
    }
  }

  /**
   * The conditional tree of item c in `t`: the paths above c's nodes, weighted by their counts, with
   * infrequent items dropped. Null when nothing is frequent.
   *
   * Two steps. (1) Project: copy the distinct ancestors of c's nodes into a scratch forest. Old nodes
   * remember their copy (memo), so a shared prefix is walked once instead of once per c-node; this
   * walk over the big tree is the costly, cache-missing part, so nothing else is done in it.
   * (2) Filter: one sequential sweep over the copy drops the items that are not frequent there and
   * merges the paths that become equal.
   */
  conditional(t: FpTree, c: number, depth: number): FpTree | null {
    const { condCount, newCode, touched } = this;
    const { headStart, headCount, headParent, parent, item, memo } = t;
    const h0 = headStart[c]!, h1 = headStart[c + 1]!;
    // At most one copy per old node above c's nodes; t.size bounds that.
    const bound = Math.min(t.size, 1 + (h1 - h0) * c);
    this.ensureScratch(bound);
    const { pItem, pParent, pEnd, pAcc, stack } = this;
    if (t.base > 0x7fffffff - bound) { memo.fill(0, 0, t.size); t.base = 1; }
    const base = t.base;
    memo[0] = base;
    let size = 1;
    pEnd[0] = 0;
    for (let h = h0; h < h1; h++) {
      let p = headParent[h]!;
      let top = 0;
      while (memo[p]! < base) { stack[top++] = p; p = parent[p]!; }
      let cur = memo[p]! - base;
      while (top > 0) {
        const q = stack[--top]!;
        pItem[size] = item[q]!;
        pParent[size] = cur;
        pEnd[size] = 0;
        cur = size++;
        memo[q] = base + cur;
      }
      pEnd[cur]! += headCount[h]!;
    }
    // Memo values of this call are below base + size: the next call starts there. Advancing by the
    // copies made (not by the bound) keeps the clears of memo proportional to the work done.
    t.base = base + size;
    pAcc.set(pEnd.subarray(0, size));
    // Every copy is above some node of c, so its accumulated count is positive: a count still 0
    // marks an item not seen yet in this base.
    let seen = 0;
    for (let v = size - 1; v >= 1; v--) {
      const it = pItem[v]!;
      if (condCount[it] === 0) touched[seen++] = it;
      pAcc[pParent[v]!]! += pAcc[v]!;
      condCount[it]! += pAcc[v]!;
    }
    const k = this.codeItems(c, seen);
    if (k === 0) return null;

    const nt = this.level(depth);
    nt.reset(k, size);
    const keptItem = this.keptItem;
    for (let x = 0; x < k; x++) nt.globalOf[x] = t.globalOf[keptItem[x]!]!;
    const map = this.pMap;
    map[0] = 0;
    // Nothing dropped: copies are already distinct paths, so no child lookup is needed.
    const exact = k === seen;
    const ncount = nt.count;
    for (let v = 1; v < size; v++) {
      const code = newCode[pItem[v]!]!;
      const up = map[pParent[v]!]!;
      const u = code < 0 ? up : exact ? nt.addNode(up, code) : nt.child(up, code);
      map[v] = u;
      ncount[u]! += pEnd[v]!;
    }
    nt.propagateCounts();
    nt.index();
    return nt;
  }

  /**
   * Codes the `seen` items of a conditional base (in touched[0..seen), counts in condCount): the
   * frequent ones get 0..k-1 in ascending item order (newCode, keptItem), the others -1. Then clears
   * their counts. Cost O(seen log seen), or O(c) when that is smaller: never the full item range
   * for a small base (D19: a scan of 0..c per item made many rare items quadratic).
   */
  private codeItems(c: number, seen: number): number {
    const { condCount, newCode, touched, keptItem } = this;
    const minCount = this.s.minCount;
    let k = 0;
    if (seen * 8 < c) {
      sortRun(touched, 0, seen);
      for (let i = 0; i < seen; i++) {
        const j = touched[i]!;
        if (condCount[j]! >= minCount) { keptItem[k] = j; newCode[j] = k++; } else newCode[j] = -1;
        condCount[j] = 0;
      }
    } else {
      for (let j = 0; j < c; j++) {
        if (condCount[j]! >= minCount) { keptItem[k] = j; newCode[j] = k++; } else newCode[j] = -1;
      }
      condCount.fill(0, 0, c);
    }
    return k;
  }

  /**
   * Top-level pair counts (FP-growth*'s FP-array, Grahne & Zhu 2003), a lower triangle:
   * pairs[c * (c - 1) / 2 + j] is the number of baskets holding both c and j, capped at minCount,
   * for j < c < pairRows. Items from pairRows on (none when the table would be too large) count their
   * partners when their conditional tree is built.
   */
  private pairs: PairCounts = new Uint8Array(0);
  private pairRows = 0;
  /** The recoded baskets (codes ascending in each) and, per item, where the baskets that hold it start. */
  private codes: Int32Array = new Int32Array(0);
  private holderStart = new Int32Array(0);
  private holders = new Int32Array(0);

  /**
   * Whether the top level should be mined from the baskets rather than from a top-level tree: when
   * the item pairs inside baskets are not far more than the item occurrences (sparse data, where a
   * tree compresses little). Dense data, where long baskets share long prefixes, gets the tree.
   */
  static sparse(offsets: Int32Array, codes: Int32Array, n: number): boolean {
    let work = 0;
    for (let b = 0; b < n; b++) { const len = offsets[b + 1]! - offsets[b]!; work += (len * (len - 1)) / 2; }
    return work <= 32 * codes.length + 1_000_000;
  }

  /**
   * Prepares mining from the baskets: the pair table for the first items (as many as the table
   * limit allows) and, per item, the list of baskets that hold it (one Int32 per occurrence).
   */
  useBaskets(offsets: Int32Array, codes: Int32Array, n: number, f: number): void {
    this.codes = codes;
    const cap = this.s.minCount;
    // Counters of 4 bytes while the table is small; a large one gets the narrowest counters that hold
    // minCount, saturating there (about a quarter of the memory, and fewer cache misses). Two loops:
    // the capped increment, needless for 4-byte counters, costs about 8% of fpGrowth on T10I4D100K.
    const narrow = (f * (f - 1)) / 2 * 4 > PAIR_TABLE_WIDE_BYTES;
    const bytes = !narrow ? 4 : cap <= 0xff ? 1 : cap <= 0xffff ? 2 : 4;
    const limit = PAIR_TABLE_BYTES / bytes;
    let rows = Math.min(f, Math.floor((1 + Math.sqrt(1 + 8 * limit)) / 2));
    while (rows > 1 && (rows * (rows - 1)) / 2 > limit) rows--;
    if (rows >= 2) {
      const size = (rows * (rows - 1)) / 2;
      if (bytes === 4) {
        const pairs = new Int32Array(size);
        for (let b = 0; b < n; b++) {
          const start = offsets[b]!, end = offsets[b + 1]!;
          for (let i = start + 1; i < end; i++) {
            const ci = codes[i]!;
            if (ci >= rows) break;
            const row = (ci * (ci - 1)) / 2;
            for (let j = start; j < i; j++) pairs[row + codes[j]!]!++;
          }
        }
        this.pairs = pairs;
      } else {
        const pairs = bytes === 1 ? new Uint8Array(size) : new Uint16Array(size);
        for (let b = 0; b < n; b++) {
          const start = offsets[b]!, end = offsets[b + 1]!;
          for (let i = start + 1; i < end; i++) {
            const ci = codes[i]!;
            if (ci >= rows) break;
            const row = (ci * (ci - 1)) / 2;
            for (let j = start; j < i; j++) {
              const x = row + codes[j]!;
              const v = pairs[x]!;
              if (v < cap) pairs[x] = v + 1;
            }
          }
        }
        this.pairs = pairs;
      }
      this.pairRows = rows;
    }
    const start = new Int32Array(f + 1);
    for (let i = 0; i < codes.length; i++) start[codes[i]! + 1]!++;
    for (let c = 0; c < f; c++) start[c + 1]! += start[c]!;
    const fill = start.slice(0, f);
    const holders = new Int32Array(codes.length);
    // Where each holding basket starts in `codes` (not its index): one read less per visit.
    for (let b = 0; b < n; b++) for (let i = offsets[b]!; i < offsets[b + 1]!; i++) holders[fill[codes[i]!]!++] = offsets[b]!;
    this.holderStart = start;
    this.holders = holders;
  }

  /**
   * The conditional tree of item c straight from the baskets that hold c: each one's items before c
   * (all more frequent, since codes ascend), restricted to those frequent together with c, inserted
   * as a path. The partners come from the pair table, or for items beyond it from a counting pass
   * over the same baskets. Same tree (up to node order) as {@link conditional} on a top-level tree,
   * without building that tree: on sparse data it would be nearly as large as the baskets.
   */
  conditionalFromBaskets(c: number): FpTree | null {
    const { newCode, condCount, codes, holders, keptItem, touched } = this;
    const minCount = this.s.minCount;
    const e0 = this.holderStart[c]!, e1 = this.holderStart[c + 1]!;
    let k = 0;
    if (c < this.pairRows) {
      // One row of the pair table: O(c), at most the table's size over all its items.
      const pairs = this.pairs;
      const row = (c * (c - 1)) / 2;
      for (let j = 0; j < c; j++) {
        if (pairs[row + j]! >= minCount) { keptItem[k] = j; newCode[j] = k++; } else newCode[j] = -1;
      }
    } else {
      let seen = 0;
      for (let e = e0; e < e1; e++) {
        for (let i = holders[e]!, code = codes[i]!; code < c; code = codes[++i]!) {
          if (condCount[code]!++ === 0) touched[seen++] = code;
        }
      }
      k = this.codeItems(c, seen);
    }
    if (k === 0) return null;
    const nt = this.level(1);
    nt.reset(k, Math.min(4096, (e1 - e0) * k + 1));
    for (let x = 0; x < k; x++) nt.globalOf[x] = keptItem[x]!;
    for (let e = e0; e < e1; e++) {
      let cur = 0;
      for (let i = holders[e]!, code = codes[i]!; code < c; code = codes[++i]!) {
        const nc = newCode[code]!;
        if (nc >= 0) cur = nt.child(cur, nc);
      }
      // nt.count is read afresh: child() may have grown the arrays.
      if (cur !== 0) nt.count[cur]!++;
    }
    nt.propagateCounts();
    nt.index();
    return nt;
  }

  private pItem = new Int32Array(64);
  private pParent = new Int32Array(64);
  private pEnd = new Int32Array(64);
  private pAcc = new Int32Array(64);
  private pMap = new Int32Array(64);
  private stack = new Int32Array(64);

  private ensureScratch(capacity: number): void {
    if (this.pItem.length >= capacity + 1) return;
    const len = Math.max(capacity + 1, this.pItem.length * 2);
    this.pItem = new Int32Array(len);
    this.pParent = new Int32Array(len);
    this.pEnd = new Int32Array(len);
    this.pAcc = new Int32Array(len);
    this.pMap = new Int32Array(len);
    this.stack = new Int32Array(len);
  }
}

/**
 * Frequent itemsets by FP-growth (Han, Pei & Yin 2000): baskets are compressed into a prefix tree of
 * items ordered by frequency, then mined by recursive conditional trees; a tree that is a single
 * path yields all its subsets at once. Typed arrays throughout: memory stays proportional to the
 * number of item occurrences, with no one-hot matrix. Cost: O(total items) to build the tree, then
 * roughly proportional to the summed size of the conditional trees (output-sensitive; a rare item
 * costs what its conditional base holds, not its rank).
 * @param transactions - Baskets (`AssocItem[][]`, duplicates inside a basket count once, empty
 *   baskets count as baskets), or order lines when the `item` accessor and `orderId` (or `customer`) are given,
 *   or order lines as columns or an Arrow table (`{ transaction: [...], item: [...] }`; `item`, `orderId`
 *   and `customer` then name columns; docs/input.md).
 * @param options - Exactly one of `minSupport` (fraction) and `minCount` (baskets); see {@link FrequentItemsetsOptions}.
 * @returns Every frequent itemset with its count and support, sorted by count descending, then size,
 *   then items; `warnings` hints at thresholds that find (almost) nothing, e.g. `minSupport: 1` meant as 1%.
 *   `onProgress` gets phase `'item'` per 64 top-level items, `found` = itemsets so far.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT` (a basket that is not an array, a hole or null
 *   order line, an `Infinity` item or id), `MISSING_VALUE` (a null or missing item, a hole in a
 *   basket), `NON_FINITE` (a NaN item), `INVALID_OPTION` (also a bad accessor, or a key the first
 *   order line lacks), `LIMIT_EXCEEDED` (maxItemsets), `TOO_LARGE` (maxMemoryBytes), `ABORTED` (signal).
 * @see J. Han, J. Pei, Y. Yin (2000), "Mining frequent patterns without candidate generation", SIGMOD.
 * @example
 * fpGrowth([['milk', 'bread'], ['milk'], ['milk', 'bread', 'eggs']], { minCount: 2 }).itemsets.map((s) => `${s.items.join('+')}:${s.count}`); // => ['milk:3', 'bread:2', 'bread+milk:2']
 * fpGrowth({ transaction: [1, 1, 2, 3, 3, 3], item: ['milk', 'bread', 'milk', 'milk', 'bread', 'eggs'] }, { minCount: 2 }).itemsets.length; // => 3
 */
export function fpGrowth<D extends AssocTransactions<AnyRow>>(transactions: D, options: FrequentItemsetsOptions<RowOf<D>>): FrequentItemsetsResult {
  return runFpGrowth(transactions, options, 'auto');
}

/**
 * {@link fpGrowth} with the top level chosen by the caller rather than by the data: `'baskets'`
 * (conditional trees straight from the baskets) or `'tree'` (from a top-level FP-tree). Both give
 * the same itemsets; tests run each on every input.
 * @internal
 */
export function runFpGrowth<R>(transactions: AssocTransactions<R>, options: FrequentItemsetsOptions<R>, topLevel: 'auto' | 'baskets' | 'tree'): FrequentItemsetsResult {
  const s = setupMining('fpGrowth', transactions, options);
  const { codeToId, idToCode } = frequentItems(s);
  const base = recodeBaskets(s, idToCode);
  // Tree arrays (about 10 Int32 per node, top level plus conditional levels), the input copy and the
  // top-level pair table (at most PAIR_TABLE_BYTES).
  const f = codeToId.length;
  const sink = new ItemsetSink(s, base.codes.length * 4 * 10 * 2 + s.data.items.length * 8 + Math.min((f * (f - 1)) / 2 * 4, PAIR_TABLE_BYTES));
  if (f > 0) {
    const miner = new FpMiner(s, sink, codeToId);
    const support = new Int32Array(f);
    for (let c = 0; c < f; c++) support[c] = s.data.itemCounts[codeToId[c]!]!;
    const fromBaskets = topLevel === 'auto' ? FpMiner.sparse(base.offsets, base.codes, base.n) : topLevel === 'baskets';
    if (s.maxLength < 2) {
      miner.mineTop(null, support); // single items only: no conditional trees, nothing to prepare
    } else if (fromBaskets) {
      miner.useBaskets(base.offsets, base.codes, base.n, f);
      miner.mineTop(null, support);
    } else {
      miner.mineTop(miner.buildTop(base.offsets, base.codes, base.n, f), support);
    }
    sink.progress('item', f, f);
  }
  return finishItemsets(s, sink, 'fpGrowth');
}
