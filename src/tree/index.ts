/**
 * CART decision trees for churn and response models you can read: native categorical splits,
 * learned missing-value directions, cost-complexity pruning, importance and rules.
 * @module crm-mining/tree
 */
export {
  fitDecisionTree,
  fitRegressionTree,
  predictDecisionTree,
  predictDecisionTreeProba,
  predictRegressionTree,
  DECISION_TREE_DEFAULTS,
  REGRESSION_TREE_DEFAULTS,
} from './cart.js';
export type {
  DecisionTreeModel,
  DecisionTreeNode,
  DecisionTreeOptions,
  RegressionTreeModel,
  RegressionTreeOptions,
  ResolvedTreeOptions,
  TreeColumn,
  TreeFeatures,
  TreeGrowthOptions,
  TreeModel,
  TreeModelBase,
  TreeModelColumn,
  TreeValue,
} from './types.js';
export { decisionTreePruningPath, pruneDecisionTree, type TreePruningPath } from './prune.js';
export { predictDecisionTreeRisk, type DecisionTreeRiskOptions } from './predictDecisionTreeRisk.js';
export { applyDecisionTree, explainDecisionTree, type ExplainDecisionTreeOptions, type TreeRowExplanation } from './applyDecisionTree.js';
export { treeRules, type TreeRule, type TreeRuleCondition, type TreeRulesOptions } from './rules.js';
export {
  MAX_PERMUTATION_REPEATS,
  treePermutationImportance,
  type TreePermutationImportance,
  type TreePermutationOptions,
} from './importance.js';
