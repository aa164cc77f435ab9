/**
 * Cross-selling from rules: the items a customer is missing, and the customers missing an item of a
 * frequent combination.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { compareIds, type Accessor, type Id } from '../core/orders.js';
import { checkInteger, resolveOptions } from '../core/validate.js';
import { compareRules, type AssociationRule, type AssociationRulesResult } from './rules.js';
import { checkItem, checkItemList, type AssocItem } from './transactions.js';

/** Options of {@link recommendItems}. */
export interface RecommendItemsOptions {
  /** Most recommendations returned. @defaultValue 10 */
  topN?: number;
  /** Items never recommended (out of stock, already offered). @defaultValue [] */
  exclude?: readonly AssocItem[];
}

/** One recommended item with the rules behind it. */
export interface ItemRecommendation {
  readonly item: AssocItem;
  /** Best confidence among the supporting rules: the estimated chance the customer wants the item. */
  readonly confidence: number;
  /** Lift of the best supporting rule. */
  readonly lift: number;
  /** Support of the best supporting rule. */
  readonly support: number;
  /** Rules whose antecedent the customer holds and whose consequent holds the item, best first. */
  readonly rules: AssociationRule[];
}

/**
 * Defaults of {@link RecommendItemsOptions}.
 * @example
 * RECOMMEND_ITEMS_DEFAULTS.topN; // => 10
 */
export const RECOMMEND_ITEMS_DEFAULTS = Object.freeze({ topN: 10, exclude: Object.freeze([]) as readonly AssocItem[] });

function rulesOf(rules: unknown, fn: string): readonly AssociationRule[] {
  if (Array.isArray(rules)) return rules as AssociationRule[];
  const r = rules as Partial<AssociationRulesResult> | null;
  if (r === null || typeof r !== 'object') {
    throw new CrmError('INVALID_INPUT', `${fn}: rules must be the result of associationRules (or its rules array); got ${describeValue(rules)}.`, { argument: 'rules' });
  }
  if (r.kind !== 'associationRules' || !Array.isArray(r.rules)) {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: expected the result of associationRules; got kind ${describeValue(r.kind)}. Make rules with associationRules(fpGrowth(...)).`, { argument: 'rules' });
  }
  return r.rules;
}

function checkRule(rule: unknown, i: number, fn: string): AssociationRule {
  const r = rule as Partial<AssociationRule> | null;
  if (r === null || typeof r !== 'object' || !Array.isArray(r.antecedent) || !Array.isArray(r.consequent) || typeof r.confidence !== 'number') {
    throw new CrmError('INVALID_INPUT', `${fn}: rules[${i}] is ${describeValue(rule)}; each rule needs antecedent and consequent arrays and a confidence, as made by associationRules.`, { argument: 'rules', row: i });
  }
  return r as AssociationRule;
}

/**
 * Ranks the items a customer does not hold by the rules that point to them: a rule applies when the
 * customer holds its whole antecedent, and it recommends the consequent items the customer lacks.
 * Each item is scored by its best rule (confidence, then lift, then support); ties go to the item
 * that sorts first. Cost: O(rules x rule length).
 * @param basketOrHistory - The customer's items (`AssocItem[]`), or their past baskets (`AssocItem[][]`, pooled).
 * @param rules - The result of {@link associationRules}, or its `rules` array (possibly filtered).
 * @param options - `topN` and `exclude`; see {@link RecommendItemsOptions}.
 * @returns At most `topN` recommendations, best first.
 * @throws CrmError `INVALID_INPUT`, `MISSING_VALUE`, `NON_FINITE`, `WRONG_RESULT_KIND`, `INVALID_OPTION`.
 * @see M. J. A. Berry, G. S. Linoff (2004), "Data Mining Techniques", ch. 9 (market basket analysis for cross-selling).
 * @example
 * const rules = associationRules(fpGrowth([['tea', 'milk'], ['tea', 'milk'], ['tea', 'milk', 'cake'], ['tea']], { minCount: 1 }), { minConfidence: 0.2 });
 * recommendItems(['tea'], rules).map((r) => `${r.item} ${r.confidence}`); // => ['milk 0.75', 'cake 0.25']
 */
export function recommendItems(
  basketOrHistory: readonly AssocItem[] | readonly (readonly AssocItem[])[],
  rules: AssociationRulesResult | readonly AssociationRule[],
  options: RecommendItemsOptions = {},
): ItemRecommendation[] {
  const fn = 'recommendItems';
  const o = resolveOptions(fn, RECOMMEND_ITEMS_DEFAULTS, options);
  const topN = checkInteger('topN', o.topN, { min: 1 });
  const exclude = new Set(checkItemList('exclude', o.exclude, 'strict'));
  if (!Array.isArray(basketOrHistory)) {
    throw new CrmError('INVALID_INPUT', `${fn}: basketOrHistory must be an array of items or an array of baskets; got ${describeValue(basketOrHistory)}.`, { argument: 'basketOrHistory' });
  }
  const held = new Set<AssocItem>();
  basketOrHistory.forEach((entry: unknown, i) => {
    if (Array.isArray(entry)) entry.forEach((it, j) => held.add(checkItem(it, `${fn}: basketOrHistory[${i}][${j}]`, 'strict')));
    else held.add(checkItem(entry, `${fn}: basketOrHistory[${i}]`, 'strict'));
  });
  const all = rulesOf(rules, fn);
  const byItem = new Map<AssocItem, AssociationRule[]>();
  for (let i = 0; i < all.length; i++) {
    const rule = checkRule(all[i], i, fn);
    if (!rule.antecedent.every((it) => held.has(it))) continue;
    for (const it of rule.consequent) {
      if (held.has(it) || exclude.has(it)) continue;
      const list = byItem.get(it);
      if (list) list.push(rule); else byItem.set(it, [rule]);
    }
  }
  const byConfidence = (x: AssociationRule, y: AssociationRule) => y.confidence - x.confidence || compareRules(x, y);
  const recs: ItemRecommendation[] = [];
  for (const [item, list] of byItem) {
    list.sort(byConfidence);
    const best = list[0]!;
    recs.push({ item, confidence: best.confidence, lift: best.lift, support: best.support, rules: list });
  }
  recs.sort((x, y) => byConfidence(x.rules[0]!, y.rules[0]!) || compareIds(x.item, y.item));
  return recs.slice(0, topN);
}

/** Options of {@link targetCustomers}. */
export interface TargetCustomersOptions<R> {
  /** Fewest items of the combination a customer must hold. @defaultValue the combination's size minus 1 */
  minHeld?: number;
  /** The customer of a row. @defaultValue 'customer' */
  customer?: Accessor<R, Id>;
  /** The item of a row, or an array of items (a basket). @defaultValue 'item' */
  item?: Accessor<R, AssocItem | readonly AssocItem[]>;
}

/** A customer to target, with what they hold of the combination and what they miss. */
export interface TargetCustomer {
  readonly customer: Id;
  /** Items of the combination the customer holds, in ascending item order. */
  readonly held: AssocItem[];
  /** Items of the combination the customer does not hold: the products to promote. */
  readonly missing: AssocItem[];
}

/**
 * The "missing product" campaign: for a frequent combination, the customers who hold at least
 * `minHeld` of its items but not all of them, and the items each one misses. Sorted by items held
 * (most first), then customer id. Cost: O(rows + customers x combination size).
 * @param histories - Purchase rows: each gives a customer and an item (or an array of items).
 * @param itemset - The combination: an array of items, or a frequent itemset from {@link fpGrowth}.
 * @param options - `minHeld` and the accessors; see {@link TargetCustomersOptions}.
 * @returns The customers to target; customers holding the whole combination are left out.
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT`, `MISSING_VALUE`, `NON_FINITE`, `INVALID_OPTION`.
 * @see M. J. A. Berry, G. S. Linoff (2004), "Data Mining Techniques", ch. 9.
 * @example
 * const rows = [{ customer: 'ann', item: 'tent' }, { customer: 'ann', item: 'stove' }, { customer: 'bob', item: 'tent' }, { customer: 'cy', item: 'tent' }, { customer: 'cy', item: 'stove' }, { customer: 'cy', item: 'lamp' }];
 * targetCustomers(rows, ['tent', 'stove', 'lamp']); // => [{ customer: 'ann', held: ['stove', 'tent'], missing: ['lamp'] }]
 */
export function targetCustomers<R>(
  histories: readonly R[],
  itemset: readonly AssocItem[] | { readonly items: readonly AssocItem[] },
  options: TargetCustomersOptions<R> = {},
): TargetCustomer[] {
  const fn = 'targetCustomers';
  const o = resolveOptions(fn, { customer: 'customer', item: 'item' } as TargetCustomersOptions<R>, options, ['minHeld']);
  if (!Array.isArray(histories)) {
    throw new CrmError('INVALID_INPUT', `${fn}: histories must be an array of purchase rows; got ${describeValue(histories)}.`, { argument: 'histories' });
  }
  if (histories.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: histories is empty; pass at least one purchase row.`, { argument: 'histories' });
  const rawSet = Array.isArray(itemset) ? itemset : (itemset as { items?: unknown } | null)?.items;
  if (!Array.isArray(rawSet)) {
    throw new CrmError('INVALID_INPUT', `${fn}: itemset must be an array of items or a frequent itemset ({ items }); got ${describeValue(itemset)}.`, { argument: 'itemset' });
  }
  const combo = [...new Set(rawSet.map((it, i) => checkItem(it, `${fn}: itemset[${i}]`, 'strict')))].sort(compareIds);
  if (combo.length < 2) {
    throw new CrmError('INVALID_INPUT', `${fn}: the combination must hold at least 2 distinct items; got ${combo.length}.`, { argument: 'itemset' });
  }
  const minHeld = o.minHeld === undefined ? combo.length - 1 : checkInteger('minHeld', o.minHeld, { min: 1, max: combo.length - 1 });
  const pos = new Map<AssocItem, number>(combo.map((it, i) => [it, i]));
  const read = <T>(row: R, i: number, acc: Accessor<R, T>): unknown => {
    if (typeof acc === 'function') return acc(row, i);
    if (row === null || typeof row !== 'object') {
      throw new CrmError('INVALID_INPUT', `${fn}: histories[${i}] is ${describeValue(row)}; each row must be an object.`, { row: i });
    }
    return (row as Record<PropertyKey, unknown>)[acc as PropertyKey];
  };
  // held[j] = 1 when the customer holds combo[j].
  const heldBy = new Map<Id, Uint8Array>();
  histories.forEach((row, i) => {
    const c = read(row, i, o.customer!);
    if (c === null || c === undefined || c === '' || (typeof c !== 'string' && typeof c !== 'number') || Number.isNaN(c)) {
      throw new CrmError('MISSING_VALUE', `${fn}: histories[${i}] has customer ${describeValue(c)}; every row needs a string or number customer id.`, { row: i, field: 'customer' });
    }
    const v = read(row, i, o.item!);
    const items = Array.isArray(v) ? v : [v];
    let held = heldBy.get(c);
    if (!held) { held = new Uint8Array(combo.length); heldBy.set(c, held); }
    items.forEach((it, j) => {
      const p = pos.get(checkItem(it, `${fn}: histories[${i}] item${Array.isArray(v) ? `[${j}]` : ''}`, 'strict'));
      if (p !== undefined) held![p] = 1;
    });
  });
  const out: TargetCustomer[] = [];
  for (const [customer, held] of heldBy) {
    const count = held.reduce((a, b) => a + b, 0);
    if (count < minHeld || count === combo.length) continue;
    out.push({ customer, held: combo.filter((_, j) => held[j]), missing: combo.filter((_, j) => !held[j]) });
  }
  out.sort((x, y) => y.held.length - x.held.length || compareIds(x.customer, y.customer));
  return out;
}
