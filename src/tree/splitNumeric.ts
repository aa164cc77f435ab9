/**
 * Split search on a presorted numeric column (internal): one pass over the node's range with
 * running slot sums, O(n_node). Two scalar hot paths (two-class Gini, squared error) for the
 * common case with no missing value at the node; the general path also tries sending the missing
 * values left, then right.
 * @module
 */
import { bisectRight } from '../core/bisect.js';
import { giniProxy, proxyOf } from './criterion.js';
import type { GrowState, NodeStats } from './growState.js';

/**
 * Scans numeric column f, sorted list at `sb`, at a node whose non-missing rows are the sorted
 * range [start, nmEnd) and whose nMiss missing rows (weight wm, slot sums st.cm) follow them up
 * to `end`; updates st.best. The column is not constant at the node.
 */
export function splitNumeric(st: GrowState, f: number, sb: number, start: number, end: number, nmEnd: number, nMiss: number, wm: number, stats: NodeStats): void {
  const { order, sx, v, w, pos, slot, C, cl, cm, fast, y } = st;
  const crit = st.params.criterion;
  const minLeaf = st.params.minSamplesLeaf;
  const nNode = end - start;
  const nNon = nmEnd - start;
  const tot = stats.sums;
  const wt = stats.w;
  let bestProxy = st.bestProxy;
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
    const b = bisectRight(sx, firstX, lo, stop - 1);
    if (sx[b] === lastX) {
      const nl = b - lo;
      if (nl >= minLeaf && nNode - nl >= minLeaf) {
        // Sum the smaller side only.
        if (nl <= stop - b) {
          sumRows(st, lo, b);
          l1 = st.accP;
          l0 = st.accW - st.accP;
        } else {
          sumRows(st, b, stop);
          l1 = t1 - st.accP;
          l0 = t0 - (st.accW - st.accP);
        }
        const wl = l0 + l1;
        const wr = wt - wl;
        const r0 = t0 - l0;
        const r1 = t1 - l1;
        const p = giniProxy(l0 * l0 + l1 * l1, wl, r0 * r0 + r1 * r1, wr);
        if (wl > 0 && wr > 0 && p > bestProxy) {
          st.bestProxy = p;
          st.best = { proxy: p, feature: f, threshold: midpoint(firstX, lastX), mask: null, missingLeft: false, missingOnly: false };
        }
      }
      return;
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
        st.bestProxy = p;
        st.best = { proxy: p, feature: f, threshold: midpoint(cur, xn), mask: null, missingLeft: false, missingOnly: false };
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
        st.bestProxy = p;
        st.best = { proxy: p, feature: f, threshold: midpoint(cur, xn), mask: null, missingLeft: false, missingOnly: false };
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
          const p = proxyOf(crit, C, cl, wl, tot, wt, cm, wm, 1);
          if (p > bestProxy && wl + wm > 0 && wt - wl - wm > 0) {
            bestProxy = p;
            st.bestProxy = p;
            st.best = { proxy: p, feature: f, threshold: midpoint(xs, xn), mask: null, missingLeft: true, missingOnly: false };
          }
        }
      }
      if (nl < minLeaf || nNode - nl < minLeaf || wl <= 0 || wt - wl <= 0) continue;
      const p = proxyOf(crit, C, cl, wl, tot, wt, null, 0, 0);
      if (p > bestProxy) {
        bestProxy = p;
        st.bestProxy = p;
        st.best = { proxy: p, feature: f, threshold: midpoint(xs, xn), mask: null, missingLeft: false, missingOnly: false };
      }
    }
  }
  if (nMiss > 0 && nNon >= minLeaf && nMiss >= minLeaf && wm > 0 && wt - wm > 0) {
    // Non-missing left, missing right.
    for (let c = 0; c < C; c++) cl[c] = tot[c]! - cm[c]!;
    const p = proxyOf(crit, C, cl, wt - wm, tot, wt, null, 0, 0);
    if (p > bestProxy) {
      st.bestProxy = p;
      st.best = { proxy: p, feature: f, threshold: lastX, mask: null, missingLeft: false, missingOnly: true };
    }
  }
}

/** Total weight and class-1 weight of the rows order[a..b), into st.accW and st.accP. */
function sumRows(st: GrowState, a: number, b: number): void {
  const { order, v, pos } = st;
  let accW = 0;
  let accP = 0;
  for (let k = a; k < b; k++) {
    const s = order[k]!;
    accW += v[s]!;
    accP += pos[s]!;
  }
  st.accW = accW;
  st.accP = accP;
}

/** Midpoint of two consecutive distinct values, as scikit-learn computes it (no overflow). */
function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t === b || !Number.isFinite(t) ? a : t;
}
