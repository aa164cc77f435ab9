/**
 * The node steps shared by the tree builders (internal): the root record, the stopping rules, a
 * node's split attempt, and the nodes written to the output list.
 * @module
 */
import { EPSILON, impurityOf } from './criterion.js';
import type { Evaluated, GrowState, MutableNode, NodeRecord, NodeStats } from './growState.js';
import { evaluateSplit } from './partition.js';
import { findSplit } from './splitSearch.js';

/** The record of the root: every sample. */
export function rootRecord(st: GrowState): NodeRecord {
  return { start: 0, end: st.n, depth: 0, parent: -1, isLeft: false, constant: new Uint8Array(st.d), skConstants: 0, skConstantsOut: 0, stats: statsOfRange(st, 0, st.n) };
}

function statsOfRange(st: GrowState, start: number, end: number): NodeStats {
  const { C, samples, slot, v, w, y } = st;
  const sums = new Float64Array(C);
  let wt = 0;
  let sq = 0;
  for (let k = start; k < end; k++) {
    const s = samples[k]!;
    sums[slot[s]!] += v[s]!;
    wt += w[s]!;
    if (y !== null) sq += v[s]! * y[s]!;
  }
  return { sums, sq, w: wt, n: end - start, impurity: impurityOf(st.params.criterion, C, sums, sq, wt) };
}

/** True when the growth limits make the node a leaf whatever its data. */
export function isLeafByRule(st: GrowState, rec: NodeRecord): boolean {
  const { stats } = rec;
  const { params } = st;
  return (
    rec.depth >= params.maxDepth ||
    stats.n < params.minSamplesSplit ||
    stats.n < 2 * params.minSamplesLeaf ||
    stats.impurity <= EPSILON
  );
}

/** The node's best split applied to goesLeft, or null when the node stays a leaf. */
export function trySplit(st: GrowState, rec: NodeRecord): Evaluated | null {
  if (isLeafByRule(st, rec)) return null;
  const split = findSplit(st, rec);
  if (split === null) return null;
  const e = evaluateSplit(st, rec, split);
  // scikit-learn splits even at zero improvement when min_impurity_decrease is 0.
  if (e.improvement + EPSILON < st.params.minImpurityDecrease) return null;
  return e;
}

/** Appends the node of `rec` (a leaf until committed) to st.nodes and links it to its parent. */
export function addNode(st: GrowState, rec: NodeRecord): MutableNode {
  const { stats } = rec;
  const { nodes, C } = st;
  const value: number[] = [];
  if (st.y !== null) value.push(stats.w > 0 ? stats.sums[0]! / stats.w : 0);
  else for (let c = 0; c < C; c++) value.push(stats.w > 0 ? stats.sums[c]! / stats.w : 0);
  const node: MutableNode = {
    id: nodes.length,
    parent: rec.parent,
    depth: rec.depth,
    feature: -1,
    threshold: null,
    categoriesLeft: null,
    missingLeft: null,
    left: -1,
    right: -1,
    samples: stats.n,
    weightedSamples: stats.w,
    missingSamples: 0,
    impurity: stats.impurity,
    value,
  };
  if (rec.parent >= 0) {
    const p = nodes[rec.parent]!;
    if (rec.isLeft) p.left = node.id;
    else p.right = node.id;
  }
  nodes.push(node);
  return node;
}

/** Writes the split `e` into `node`, which becomes the parent of e's children. */
export function commit(node: MutableNode, e: Evaluated): void {
  const { split } = e;
  node.feature = split.feature;
  node.missingSamples = e.nMiss;
  // With no missing value seen here, missing ones follow the larger child (as scikit-learn 1.3).
  node.missingLeft = e.nMiss > 0 ? split.missingLeft : e.left.stats.n >= e.right.stats.n;
  if (split.mask !== null) {
    // Categories absent at this node follow missing values.
    const left: number[] = [];
    for (let c = 0; c < split.mask.length; c++) {
      if (e.present![c] === 1 ? split.mask[c] === 1 || split.missingOnly : node.missingLeft) left.push(c);
    }
    node.categoriesLeft = left;
  } else node.threshold = split.threshold;
  e.left.parent = node.id;
  e.right.parent = node.id;
}
