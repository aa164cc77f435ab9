/**
 * The CART growing engine shared by classification and regression trees (internal).
 *
 * Every feature is sorted once (missing values last); a node owns the same range [start, end) of
 * each feature's sorted index list, and a split partitions each list stably, so children stay sorted
 * without re-sorting (SLIQ-style presorting: Mehta, Agrawal and Rissanen 1996). A node's split search
 * is one pass per feature over its range with running class sums: O(d n_node) per node, and
 * O(d n_node) to partition.
 *
 * Classification and regression share the scan: each sample adds `v[s]` to slot `slot[s]` of the
 * running sums (weighted one-hot counts, or w*y in slot 0 for regression), so the Gini proxy
 * sum(c^2)/w equals the squared-error proxy sum(wy)^2/w.
 * @module
 */
import { heapPop, heapPush } from '../core/heap.js';
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

// Same tolerance as scikit-learn's EPSILON (np.finfo('double').eps) for "pure node" and
// "improvement below min_impurity_decrease".
const EPSILON = 2.220446049250313e-16;
const LN2 = Math.LN2;

interface NodeStats {
  sums: Float64Array;
  /** Sum of w * y^2 (regression only). */
  sq: number;
  w: number;
  n: number;
  impurity: number;
}

interface BestSplit {
  proxy: number;
  feature: number;
  threshold: number;
  /** 1 = category goes left, for categorical splits; null for numeric. */
  mask: Uint8Array | null;
  missingLeft: boolean;
  /** True when the split sends every non-missing sample left and the missing ones right. */
  missingOnly: boolean;
}

interface Record {
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

interface Evaluated {
  left: Record;
  right: Record;
  nMiss: number;
  improvement: number;
  split: BestSplit;
  /** Categories present at the node (categorical splits). */
  present: Uint8Array | null;
}

type Mutable = { -readonly [K in keyof DecisionTreeNode]: DecisionTreeNode[K] };

/**
 * Grows a tree; returns plain nodes (value = class probabilities, or [mean] for regression).
 * `onNode(count)` is called after each node is added (progress and abort).
 */
export function growTree(data: GrowData, params: GrowParams, onNode: (count: number) => void = () => {}): DecisionTreeNode[] {
  const { n, d, x, nCategories, nSlots: C, slot, w, v, y } = data;
  const crit = params.criterion;
  const minLeaf = params.minSamplesLeaf;
  const fast = crit !== 'entropy' && C <= 2;

  // 0/1 columns (one-hot) in two-class trees keep no sorted list: their counts at a node come from
  // one pass over the node's rows (see hotStart below), so they are never presorted or partitioned.
  const binary = new Uint8Array(d);
  let nBinary = 0;
  if (fast && y === null) {
    for (let f = 0; f < d; f++) {
      if (nCategories[f]! > 0) continue;
      let ok = true;
      for (let i = f * n; i < (f + 1) * n && ok; i++) ok = x[i] === 0 || x[i] === 1;
      binary[f] = ok ? 1 : 0;
      if (ok) nBinary++;
    }
  }
  // Presort each other column once, missing values last; slotOf maps a column to its sorted list.
  const slotOf = new Int32Array(d).fill(-1);
  let nSorted = 0;
  for (let f = 0; f < d; f++) if (binary[f] === 0) slotOf[f] = nSorted++;
  const order = new Int32Array(nSorted * n);
  const idx = new Int32Array(n);
  const keys = new Float64Array(n);
  const sx = new Float64Array(nSorted * n);
  for (let f = 0; f < d; f++) {
    if (binary[f] === 1) continue;
    const xBase = f * n;
    const base = slotOf[f]! * n;
    if (countingPresort(x, xBase, n, order, sx, base)) continue;
    let m = 0;
    let tail = n;
    for (let i = 0; i < n; i++) {
      const xi = x[xBase + i]!;
      if (xi === xi) idx[m++] = i;
      else order[base + --tail] = i;
    }
    // Missing rows were filled from the end; restore their row order (stable).
    order.subarray(base + tail, base + n).reverse();
    const sub = idx.subarray(0, m);
    for (let k = 0; k < m; k++) keys[k] = x[xBase + sub[k]!]!;
    sortByKey(sub, keys, m);
    order.set(sub, base);
    // Values in sorted order, kept aligned with `order` so that scans read memory sequentially.
    for (let k = 0; k < n; k++) sx[base + k] = x[xBase + order[base + k]!]!;
  }

  const totalW = sumOf(w, n);
  const nodes: Mutable[] = [];
  const goesLeft = new Uint8Array(n);
  const scratch = new Int32Array(n);
  const scratchX = new Float64Array(n);
  // The node's rows in any order (partitioned at every split), for columns kept unsorted.
  const samples = Int32Array.from({ length: n }, (_, i) => i);
  // Per row, the 0/1 columns that are 1 (compressed rows): one-hot rows have one 1 per original
  // category, so a node's counts for every 0/1 column cost one pass over its rows and their 1s.
  const hotStart = new Int32Array(n + 1);
  let hotCol = new Int32Array(0);
  if (nBinary > 0) {
    for (let f = 0; f < d; f++) if (binary[f] === 1) for (let i = 0; i < n; i++) hotStart[i + 1] += x[f * n + i]!;
    for (let i = 0; i < n; i++) hotStart[i + 1] += hotStart[i]!;
    hotCol = new Int32Array(hotStart[n]!);
    const fill = hotStart.slice(0, n);
    for (let f = 0; f < d; f++) if (binary[f] === 1) for (let i = 0; i < n; i++) if (x[f * n + i] === 1) hotCol[fill[i]!++] = f;
  }
  const hiN = new Float64Array(d);
  const hiW = new Float64Array(d);
  const hiP = new Float64Array(d);
  // Weight of class 1 per row (two-class hot paths accumulate it and the total, without branches).
  const pos = new Float64Array(n);
  if (C === 2 && y === null) for (let i = 0; i < n; i++) pos[i] = slot[i] === 1 ? v[i]! : 0;
  const cl = new Float64Array(C);
  const cm = new Float64Array(C);
  let maxK = 0;
  for (let f = 0; f < d; f++) maxK = Math.max(maxK, nCategories[f]!);
  const catSums = new Float64Array(maxK * C);
  const catW = new Float64Array(maxK);
  const catN = new Int32Array(maxK);
  const catOrder = new Int32Array(maxK);
  const catKey = new Float64Array(maxK);

  const impurityOf = (sums: Float64Array, sq: number, wt: number): number => {
    if (wt <= 0) return 0;
    if (crit === 'squaredError') {
      const mean = sums[0]! / wt;
      return sq / wt - mean * mean;
    }
    if (crit === 'gini') {
      let s2 = 0;
      for (let c = 0; c < C; c++) s2 += sums[c]! * sums[c]!;
      return 1 - s2 / (wt * wt);
    }
    // scikit-learn's Entropy.node_impurity, with its log2(x) = ln(x) / ln(2), operation for operation.
    let h = 0;
    for (let c = 0; c < C; c++) {
      const p = sums[c]! / wt;
      if (p > 0) h -= p * (Math.log(p) / LN2);
    }
    return h;
  };

  // The quantity whose maximum gives the best split: -(w_l * imp_l + w_r * imp_r) up to constants.
  const proxyOf = (l: Float64Array, wl: number, t: Float64Array, wt: number, extra: Float64Array | null, we: number, sign: number): number => {
    // left = l (+ extra when sign > 0); right = t - left
    const wL = wl + (sign > 0 ? we : 0);
    const wR = wt - wL;
    if (crit !== 'entropy') {
      let a = 0;
      let b = 0;
      for (let c = 0; c < C; c++) {
        const lc = l[c]! + (sign > 0 ? extra![c]! : 0);
        const rc = t[c]! - lc;
        a += lc * lc;
        b += rc * rc;
      }
      return crit === 'gini' ? giniProxy(a, wL, b, wR) : a / wL + b / wR;
    }
    // scikit-learn's default proxy -(w_R H_R) - w_L H_L, with H as its Entropy.children_impurity
    // computes it, so that equal and near-equal candidates compare as there.
    let hl = 0;
    let hr = 0;
    for (let c = 0; c < C; c++) {
      const lc = l[c]! + (sign > 0 ? extra![c]! : 0);
      const rc = t[c]! - lc;
      if (lc > 0) {
        const p = lc / wL;
        hl -= p * (Math.log(p) / LN2);
      }
      if (rc > 0) {
        const p = rc / wR;
        hr -= p * (Math.log(p) / LN2);
      }
    }
    return -wR * hr - wL * hl;
  };

  const isLeafByRule = (rec: Record): boolean => {
    const { stats } = rec;
    return (
      rec.depth >= params.maxDepth ||
      stats.n < params.minSamplesSplit ||
      stats.n < 2 * minLeaf ||
      stats.impurity <= EPSILON
    );
  };

  let best: BestSplit | null = null;
  let bestProxy = -Infinity;
  // scikit-learn's feature-visiting state (featureOrder 'sklearn'): its features and
  // constant_features arrays, and its rand_r state for random_state=0.
  const skFeatures = Int32Array.from({ length: d }, (_, j) => j);
  const skConstants = Int32Array.from({ length: d }, (_, j) => j);
  let skState = SKLEARN_RAND_R_SEED;
  const skRandInt = (low: number, high: number): number => {
    // sklearn/utils/_random.pxd our_rand_r (xorshift on uint32) and tree/_utils rand_int.
    if (skState === 0) skState = 1;
    skState = (skState ^ (skState << 13)) >>> 0;
    skState = (skState ^ (skState >>> 17)) >>> 0;
    skState = (skState ^ (skState << 5)) >>> 0;
    return low + ((skState % 0x80000000) % (high - low));
  };
  const swap = (a: Int32Array, i: number, j: number): void => {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  };

  const findSplit = (rec: Record): BestSplit | null => {
    best = null;
    bestProxy = -Infinity;
    const { start, end, stats, constant } = rec;
    if (nBinary > 0) {
      hiN.fill(0);
      hiW.fill(0);
      hiP.fill(0);
      for (let k = start; k < end; k++) {
        const s = samples[k]!;
        const vs = v[s]!;
        const ps = pos[s]!;
        for (let h = hotStart[s]!; h < hotStart[s + 1]!; h++) {
          const f = hotCol[h]!;
          hiN[f]++;
          hiW[f] += vs;
          hiP[f] += ps;
        }
      }
    }
    if (!params.sklearnOrder) {
      for (let f = 0; f < d; f++) scanFeature(f, start, end, stats, constant);
      return best;
    }
    // BestSplitter.node_split of scikit-learn 1.2 with max_features = n_features: the same random
    // visiting order, so that equal improvements are resolved as there.
    const nKnown = rec.skConstants;
    let fi = d;
    let nFound = 0;
    let nDrawn = 0;
    let nTotal = nKnown;
    let visited = 0;
    while (fi > nTotal && (visited < d || visited <= nFound + nDrawn)) {
      visited++;
      let fj = skRandInt(nDrawn, fi - nFound);
      if (fj < nKnown) {
        swap(skFeatures, nDrawn, fj);
        nDrawn++;
        continue;
      }
      fj += nFound;
      if (scanFeature(skFeatures[fj]!, start, end, stats, constant)) {
        swap(skFeatures, fj, nTotal);
        nFound++;
        nTotal++;
        continue;
      }
      fi--;
      swap(skFeatures, fi, fj);
    }
    skFeatures.set(skConstants.subarray(0, nKnown), 0);
    skConstants.set(skFeatures.subarray(nKnown, nKnown + nFound), nKnown);
    rec.skConstantsOut = nTotal;
    return best;
  };

  // Total weight and class-1 weight of the rows order[a..b), into accW and accP.
  let accW = 0;
  let accP = 0;
  const sumRows = (a: number, b: number): void => {
    accW = 0;
    accP = 0;
    for (let k = a; k < b; k++) {
      const s = order[k]!;
      accW += v[s]!;
      accP += pos[s]!;
    }
  };

  // Scans column f at the node, updating best; returns true when the column is constant there.
  const scanFeature = (f: number, start: number, end: number, st: NodeStats, constant: Uint8Array): boolean => {
    const nNode = end - start;
    const tot = st.sums;
    const wt = st.w;
    {
      if (constant[f] === 1) return true;
      const base = f * n;
      if (binary[f] === 1) {
        const nHi = hiN[f]!;
        const wHi = hiW[f]!;
        const pHi = hiP[f]!;
        if (nHi === 0 || nHi === nNode) {
          constant[f] = 1;
          return true;
        }
        const nl = nNode - nHi;
        if (nl < minLeaf || nHi < minLeaf) return false;
        const t1 = C === 2 ? tot[1]! : 0;
        const wl = wt - wHi;
        const l1 = t1 - pHi;
        const l0 = wl - l1;
        const r0 = tot[0]! - l0;
        const r1 = t1 - l1;
        const p = giniProxy(l0 * l0 + l1 * l1, wl, r0 * r0 + r1 * r1, wHi);
        if (wl > 0 && wHi > 0 && p > bestProxy) {
          bestProxy = p;
          best = { proxy: p, feature: f, threshold: 0.5, mask: null, missingLeft: false, missingOnly: false };
        }
        return false;
      }
      const sb = slotOf[f]! * n;
      // Missing values sit at the end of the range.
      let nmEnd = end;
      cm.fill(0);
      let wm = 0;
      while (nmEnd > start) {
        const xv = sx[sb + nmEnd - 1]!;
        if (xv === xv) break;
        const s = order[sb + nmEnd - 1]!;
        cm[slot[s]!] += v[s]!;
        wm += w[s]!;
        nmEnd--;
      }
      const nMiss = end - nmEnd;
      const nNon = nmEnd - start;
      // A column constant here is constant in every descendant: skip it there, and skip its
      // partition (as scikit-learn's constant-feature tracking).
      if (nNon === 0 || (nMiss === 0 && sx[sb + start] === sx[sb + end - 1])) {
        constant[f] = 1;
        return true;
      }
      const K = nCategories[f]!;
      if (K > 0) {
        const r = categoricalSplit(f, base, sb, start, nmEnd, nMiss, wm, tot, wt, bestProxy);
        if (r !== null) {
          bestProxy = r.proxy;
          best = r;
        }
        return false;
      }
      const lastX = sx[sb + nmEnd - 1]!;
      const firstX = sx[sb + start]!;
      if (lastX > firstX && nMiss === 0 && fast && y === null) {
        // Hot path, classification with at most two classes and no missing value here (then
        // v = w, so the left weight is l0 + l1). The proxy is inlined on scalars.
        const t0 = tot[0]!;
        const t1 = C === 2 ? tot[1]! : 0;
        let l0 = 0;
        let l1 = 0;
        const lo = sb + start;
        const stop = sb + nmEnd;
        // Two distinct values (one-hot columns): one candidate; sum the smaller side only.
        let b = lo;
        let hi = stop - 1;
        while (b < hi) {
          const mid = (b + hi) >> 1;
          if (sx[mid]! > firstX) hi = mid;
          else b = mid + 1;
        }
        if (sx[b] === lastX) {
          const nl = b - lo;
          if (nl >= minLeaf && nNode - nl >= minLeaf) {
            // Sum the smaller side only.
            if (nl <= stop - b) {
              sumRows(lo, b);
              l1 = accP;
              l0 = accW - accP;
            } else {
              sumRows(b, stop);
              l1 = t1 - accP;
              l0 = t0 - (accW - accP);
            }
            const wl = l0 + l1;
            const wr = wt - wl;
            const r0 = t0 - l0;
            const r1 = t1 - l1;
            const p = giniProxy(l0 * l0 + l1 * l1, wl, r0 * r0 + r1 * r1, wr);
            if (wl > 0 && wr > 0 && p > bestProxy) {
              bestProxy = p;
              best = { proxy: p, feature: f, threshold: midpoint(firstX, lastX), mask: null, missingLeft: false, missingOnly: false };
            }
          }
          return false;
        }
        let xs = firstX;
        let wAcc = 0;
        for (let k = lo; k < stop - 1; k++) {
          const s = order[k]!;
          wAcc += v[s]!;
          l1 += pos[s]!;
          l0 = wAcc - l1;
          const xn = sx[k + 1]!;
          const cur = xs;
          xs = xn;
          if (xn <= cur) continue;
          const nl = k + 1 - lo;
          const wl = l0 + l1;
          const wr = wt - wl;
          if (nl < minLeaf || nNode - nl < minLeaf || wl <= 0 || wr <= 0) continue;
          const r0 = t0 - l0;
          const r1 = t1 - l1;
          const p = giniProxy(l0 * l0 + l1 * l1, wl, r0 * r0 + r1 * r1, wr);
          if (p > bestProxy) {
            bestProxy = p;
            best = { proxy: p, feature: f, threshold: midpoint(cur, xn), mask: null, missingLeft: false, missingOnly: false };
          }
        }
      } else if (lastX > firstX && nMiss === 0 && fast) {
        // Hot path, squared error: left sum of w*y and left weight.
        const t0 = tot[0]!;
        let l0 = 0;
        let wl = 0;
        let xs = firstX;
        const stop = sb + nmEnd - 1;
        for (let k = sb + start; k < stop; k++) {
          const s = order[k]!;
          l0 += v[s]!;
          wl += w[s]!;
          const xn = sx[k + 1]!;
          const cur = xs;
          xs = xn;
          if (xn <= cur) continue;
          const nl = k + 1 - sb - start;
          const wr = wt - wl;
          if (nl < minLeaf || nNode - nl < minLeaf || wl <= 0 || wr <= 0) continue;
          const r0 = t0 - l0;
          const p = (l0 * l0) / wl + (r0 * r0) / wr;
          if (p > bestProxy) {
            bestProxy = p;
            best = { proxy: p, feature: f, threshold: midpoint(cur, xn), mask: null, missingLeft: false, missingOnly: false };
          }
        }
      } else if (lastX > firstX) {
        cl.fill(0);
        let wl = 0;
        for (let k = start; k < nmEnd - 1; k++) {
          const s = order[sb + k]!;
          cl[slot[s]!] += v[s]!;
          wl += w[s]!;
          const xs = sx[sb + k]!;
          const xn = sx[sb + k + 1]!;
          if (xn <= xs) continue;
          const nl = k + 1 - start;
          // Missing to the left, then to the right: the first (left) wins ties.
          if (nMiss > 0) {
            if (nl + nMiss >= minLeaf && nNode - nl - nMiss >= minLeaf) {
              const p = proxyOf(cl, wl, tot, wt, cm, wm, 1);
              if (p > bestProxy && wl + wm > 0 && wt - wl - wm > 0) {
                bestProxy = p;
                best = { proxy: p, feature: f, threshold: midpoint(xs, xn), mask: null, missingLeft: true, missingOnly: false };
              }
            }
          }
          if (nl < minLeaf || nNode - nl < minLeaf || wl <= 0 || wt - wl <= 0) continue;
          const p = proxyOf(cl, wl, tot, wt, null, 0, 0);
          if (p > bestProxy) {
            bestProxy = p;
            best = { proxy: p, feature: f, threshold: midpoint(xs, xn), mask: null, missingLeft: false, missingOnly: false };
          }
        }
      }
      if (nMiss > 0 && nNon >= minLeaf && nMiss >= minLeaf && wm > 0 && wt - wm > 0) {
        // Non-missing left, missing right.
        for (let c = 0; c < C; c++) cl[c] = tot[c]! - cm[c]!;
        const p = proxyOf(cl, wt - wm, tot, wt, null, 0, 0);
        if (p > bestProxy) {
          bestProxy = p;
          best = { proxy: p, feature: f, threshold: lastX, mask: null, missingLeft: false, missingOnly: true };
        }
      }
    }
    return false;
  };

  const categoricalSplit = (
    f: number, base: number, sb: number, start: number, nmEnd: number, nMiss: number, wm: number,
    tot: Float64Array, wt: number, bestSoFar: number,
  ): BestSplit | null => {
    const K = nCategories[f]!;
    catSums.fill(0, 0, K * C);
    catW.fill(0, 0, K);
    catN.fill(0, 0, K);
    for (let k = start; k < nmEnd; k++) {
      const s = order[sb + k]!;
      const c = x[base + s]!;
      catSums[c * C + slot[s]!] += v[s]!;
      catW[c] += w[s]!;
      catN[c]++;
    }
    let P = 0;
    for (let c = 0; c < K; c++) if (catN[c]! > 0) catOrder[P++] = c;
    const nNode = nmEnd - start + nMiss;
    let best: BestSplit | null = null;
    let bestProxy = bestSoFar;
    let nl = 0;
    let wl = 0;
    // Evaluates the partition "first `count` categories of catOrder go left".
    const consider = (count: number): void => {
      cl.fill(0);
      nl = 0;
      wl = 0;
      for (let i = 0; i < count; i++) {
        const c = catOrder[i]!;
        for (let j = 0; j < C; j++) cl[j] += catSums[c * C + j]!;
        nl += catN[c]!;
        wl += catW[c]!;
      }
      evaluate(count);
    };
    const evaluate = (count: number): void => {
      if (nMiss > 0 && nl + nMiss >= minLeaf && nNode - nl - nMiss >= minLeaf && wl + wm > 0 && wt - wl - wm > 0) {
        const p = proxyOf(cl, wl, tot, wt, cm, wm, 1);
        if (p > bestProxy) {
          bestProxy = p;
          best = { proxy: p, feature: f, threshold: NaN, mask: maskOf(count, K), missingLeft: true, missingOnly: false };
        }
      }
      if (nl >= minLeaf && nNode - nl >= minLeaf && wl > 0 && wt - wl > 0) {
        const p = proxyOf(cl, wl, tot, wt, null, 0, 0);
        if (p > bestProxy) {
          bestProxy = p;
          best = { proxy: p, feature: f, threshold: NaN, mask: maskOf(count, K), missingLeft: false, missingOnly: false };
        }
      }
    };
    if (P >= 2) {
      if (C <= 2 || P <= 2) {
        // Breiman's ordering: by positive rate (two classes) or mean (regression); ties by code.
        const j = C === 2 ? 1 : 0;
        for (let i = 0; i < P; i++) catKey[i] = catSums[catOrder[i]! * C + j]! / Math.max(catW[catOrder[i]!]!, 1e-300);
        sortCategories(P);
        scanPrefixes(P);
      } else if (P <= params.maxExactCategories) {
        // Every partition; the last present category stays right so each partition is seen once.
        const present = catOrder.slice(0, P);
        for (let mask = 1; mask < 1 << (P - 1); mask++) {
          let count = 0;
          for (let i = 0; i < P; i++) if (mask & (1 << i)) catOrder[count++] = present[i]!;
          consider(count);
        }
        catOrder.set(present);
      } else {
        // Heuristic for many classes and many categories: for each class, order by that class's
        // share and scan the prefixes (Breiman's exact rule applied one class against the rest).
        const present = catOrder.slice(0, P);
        for (let j = 0; j < C; j++) {
          catOrder.set(present);
          for (let i = 0; i < P; i++) catKey[i] = catSums[catOrder[i]! * C + j]! / Math.max(catW[catOrder[i]!]!, 1e-300);
          sortCategories(P);
          scanPrefixes(P);
        }
        catOrder.set(present);
      }
    }
    if (nMiss > 0 && nmEnd - start >= minLeaf && nMiss >= minLeaf && wm > 0 && wt - wm > 0) {
      for (let c = 0; c < C; c++) cl[c] = tot[c]! - cm[c]!;
      const p = proxyOf(cl, wt - wm, tot, wt, null, 0, 0);
      if (p > bestProxy) {
        bestProxy = p;
        best = { proxy: p, feature: f, threshold: NaN, mask: maskOf(P, K), missingLeft: false, missingOnly: true };
      }
    }
    return best;

    function scanPrefixes(count: number): void {
      cl.fill(0);
      nl = 0;
      wl = 0;
      for (let i = 0; i < count - 1; i++) {
        const c = catOrder[i]!;
        for (let j = 0; j < C; j++) cl[j] += catSums[c * C + j]!;
        nl += catN[c]!;
        wl += catW[c]!;
        evaluate(i + 1);
      }
    }
  };

  function maskOf(count: number, K: number): Uint8Array {
    const m = new Uint8Array(K);
    for (let i = 0; i < count; i++) m[catOrder[i]!] = 1;
    return m;
  }

  function sortCategories(P: number): void {
    // Insertion sort on (key, code): P is small.
    for (let i = 1; i < P; i++) {
      const c = catOrder[i]!;
      const k = catKey[i]!;
      let j = i - 1;
      while (j >= 0 && (catKey[j]! > k || (catKey[j] === k && catOrder[j]! > c))) {
        catOrder[j + 1] = catOrder[j]!;
        catKey[j + 1] = catKey[j]!;
        j--;
      }
      catOrder[j + 1] = c;
      catKey[j + 1] = k;
    }
  }

  const statsOfRange = (start: number, end: number): NodeStats => {
    const sums = new Float64Array(C);
    let wt = 0;
    let sq = 0;
    for (let k = start; k < end; k++) {
      const s = samples[k]!;
      sums[slot[s]!] += v[s]!;
      wt += w[s]!;
      if (y !== null) sq += v[s]! * y[s]!;
    }
    return { sums, sq, w: wt, n: end - start, impurity: impurityOf(sums, sq, wt) };
  };

  const addNode = (rec: Record): Mutable => {
    const { stats } = rec;
    const value: number[] = [];
    if (y !== null) value.push(stats.w > 0 ? stats.sums[0]! / stats.w : 0);
    else for (let c = 0; c < C; c++) value.push(stats.w > 0 ? stats.sums[c]! / stats.w : 0);
    const node: Mutable = {
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
  };

  // Marks each sample of the node left or right (goesLeft) and returns the children's records.
  // goesLeft stays valid until this node is evaluated again: nodes own disjoint samples.
  const evaluateSplit = (rec: Record, split: BestSplit): Evaluated => {
    const { start, end } = rec;
    const f = split.feature;
    const base = f * n;
    const sl = new Float64Array(C);
    const sr = new Float64Array(C);
    let wL = 0;
    let wR = 0;
    let qL = 0;
    let qR = 0;
    let nL = 0;
    let nMiss = 0;
    const present = split.mask !== null ? new Uint8Array(split.mask.length) : null;
    for (let k = start; k < end; k++) {
      const s = samples[k]!;
      const xv = x[base + s]!;
      let left: boolean;
      if (xv !== xv) {
        left = split.missingLeft;
        nMiss++;
      } else if (present !== null) {
        present[xv] = 1;
        left = split.missingOnly || split.mask![xv] === 1;
      }
      else left = xv <= split.threshold;
      goesLeft[s] = left ? 1 : 0;
      const q = y !== null ? v[s]! * y[s]! : 0;
      if (left) {
        sl[slot[s]!] += v[s]!;
        wL += w[s]!;
        qL += q;
        nL++;
      } else {
        sr[slot[s]!] += v[s]!;
        wR += w[s]!;
        qR += q;
      }
    }
    const mid = start + nL;
    const depth = rec.depth + 1;
    const left: Record = { start, end: mid, depth, parent: -1, isLeft: true, constant: rec.constant.slice(), skConstants: rec.skConstantsOut, skConstantsOut: 0, stats: { sums: sl, sq: qL, w: wL, n: nL, impurity: impurityOf(sl, qL, wL) } };
    const right: Record = { start: mid, end, depth, parent: -1, isLeft: false, constant: rec.constant.slice(), skConstants: rec.skConstantsOut, skConstantsOut: 0, stats: { sums: sr, sq: qR, w: wR, n: end - mid, impurity: impurityOf(sr, qR, wR) } };
    const st = rec.stats;
    // scikit-learn's impurity_improvement, operation for operation (best-first priorities tie as there).
    const improvement = (st.w / totalW) * (st.impurity - (wR / st.w) * right.stats.impurity - (wL / st.w) * left.stats.impurity);
    return { left, right, nMiss, improvement, split, present };
  };

  // Splits the node's range of every feature into [left | right], stably, following goesLeft.
  const partition = (start: number, end: number, constant: Uint8Array): void => {
    let li = start;
    let ri = 0;
    for (let k = start; k < end; k++) {
      const s = samples[k]!;
      const gl = goesLeft[s]!;
      samples[li] = s;
      scratch[ri] = s;
      li += gl;
      ri += 1 - gl;
    }
    samples.set(scratch.subarray(0, ri), li);
    for (let g = 0; g < d; g++) {
      if (constant[g] === 1 || binary[g] === 1) continue;
      const b = slotOf[g]! * n;
      let li = b + start;
      let ri = 0;
      for (let k = b + start; k < b + end; k++) {
        // Branch-free: write to both sides and advance one (li <= k, so nothing unread is lost).
        const s = order[k]!;
        const xv = sx[k]!;
        const gl = goesLeft[s]!;
        order[li] = s;
        sx[li] = xv;
        scratch[ri] = s;
        scratchX[ri] = xv;
        li += gl;
        ri += 1 - gl;
      }
      order.set(scratch.subarray(0, ri), li);
      sx.set(scratchX.subarray(0, ri), li);
    }
  };

  const commit = (node: Mutable, e: Evaluated): void => {
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
  };

  const root: Record = { start: 0, end: n, depth: 0, parent: -1, isLeft: false, constant: new Uint8Array(d), skConstants: 0, skConstantsOut: 0, stats: statsOfRange(0, n) };

  const trySplit = (rec: Record): Evaluated | null => {
    if (isLeafByRule(rec)) return null;
    const split = findSplit(rec);
    if (split === null) return null;
    const e = evaluateSplit(rec, split);
    // scikit-learn splits even at zero improvement when min_impurity_decrease is 0.
    if (e.improvement + EPSILON < params.minImpurityDecrease) return null;
    return e;
  };

  if (!Number.isFinite(params.maxLeafNodes)) {
    // Depth first, left child first: node ids in preorder, as scikit-learn's DepthFirstTreeBuilder.
    const stack: Record[] = [root];
    while (stack.length > 0) {
      const rec = stack.pop()!;
      const node = addNode(rec);
      onNode(nodes.length);
      const e = trySplit(rec);
      if (e === null) continue;
      commit(node, e);
      // Children that will be leaves anyway need no sorted ranges.
      if (!(isLeafByRule(e.left) && isLeafByRule(e.right))) partition(rec.start, rec.end, rec.constant);
      stack.push(e.right, e.left);
    }
  } else if (!params.sklearnOrder) {
    // Best first (scikit-learn's BestFirstTreeBuilder): expand the leaf whose split improves most;
    // equal improvements go to the older node.
    interface Frontier { node: Mutable; rec: Record; e: Evaluated }
    const heap: Frontier[] = [];
    const better = (a: Frontier, b: Frontier): boolean =>
      a.e.improvement > b.e.improvement || (a.e.improvement === b.e.improvement && a.node.id < b.node.id);
    const offer = (rec: Record): void => {
      const node = addNode(rec);
      onNode(nodes.length);
      const e = trySplit(rec);
      if (e !== null) heapPush(heap, { node, rec, e }, better);
    };
    offer(root);
    let leaves = 1;
    while (heap.length > 0 && leaves < params.maxLeafNodes) {
      const top = heapPop(heap, better);
      commit(top.node, top.e);
      partition(top.rec.start, top.rec.end, top.rec.constant);
      leaves++;
      offer(top.e.left);
      offer(top.e.right);
    }
  } else {
    // scikit-learn 1.2's BestFirstTreeBuilder exactly: every new node (leaves too, with improvement
    // 0) goes on a std::vector heap ordered by improvement through libstdc++'s push_heap/pop_heap,
    // so equal improvements come out in that heap's order; each node's split is searched when the
    // node is created (left child, then right), with no constant columns handed down
    // (n_constant_features = 0 at every node); max_leaf_nodes - 1 splits at most.
    const frontier: SkFrontier<Evaluated | null, { node: Mutable; rec: Record }>[] = [];
    const offer = (rec: Record): void => {
      rec.skConstants = 0;
      const node = addNode(rec);
      onNode(nodes.length);
      const e = trySplit(rec);
      skPushHeap(frontier, { improvement: e === null ? 0 : e.improvement, e, at: { node, rec } });
    };
    offer(root);
    let splits = params.maxLeafNodes - 1;
    while (frontier.length > 0 && splits > 0) {
      const top = skPopHeap(frontier);
      if (top.e === null) continue;
      splits--;
      commit(top.at.node, top.e);
      partition(top.at.rec.start, top.at.rec.end, top.at.rec.constant);
      offer(top.e.left);
      offer(top.e.right);
    }
  }
  return nodes;

}

/** scikit-learn's seed for rand_r with random_state=0: RandomState(0).randint(0, 2**31 - 1). */
const SKLEARN_RAND_R_SEED = 209652396;

/**
 * Gini proxy as scikit-learn 1.2 computes it, -(w_r gini_r) - w_l gini_l from squared counts, so
 * that equal and near-equal candidates compare as there.
 */
function giniProxy(sqLeft: number, wl: number, sqRight: number, wr: number): number {
  return -wr * (1 - sqRight / (wr * wr)) - wl * (1 - sqLeft / (wl * wl));
}

/** Midpoint of two consecutive distinct values, as scikit-learn computes it (no overflow). */
function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t === b || !Number.isFinite(t) ? a : t;
}

function sumOf(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]!;
  return s;
}

/**
 * Sorts `idx[0..m)` by `keys[0..m)` ascending, ties in index order: the distinct keys are sorted
 * natively (Float64Array.sort), each key's rank found by binary search, then a stable counting sort
 * by rank. O(m log u) for u distinct values; binary one-hot columns cost O(m).
 */
function sortByKey(idx: Int32Array, keys: Float64Array, m: number): void {
  if (countingSortIntegers(idx, keys, m)) return;
  const sorted = keys.slice(0, m).sort();
  let u = 0;
  for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i]!;
  const rankOf = new Int32Array(m);
  const count = new Int32Array(u + 1);
  for (let i = 0; i < m; i++) {
    const key = keys[i]!;
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    rankOf[i] = lo;
    count[lo + 1]++;
  }
  for (let r = 0; r < u; r++) count[r + 1] += count[r]!;
  const tmp = new Int32Array(m);
  for (let i = 0; i < m; i++) tmp[count[rankOf[i]!]!++] = idx[i]!;
  idx.set(tmp);
}

/**
 * Presorts column `x[base..base+n)` into `order` and `sx` by a stable counting sort when it has no
 * missing value and only integers in a range below 4n (one-hot columns, ages, counts, balances);
 * returns false otherwise.
 */
function countingPresort(x: Float64Array, base: number, n: number, order: Int32Array, sx: Float64Array, out: number): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = x[base + i]!;
    if (k !== Math.floor(k)) return false; // also NaN
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const range = hi - lo + 1;
  if (!(range <= 4 * n + 16)) return false;
  const count = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) count[((x[base + i]! - lo) | 0) + 1]++;
  for (let r = 0; r < range; r++) count[r + 1] += count[r]!;
  for (let i = 0; i < n; i++) {
    const k = x[base + i]!;
    const at = out + count[(k - lo) | 0]!++;
    order[at] = i;
    sx[at] = k;
  }
  return true;
}

/** Stable counting sort when every key is an integer in a range below 4m (one-hot, ages, counts). */
function countingSortIntegers(idx: Int32Array, keys: Float64Array, m: number): boolean {
  if (m < 2) return true;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m; i++) {
    const k = keys[i]!;
    if (k !== Math.floor(k)) return false;
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const range = hi - lo + 1;
  if (!(range <= 4 * m + 16)) return false;
  const count = new Int32Array(range + 1);
  for (let i = 0; i < m; i++) count[keys[i]! - lo + 1]++;
  for (let r = 0; r < range; r++) count[r + 1] += count[r]!;
  const tmp = new Int32Array(m);
  for (let i = 0; i < m; i++) tmp[count[keys[i]! - lo]!++] = idx[i]!;
  idx.set(tmp);
  return true;
}

/** A record of scikit-learn's best-first frontier. */
interface SkFrontier<E, A> {
  improvement: number;
  e: E;
  at: A;
}

/** libstdc++'s std::push_heap with comparator `a.improvement < b.improvement` (a max-heap). */
function skPushHeap<E, A>(heap: SkFrontier<E, A>[], item: SkFrontier<E, A>): void {
  heap.push(item);
  skSiftUp(heap, heap.length - 1, 0, item);
}

// libstdc++ __push_heap: move parents down while parent < value, then place value.
function skSiftUp<E, A>(heap: SkFrontier<E, A>[], hole: number, top: number, value: SkFrontier<E, A>): void {
  let parent = (hole - 1) >> 1;
  while (hole > top && heap[parent]!.improvement < value.improvement) {
    heap[hole] = heap[parent]!;
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  heap[hole] = value;
}

/** libstdc++'s std::pop_heap then pop_back: returns the record it removes. */
function skPopHeap<E, A>(heap: SkFrontier<E, A>[]): SkFrontier<E, A> {
  const len = heap.length;
  const top = heap[0]!;
  if (len > 1) {
    // __pop_heap: the last element is re-inserted by __adjust_heap from the root over len - 1.
    const value = heap[len - 1]!;
    heap[len - 1] = top;
    const n = len - 1;
    let hole = 0;
    let second = 0;
    while (second < ((n - 1) >> 1)) {
      second = 2 * (second + 1);
      if (heap[second]!.improvement < heap[second - 1]!.improvement) second--;
      heap[hole] = heap[second]!;
      hole = second;
    }
    if ((n & 1) === 0 && second === (n - 2) >> 1) {
      second = 2 * (second + 1);
      heap[hole] = heap[second - 1]!;
      hole = second - 1;
    }
    skSiftUp(heap, hole, 0, value);
  }
  heap.pop();
  return top;
}
