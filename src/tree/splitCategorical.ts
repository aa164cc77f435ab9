/**
 * Split search on a categorical column (internal): the categories present at the node are
 * ordered and their prefixes scanned. Two classes or regression: Breiman's ordering (by positive
 * rate or mean), which is exact. More classes: every partition up to maxExactCategories present
 * categories, else one ordering per class (that class against the rest).
 * @module
 */
import { proxyOf } from './criterion.js';
import type { BestSplit, GrowState, NodeStats } from './growState.js';

/**
 * Scans categorical column f (codes in x at `base`, sorted list at `sb`) at a node whose
 * non-missing rows are the sorted range [start, nmEnd), with nMiss missing rows of weight wm and
 * slot sums st.cm; updates st.best.
 */
export function splitCategorical(st: GrowState, f: number, base: number, sb: number, start: number, nmEnd: number, nMiss: number, wm: number, stats: NodeStats): void {
  const { x, order, slot, v, w, C, cl, cm, catSums, catW, catN, catOrder, catKey } = st;
  const crit = st.params.criterion;
  const minLeaf = st.params.minSamplesLeaf;
  const tot = stats.sums;
  const wt = stats.w;
  const K = st.nCategories[f]!;
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
  let bestProxy = st.bestProxy;
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
      const p = proxyOf(crit, C, cl, wl, tot, wt, cm, wm, 1);
      if (p > bestProxy) {
        bestProxy = p;
        best = { proxy: p, feature: f, threshold: NaN, mask: maskOf(catOrder, count, K), missingLeft: true, missingOnly: false };
      }
    }
    if (nl >= minLeaf && nNode - nl >= minLeaf && wl > 0 && wt - wl > 0) {
      const p = proxyOf(crit, C, cl, wl, tot, wt, null, 0, 0);
      if (p > bestProxy) {
        bestProxy = p;
        best = { proxy: p, feature: f, threshold: NaN, mask: maskOf(catOrder, count, K), missingLeft: false, missingOnly: false };
      }
    }
  };
  const scanPrefixes = (count: number): void => {
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
  };
  if (P >= 2) {
    if (C <= 2 || P <= 2) {
      // Breiman's ordering: by positive rate (two classes) or mean (regression); ties by code.
      const j = C === 2 ? 1 : 0;
      for (let i = 0; i < P; i++) catKey[i] = catSums[catOrder[i]! * C + j]! / Math.max(catW[catOrder[i]!]!, 1e-300);
      sortCategories(catOrder, catKey, P);
      scanPrefixes(P);
    } else if (P <= st.params.maxExactCategories) {
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
        sortCategories(catOrder, catKey, P);
        scanPrefixes(P);
      }
      catOrder.set(present);
    }
  }
  if (nMiss > 0 && nmEnd - start >= minLeaf && nMiss >= minLeaf && wm > 0 && wt - wm > 0) {
    for (let c = 0; c < C; c++) cl[c] = tot[c]! - cm[c]!;
    const p = proxyOf(crit, C, cl, wt - wm, tot, wt, null, 0, 0);
    if (p > bestProxy) {
      bestProxy = p;
      best = { proxy: p, feature: f, threshold: NaN, mask: maskOf(catOrder, P, K), missingLeft: false, missingOnly: true };
    }
  }
  if (best !== null) {
    st.bestProxy = bestProxy;
    st.best = best;
  }
}

/** The mask of the first `count` categories of `catOrder`, over K codes. */
function maskOf(catOrder: Int32Array, count: number, K: number): Uint8Array {
  const m = new Uint8Array(K);
  for (let i = 0; i < count; i++) m[catOrder[i]!] = 1;
  return m;
}

/** Sorts catOrder[0..P) by (catKey, code), keeping catKey aligned. Insertion sort: P is small. */
function sortCategories(catOrder: Int32Array, catKey: Float64Array, P: number): void {
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
