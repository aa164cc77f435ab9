/**
 * Single linkage by Prim's minimum spanning tree (internal; scipy's `mst_single_linkage`).
 * @module
 */
import type { Tick } from '../core/progress.js';
import { indices, progressEvery, removeSorted, rowStarts, sortByHeight, type Source } from './hierarchicalSteps.js';

/**
 * Prim's minimum spanning tree (scipy's `mst_single_linkage`), then a stable sort by height. On
 * points the scan keeps squared distances (sqrt is monotone) and stops a sum once it exceeds the
 * row's current best, so most pairs cost a few operations; heights are sqrt of the same sums.
 */
export function mstSingle(src: Source, tick: Tick): Float64Array {
  const { n, D, X, d } = src;
  const Z = new Float64Array((n - 1) * 3);
  const best = new Float64Array(n).fill(Infinity);
  const active = indices(n);
  let len = n;
  const rs = D ? rowStarts(n) : undefined;
  let x = 0;
  for (let k = 0; k < n - 1; k++) {
    progressEvery(tick, k, n);
    len = removeSorted(active, len, x);
    let y = -1;
    let cur = Infinity;
    if (D) {
      for (let t = 0; t < len; t++) {
        const i = active[t]!;
        const dist = i < x ? D[rs![i]! + x]! : D[rs![x]! + i]!;
        if (best[i]! > dist) best[i] = dist;
        if (best[i]! < cur) { cur = best[i]!; y = i; }
      }
    } else {
      const P = X!;
      const xb = x * d;
      for (let t = 0; t < len; t++) {
        const i = active[t]!;
        const bi = best[i]!;
        const ib = i * d;
        let s = 0;
        let q = 0;
        for (; q < d; q++) { const u = P[xb + q]! - P[ib + q]!; s += u * u; if (s >= bi) break; }
        if (q === d && s < bi) best[i] = s;
        if (best[i]! < cur) { cur = best[i]!; y = i; }
      }
      cur = Math.sqrt(cur);
    }
    Z[3 * k] = x;
    Z[3 * k + 1] = y;
    Z[3 * k + 2] = cur;
    x = y;
  }
  return sortByHeight(Z, n);
}
