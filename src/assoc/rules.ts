/**
 * Association rules from frequent itemsets, with mlxtend's metric definitions.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { compareIds } from '../core/orders.js';
import { runControl, type RunControl } from '../core/progress.js';
import { custom, defineOptions, integer, limitOf, NO_LIMIT, number, opt, optionDefaults, resolveOptionTable, RUN_CONTROL_OPTIONS } from '../core/options.js';
import type { FrequentItemsetsResult } from './itemsets.js';
import { checkItem, checkItemList, type AssocItem } from './transactions.js';

/** One rule `antecedent => consequent`. Supports are fractions of all baskets. */
export interface AssociationRule {
  /** Items in ascending item order. */
  readonly antecedent: AssocItem[];
  readonly consequent: AssocItem[];
  /** Baskets holding antecedent and consequent together. */
  readonly count: number;
  /** support(A ∪ C). */
  readonly support: number;
  /** support(A). */
  readonly antecedentSupport: number;
  /** support(C). */
  readonly consequentSupport: number;
  /** support(A ∪ C) / support(A). */
  readonly confidence: number;
  /** confidence / support(C). */
  readonly lift: number;
  /** support(A ∪ C) - support(A) support(C). */
  readonly leverage: number;
  /**
   * (1 - support(C)) / (1 - confidence). `null` stands for +Infinity (confidence 1: the rule never
   * fails), which JSON cannot hold; mlxtend reports `inf` there.
   */
  readonly conviction: number | null;
  /** Zhang's metric in [-1, 1]: leverage / max(support(AC)(1 - support(A)), support(A)(support(C) - support(AC))); 0 when that max is 0. */
  readonly zhangsMetric: number;
  /**
   * Jaccard index of the baskets holding A and those holding C, in (0, 1]:
   * support(A ∪ C) / (support(A) + support(C) - support(A ∪ C)). mlxtend's `jaccard` (0.23+).
   */
  readonly jaccard: number;
  /**
   * Certainty factor in [-1, 1]: (confidence - support(C)) / (1 - support(C)); 0 when support(C) is 1.
   * mlxtend's `certainty` (0.23+).
   */
  readonly certainty: number;
  /**
   * Kulczynski measure in (0, 1]: the mean of the two confidences,
   * (support(A ∪ C) / support(A) + support(A ∪ C) / support(C)) / 2. mlxtend's `kulczynski` (0.23+).
   */
  readonly kulczynski: number;
}

/** Result of {@link associationRules}: plain data, JSON-safe. */
export interface AssociationRulesResult {
  readonly kind: 'associationRules';
  readonly version: 1;
  readonly transactionCount: number;
  /** Sorted by lift, then support, then confidence (all descending), then antecedent and consequent items. */
  readonly rules: AssociationRule[];
}

/**
 * Options of {@link associationRules}. Item filters are applied while rules are generated.
 * `onProgress` receives the shared `Progress` with phase `'itemset'` (itemsets of the input done)
 * and `found` = rules so far.
 */
export interface AssociationRulesOptions extends RunControl {
  /** Keep rules with confidence >= this, in [0, 1]. @defaultValue 0.8 */
  minConfidence?: number;
  /** Keep rules with lift >= this. @defaultValue 0 */
  minLift?: number;
  /** Largest consequent; 1 gives single-item consequents, null or Infinity every split (as mlxtend). @defaultValue 1 */
  maxConsequentLength?: number | null;
  /** Every one of these items must be in the antecedent. @defaultValue [] */
  antecedentIncludes?: readonly AssocItem[];
  /** None of these items may be in the antecedent. @defaultValue [] */
  antecedentExcludes?: readonly AssocItem[];
  /** Every one of these items must be in the consequent. @defaultValue [] */
  consequentIncludes?: readonly AssocItem[];
  /** None of these items may be in the consequent. @defaultValue [] */
  consequentExcludes?: readonly AssocItem[];
  /** Stop with `LIMIT_EXCEEDED` once more rules than this pass the filters. @defaultValue 1000000 */
  maxRules?: number;
  /**
   * Stop with `TOO_LARGE` before the estimated memory of the rules (about 200 + 16 x items bytes
   * each) and of the candidate consequents exceeds this many bytes; as fpGrowth's. @defaultValue 1073741824 (1 GiB)
   */
  maxMemoryBytes?: number;
}

const EMPTY: readonly AssocItem[] = Object.freeze([]);
// The form only; each item is checked by checkItemList.
const ITEM_LIST = custom<readonly AssocItem[]>({ describe: 'an array of items', test: Array.isArray, bad: ['tea', 1] });

/** The option table of {@link associationRules}. */
export const ASSOCIATION_RULES_OPTIONS = defineOptions<AssociationRulesOptions>()({
  minConfidence: opt({ default: 0.8, accepts: [number({ min: 0, max: 1 })], description: 'Keep rules with confidence >= this.' }),
  minLift: opt({ default: 0, accepts: [number({ min: 0 })], description: 'Keep rules with lift >= this.' }),
  maxConsequentLength: opt({ default: 1, nullable: true, accepts: [integer({ min: 1 }), NO_LIMIT], description: 'Largest consequent; null or Infinity = no limit.' }),
  antecedentIncludes: opt({ default: EMPTY, accepts: [ITEM_LIST], description: 'Every one of these items must be in the antecedent.' }),
  antecedentExcludes: opt({ default: EMPTY, accepts: [ITEM_LIST], description: 'None of these items may be in the antecedent.' }),
  consequentIncludes: opt({ default: EMPTY, accepts: [ITEM_LIST], description: 'Every one of these items must be in the consequent.' }),
  consequentExcludes: opt({ default: EMPTY, accepts: [ITEM_LIST], description: 'None of these items may be in the consequent.' }),
  maxRules: opt({ default: 1_000_000, accepts: [integer({ min: 1 })], description: 'Stop with LIMIT_EXCEEDED past this many rules.' }),
  maxMemoryBytes: opt({ default: 2 ** 30, accepts: [number({ min: 1 })], description: 'Stop with TOO_LARGE above this estimated memory.' }),
  ...RUN_CONTROL_OPTIONS,
});

/**
 * Defaults of {@link AssociationRulesOptions}: mlxtend's confidence threshold, single-item consequents.
 * @example
 * ASSOCIATION_RULES_DEFAULTS.minConfidence; // => 0.8
 */
// An explicit type keeps the public constant free of the table's inferred type (JSR's no-slow-types rule).
export const ASSOCIATION_RULES_DEFAULTS: { readonly minConfidence: number; readonly minLift: number; readonly maxConsequentLength: number | null; readonly antecedentIncludes: readonly AssocItem[]; readonly antecedentExcludes: readonly AssocItem[]; readonly consequentIncludes: readonly AssocItem[]; readonly consequentExcludes: readonly AssocItem[]; readonly maxRules: number; readonly maxMemoryBytes: number } = optionDefaults(ASSOCIATION_RULES_OPTIONS);

/** Lexicographic comparison of two item lists (compareIds per item, shorter first on a tie). */
export function compareItemLists(a: readonly AssocItem[], b: readonly AssocItem[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareIds(a[i]!, b[i]!);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The order of {@link AssociationRulesResult.rules}. */
export function compareRules(x: AssociationRule, y: AssociationRule): number {
  return y.lift - x.lift || y.support - x.support || y.confidence - x.confidence ||
    compareItemLists(x.antecedent, y.antecedent) || compareItemLists(x.consequent, y.consequent);
}

/** A frequent itemsets result read once: dense ids in ascending item order, and each itemset's ids. */
interface CheckedItemsets {
  readonly n: number;
  readonly labels: AssocItem[];
  readonly index: Map<AssocItem, number>;
  /** Sorted ids of each itemset, and its count. */
  readonly ids: Int32Array[];
  readonly counts: Int32Array;
  /** Itemset key (ids joined with ',') -> count. */
  readonly countOf: Map<string, number>;
}

function damaged(fn: string, what: string, details: Record<string, unknown> = {}): CrmError {
  return new CrmError('INVALID_MODEL', `${fn}: the itemsets result is damaged: ${what}. Pass the result of fpGrowth or apriori as it was returned (or after a JSON round trip), or mine again.`, { argument: 'itemsets', ...details });
}

/**
 * Refuses anything but a sound, unfiltered fpGrowth/apriori result (D27): kind, version, a positive
 * integer transactionCount, and each itemset with distinct valid items, an integer count in
 * [1, transactionCount] and support = count / transactionCount. O(total items) plus the sort of the
 * distinct items; nothing else in the result is trusted.
 */
function checkItemsetsResult(value: unknown, fn: string, fixedBytes: (itemsets: number, items: number) => void): CheckedItemsets {
  const r = value as Partial<FrequentItemsetsResult> | null;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) {
    throw new CrmError('INVALID_INPUT', `${fn}: expected the result of fpGrowth or apriori; got ${describeValue(value)}.`, { argument: 'itemsets' });
  }
  if (r.kind !== 'frequentItemsets') {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: expected the result of fpGrowth or apriori (kind 'frequentItemsets'); got kind ${describeValue(r.kind)}.`, { argument: 'itemsets' });
  }
  if (r.version !== 1) throw damaged(fn, `version is ${describeValue(r.version)}, and this version reads 1`);
  const n = r.transactionCount;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw damaged(fn, `transactionCount is ${describeValue(n)}, not a positive integer`);
  if (!Array.isArray(r.itemsets)) throw damaged(fn, `itemsets is ${describeValue(r.itemsets)}, not an array`);
  if (r.filter !== 'all') {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: rules need every frequent itemset, but this result holds only the ${describeValue(r.filter)} ones, so the supports of the antecedents are missing. Mine again without closed/maximal.`, { argument: 'itemsets' });
  }
  const sets = r.itemsets as unknown[];
  const m = sets.length;
  // Pass 1: shapes, counts, supports and the distinct items.
  const index = new Map<AssocItem, number>();
  const counts = new Int32Array(m);
  let totalItems = 0;
  for (let i = 0; i < m; i++) {
    const set = sets[i] as { items?: unknown; count?: unknown; support?: unknown } | undefined | null;
    if (set === null || typeof set !== 'object') throw damaged(fn, `itemsets[${i}] is ${i in sets ? describeValue(set) : 'an empty slot'}, not an itemset`, { row: i });
    const items = set.items;
    if (!Array.isArray(items) || items.length === 0) throw damaged(fn, `itemsets[${i}].items is ${describeValue(items)}, not a non-empty array of items`, { row: i });
    const c = set.count;
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > n) {
      throw damaged(fn, `itemsets[${i}].count is ${describeValue(c)}, not an integer in [1, ${n}] (the number of baskets)`, { row: i });
    }
    const sup = set.support;
    if (typeof sup !== 'number' || !(Math.abs(sup - c / n) <= 1e-12)) {
      throw damaged(fn, `itemsets[${i}].support is ${describeValue(sup)}, but count / transactionCount is ${c / n}`, { row: i });
    }
    counts[i] = c;
    for (let j = 0; j < items.length; j++) {
      let item: AssocItem;
      try {
        item = checkItem(items[j], `itemsets[${i}].items[${j}]`, 'strict');
      } catch (e) {
        throw damaged(fn, (e as Error).message.replace(/;.*$/, ''), { row: i });
      }
      index.set(item, 0);
    }
    totalItems += items.length;
  }
  fixedBytes(m, totalItems);
  // Dense ids in ascending item order, so an itemset's sorted ids list its items in that order.
  const labels = [...index.keys()].sort(compareIds);
  for (let id = 0; id < labels.length; id++) index.set(labels[id]!, id);
  // Pass 2: ids, distinct items, distinct itemsets.
  const ids: Int32Array[] = new Array(m);
  const countOf = new Map<string, number>();
  for (let i = 0; i < m; i++) {
    const items = (sets[i] as { items: AssocItem[] }).items;
    const a = new Int32Array(items.length);
    for (let j = 0; j < items.length; j++) a[j] = index.get(items[j]!)!;
    a.sort();
    for (let j = 1; j < a.length; j++) {
      if (a[j] === a[j - 1]) throw damaged(fn, `itemsets[${i}] lists item ${describeValue(labels[a[j]!])} twice`, { row: i });
    }
    const key = a.join(',');
    if (countOf.has(key)) throw damaged(fn, `itemsets[${i}] ({${items.join(', ')}}) appears twice`, { row: i });
    countOf.set(key, counts[i]!);
    ids[i] = a;
  }
  return { n, labels, index, ids, counts, countOf };
}

/** Rough bytes of one rule object with `size` items in all (object, two arrays, their entries). */
const bytesPerRule = (size: number): number => 200 + 16 * size;
/** Rough bytes of one candidate consequent (a position list of length m) while rules are generated. */
const bytesPerCandidate = (m: number): number => 48 + 8 * m;

/**
 * Association rules from frequent itemsets (Agrawal, Imielinski & Swami 1993), with the metrics of
 * mlxtend's `association_rules` computed from supports (`count / transactionCount`) exactly as it
 * does. For each itemset, consequents grow level by level from those that pass `minConfidence`
 * (confidence can only fall as the consequent grows), so filters act during generation. Cost:
 * O(total items) to check the input, then O(rules tried x itemset size) hash lookups; memory
 * guarded by `maxMemoryBytes`.
 * @param itemsets - The result of {@link fpGrowth} or {@link apriori}, without closed/maximal.
 * @param options - Thresholds, item filters, limits and run control; see {@link AssociationRulesOptions}.
 * @returns The rules, sorted by lift (then support, confidence, antecedent, consequent).
 * @throws CrmError `INVALID_INPUT` (not an object), `WRONG_RESULT_KIND` (another kind of result, or
 *   closed/maximal itemsets), `INVALID_MODEL` (a damaged result: version, transactionCount, an
 *   itemset's items, count or support, a subset missing or more frequent than allowed),
 *   `INVALID_OPTION`, `LIMIT_EXCEEDED` (maxRules), `TOO_LARGE` (maxMemoryBytes), `ABORTED` (signal).
 * @see mlxtend `association_rules` (metric definitions, mlxtend/frequent_patterns/association_rules.py,
 *   0.23+ for jaccard, certainty and kulczynski); T. Zhang (2000), "Association rules", PAKDD (Zhang's metric).
 * @example
 * const found = fpGrowth([['tea', 'milk'], ['tea', 'milk'], ['tea'], ['milk']], { minCount: 2 });
 * associationRules(found, { minConfidence: 0.6 }).rules.map((r) => `${r.antecedent} => ${r.consequent} (${r.confidence.toFixed(3)}, jaccard ${r.jaccard.toFixed(3)})`); // => ['milk => tea (0.667, jaccard 0.500)', 'tea => milk (0.667, jaccard 0.500)']
 */
export function associationRules(itemsets: FrequentItemsetsResult, options: AssociationRulesOptions = {}): AssociationRulesResult {
  const fn = 'associationRules';
  const o = resolveOptionTable(fn, ASSOCIATION_RULES_OPTIONS, options);
  const { minConfidence, minLift, maxRules, maxMemoryBytes } = o;
  const maxConsequent = limitOf(o.maxConsequentLength);
  const lists = {
    antecedentIncludes: checkItemList('antecedentIncludes', o.antecedentIncludes, 'strict'),
    antecedentExcludes: checkItemList('antecedentExcludes', o.antecedentExcludes, 'strict'),
    consequentIncludes: checkItemList('consequentIncludes', o.consequentIncludes, 'strict'),
    consequentExcludes: checkItemList('consequentExcludes', o.consequentExcludes, 'strict'),
  };
  const tick = runControl(fn, o);

  const mib = (x: number) => `${Math.ceil(x / 2 ** 20)} MiB`;
  let used = 0;
  let found = 0;
  const guard = (bytes: number, when: string): void => {
    if (used + bytes > maxMemoryBytes) {
      throw new CrmError('TOO_LARGE', `${fn}: the estimated memory ${when} is ${mib(used + bytes)}, above maxMemoryBytes (${mib(maxMemoryBytes)}); ${found} rules were found so far. Raise minConfidence or minLift, set maxConsequentLength, filter items, or raise maxMemoryBytes.`, { estimateBytes: used + bytes, found, option: 'maxMemoryBytes' });
    }
  };
  // The count map and id lists built first: about 120 bytes per itemset and 16 per item.
  const r = checkItemsetsResult(itemsets, fn, (m, items) => {
    used = m * 120 + items * 16;
    guard(0, 'for reading the itemsets');
  });
  const { n, labels, index, ids: idLists, counts, countOf } = r;

  // Item flags: bit 0 must be in A, 1 must not be in A, 2 must be in C, 3 must not be in C.
  const flags = new Uint8Array(labels.length);
  const need = [0, 0];
  const setFlag = (items: AssocItem[], bit: number, side: number) => {
    for (const it of items) {
      const id = index.get(it);
      // An item that is in no frequent itemset: excluding it changes nothing, requiring it leaves no rule.
      if (id === undefined) { if (bit === 1 || bit === 4) need[side] = Infinity; continue; }
      if (!(flags[id]! & bit) && (bit === 1 || bit === 4)) need[side]!++;
      flags[id]! |= bit;
    }
  };
  setFlag(lists.antecedentIncludes, 1, 0);
  setFlag(lists.antecedentExcludes, 2, 0);
  setFlag(lists.consequentIncludes, 4, 1);
  setFlag(lists.consequentExcludes, 8, 1);

  const out: AssociationRule[] = [];
  const m = idLists.length;
  const name = (list: ArrayLike<number>) => `{${Array.from(list, (i) => String(labels[i])).join(', ')}}`;
  const countFor = (sub: number[], what: string, set: Int32Array, setCount: number): number => {
    const c = countOf.get(sub.join(','));
    if (c === undefined) {
      throw new CrmError('INVALID_MODEL', `${fn}: the ${what} ${name(sub)} of the frequent itemset ${name(set)} is missing from the itemsets; pass the whole result of fpGrowth or apriori, not a filtered copy.`, { argument: 'itemsets' });
    }
    // Support never rises as items are added: a subset counted below its superset is damage.
    if (c < setCount) {
      throw damaged(fn, `the ${what} ${name(sub)} has count ${c}, below the count ${setCount} of its superset ${name(set)}`);
    }
    return c;
  };

  // Work since the last progress report: candidates tried, so one huge itemset still reports.
  let work = 0;
  const TICK_WORK = 1 << 14;
  if (need[0] !== Infinity && need[1] !== Infinity) {
    for (let s = 0; s < m; s++) {
      if ((s & 255) === 0 || work >= TICK_WORK) { tick('itemset', s, m, found); work = 0; }
      const ids = idLists[s]!;
      const size = ids.length;
      if (size < 2) continue;
      const setCount = counts[s]!;
      const sAC = setCount / n;
      // Consequents as sorted position lists into `ids`; level m holds the ones of size m that may grow.
      let level: number[][] = [];
      for (let p = 0; p < size; p++) level.push([p]);
      guard(size * bytesPerCandidate(1), `for the candidate consequents of an itemset of ${size} items`);
      for (let len = 1; len <= maxConsequent && len < size && level.length > 0; len++) {
        const grow: number[][] = [];
        for (const cons of level) {
          if (++work >= TICK_WORK) { tick('itemset', s, m, found); work = 0; }
          const inC = new Uint8Array(size);
          for (const p of cons) inC[p] = 1;
          let excludedC = false, hasAIn = 0, excludedA = false, hasCIn = 0;
          const aIds: number[] = [], cIds: number[] = [];
          for (let p = 0; p < size; p++) {
            const fl = flags[ids[p]!]!;
            if (inC[p]) { cIds.push(ids[p]!); if (fl & 8) excludedC = true; if (fl & 4) hasCIn++; }
            else { aIds.push(ids[p]!); if (fl & 2) excludedA = true; if (fl & 1) hasAIn++; }
          }
          // A consequent with an excluded item stays excluded as it grows: prune it.
          if (excludedC) continue;
          const sA = countFor(aIds, 'antecedent', ids, setCount) / n;
          const confidence = sAC / sA;
          if (!(confidence >= minConfidence)) continue; // smaller antecedents only lower it further
          grow.push(cons);
          if (excludedA || hasAIn < need[0]! || hasCIn < need[1]!) continue;
          const sC = countFor(cIds, 'consequent', ids, setCount) / n;
          const lift = confidence / sC;
          if (!(lift >= minLift)) continue;
          if (found >= maxRules) {
            throw new CrmError('LIMIT_EXCEEDED', `${fn}: more than maxRules (${maxRules}) rules pass the filters; stopped after finding ${found}. Raise maxRules, or raise minConfidence or minLift, or filter items.`, { found, option: 'maxRules' });
          }
          const bytes = bytesPerRule(size);
          guard(bytes, `of ${found + 1} rules`);
          used += bytes;
          out.push(makeRule(aIds.map((i) => labels[i]!), cIds.map((i) => labels[i]!), setCount, sAC, sA, sC, confidence, lift));
          found++;
        }
        if (len + 1 > maxConsequent || len + 1 >= size) break;
        // Next level: join passing consequents that share all but their last position (ap-genrules).
        level = [];
        const candidateBytes = bytesPerCandidate(len + 1);
        for (let i = 0; i < grow.length; i++) {
          for (let j = i + 1; j < grow.length; j++) {
            const a = grow[i]!, b = grow[j]!;
            let same = true;
            for (let q = 0; q < len - 1 && same; q++) same = a[q] === b[q];
            if (!same) break;
            if ((level.length & 4095) === 0) guard((level.length + 4096) * candidateBytes, `when building candidate consequents of ${len + 1} items`);
            level.push([...a, b[len - 1]!]);
          }
        }
      }
    }
  }
  tick('itemset', m, m, found);
  out.sort(compareRules);
  return { kind: 'associationRules', version: 1, transactionCount: n, rules: out };
}

/**
 * One rule with every metric, from the supports (fractions of baskets) as mlxtend computes them:
 * conviction (1 - sC) / (1 - confidence), null for +Infinity; Zhang's metric leverage / max(sAC (1 - sA),
 * sA (sC - sAC)), 0 when that is 0; jaccard sAC / (sA + sC - sAC); certainty (confidence - sC) /
 * (1 - sC), 0 when sC is 1; kulczynski (sAC / sA + sAC / sC) / 2.
 */
function makeRule(antecedent: AssocItem[], consequent: AssocItem[], count: number, sAC: number, sA: number, sC: number, confidence: number, lift: number): AssociationRule {
  const leverage = sAC - sA * sC;
  const denominator = Math.max(sAC * (1 - sA), sA * (sC - sAC));
  return {
    antecedent,
    consequent,
    count,
    support: sAC,
    antecedentSupport: sA,
    consequentSupport: sC,
    confidence,
    lift,
    leverage,
    conviction: confidence < 1 ? (1 - sC) / (1 - confidence) : null,
    zhangsMetric: denominator === 0 ? 0 : leverage / denominator,
    jaccard: sAC / (sA + sC - sAC),
    certainty: 1 - sC === 0 ? 0 : (confidence - sC) / (1 - sC),
    kulczynski: (confidence + sAC / sC) / 2,
  };
}
