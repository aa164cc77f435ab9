/**
 * Shared steps of the hierarchical-clustering algorithms (internal): the distance source, condensed
 * indices, the sorted list of live clusters, and scipy's merge relabelling and leaf order.
 * @module
 */
import { bisectLeft } from '../core/bisect.js';
import type { Tick } from '../core/progress.js';
import type { LinkageRow } from './hierarchical.js';

/** Squared-distance oracle on centroid vectors, for the matrix-free algorithms. */
export interface Source {
  n: number;
  /** Condensed matrix (copy), or undefined when working on vectors. */
  D?: Float64Array;
  /** Row-major vectors (copy) when working matrix-free. */
  X?: Float64Array;
  d: number;
}

/** rowStart[i] + j is the condensed index of (i, j) for i < j. */
export function rowStarts(n: number): Float64Array {
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = i * n - (i * (i + 1)) / 2 - i - 1;
  return r;
}

export function sqDist(X: Float64Array, a: number, b: number, d: number): number {
  let s = 0;
  const p = a * d;
  const q = b * d;
  for (let t = 0; t < d; t++) { const u = X[p + t]! - X[q + t]!; s += u * u; }
  return s;
}

/** 0, 1, ..., n-1: the live clusters, kept sorted so scans visit them in index order (scipy's tie rule). */
export function indices(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Removes value v from the sorted prefix active[0..len) and returns the new length. */
export function removeSorted(active: Int32Array, len: number, v: number): number {
  const lo = bisectLeft(active, v, 0, len);
  active.copyWithin(lo, lo + 1, len);
  return len - 1;
}

export function progressEvery(tick: Tick, k: number, n: number): void {
  if ((k & 255) === 0) tick('merge', k, n - 1);
}

export function sortByHeight(Z: Float64Array, n: number): Float64Array {
  const idx = Array.from({ length: n - 1 }, (_, i) => i);
  idx.sort((a, b) => Z[3 * a + 2]! - Z[3 * b + 2]! || a - b);
  const out = new Float64Array(Z.length);
  for (let r = 0; r < n - 1; r++) out.set(Z.subarray(3 * idx[r]!, 3 * idx[r]! + 3), 3 * r);
  return out;
}


/** Converts merges of array indices (sorted by height) to scipy's numbering (scipy's `label`). */
export function relabel(Z: Float64Array, n: number): LinkageRow[] {
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const csize = new Float64Array(2 * n - 1).fill(1);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[v] !== r) { const p = parent[v]!; parent[v] = r; v = p; }
    return r;
  };
  const out: LinkageRow[] = [];
  for (let k = 0; k < n - 1; k++) {
    const a = find(Z[3 * k]!), b = find(Z[3 * k + 1]!);
    const s = csize[a]! + csize[b]!;
    out.push([a < b ? a : b, a < b ? b : a, Z[3 * k + 2]!, s]);
    parent[a] = n + k;
    parent[b] = n + k;
    csize[n + k] = s;
  }
  return out;
}

/** Pre-order leaves, left branch first (scipy's `leaves_list`). */
export function leafOrderOf(merges: readonly LinkageRow[], n: number): number[] {
  if (n === 1) return [0];
  const order: number[] = [];
  const stack = [2 * n - 2];
  while (stack.length) {
    const v = stack.pop()!;
    if (v < n) { order.push(v); continue; }
    const row = merges[v - n]!;
    stack.push(row[1], row[0]);
  }
  return order;
}
