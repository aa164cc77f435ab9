/**
 * Cross-selling from rules: the items a customer is missing, and the customers missing an item of a
 * frequent combination.
 * @module
 */
import { checkAccessor, missingPropertyError } from '../core/accessor.js';
import { CrmError, describeValue } from '../core/errors.js';
import { indexMap } from '../core/idTable.js';
import { compareIds, type Accessor, type Id } from '../core/orders.js';
import { checkInteger, resolveOptions } from '../core/validate.js';
import { compareRules, type AssociationRule, type AssociationRulesResult } from './rules.js';
import { checkItem, checkItemList, checkKey, checkRow, type AssocItem } from './transactions.js';

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

function rulesOf(rules: unknown, fn: string): readonly unknown[] {
  if (Array.isArray(rules)) return rules;
  const r = rules as Partial<AssociationRulesResult> | null;
  if (r === null || typeof r !== 'object') {
    throw new CrmError('INVALID_INPUT', `${fn}: rules must be the result of associationRules (or its rules array); got ${describeValue(rules)}.`, { argument: 'rules' });
  }
  if (r.kind !== 'associationRules') {
    throw new CrmError('WRONG_RESULT_KIND', `${fn}: expected the result of associationRules; got kind ${describeValue(r.kind)}. Make rules with associationRules(fpGrowth(...)).`, { argument: 'rules' });
  }
  if (r.version !== 1 || !Array.isArray(r.rules)) {
    throw new CrmError('INVALID_MODEL', `${fn}: the associationRules result is damaged (version ${describeValue(r.version)}, rules ${describeValue(r.rules)}); make the rules again.`, { argument: 'rules' });
  }
  return r.rules;
}

/** A number in [lo, hi] (finite), or the INVALID_MODEL error naming the rule and field. */
function checkMetric(value: unknown, i: number, field: string, lo: number, hi: number, fn: string): number {
  if (typeof value !== 'number' || !(value >= lo && value <= hi)) {
    throw new CrmError('INVALID_MODEL', `${fn}: rules[${i}].${field} is ${describeValue(value)}, not a number in [${lo}, ${hi === Infinity ? 'Infinity)' : `${hi}]`}; pass rules as made by associationRules.`, { argument: 'rules', row: i, field });
  }
  if (!Number.isFinite(value)) {
    throw new CrmError('INVALID_MODEL', `${fn}: rules[${i}].${field} is ${value}; pass rules as made by associationRules.`, { argument: 'rules', row: i, field });
  }
  return value;
}

/** The items of one side of a rule: a non-empty array of valid items (holes refused). */
function checkSide(value: unknown, i: number, side: string, fn: string): void {
  if (!Array.isArray(value) || value.length === 0) {
    throw new CrmError('INVALID_MODEL', `${fn}: rules[${i}].${side} is ${describeValue(value)}, not a non-empty array of items; pass rules as made by associationRules.`, { argument: 'rules', row: i, field: side });
  }
  for (let j = 0; j < value.length; j++) {
    try {
      checkItem(value[j], `${fn}: rules[${i}].${side}[${j}]`, 'strict');
    } catch (e) {
      throw new CrmError('INVALID_MODEL', (e as Error).message, { argument: 'rules', row: i, field: side });
    }
  }
}

/**
 * Checks the fields recommendItems reads (D27): both sides non-empty arrays of valid items,
 * confidence in [0, 1], support in (0, 1], lift finite and non-negative. O(rule length).
 */
function checkRule(rule: unknown, i: number, fn: string): AssociationRule {
  const r = rule as Partial<AssociationRule> | null;
  if (r === null || typeof r !== 'object') {
    throw new CrmError('INVALID_MODEL', `${fn}: rules[${i}] is ${describeValue(rule)}; each rule needs antecedent and consequent arrays and its metrics, as made by associationRules.`, { argument: 'rules', row: i });
  }
  checkSide(r.antecedent, i, 'antecedent', fn);
  checkSide(r.consequent, i, 'consequent', fn);
  checkMetric(r.confidence, i, 'confidence', 0, 1, fn);
  checkMetric(r.support, i, 'support', Number.MIN_VALUE, 1, fn);
  checkMetric(r.lift, i, 'lift', 0, Infinity, fn);
  return r as AssociationRule;
}

/** The items of a basket or history: holes and missing items are MISSING_VALUE with their index. */
function heldItems(basketOrHistory: readonly unknown[], fn: string): Set<AssocItem> {
  const held = new Set<AssocItem>();
  for (let i = 0; i < basketOrHistory.length; i++) {
    const entry = basketOrHistory[i];
    if (Array.isArray(entry)) {
      for (let j = 0; j < entry.length; j++) held.add(checkItem(entry[j], `${fn}: basketOrHistory[${i}][${j}]`, 'strict'));
    } else {
      held.add(checkItem(entry, `${fn}: basketOrHistory[${i}]`, 'strict'));
    }
  }
  return held;
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
 * @throws CrmError `INVALID_INPUT` (not an array; ±Infinity items), `MISSING_VALUE` (a missing item or a
 *   hole, with its index), `NON_FINITE`, `WRONG_RESULT_KIND`, `INVALID_MODEL` (a damaged rule: items,
 *   confidence, support or lift), `INVALID_OPTION`.
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
  const held = heldItems(basketOrHistory, fn);
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
 * @throws CrmError `EMPTY_INPUT`, `INVALID_INPUT` (a hole or null row, ±Infinity ids or items),
 *   `MISSING_VALUE`, `NON_FINITE`, `INVALID_OPTION` (a bad accessor, or a key the first row lacks).
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
  const customerOf = checkAccessor(fn, 'customer', o.customer!);
  const itemOf = checkAccessor(fn, 'item', o.item!);
  checkHistories(fn, histories);
  const rawSet = Array.isArray(itemset) ? itemset : (itemset as { items?: unknown } | null)?.items;
  if (!Array.isArray(rawSet)) {
    throw new CrmError('INVALID_INPUT', `${fn}: itemset must be an array of items or a frequent itemset ({ items }); got ${describeValue(itemset)}.`, { argument: 'itemset' });
  }
  const comboSet = new Set<AssocItem>();
  for (let i = 0; i < rawSet.length; i++) comboSet.add(checkItem(rawSet[i], `${fn}: itemset[${i}]`, 'strict'));
  const combo = [...comboSet].sort(compareIds);
  if (combo.length < 2) {
    throw new CrmError('INVALID_INPUT', `${fn}: the combination must hold at least 2 distinct items; got ${combo.length}.`, { argument: 'itemset' });
  }
  const minHeld = o.minHeld === undefined ? combo.length - 1 : checkInteger('minHeld', o.minHeld, { min: 1, max: combo.length - 1 });
  const pos = indexMap(combo);
  // held[j] = 1 when the customer holds combo[j].
  const heldBy = readHistories(fn, histories, customerOf, itemOf, () => new Uint8Array(combo.length), (held, item) => {
    const p = pos.get(item);
    if (p !== undefined) held[p] = 1;
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

/** Refuses histories that are not a non-empty array (checked before anything else is read). */
export function checkHistories(fn: string, histories: unknown): void {
  if (!Array.isArray(histories)) {
    throw new CrmError('INVALID_INPUT', `${fn}: histories must be an array of purchase rows; got ${describeValue(histories)}.`, { argument: 'histories' });
  }
  if (histories.length === 0) throw new CrmError('EMPTY_INPUT', `${fn}: histories is empty; pass at least one purchase row.`, { argument: 'histories' });
}

/**
 * Reads purchase rows (one item, or an array of items, per row) once, checking every row, id and
 * item: `start(customer)` makes each customer's state on its first row, `add(state, item)` takes
 * each item. A key the first row lacks (the defaults 'customer' and 'item' included) is a
 * misspelt or missing option, not a missing value. Customers keep their order of first appearance.
 */
export function readHistories<R, S>(
  fn: string,
  histories: readonly R[],
  customerOf: Accessor<R, Id>,
  itemOf: Accessor<R, unknown>,
  start: (customer: Id) => S,
  add: (state: S, item: AssocItem) => void,
): Map<Id, S> {
  checkHistories(fn, histories);
  const byProperty = typeof customerOf !== 'function' || typeof itemOf !== 'function';
  const read = <T>(row: R, i: number, acc: Accessor<R, T>): unknown =>
    typeof acc === 'function' ? acc(row, i) : (row as Record<PropertyKey, unknown>)[acc as PropertyKey];
  checkRow(histories, 0, fn, 'histories', byProperty);
  const misspelt = missingPropertyError(fn, 'histories', 0, histories[0], 'customer', customerOf) ?? missingPropertyError(fn, 'histories', 0, histories[0], 'item', itemOf);
  if (misspelt) throw misspelt;
  const out = new Map<Id, S>();
  for (let i = 0; i < histories.length; i++) {
    checkRow(histories, i, fn, 'histories', byProperty);
    const row = histories[i] as R;
    const c = checkKey(read(row, i, customerOf), `${fn}: histories[${i}]`, 'customer', i);
    const v = read(row, i, itemOf);
    let state = out.get(c);
    if (state === undefined) out.set(c, (state = start(c)));
    if (Array.isArray(v)) for (let j = 0; j < v.length; j++) add(state, checkItem(v[j], `${fn}: histories[${i}] item[${j}]`, 'strict'));
    else add(state, checkItem(v, `${fn}: histories[${i}] item`, 'strict'));
  }
  return out;
}
