/**
 * Cross-selling for a whole customer base in one call: every customer's basket from their purchase
 * rows, then `recommendItems` on it.
 * @module
 */
import { checkAccessor } from '../core/accessor.js';
import { CrmError, describeValue } from '../core/errors.js';
import { compareIds, type Accessor, type Id } from '../core/orders.js';
import { resolveOptions } from '../core/validate.js';
import { readHistories, recommendItems, targetCustomers, type TargetCustomer } from './recommend.js';
import type { AssociationRule, AssociationRulesResult } from './rules.js';
import type { AssocItem } from './transactions.js';

/** Options of {@link recommendForCustomers}. */
export interface RecommendForCustomersOptions<R> {
  /** Most recommendations per customer. @defaultValue 10 */
  topN?: number;
  /** Items never recommended (out of stock, already offered). @defaultValue [] */
  exclude?: readonly AssocItem[];
  /** The customer of a row. @defaultValue 'customer' */
  customer?: Accessor<R, Id>;
  /** The item of a row, or an array of items (a basket). @defaultValue 'item' */
  item?: Accessor<R, AssocItem | readonly AssocItem[]>;
}

/** One recommendation for one customer: a row of a target list. */
export interface CustomerRecommendation {
  readonly customer: Id;
  /** 1 for the customer's best recommendation, 2 for the next, ... */
  readonly rank: number;
  readonly item: AssocItem;
  /** Confidence, lift and support of the best supporting rule (as {@link recommendItems}). */
  readonly confidence: number;
  readonly lift: number;
  readonly support: number;
  /** The best supporting rule, with the fields recommendItems checks: the reason to give (`IF antecedent THEN consequent`). */
  readonly rule: CustomerRecommendationRule;
}

/** The fields of the rule behind a recommendation (all checked on entry). */
export type CustomerRecommendationRule = Pick<AssociationRule, 'antecedent' | 'consequent' | 'support' | 'confidence' | 'lift'>;

const DEFAULTS = Object.freeze({ topN: 10, exclude: Object.freeze([]) as readonly AssocItem[], customer: 'customer', item: 'item' });

/** Runs a call of another export, putting this function's name on its errors. */
function as<T>(fn: string, inner: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (!(e instanceof CrmError)) throw e;
    const message = e.message.startsWith(`${inner}:`) ? `${fn}${e.message.slice(inner.length)}` : `${fn}: ${e.message}`;
    throw new CrmError(e.code, message, { ...e.details });
  }
}

/**
 * Recommendations for every customer in one call: each customer's items are pooled from their
 * purchase rows, then ranked exactly as {@link recommendItems} ranks them (a rule applies when the
 * customer holds its whole antecedent; items scored by their best rule; `topN` and `exclude` per
 * customer). One row per recommendation, customers in ascending id order, then by rank; a
 * customer no rule applies to has no row.
 *
 * Cost: O(rows) to pool the baskets, O(rules x rule length) to check the rules once, then per
 * customer only the rules whose antecedent starts with an item the customer holds.
 * @param histories - Purchase rows: each gives a customer and an item (or an array of items).
 * @param rules - The result of `associationRules`, or its `rules` array (possibly filtered).
 * @param options - `topN`, `exclude` and the accessors; see {@link RecommendForCustomersOptions}.
 * @returns The target list: `{ customer, rank, item, confidence, lift, support, rule }` rows.
 * @throws CrmError `EMPTY_INPUT` (no purchase rows, or no rules), `INVALID_INPUT` (a hole or null row, ±Infinity ids or items),
 *   `MISSING_VALUE`, `NON_FINITE`, `WRONG_RESULT_KIND`, `INVALID_MODEL` (a damaged rule),
 *   `INVALID_OPTION` (topN, exclude, a bad accessor, or a key the first row lacks).
 * @example
 * const rules = associationRules(fpGrowth([['tea', 'milk'], ['tea', 'milk'], ['tea', 'milk', 'cake'], ['tea']], { minCount: 1 }), { minConfidence: 0.2 });
 * const rows = [{ customer: 'ann', item: 'tea' }, { customer: 'bob', item: 'milk' }, { customer: 'bob', item: 'tea' }];
 * recommendForCustomers(rows, rules).map((r) => `${r.customer} ${r.rank} ${r.item} ${r.confidence}`); // => ['ann 1 milk 0.75', 'ann 2 cake 0.25', 'bob 1 cake 0.3333333333333333']
 */
export function recommendForCustomers<R>(
  histories: readonly R[],
  rules: AssociationRulesResult | readonly AssociationRule[],
  options: RecommendForCustomersOptions<R> = {},
): CustomerRecommendation[] {
  const fn = 'recommendForCustomers';
  const o = resolveOptions(fn, DEFAULTS as RecommendForCustomersOptions<R>, options);
  const customerOf = checkAccessor(fn, 'customer', o.customer!);
  const itemOf = checkAccessor(fn, 'item', o.item!);
  const recOptions = { topN: o.topN, exclude: o.exclude };
  // One call with an empty basket checks topN, exclude and every rule once (it applies none).
  as(fn, 'recommendItems', () => recommendItems([], rules, recOptions));
  const all = (Array.isArray(rules) ? rules : (rules as AssociationRulesResult).rules) as readonly AssociationRule[];
  if (all.length === 0) {
    throw new CrmError('EMPTY_INPUT', `${fn}: rules is empty, so no customer can get a recommendation. Mine rules with a lower minSupport or minConfidence (or filter them less).`, { argument: 'rules' });
  }
  const baskets = readHistories(fn, histories as readonly R[], customerOf, itemOf, () => new Set<AssocItem>(), (basket, item) => basket.add(item));
  // A rule can apply only to customers holding its first antecedent item.
  const byFirst = new Map<AssocItem, number[]>();
  for (let r = 0; r < all.length; r++) {
    const first = all[r]!.antecedent[0]!;
    const list = byFirst.get(first);
    if (list) list.push(r); else byFirst.set(first, [r]);
  }
  const customers = [...baskets.keys()].sort(compareIds);
  const out: CustomerRecommendation[] = [];
  const mark = new Uint8Array(all.length);
  for (const customer of customers) {
    const basket = baskets.get(customer)!;
    const picked: number[] = [];
    for (const it of basket) {
      for (const r of byFirst.get(it) ?? []) if (mark[r] === 0) { mark[r] = 1; picked.push(r); }
    }
    if (picked.length === 0) continue;
    picked.sort((a, b) => a - b);
    for (const r of picked) mark[r] = 0;
    const recs = recommendItems([...basket], picked.map((r) => all[r]!), recOptions);
    recs.forEach((rec, k) => out.push({ customer, rank: k + 1, item: rec.item, confidence: rec.confidence, lift: rec.lift, support: rec.support, rule: ruleOf(rec.rules[0]!) }));
  }
  return out;
}

function ruleOf(r: AssociationRule): CustomerRecommendationRule {
  return { antecedent: r.antecedent.slice(), consequent: r.consequent.slice(), support: r.support, confidence: r.confidence, lift: r.lift };
}

/** Options of {@link targetCustomersForItemsets}. */
export interface TargetCustomersForItemsetsOptions<R> {
  /** Fewest items of each combination a customer must hold. @defaultValue each combination's size minus 1 */
  minHeld?: number;
  /** The customer of a row. @defaultValue 'customer' */
  customer?: Accessor<R, Id>;
  /** The item of a row, or an array of items (a basket). @defaultValue 'item' */
  item?: Accessor<R, AssocItem | readonly AssocItem[]>;
}

/** A {@link TargetCustomer} row tagged with the combination it was found for. */
export interface ItemsetTargetCustomer extends TargetCustomer {
  /** Index of the combination in `itemsets`. */
  readonly itemset: number;
}

/**
 * {@link targetCustomers} for several combinations in one call: the rows of each combination in
 * turn, tagged with its index in `itemsets` (a customer can appear once per combination).
 *
 * Cost: O(itemsets x (rows + customers x combination size)).
 * @param histories - Purchase rows: each gives a customer and an item (or an array of items).
 * @param itemsets - Combinations: arrays of items, or frequent itemsets from `fpGrowth` (its `itemsets` array).
 * @param options - `minHeld` (applied to each combination) and the accessors.
 * @returns `{ itemset, customer, held, missing }` rows, by itemset, then as targetCustomers sorts.
 * @throws CrmError as {@link targetCustomers}, and `INVALID_INPUT` if itemsets is not an array.
 * @example
 * const rows = [{ customer: 'ann', item: 'tent' }, { customer: 'ann', item: 'stove' }, { customer: 'bob', item: 'tent' }, { customer: 'bob', item: 'lamp' }];
 * targetCustomersForItemsets(rows, [['tent', 'stove'], ['tent', 'lamp']]).map((t) => `${t.itemset} ${t.customer} ${t.missing}`); // => ['0 bob stove', '1 ann lamp']
 */
export function targetCustomersForItemsets<R>(
  histories: readonly R[],
  itemsets: readonly (readonly AssocItem[] | { readonly items: readonly AssocItem[] })[],
  options: TargetCustomersForItemsetsOptions<R> = {},
): ItemsetTargetCustomer[] {
  const fn = 'targetCustomersForItemsets';
  if (!Array.isArray(itemsets)) {
    throw new CrmError('INVALID_INPUT', `${fn}: itemsets must be an array of combinations (arrays of items or frequent itemsets); got ${describeValue(itemsets)}.`, { argument: 'itemsets' });
  }
  const out: ItemsetTargetCustomer[] = [];
  for (let k = 0; k < itemsets.length; k++) {
    if (!(k in itemsets)) throw new CrmError('INVALID_INPUT', `${fn}: itemsets[${k}] is a hole; pass a combination at every index.`, { argument: 'itemsets', row: k });
    const found = as(fn, 'targetCustomers', () => {
      try {
        return targetCustomers(histories, itemsets[k]!, options);
      } catch (e) {
        // Name the combination in the messages about it.
        const d = e instanceof CrmError ? (e.details as { argument?: string; option?: string }) : {};
        if (e instanceof CrmError && (d.argument === 'itemset' || d.option === 'minHeld' || /itemset/.test(e.message))) {
          throw new CrmError(e.code, `targetCustomers: itemsets[${k}]: ${e.message.replace(/^targetCustomers: /, '')}`, { ...e.details, itemset: k });
        }
        throw e;
      }
    });
    for (const t of found) out.push({ itemset: k, ...t });
  }
  return out;
}
