/**
 * Depth-first growth (internal), as scikit-learn's DepthFirstTreeBuilder: left child first, node
 * ids in preorder.
 * @module
 */
import { addNode, commit, isLeafByRule, rootRecord, trySplit } from './growNodes.js';
import type { GrowState, NodeRecord } from './growState.js';
import { partition } from './partition.js';

/** Grows the whole tree into st.nodes; `onNode(count)` after each node is added. */
export function buildDepthFirst(st: GrowState, onNode: (count: number) => void): void {
  const stack: NodeRecord[] = [rootRecord(st)];
  while (stack.length > 0) {
    const rec = stack.pop()!;
    const node = addNode(st, rec);
    onNode(st.nodes.length);
    const e = trySplit(st, rec);
    if (e === null) continue;
    commit(node, e);
    // Children that will be leaves anyway need no sorted ranges.
    if (!(isLeafByRule(st, e.left) && isLeafByRule(st, e.right))) partition(st, rec.start, rec.end, rec.constant);
    stack.push(e.right, e.left);
  }
}
