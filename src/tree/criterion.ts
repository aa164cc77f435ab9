/**
 * Impurity criteria of the CART growth (internal): node impurity and the split proxy, computed as
 * scikit-learn 1.2 computes them, so that equal and near-equal candidates compare as there.
 * @module
 */
import type { GrowCriterion } from './growState.js';

// Same tolerance as scikit-learn's EPSILON (np.finfo('double').eps) for "pure node" and
// "improvement below min_impurity_decrease".
export const EPSILON = 2.220446049250313e-16;
const LN2 = Math.LN2;

/** Impurity of a node with slot sums `sums`, sum of w*y^2 `sq` and weight `wt`; C slots. */
export function impurityOf(crit: GrowCriterion, C: number, sums: Float64Array, sq: number, wt: number): number {
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
}

/**
 * The quantity whose maximum gives the best split: -(w_l * imp_l + w_r * imp_r) up to constants.
 * left = l (+ extra when sign > 0), of weight wl (+ we); right = t - left.
 */
export function proxyOf(
  crit: GrowCriterion, C: number, l: Float64Array, wl: number, t: Float64Array, wt: number,
  extra: Float64Array | null, we: number, sign: number,
): number {
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
}

/**
 * Gini proxy as scikit-learn 1.2 computes it, -(w_r gini_r) - w_l gini_l from squared counts, so
 * that equal and near-equal candidates compare as there.
 */
export function giniProxy(sqLeft: number, wl: number, sqRight: number, wr: number): number {
  return -wr * (1 - sqRight / (wr * wr)) - wl * (1 - sqLeft / (wl * wl));
}
