/**
 * Association rules from frequent itemsets, with mlxtend's metric definitions.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { compareIds } from '../core/orders.js';
import { checkInteger, checkNumber, resolveOptions } from '../core/validate.js';
import type { FrequentItemsetsResult } from './itemsets.js';
import { checkItemList, type AssocItem } from './transactions.js';

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
}

/** Result of {@link associationRules}: plain data, JSON-safe. */
export interface AssociationRulesResult {
  readonly kind: 'associationRules';
  readonly version: 1;
  readonly transactionCount: number;
  /** Sorted by lift, then support, then confidence (all descending), then antecedent and consequent items. */
  readonly rules: AssociationRule[];
}

/** Options of {@link associationRules}. Item filters are applied while rules are generated. */
export interface AssociationRulesOptions {
  /** Keep rules with confidence >= this, in [0, 1]. @defaultValue 0.8 */
  minConfidence?: number;
  /** Keep rules with lift >= this. @defaultValue 0 */
  minLift?: number;
  /** Largest consequent; 1 gives single-item consequents, Infinity every split (as mlxtend). @defaultValue 1 */
  maxConsequentLength?: number;
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
}

const EMPTY: readonly AssocItem[] = Object.freeze([]);

/**
 * Defaults of {@link AssociationRulesOptions}: mlxtend's confidence threshold, single-item consequents.
 * @example
 * ASSOCIATION_RULES_DEFAULTS.minConfidence; // => 0.8
 */
export const ASSOCIATION_RULES_DEFAULTS = Object.freeze({
  minConfidence: 0.8,
  minLift: 0,
  maxConsequentLength: 1,
  antecedentIncludes: EMPTY,
  antecedentExcludes: EMPTY,
  consequentIncludes: EMPTY,
  consequentExcludes: EMPTY,
  maxRules: 1_000_000,
});

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

/** Refuses anything but an unfiltered fpGrowth/apriori result. */
function checkItemsetsResult(value: unknown, fn: string): FrequentItemsetsResult {
  const r = value as Partial<FrequentItemsetsResult> | null;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) {
    throw new CrmError('INVALID_INPUT', `${fn}: expected the result of fpGrowth or apriori; got ${describeValue(value)}.`, { argument: 'itemsets' });
  }
  if (r.kind !== 'frequentItemsets') {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: expected the result of fpGrowth or apriori (kind 'frequentItemsets'); got kind ${describeValue(r.kind)}.`, { argument: 'itemsets' });
  }
  if (r.version !== 1 || !Array.isArray(r.itemsets) || typeof r.transactionCount !== 'number' || r.transactionCount < 1) {
    throw new CrmError('INVALID_INPUT', `${fn}: the itemsets result is damaged (version, itemsets or transactionCount); mine it again.`, { argument: 'itemsets' });
  }
  if (r.filter !== 'all') {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: rules need every frequent itemset, but this result holds only the ${describeValue(r.filter)} ones, so the supports of the antecedents are missing. Mine again without closed/maximal.`, { argument: 'itemsets' });
  }
  return r as FrequentItemsetsResult;
}

/**
 * Association rules from frequent itemsets (Agrawal, Imielinski & Swami 1993), with the metrics of
 * mlxtend's `association_rules` computed from supports (`count / transactionCount`) exactly as it
 * does. For each itemset, consequents grow level by level from those that pass `minConfidence`
 * (confidence can only fall as the consequent grows), so filters act during generation. Cost:
 * O(rules tried x itemset size) hash lookups.
 * @param itemsets - The result of {@link fpGrowth} or {@link apriori}, without closed/maximal.
 * @param options - Thresholds and item filters; see {@link AssociationRulesOptions}.
 * @returns The rules, sorted by lift (then support, confidence, antecedent, consequent).
 * @throws CrmError `INVALID_INPUT` (not an itemsets result, or a subset missing from it),
 *   `WRONG_RESULT_KIND` (another kind of result, or closed/maximal itemsets), `INVALID_OPTION`, `LIMIT_EXCEEDED` (maxRules).
 * @see mlxtend `association_rules` (metric definitions); T. Zhang (2000), "Association rules", PAKDD (Zhang's metric).
 * @example
 * const found = fpGrowth([['tea', 'milk'], ['tea', 'milk'], ['tea'], ['milk']], { minCount: 2 });
 * associationRules(found, { minConfidence: 0.6 }).rules.map((r) => `${r.antecedent} => ${r.consequent} (${r.confidence.toFixed(3)})`); // => ['milk => tea (0.667)', 'tea => milk (0.667)']
 */
export function associationRules(itemsets: FrequentItemsetsResult, options: AssociationRulesOptions = {}): AssociationRulesResult {
  const fn = 'associationRules';
  const r = checkItemsetsResult(itemsets, fn);
  const o = resolveOptions(fn, ASSOCIATION_RULES_DEFAULTS, options);
  const minConfidence = checkNumber('minConfidence', o.minConfidence, { min: 0, max: 1 });
  const minLift = checkNumber('minLift', o.minLift, { min: 0 });
  const maxConsequent = o.maxConsequentLength === Infinity ? Infinity : checkInteger('maxConsequentLength', o.maxConsequentLength, { min: 1 });
  const maxRules = checkInteger('maxRules', o.maxRules, { min: 1 });
  const lists = {
    antecedentIncludes: checkItemList('antecedentIncludes', o.antecedentIncludes, 'strict'),
    antecedentExcludes: checkItemList('antecedentExcludes', o.antecedentExcludes, 'strict'),
    consequentIncludes: checkItemList('consequentIncludes', o.consequentIncludes, 'strict'),
    consequentExcludes: checkItemList('consequentExcludes', o.consequentExcludes, 'strict'),
  };

  // Dense ids for the items, in ascending item order, so an itemset's ids are sorted like its items.
  const labelSet = new Map<AssocItem, number>();
  for (const s of r.itemsets) for (const it of s.items) labelSet.set(it, 0);
  const labels = [...labelSet.keys()].sort(compareIds);
  labels.forEach((l, i) => labelSet.set(l, i));
  const counts = new Map<string, number>();
  for (const s of r.itemsets) counts.set(s.items.map((it) => labelSet.get(it)!).join(','), s.count);

  // Item flags: bit 0 must be in A, 1 must not be in A, 2 must be in C, 3 must not be in C.
  const flags = new Uint8Array(labels.length);
  const need = [0, 0];
  const setFlag = (items: AssocItem[], bit: number, side: number) => {
    for (const it of items) {
      const id = labelSet.get(it);
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

  const n = r.transactionCount;
  const out: AssociationRule[] = [];
  const countOf = (ids: number[], what: string, of: AssocItem[]): number => {
    const c = counts.get(ids.join(','));
    if (c === undefined) {
      throw new CrmError('INVALID_INPUT', `${fn}: the ${what} {${ids.map((i) => labels[i]).join(', ')}} of the frequent itemset {${of.join(', ')}} is missing from the itemsets; pass the whole result of fpGrowth or apriori, not a filtered copy.`, { argument: 'itemsets' });
    }
    return c;
  };

  for (const set of r.itemsets) {
    const size = set.items.length;
    if (size < 2) continue;
    const ids = set.items.map((it) => labelSet.get(it)!);
    const sAC = set.count / n;
    // Consequents as sorted position lists into `ids`; level m holds the ones of size m that may grow.
    let level: number[][] = [];
    for (let p = 0; p < size; p++) level.push([p]);
    for (let m = 1; m <= maxConsequent && m < size && level.length > 0; m++) {
      const grow: number[][] = [];
      for (const cons of level) {
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
        const sA = countOf(aIds, 'antecedent', set.items) / n;
        const confidence = sAC / sA;
        if (!(confidence >= minConfidence)) continue; // smaller antecedents only lower it further
        grow.push(cons);
        if (excludedA || hasAIn < need[0]! || hasCIn < need[1]!) continue;
        const sC = countOf(cIds, 'consequent', set.items) / n;
        const lift = confidence / sC;
        if (!(lift >= minLift)) continue;
        const leverage = sAC - sA * sC;
        const denominator = Math.max(sAC * (1 - sA), sA * (sC - sAC));
        if (out.length >= maxRules) {
          throw new CrmError('LIMIT_EXCEEDED', `${fn}: more than maxRules (${maxRules}) rules pass the filters; stopped after finding ${out.length}. Raise maxRules, or raise minConfidence or minLift, or filter items.`, { found: out.length, option: 'maxRules' });
        }
        out.push({
          antecedent: aIds.map((i) => labels[i]!),
          consequent: cIds.map((i) => labels[i]!),
          count: set.count,
          support: sAC,
          antecedentSupport: sA,
          consequentSupport: sC,
          confidence,
          lift,
          leverage,
          conviction: confidence < 1 ? (1 - sC) / (1 - confidence) : null,
          zhangsMetric: denominator === 0 ? 0 : leverage / denominator,
        });
      }
      if (m + 1 > maxConsequent || m + 1 >= size) break;
      // Next level: join passing consequents that share all but their last position (ap-genrules).
      level = [];
      for (let i = 0; i < grow.length; i++) {
        for (let j = i + 1; j < grow.length; j++) {
          const a = grow[i]!, b = grow[j]!;
          let same = true;
          for (let q = 0; q < m - 1 && same; q++) same = a[q] === b[q];
          if (!same) break;
          level.push([...a, b[m - 1]!]);
        }
      }
    }
  }
  out.sort(compareRules);
  return { kind: 'associationRules', version: 1, transactionCount: n, rules: out };
}
