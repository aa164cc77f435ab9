/**
 * Minimal cost-complexity pruning (Breiman et al. 1984, ch. 3), as scikit-learn's
 * `cost_complexity_pruning_path` and `ccp_alpha`.
 * @module
 */
import { heapPop, heapPush } from '../core/heap.js';
import { CrmError } from '../core/errors.js';
import { runControl, RUN_CONTROL_KEYS, type RunControl, type Tick } from '../core/progress.js';
import { checkNumber, resolveOptions } from '../core/validate.js';
import { checkTreeModel } from './checkTreeModel.js';
import { named } from './named.js';
import type { DecisionTreeNode, TreeModel } from './types.js';
import { summarize } from './walk.js';

/** The pruning path: effective alphas (ascending) and the total leaf impurity after each prune. */
export interface TreePruningPath {
  /** 0 first, then the alpha at which each weakest link is cut; the last one leaves only the root. */
  readonly alphas: number[];
  /** Sum over leaves of weighted impurity (weight share times impurity) of each subtree. */
  readonly impurities: number[];
}

interface Candidate {
  alpha: number;
  node: number;
  version: number;
}

const before = (a: Candidate, b: Candidate): boolean => a.alpha < b.alpha || (a.alpha === b.alpha && a.node < b.node);

const pushCandidate = (heap: Candidate[], c: Candidate): void => heapPush(heap, c, before);
const popCandidate = (heap: Candidate[]): Candidate => heapPop(heap, before);

// Runs the weakest-link loop; `stopAt` ends it once the next alpha exceeds the given value.
function weakestLinks(fn: string, nodes: readonly DecisionTreeNode[], stopAt: number, tick: Tick = () => {}): { alphas: number[]; impurities: number[]; inTree: Uint8Array; leaf: Uint8Array } {
  const m = nodes.length;
  const total = nodes[0]!.weightedSamples;
  const rNode = new Float64Array(m);
  const rBranch = new Float64Array(m);
  const nLeaves = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const { weightedSamples: w, impurity } = nodes[k]!;
    const product = w * impurity;
    // As scikit-learn (product, then share); a product beyond the double range is taken in shares.
    rNode[k] = Number.isFinite(product) ? product / total : (w / total) * impurity;
  }
  // Children have larger ids than parents in both builders, so a reverse pass sums subtrees.
  for (let k = m - 1; k >= 0; k--) {
    const node = nodes[k]!;
    if (node.feature < 0) {
      rBranch[k] = rNode[k]!;
      nLeaves[k] = 1;
    } else {
      rBranch[k] = rBranch[node.left]! + rBranch[node.right]!;
      nLeaves[k] = nLeaves[node.left]! + nLeaves[node.right]!;
    }
  }
  const inTree = new Uint8Array(m).fill(1);
  const leaf = new Uint8Array(m);
  for (let k = 0; k < m; k++) leaf[k] = nodes[k]!.feature < 0 ? 1 : 0;
  const alphas = [0];
  const impurities = [rBranch[0]!];
  const internal = nLeaves[0]! - 1;
  // The weakest link is the smallest alpha, equal alphas the lowest node id. A heap of candidates
  // (stale entries skipped by version) instead of a scan of every node per step: cutting a node
  // changes the alphas of its ancestors only, which get fresh entries. O((m + cut depths) log m).
  const version = new Int32Array(m);
  const heap: Candidate[] = [];
  const alphaOf = (k: number): number => {
    const a = (rNode[k]! - rBranch[k]!) / (nLeaves[k]! - 1);
    return a === a ? a : Infinity; // overflowing (tampered) weights give NaN: cut such links last
  };
  for (let k = 0; k < m; k++) if (leaf[k] === 0) pushCandidate(heap, { alpha: alphaOf(k), node: k, version: 0 });
  while (leaf[0] === 0 && heap.length > 0) {
    const top = popCandidate(heap);
    const best = top.node;
    if (inTree[best] === 0 || leaf[best] === 1 || top.version !== version[best]) continue;
    const bestAlpha = top.alpha;
    if (bestAlpha > stopAt) break;
    const stack = [nodes[best]!.left, nodes[best]!.right];
    while (stack.length > 0) {
      const k = stack.pop()!;
      inTree[k] = 0;
      if (nodes[k]!.feature >= 0) stack.push(nodes[k]!.left, nodes[k]!.right);
    }
    leaf[best] = 1;
    const removed = nLeaves[best]! - 1;
    const diff = rNode[best]! - rBranch[best]!;
    nLeaves[best] = 1;
    rBranch[best] = rNode[best]!;
    for (let p = nodes[best]!.parent; p >= 0; p = nodes[p]!.parent) {
      nLeaves[p] -= removed;
      rBranch[p] += diff;
      pushCandidate(heap, { alpha: alphaOf(p), node: p, version: ++version[p]! });
    }
    alphas.push(bestAlpha);
    impurities.push(rBranch[0]!);
    tick('prune', internal - (nLeaves[0]! - 1), internal);
  }
  for (let s = 0; s < alphas.length; s++) {
    if (!Number.isFinite(alphas[s]!) || !Number.isFinite(impurities[s]!)) {
      throw new CrmError('INVALID_MODEL', `${fn}: the model's node weights and impurities give a pruning alpha of ${alphas[s]} (impurity ${impurities[s]}); finite node figures of a fitted tree never do. The model JSON is damaged: refit it or restore it from the original.`, { field: 'nodes' });
    }
  }
  return { alphas, impurities, inTree, leaf };
}

/**
 * The minimal cost-complexity pruning path of a fitted tree: at each step the internal node with
 * the smallest (R(t) - R(T_t)) / (|leaves(T_t)| - 1) becomes a leaf, as scikit-learn's
 * `cost_complexity_pruning_path` (R = weight share times impurity; equal alphas: the lowest node id).
 *
 * Cost: O((m + d) log m) for m nodes, d the summed depths of the links cut (a heap of candidate
 * links; each cut updates its ancestors).
 * @param model - A classification or regression tree.
 * @param options - `onProgress` (phase `'prune'`: internal nodes cut so far, of all internal nodes) and `signal`.
 * @returns The alphas and the total leaf impurities of the pruned subtrees.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION`, `ABORTED`
 * @example
 * const model = fitDecisionTree([[1], [2], [3], [4]], [0, 1, 0, 1]);
 * decisionTreePruningPath(model).alphas.length; // => 2
 */
export function decisionTreePruningPath(model: TreeModel, options?: RunControl): TreePruningPath {
  const fn = 'decisionTreePruningPath';
  const m = checkTreeModel(model, null, fn);
  const o = resolveOptions(fn, {}, options, RUN_CONTROL_KEYS) as RunControl;
  const { alphas, impurities } = weakestLinks(fn, m.nodes, Infinity, runControl(fn, o));
  return { alphas, impurities };
}

/**
 * Prunes a tree at complexity parameter `alpha`: cuts weakest links while their alpha is at most
 * `alpha` (scikit-learn's `ccp_alpha`), renumbers the nodes in preorder and recomputes leaves, depth
 * and importance. The input model is not changed. The copy is iterative: any depth works.
 *
 * Cost: as {@link decisionTreePruningPath}, plus O(m) for the copy.
 * @param model - A classification or regression tree.
 * @param alpha - Non-negative; pick one from {@link decisionTreePruningPath}.
 * @returns A new model of the same kind.
 * @throws CrmError `INVALID_MODEL`, `INVALID_OPTION`
 * @example
 * const model = fitDecisionTree([[1], [2], [3], [4]], [0, 0, 1, 0]);
 * pruneDecisionTree(model, 1).leaves; // => 1
 */
export function pruneDecisionTree<M extends TreeModel>(model: M, alpha: number): M {
  const m = checkTreeModel<M>(model, null, 'pruneDecisionTree');
  named('pruneDecisionTree', () => checkNumber('alpha', alpha, { min: 0 }));
  const { leaf } = weakestLinks('pruneDecisionTree', m.nodes, alpha);
  const nodes: DecisionTreeNode[] = [];
  // Preorder copy, left child first (an explicit stack: trees can be deeper than the call stack).
  const stack: [source: number, parent: number, isLeft: boolean][] = [[0, -1, false]];
  while (stack.length > 0) {
    const [k, parent, isLeft] = stack.pop()!;
    const src = m.nodes[k]!;
    const id = nodes.length;
    const isLeaf = leaf[k] === 1;
    const node = {
      ...src,
      id,
      parent,
      value: src.value.slice(),
      categoriesLeft: isLeaf || src.categoriesLeft === null ? null : src.categoriesLeft.slice(),
      ...(isLeaf ? { feature: -1, threshold: null, missingLeft: null, left: -1, right: -1, missingSamples: 0 } : {}),
    };
    nodes.push(node);
    if (parent >= 0) {
      const p = nodes[parent] as { left: number; right: number };
      if (isLeft) p.left = id;
      else p.right = id;
    }
    if (!isLeaf) stack.push([src.right, id, false], [src.left, id, true]);
  }
  return { ...m, nodes, ...summarize(nodes, m.columns.length), options: { ...m.options } };
}
