/**
 * The state of one tree growth (internal): the encoded data, the presorted columns, the node
 * ranges and the scratch buffers, in one object of typed arrays that every step of the growth
 * (split search, partition, builders) receives explicitly.
 * @module
 */
import { presortColumns } from './presort.js';
import { createSklearnOrder, type SklearnOrder } from './sklearnOrder.js';
import { buildHotRows, findBinaryColumns } from './splitBinary.js';
import type { DecisionTreeNode } from './types.js';

/** Impurity criterion. */
export type GrowCriterion = 'gini' | 'entropy' | 'squaredError';

/** The encoded training data, column-major. */
export interface GrowData {
  readonly n: number;
  readonly d: number;
  /** x[f * n + i]; NaN = missing; categorical values are category codes 0..K-1. */
  readonly x: Float64Array;
  /** Number of categories of each categorical column, 0 for numeric columns. */
  readonly nCategories: Int32Array;
  /** Number of slots: classes (classification) or 1 (regression). */
  readonly nSlots: number;
  readonly slot: Int32Array;
  /** Sample weight (times class weight). */
  readonly w: Float64Array;
  /** Contribution to the slot: w (classification) or w * y (regression). */
  readonly v: Float64Array;
  /** Regression target (for squared error impurities); null for classification. */
  readonly y: Float64Array | null;
}

/** Growth limits, already validated. */
export interface GrowParams {
  readonly criterion: GrowCriterion;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly minImpurityDecrease: number;
  readonly maxLeafNodes: number;
  /** Exact partition search for multi-class categorical splits up to this many present categories. */
  readonly maxExactCategories: number;
  /** Visit columns in scikit-learn's random order (random_state=0) instead of index order. */
  readonly sklearnOrder: boolean;
}

/** Weighted class sums (or sum of w*y), weight, count and impurity of a node's samples. */
export interface NodeStats {
  sums: Float64Array;
  /** Sum of w * y^2 (regression only). */
  sq: number;
  w: number;
  n: number;
  impurity: number;
}

/** The best split found so far at a node. */
export interface BestSplit {
  proxy: number;
  feature: number;
  threshold: number;
  /** 1 = category goes left, for categorical splits; null for numeric. */
  mask: Uint8Array | null;
  missingLeft: boolean;
  /** True when the split sends every non-missing sample left and the missing ones right. */
  missingOnly: boolean;
}

/** A node waiting to be split: its range [start, end) of every sorted list, and its place in the tree. */
export interface NodeRecord {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
  stats: NodeStats;
  /** Columns known constant in this node (and so in its descendants). */
  constant: Uint8Array;
  /** scikit-learn's n_constant_features handed to this node, and the count after its split. */
  skConstants: number;
  skConstantsOut: number;
}

/** A split chosen and applied to the samples (goesLeft), with its children not yet partitioned. */
export interface Evaluated {
  left: NodeRecord;
  right: NodeRecord;
  nMiss: number;
  improvement: number;
  split: BestSplit;
  /** Categories present at the node (categorical splits). */
  present: Uint8Array | null;
}

/** A tree node while it grows. */
export type MutableNode = { -readonly [K in keyof DecisionTreeNode]: DecisionTreeNode[K] };

/** Everything one growth reads and writes; built once by {@link createGrowState}. */
export interface GrowState {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly nCategories: Int32Array;
  /** Number of slots (classes, or 1 for regression). */
  readonly C: number;
  readonly slot: Int32Array;
  readonly w: Float64Array;
  readonly v: Float64Array;
  readonly y: Float64Array | null;
  readonly params: GrowParams;
  /** Gini with at most two classes, or squared error: the scalar hot paths apply. */
  readonly fast: boolean;
  /** 0/1 columns of two-class trees, kept unsorted (see splitBinary.ts). */
  readonly binary: Uint8Array;
  readonly nBinary: number;
  /** slotOf[f]: index of column f's sorted list in `order` and `sx` (-1 for 0/1 columns). */
  readonly slotOf: Int32Array;
  /** Sorted row indices of each presorted column, list s at [s * n, (s + 1) * n). */
  readonly order: Int32Array;
  /** The column values aligned with `order`, so that scans read memory sequentially. */
  readonly sx: Float64Array;
  /** The node's rows in any order (partitioned at every split), for columns kept unsorted. */
  readonly samples: Int32Array;
  /** 1 when the row goes to the left child of the split being applied. */
  readonly goesLeft: Uint8Array;
  readonly scratch: Int32Array;
  readonly scratchX: Float64Array;
  /** Per row, the 0/1 columns that are 1 (compressed rows): hotCol[hotStart[i] .. hotStart[i + 1]). */
  readonly hotStart: Int32Array;
  readonly hotCol: Int32Array;
  /** Count, weight and class-1 weight of the rows with a 1 in each 0/1 column, at the current node. */
  readonly hiN: Float64Array;
  readonly hiW: Float64Array;
  readonly hiP: Float64Array;
  /** Weight of class 1 per row (two-class hot paths accumulate it and the total, without branches). */
  readonly pos: Float64Array;
  /** Running left sums and the sums of the missing rows, per slot. */
  readonly cl: Float64Array;
  readonly cm: Float64Array;
  /** Per category of the column being scanned: slot sums, weight, count; and the order tried. */
  readonly catSums: Float64Array;
  readonly catW: Float64Array;
  readonly catN: Int32Array;
  readonly catOrder: Int32Array;
  readonly catKey: Float64Array;
  readonly totalW: number;
  readonly sk: SklearnOrder;
  readonly nodes: MutableNode[];
  /** The split search's best candidate at the current node, and its proxy. */
  best: BestSplit | null;
  bestProxy: number;
  /** Output of sumRows (splitNumeric.ts): total weight and class-1 weight of a range. */
  accW: number;
  accP: number;
}

/** Presorts the columns and allocates every buffer of one growth. O(d n log n) once. */
export function createGrowState(data: GrowData, params: GrowParams): GrowState {
  const { n, d, x, nCategories, nSlots: C, slot, w, v, y } = data;
  const fast = params.criterion !== 'entropy' && C <= 2;
  const { binary, nBinary } = findBinaryColumns(x, n, d, nCategories, fast && y === null);
  const { slotOf, order, sx } = presortColumns(x, n, d, binary);
  const { hotStart, hotCol } = buildHotRows(x, n, d, binary, nBinary);
  const pos = new Float64Array(n);
  if (C === 2 && y === null) for (let i = 0; i < n; i++) pos[i] = slot[i] === 1 ? v[i]! : 0;
  let maxK = 0;
  for (let f = 0; f < d; f++) maxK = Math.max(maxK, nCategories[f]!);
  let totalW = 0;
  for (let i = 0; i < n; i++) totalW += w[i]!;
  return {
    n, d, x, nCategories, C, slot, w, v, y, params, fast,
    binary, nBinary, slotOf, order, sx,
    samples: Int32Array.from({ length: n }, (_, i) => i),
    goesLeft: new Uint8Array(n),
    scratch: new Int32Array(n),
    scratchX: new Float64Array(n),
    hotStart, hotCol,
    hiN: new Float64Array(d),
    hiW: new Float64Array(d),
    hiP: new Float64Array(d),
    pos,
    cl: new Float64Array(C),
    cm: new Float64Array(C),
    catSums: new Float64Array(maxK * C),
    catW: new Float64Array(maxK),
    catN: new Int32Array(maxK),
    catOrder: new Int32Array(maxK),
    catKey: new Float64Array(maxK),
    totalW,
    sk: createSklearnOrder(d),
    nodes: [],
    best: null,
    bestProxy: -Infinity,
    accW: 0,
    accP: 0,
  };
}
