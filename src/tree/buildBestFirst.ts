/**
 * Best-first growth under maxLeafNodes (internal), as scikit-learn's BestFirstTreeBuilder: the
 * leaf whose split improves most is expanded next.
 * @module
 */
import { heapPop, heapPush } from '../core/heap.js';
import { addNode, commit, rootRecord, trySplit } from './growNodes.js';
import type { Evaluated, GrowState, MutableNode, NodeRecord } from './growState.js';
import { partition } from './partition.js';
import { type SkFrontier, skPopHeap, skPushHeap } from './sklearnHeap.js';

interface Frontier {
  node: MutableNode;
  rec: NodeRecord;
  e: Evaluated;
}

const better = (a: Frontier, b: Frontier): boolean =>
  a.e.improvement > b.e.improvement || (a.e.improvement === b.e.improvement && a.node.id < b.node.id);

/** Best first with equal improvements going to the older node; at most maxLeafNodes leaves. */
export function buildBestFirst(st: GrowState, onNode: (count: number) => void): void {
  const heap: Frontier[] = [];
  const offer = (rec: NodeRecord): void => {
    const node = addNode(st, rec);
    onNode(st.nodes.length);
    const e = trySplit(st, rec);
    if (e !== null) heapPush(heap, { node, rec, e }, better);
  };
  offer(rootRecord(st));
  let leaves = 1;
  while (heap.length > 0 && leaves < st.params.maxLeafNodes) {
    const top = heapPop(heap, better);
    commit(top.node, top.e);
    partition(st, top.rec.start, top.rec.end, top.rec.constant);
    leaves++;
    offer(top.e.left);
    offer(top.e.right);
  }
}

/**
 * scikit-learn 1.2's BestFirstTreeBuilder exactly: every new node (leaves too, with improvement
 * 0) goes on a std::vector heap ordered by improvement through libstdc++'s push_heap/pop_heap,
 * so equal improvements come out in that heap's order; each node's split is searched when the
 * node is created (left child, then right), with no constant columns handed down
 * (n_constant_features = 0 at every node); max_leaf_nodes - 1 splits at most.
 */
export function buildBestFirstSklearn(st: GrowState, onNode: (count: number) => void): void {
  const frontier: SkFrontier<Evaluated | null, { node: MutableNode; rec: NodeRecord }>[] = [];
  const offer = (rec: NodeRecord): void => {
    rec.skConstants = 0;
    const node = addNode(st, rec);
    onNode(st.nodes.length);
    const e = trySplit(st, rec);
    skPushHeap(frontier, { improvement: e === null ? 0 : e.improvement, e, at: { node, rec } });
  };
  offer(rootRecord(st));
  let splits = st.params.maxLeafNodes - 1;
  while (frontier.length > 0 && splits > 0) {
    const top = skPopHeap(frontier);
    if (top.e === null) continue;
    splits--;
    commit(top.at.node, top.e);
    partition(st, top.at.rec.start, top.at.rec.end, top.at.rec.constant);
    offer(top.e.left);
    offer(top.e.right);
  }
}
