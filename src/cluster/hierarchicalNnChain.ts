/**
 * Nearest-neighbour chain (internal; scipy's `nn_chain`) for complete, average, weighted and Ward
 * linkage: on the condensed matrix, or matrix-free on centroids for Ward.
 * @module
 */
import type { Tick } from '../core/progress.js';
import type { LinkageMethod } from './hierarchical.js';
import { indices, progressEvery, removeSorted, rowStarts, sortByHeight, sqDist, type Source } from './hierarchicalSteps.js';

/**
 * Nearest-neighbour chain on the condensed matrix with the Lance-Williams update (scipy's
 * `nn_chain`): the merged cluster takes the larger index; merges come out unsorted.
 */
export function nnChainMatrix(src: Source, linkage: LinkageMethod, tick: Tick): Float64Array {
  const n = src.n;
  const D = src.D!;
  const rs = rowStarts(n);
  const size = new Float64Array(n).fill(1);
  const active = indices(n);
  let len = n;
  const chain = new Int32Array(n);
  let cl = 0;
  const Z = new Float64Array((n - 1) * 3);
  const method = linkage === 'complete' ? 1 : linkage === 'average' ? 2 : linkage === 'weighted' ? 3 : 4;
  for (let k = 0; k < n - 1; k++) {
    progressEvery(tick, k, n);
    if (cl === 0) { chain[0] = active[0]!; cl = 1; }
    let x: number, y = -1, cur: number;
    for (;;) {
      x = chain[cl - 1]!;
      if (cl > 1) { y = chain[cl - 2]!; cur = y < x ? D[rs[y]! + x]! : D[rs[x]! + y]!; } else cur = Infinity;
      const rx = rs[x]!;
      for (let t = 0; t < len; t++) {
        const i = active[t]!;
        if (i === x) continue;
        const dist = i < x ? D[rs[i]! + x]! : D[rx + i]!;
        if (dist < cur) { cur = dist; y = i; }
      }
      if (cl > 1 && y === chain[cl - 2]) break;
      chain[cl++] = y;
    }
    cl -= 2;
    if (x > y) { const t = x; x = y; y = t; }
    const nx = size[x]!, ny = size[y]!;
    Z[3 * k] = x; Z[3 * k + 1] = y; Z[3 * k + 2] = cur;
    size[x] = 0;
    size[y] = nx + ny;
    len = removeSorted(active, len, x);
    const rx = rs[x]!, ry = rs[y]!;
    const dxy2 = cur * cur;
    for (let t = 0; t < len; t++) {
      const i = active[t]!;
      if (i === y) continue;
      const ix = i < x ? rs[i]! + x : rx + i;
      const iy = i < y ? rs[i]! + y : ry + i;
      const a = D[ix]!, b = D[iy]!;
      let v: number;
      if (method === 1) v = a > b ? a : b;
      else if (method === 2) v = (nx * a + ny * b) / (nx + ny);
      else if (method === 3) v = 0.5 * (a + b);
      else {
        const ni = size[i]!;
        const tt = 1 / (nx + ny + ni);
        v = Math.sqrt((ni + nx) * tt * a * a + (ni + ny) * tt * b * b - ni * tt * dxy2);
      }
      D[iy] = v;
    }
  }
  return sortByHeight(Z, n);
}

/**
 * Nearest-neighbour chain for Ward on centroid vectors: the Ward distance between clusters a and b
 * is sqrt(2 na nb / (na + nb)) * ||ca - cb||, equal to scipy's Lance-Williams recursion without the
 * n^2 matrix. O(n^2 d) time, O(n d) memory.
 */
export function nnChainWard(src: Source, tick: Tick): Float64Array {
  const { n, d } = src;
  const C = src.X!;
  const size = new Float64Array(n).fill(1);
  const active = indices(n);
  let len = n;
  const chain = new Int32Array(n);
  let cl = 0;
  const Z = new Float64Array((n - 1) * 3);
  for (let k = 0; k < n - 1; k++) {
    progressEvery(tick, k, n);
    if (cl === 0) { chain[0] = active[0]!; cl = 1; }
    let x: number, y = -1, cur: number;
    for (;;) {
      x = chain[cl - 1]!;
      const nx = size[x]!;
      const xb = x * d;
      if (cl > 1) { y = chain[cl - 2]!; const ny = size[y]!; cur = ((2 * nx * ny) / (nx + ny)) * sqDist(C, x, y, d); } else cur = Infinity;
      for (let t = 0; t < len; t++) {
        const i = active[t]!;
        if (i === x) continue;
        const ni = size[i]!;
        const f = (2 * nx * ni) / (nx + ni);
        // Partial sums stop early: the full sum (same order) would only be larger.
        const ib = i * d;
        let s = 0;
        let q = 0;
        for (; q < d; q++) { const u = C[xb + q]! - C[ib + q]!; s += u * u; if (f * s >= cur) break; }
        if (q === d) { const dist = f * s; if (dist < cur) { cur = dist; y = i; } }
      }
      if (cl > 1 && y === chain[cl - 2]) break;
      chain[cl++] = y;
    }
    cl -= 2;
    if (x > y) { const t = x; x = y; y = t; }
    const nx = size[x]!, ny = size[y]!;
    Z[3 * k] = x; Z[3 * k + 1] = y; Z[3 * k + 2] = Math.sqrt(cur);
    size[x] = 0;
    size[y] = nx + ny;
    for (let q = 0; q < d; q++) C[y * d + q] = (nx * C[x * d + q]! + ny * C[y * d + q]!) / (nx + ny);
    len = removeSorted(active, len, x);
  }
  return sortByHeight(Z, n);
}
