/**
 * The CART growing engine shared by classification and regression trees (internal).
 *
 * Every feature is sorted once, missing values last (presort.ts); a node owns the same range
 * [start, end) of each feature's sorted index list, and a split partitions each list stably
 * (partition.ts), so children stay sorted without re-sorting. A node's split search is one pass
 * per feature over its range with running class sums (splitSearch.ts, splitNumeric.ts,
 * splitCategorical.ts, splitBinary.ts): O(d n_node) per node, and O(d n_node) to partition.
 *
 * Classification and regression share the scan: each sample adds `v[s]` to slot `slot[s]` of the
 * running sums (weighted one-hot counts, or w*y in slot 0 for regression), so the Gini proxy
 * sum(c^2)/w equals the squared-error proxy sum(wy)^2/w (criterion.ts).
 *
 * Every step receives the growth's state (growState.ts) explicitly; the builders
 * (buildDepthFirst.ts, buildBestFirst.ts) decide the order in which nodes are split.
 * @module
 */
import { buildBestFirst, buildBestFirstSklearn } from './buildBestFirst.js';
import { buildDepthFirst } from './buildDepthFirst.js';
import { createGrowState, type GrowData, type GrowParams } from './growState.js';
import type { DecisionTreeNode } from './types.js';

export type { GrowCriterion, GrowData, GrowParams } from './growState.js';

/**
 * Grows a tree; returns plain nodes (value = class probabilities, or [mean] for regression).
 * `onNode(count)` is called after each node is added (progress and abort).
 */
export function growTree(data: GrowData, params: GrowParams, onNode: (count: number) => void = () => {}): DecisionTreeNode[] {
  const st = createGrowState(data, params);
  if (!Number.isFinite(params.maxLeafNodes)) buildDepthFirst(st, onNode);
  else if (!params.sklearnOrder) buildBestFirst(st, onNode);
  else buildBestFirstSklearn(st, onNode);
  return st.nodes;
}
