/**
 * What fpGrowth and apriori share: options, the result shape, the output buffer with its guards
 * (maxItemsets, memory estimate, abort, progress), closed/maximal filtering and the final sort.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { indexMap } from '../core/idTable.js';
import { runControl, type RunControl, type Tick } from '../core/progress.js';
import { checkInteger, checkNumber, } from '../core/validate.js';
import type { Id } from '../core/orders.js';
import { accessor, boolean, custom, defineOptions, integer, limitOf, NO_LIMIT, number, oneOf, opt, optionDefaults, resolveOptionTable, RUN_CONTROL_OPTIONS, type ResolvedOptions } from '../core/options.js';
import { checkInputAccessors, checkItemList, encodeBaskets, sortRun, type AssocInputOptions, type AssocItem, type EncodedBaskets } from './transactions.js';

/**
 * Options of {@link fpGrowth} and {@link apriori}. Give exactly one of `minSupport` and `minCount`.
 * `onProgress` receives the shared `Progress` (core/progress.ts): phase `'item'` for fpGrowth's
 * top-level items, `'level'` for apriori's levels, `found` = itemsets so far.
 */
export interface FrequentItemsetsOptions<R = unknown> extends AssocInputOptions<R>, RunControl {
  /** Minimum support as a fraction of baskets, in (0, 1]: 0.01 means 1%. */
  minSupport?: number;
  /** Minimum support as a number of baskets, an integer in [1, number of baskets]. */
  minCount?: number;
  /** Longest itemset to report; null or Infinity = no limit. @defaultValue Infinity */
  maxLength?: number | null;
  /** Mine only these items (all others are ignored). @defaultValue undefined (all items) */
  includeItems?: readonly AssocItem[];
  /** Ignore these items. @defaultValue [] */
  excludeItems?: readonly AssocItem[];
  /** Keep only closed itemsets (no superset with the same count). @defaultValue false */
  closed?: boolean;
  /** Keep only maximal itemsets (no frequent superset). @defaultValue false */
  maximal?: boolean;
  /** Stop with `LIMIT_EXCEEDED` once more itemsets than this are found. @defaultValue 1000000 */
  maxItemsets?: number;
  /** Stop with `TOO_LARGE` when the estimated working memory exceeds this many bytes. @defaultValue 1073741824 (1 GiB) */
  maxMemoryBytes?: number;
}

/** One frequent itemset. Items are in ascending item order (numbers first, then strings by code unit). */
export interface FrequentItemset {
  readonly items: AssocItem[];
  /** Number of baskets holding every item. */
  readonly count: number;
  /** `count / transactionCount`. */
  readonly support: number;
}

/** Result of {@link fpGrowth} and {@link apriori}: plain data, JSON-safe. */
export interface FrequentItemsetsResult {
  readonly kind: 'frequentItemsets';
  readonly version: 1;
  readonly algorithm: 'fpGrowth' | 'apriori';
  /** Baskets read, empty ones included. */
  readonly transactionCount: number;
  /** The minimum count applied (minSupport is turned into this). */
  readonly minCount: number;
  /** Longest itemset allowed, or null for no limit. */
  readonly maxLength: number | null;
  /** `'all'`, or `'closed'`/`'maximal'` when those options were set (rules need `'all'`). */
  readonly filter: 'all' | 'closed' | 'maximal';
  /** Sorted by count descending, then size ascending, then items. */
  readonly itemsets: FrequentItemset[];
  /**
   * Hints about the thresholds, e.g. when nothing (or almost nothing) is frequent because
   * `minSupport: 1` was meant as 1%. Empty when there is nothing to say. Absent from results made
   * before this field existed; readers treat that as empty.
   */
  readonly warnings: string[];
}

/**
 * Defaults of {@link FrequentItemsetsOptions} (there is no default support: give minSupport or minCount).
 * @example
 * FREQUENT_ITEMSETS_DEFAULTS.maxItemsets; // => 1000000
 */

// The form only; each item is checked (and read under itemIdentity) by checkItemList.
const ITEM_LIST = custom<readonly AssocItem[]>({ describe: 'an array of items', test: Array.isArray, bad: ['tea', 1] });

/**
 * The option table of {@link fpGrowth} and {@link apriori}. minSupport and minCount are checked in
 * setupMining (exactly one is required, and each message suggests the other when a value looks
 * like the other's unit).
 */
export const FREQUENT_ITEMSETS_OPTIONS = defineOptions<FrequentItemsetsOptions>()({
  minSupport: opt({ accepts: [number({ min: 0, max: 1, exclusiveMin: true })], description: 'Minimum support as a fraction of baskets, in (0, 1].' }),
  minCount: opt({ accepts: [integer({ min: 1 })], description: 'Minimum support as a number of baskets; result.minCount holds the count applied.', stored: 'derived' }),
  maxLength: opt({ default: Infinity, nullable: true, accepts: [integer({ min: 1 }), NO_LIMIT], description: 'Longest itemset; null or Infinity = no limit (the result stores null).', stored: 'derived' }),
  includeItems: opt({ accepts: [ITEM_LIST], description: 'Mine only these items.' }),
  excludeItems: opt({ default: Object.freeze([]) as readonly AssocItem[], accepts: [ITEM_LIST], description: 'Ignore these items.' }),
  closed: opt({ default: false, accepts: [boolean()], description: 'Keep only closed itemsets.' }),
  maximal: opt({ default: false, accepts: [boolean()], description: 'Keep only maximal itemsets.' }),
  maxItemsets: opt({ default: 1_000_000, accepts: [integer({ min: 1 })], description: 'Stop with LIMIT_EXCEEDED past this many itemsets.' }),
  maxMemoryBytes: opt({ default: 2 ** 30, accepts: [number({ min: 1 })], description: 'Stop with TOO_LARGE above this estimated memory.' }),
  itemIdentity: opt({ default: 'strict', accepts: [oneOf(['strict', 'string'])], description: "'strict' keeps \"1\" and 1 apart; 'string' merges them." }),
  item: opt({ accepts: [accessor<AssocItem>()], description: 'The item of an order line (switches the input to lines).' }),
  orderId: opt({ accepts: [accessor<Id>()], description: 'The basket of an order line.' }),
  customer: opt({ accepts: [accessor<Id>()], description: 'The customer of an order line (the basket when orderId is absent).' }),
  ...RUN_CONTROL_OPTIONS,
});

/**
 * Defaults of {@link FrequentItemsetsOptions} (there is no default support: give minSupport or minCount).
 * @example
 * FREQUENT_ITEMSETS_DEFAULTS.maxItemsets; // => 1000000
 */
// An explicit type keeps the public constant free of the table's inferred type (JSR's no-slow-types rule).
export const FREQUENT_ITEMSETS_DEFAULTS: { readonly minSupport: number; readonly minCount: number; readonly maxLength: number | null; readonly includeItems: readonly AssocItem[]; readonly excludeItems: readonly AssocItem[]; readonly closed: boolean; readonly maximal: boolean; readonly maxItemsets: number; readonly maxMemoryBytes: number; readonly itemIdentity: 'string' | 'strict'; readonly item: (row: unknown, index: number) => AssocItem; readonly orderId: (row: unknown, index: number) => Id; readonly customer: (row: unknown, index: number) => Id } = optionDefaults(FREQUENT_ITEMSETS_OPTIONS);

/** Everything a miner needs after options and input are checked. */
export interface MiningSetup {
  readonly fn: string;
  readonly data: EncodedBaskets;
  readonly minCount: number;
  /** The minSupport given, or undefined when minCount was. */
  readonly minSupport: number | undefined;
  readonly maxLength: number;
  /** 1 for items the options allow, 0 otherwise. */
  readonly allowed: Uint8Array;
  readonly maxItemsets: number;
  readonly maxMemoryBytes: number;
  readonly filter: 'all' | 'closed' | 'maximal';
  /** Progress and abort (core/progress.ts). */
  readonly tick: Tick;
}

/** Checks options and reads the transactions. */
export function setupMining<R>(fn: string, transactions: unknown, options: FrequentItemsetsOptions<R> | undefined): MiningSetup {
  const o = resolveOptionTable(fn, FREQUENT_ITEMSETS_OPTIONS, options as object | undefined, {}, ['maxLength', 'includeItems', 'excludeItems', 'closed', 'maximal', 'maxItemsets', 'maxMemoryBytes', 'itemIdentity', 'item', 'orderId', 'customer', 'signal', 'onProgress']) as ResolvedOptions<typeof FREQUENT_ITEMSETS_OPTIONS> & FrequentItemsetsOptions<R>;
  const hasSupport = o.minSupport !== undefined;
  const hasCount = o.minCount !== undefined;
  if (hasSupport && hasCount) {
    throw new CrmError('INVALID_OPTION', `${fn}: give either minSupport (a fraction of baskets) or minCount (a number of baskets), not both; got minSupport ${describeValue(o.minSupport)} and minCount ${describeValue(o.minCount)}.`, { option: 'minSupport' });
  }
  if (!hasSupport && !hasCount) {
    throw new CrmError('INVALID_OPTION', `${fn}: give minSupport (a fraction of baskets in (0, 1], e.g. 0.01) or minCount (a number of baskets, e.g. 50).`, { option: 'minSupport' });
  }
  if (hasSupport) {
    const s = o.minSupport;
    const asCount = typeof s === 'number' && Number.isInteger(s) && s > 1 ? ` It looks like a count: pass minCount: ${s} instead.` : ' To give a number of baskets, use minCount instead.';
    checkNumber('minSupport', s, { min: 0, max: 1, exclusiveMin: true, hint: asCount.trim() });
  } else {
    const c = o.minCount;
    const hint = typeof c === 'number' && c > 0 && c < 1 ? `It looks like a fraction: pass minSupport: ${c} instead.` : 'To give a fraction of baskets, use minSupport instead.';
    checkInteger('minCount', c, { min: 1, hint });
  }
  const maxLength = limitOf(o.maxLength);
  if (o.closed && o.maximal) {
    throw new CrmError('INVALID_OPTION', `${fn}: closed and maximal are exclusive; every maximal itemset is closed, so pick one.`, { option: 'closed' });
  }
  const { maxItemsets, maxMemoryBytes } = o;
  checkInputAccessors(fn, o);
  const exclude = checkItemList('excludeItems', o.excludeItems, o.itemIdentity);
  const include = o.includeItems === undefined ? undefined : checkItemList('includeItems', o.includeItems, o.itemIdentity);

  const tick = runControl(fn, o); // throws ABORTED for a signal aborted before the call
  const data = encodeBaskets(transactions, o, fn);
  let minCount: number;
  if (hasSupport) {
    // The smallest count c with c / n >= minSupport, in the same floating point as that comparison.
    const s = o.minSupport!;
    minCount = Math.max(1, Math.ceil(s * data.n));
    while (minCount > 1 && (minCount - 1) / data.n >= s) minCount--;
    while (minCount / data.n < s) minCount++;
  } else {
    minCount = o.minCount!;
    if (minCount > data.n) {
      throw new CrmError('INVALID_OPTION', `${fn}: minCount is ${minCount} but there are only ${data.n} baskets; no itemset can be that frequent. Lower minCount (at most ${data.n}).`, { option: 'minCount', value: minCount });
    }
  }
  const allowed = new Uint8Array(data.labels.length);
  // The item -> id index only when items are named (a million distinct items make it costly).
  const index = include || exclude.length > 0 ? indexMap(data.labels) : new Map<AssocItem, number>();
  if (include) {
    for (const item of include) { const id = index.get(item); if (id !== undefined) allowed[id] = 1; }
  } else {
    allowed.fill(1);
  }
  for (const item of exclude) { const id = index.get(item); if (id !== undefined) allowed[id] = 0; }
  return {
    fn, data, minCount, minSupport: hasSupport ? o.minSupport : undefined, maxLength, allowed, maxItemsets, maxMemoryBytes,
    filter: o.closed ? 'closed' : o.maximal ? 'maximal' : 'all',
    tick,
  };
}

/** Rough bytes per reported itemset of size s once turned into result objects. */
const bytesPerItemset = (size: number): number => 120 + 16 * size;

/**
 * Found itemsets in flat typed arrays (dense item ids, ascending inside each itemset), with the
 * guards that stop a run that explodes.
 */
export class ItemsetSink {
  items = new Int32Array(1 << 16);
  starts = new Int32Array(1 << 12);
  counts = new Int32Array(1 << 12);
  size = 0;
  private used = 0;
  private nextCheck = 4096;
  private readonly fixedBytes: number;

  constructor(private readonly s: MiningSetup, fixedBytes: number) {
    this.fixedBytes = fixedBytes;
    this.checkMemory(fixedBytes, 'before mining');
  }

  /** Throws TOO_LARGE when `bytes` exceeds the budget. */
  checkMemory(bytes: number, when: string): void {
    if (bytes > this.s.maxMemoryBytes) {
      const mib = (x: number) => `${Math.ceil(x / 2 ** 20)} MiB`;
      throw new CrmError('TOO_LARGE', `${this.s.fn}: the estimated working memory ${when} is ${mib(bytes)}, above maxMemoryBytes (${mib(this.s.maxMemoryBytes)}); ${this.size} itemsets were found so far. Raise minCount or minSupport, set maxLength, or raise maxMemoryBytes.`, { estimateBytes: bytes, found: this.size, option: 'maxMemoryBytes' });
    }
  }

  /** Adds one itemset: `len` ids from `ids` (any order; stored ascending) with its count. */
  push(ids: ArrayLike<number>, len: number, count: number): void {
    if (this.size >= this.s.maxItemsets) {
      throw new CrmError('LIMIT_EXCEEDED', `${this.s.fn}: more than maxItemsets (${this.s.maxItemsets}) itemsets are frequent; stopped after finding ${this.size}. Raise maxItemsets, raise minCount or minSupport, or set maxLength.`, { found: this.size, option: 'maxItemsets' });
    }
    if (this.used + len > this.items.length) {
      const grown = new Int32Array(Math.max(this.items.length * 2, this.used + len));
      grown.set(this.items);
      this.items = grown;
    }
    if (this.size + 1 >= this.starts.length) {
      const st = new Int32Array(this.starts.length * 2); st.set(this.starts); this.starts = st;
      const ct = new Int32Array(this.counts.length * 2); ct.set(this.counts); this.counts = ct;
    }
    const start = this.used;
    for (let j = 0; j < len; j++) {
      // Insertion sort: itemsets are short, and ids arrive almost sorted.
      const v = ids[j]!;
      let p = start + j;
      while (p > start && this.items[p - 1]! > v) { this.items[p] = this.items[p - 1]!; p--; }
      this.items[p] = v;
    }
    this.starts[this.size] = start;
    this.counts[this.size] = count;
    this.used += len;
    this.size++;
    this.starts[this.size] = this.used;
    if (this.size >= this.nextCheck) {
      this.nextCheck += 4096;
      this.checkMemory(this.fixedBytes + this.size * bytesPerItemset(this.used / this.size), 'while mining');
    }
  }

  /** Reports progress (`found` = itemsets so far) and honours the abort signal between units of work. */
  progress(phase: 'item' | 'level', completed: number, total: number): void {
    this.s.tick(phase, completed, total, this.size);
  }
}

/** Key of a sorted id list, for hash lookups of itemsets. */
function keyOf(items: Int32Array, from: number, to: number, skip = -1): string {
  let key = '';
  for (let j = from; j < to; j++) if (j !== skip) key += `${items[j]},`;
  return key;
}

/** Marks the itemsets to keep for `closed` (no superset with the same count) or `maximal` (no frequent superset). */
function keepMask(sink: ItemsetSink, filter: 'closed' | 'maximal'): Uint8Array {
  const { items, starts, counts, size } = sink;
  const index = new Map<string, number>();
  for (let i = 0; i < size; i++) index.set(keyOf(items, starts[i]!, starts[i + 1]!), i);
  const keep = new Uint8Array(size).fill(1);
  // Support is anti-monotone, so looking one item up is enough: if X has a superset with X's
  // count (or any frequent superset), it has one with exactly one more item.
  for (let i = 0; i < size; i++) {
    const a = starts[i]!, b = starts[i + 1]!;
    if (b - a < 2) continue;
    for (let skip = a; skip < b; skip++) {
      const sub = index.get(keyOf(items, a, b, skip));
      if (sub === undefined) continue;
      if (filter === 'maximal' || counts[sub] === counts[i]) keep[sub] = 0;
    }
  }
  return keep;
}

/** Applies closed/maximal, sorts (count desc, size asc, ids lexicographic) and maps ids back to items. */
export function finishItemsets(s: MiningSetup, sink: ItemsetSink, algorithm: 'fpGrowth' | 'apriori'): FrequentItemsetsResult {
  const { items, starts, counts } = sink;
  const keep = s.filter === 'all' ? null : keepMask(sink, s.filter);
  const kept: number[] = [];
  for (let i = 0; i < sink.size; i++) if (!keep || keep[i]) kept.push(i);
  // Count (descending) and size packed with the index into exact doubles and sorted natively; only
  // runs with equal count and size are then compared item by item.
  const m = kept.length;
  let maxSize = 1;
  for (let i = 0; i < sink.size; i++) maxSize = Math.max(maxSize, starts[i + 1]! - starts[i]!);
  if ((s.data.n + 1) * (maxSize + 1) * m >= 2 ** 53) {
    throw new CrmError('TOO_LARGE', `${s.fn}: ${m} itemsets over ${s.data.n} baskets are too many to sort exactly; raise minCount or minSupport, or set maxLength.`, { found: m });
  }
  const keys = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const i = kept[r]!;
    keys[r] = ((s.data.n - counts[i]!) * (maxSize + 1) + (starts[i + 1]! - starts[i]!)) * m + r;
  }
  keys.sort();
  const order = new Array<number>(m);
  for (let r = 0; r < m; r++) order[r] = kept[keys[r]! % m]!;
  const byItems = (x: number, y: number) => {
    const ax = starts[x]!, ay = starts[y]!, len = starts[x + 1]! - ax;
    for (let j = 0; j < len; j++) {
      const d = items[ax + j]! - items[ay + j]!;
      if (d !== 0) return d;
    }
    return 0;
  };
  // Runs of equal count and size: when the items fit, they are packed (base d, one digit per item)
  // with the position into exact doubles and sorted natively; otherwise compared item by item.
  const d = s.data.labels.length;
  let runKeys = new Float64Array(64);
  let runTmp = new Int32Array(64);
  for (let r = 0; r < m; ) {
    const x = order[r]!, len = starts[x + 1]! - starts[x]!;
    let e = r + 1;
    while (e < m && counts[order[e]!] === counts[x] && starts[order[e]! + 1]! - starts[order[e]!]! === len) e++;
    const w = e - r;
    if (w > 1 && d ** len * w < 2 ** 53) {
      if (runKeys.length < w) { runKeys = new Float64Array(w * 2); runTmp = new Int32Array(w * 2); }
      for (let j = 0; j < w; j++) {
        const a = starts[order[r + j]!]!;
        let key = 0;
        for (let t = 0; t < len; t++) key = key * d + items[a + t]!;
        runKeys[j] = key * w + j;
      }
      const ks = runKeys.subarray(0, w);
      ks.sort();
      for (let j = 0; j < w; j++) runTmp[j] = order[r + (ks[j]! % w)]!;
      for (let j = 0; j < w; j++) order[r + j] = runTmp[j]!;
    } else if (w > 1) {
      const run = order.slice(r, e).sort(byItems);
      for (let j = r; j < e; j++) order[j] = run[j - r]!;
    }
    r = e;
  }
  const n = s.data.n;
  const labels = s.data.labels;
  const itemsets: FrequentItemset[] = new Array(order.length);
  for (let r = 0; r < order.length; r++) {
    const i = order[r]!;
    const a = starts[i]!, b = starts[i + 1]!;
    const its: AssocItem[] = new Array(b - a);
    for (let j = a; j < b; j++) its[j - a] = labels[items[j]!]!;
    itemsets[r] = { items: its, count: counts[i]!, support: counts[i]! / n };
  }
  return {
    kind: 'frequentItemsets', version: 1, algorithm,
    transactionCount: n, minCount: s.minCount,
    maxLength: s.maxLength === Infinity ? null : s.maxLength,
    filter: s.filter, itemsets,
    warnings: thresholdWarnings(s, itemsets.length),
  };
}

/** Fewer itemsets than this at minSupport >= 0.5 count as "almost nothing" for the warning. */
const FEW_ITEMSETS = 10;

/**
 * The hints of {@link FrequentItemsetsResult.warnings}: minSupport is a fraction (a user who meant
 * 1% with `minSupport: 1` otherwise gets nothing and no clue), and, for an empty result, how
 * frequent the most frequent item is.
 */
function thresholdWarnings(s: MiningSetup, found: number): string[] {
  const warnings: string[] = [];
  const n = s.data.n;
  const sup = s.minSupport;
  if (sup !== undefined && sup >= 0.5 && found < FEW_ITEMSETS) {
    const meant = Number((sup / 100).toPrecision(12));
    warnings.push(`${s.fn}: minSupport is a fraction of baskets: minSupport: ${sup} keeps only itemsets in at least ${s.minCount} of the ${n} baskets, and ${found} ${found === 1 ? 'is' : 'are'} that frequent. ` +
      `minSupport: 0.01 means 1%; if you meant ${sup}%, pass minSupport: ${meant}.`);
  } else if (found === 0) {
    let top = 0;
    const { itemCounts } = s.data;
    for (let id = 0; id < itemCounts.length; id++) if (s.allowed[id] && itemCounts[id]! > top) top = itemCounts[id]!;
    const given = sup !== undefined ? `minSupport ${sup} (a count of ${s.minCount} of ${n} baskets)` : `minCount ${s.minCount} (of ${n} baskets)`;
    warnings.push(`${s.fn}: no itemset is frequent at ${given}; the most frequent item is in ${top} baskets. Lower ${sup !== undefined ? 'minSupport' : 'minCount'}.`);
  }
  return warnings;
}

/**
 * The allowed items whose count reaches minCount, coded 0..f-1 by count descending (ties: ascending
 * id; FP-growth's order, which keeps the tree small) or by ascending id (`'item'`).
 * Returns `codeToId` (code -> id) and `idToCode` (id -> code, or -1).
 */
export function frequentItems(s: MiningSetup, order: 'frequency' | 'item' = 'frequency'): { codeToId: Int32Array; idToCode: Int32Array } {
  const { itemCounts } = s.data;
  const ids: number[] = [];
  for (let id = 0; id < itemCounts.length; id++) if (s.allowed[id] && itemCounts[id]! >= s.minCount) ids.push(id);
  if (order === 'frequency') ids.sort((a, b) => itemCounts[b]! - itemCounts[a]! || a - b);
  const codeToId = Int32Array.from(ids);
  const idToCode = new Int32Array(itemCounts.length).fill(-1);
  for (let c = 0; c < ids.length; c++) idToCode[ids[c]!] = c;
  return { codeToId, idToCode };
}

/**
 * The baskets restricted to frequent items, recoded to ranks and sorted ascending inside each basket
 * (most frequent item first), in CSR form. Empty results are dropped.
 */
export function recodeBaskets(s: MiningSetup, idToCode: Int32Array): { offsets: Int32Array; codes: Int32Array; n: number } {
  const { offsets, items, n } = s.data;
  const codes = new Int32Array(items.length);
  const out = new Int32Array(n + 1);
  let k = 0, m = 0;
  for (let b = 0; b < n; b++) {
    const start = k;
    for (let j = offsets[b]!; j < offsets[b + 1]!; j++) {
      const c = idToCode[items[j]!]!;
      if (c >= 0) codes[k++] = c;
    }
    if (k === start) continue;
    sortRun(codes, start, k);
    out[++m] = k;
  }
  return { offsets: out.subarray(0, m + 1), codes: codes.subarray(0, k), n: m };
}
