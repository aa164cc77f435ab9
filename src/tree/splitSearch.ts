/**
 * A node's split search (internal): one pass per column over the node's range, O(d n_node), in
 * index order or in scikit-learn's order.
 * @module
 */
import type { BestSplit, GrowState, NodeRecord } from './growState.js';
import { scanColumn } from './scanColumn.js';
import { scanSklearnOrder } from './sklearnOrder.js';
import { countHotColumns } from './splitBinary.js';

/** The best split of the node, or null when no column gives an admissible one. */
export function findSplit(st: GrowState, rec: NodeRecord): BestSplit | null {
  st.best = null;
  st.bestProxy = -Infinity;
  const { start, end, stats, constant } = rec;
  if (st.nBinary > 0) countHotColumns(st, start, end);
  if (st.params.sklearnOrder) scanSklearnOrder(st, rec);
  else for (let f = 0; f < st.d; f++) scanColumn(st, f, start, end, stats, constant);
  return st.best;
}
