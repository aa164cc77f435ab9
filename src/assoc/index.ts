/**
 * Basket analysis and cross-selling: frequent itemsets (FP-growth, Apriori), association rules with
 * mlxtend's metrics, and "missing product" recommendations.
 * @module crm-mining/assoc
 */
export { fpGrowth } from './fpGrowth.js';
export { apriori, type AprioriResult, type AprioriLevel } from './apriori.js';
export {
  FREQUENT_ITEMSETS_DEFAULTS,
  type FrequentItemsetsOptions,
  type FrequentItemsetsResult,
  type FrequentItemset,
} from './itemsets.js';
export { associationRules, ASSOCIATION_RULES_DEFAULTS, type AssociationRule, type AssociationRulesOptions, type AssociationRulesResult } from './rules.js';
export {
  recommendItems,
  targetCustomers,
  RECOMMEND_ITEMS_DEFAULTS,
  type RecommendItemsOptions,
  type ItemRecommendation,
  type TargetCustomersOptions,
  type TargetCustomer,
} from './recommend.js';
export {
  recommendForCustomers,
  targetCustomersForItemsets,
  type RecommendForCustomersOptions,
  type CustomerRecommendation,
  type CustomerRecommendationRule,
  type TargetCustomersForItemsetsOptions,
  type ItemsetTargetCustomer,
} from './recommendForCustomers.js';
export { type AssocItem, type AssocInputOptions, type AssocLineAccessors, type AssocTransactions } from './transactions.js';
