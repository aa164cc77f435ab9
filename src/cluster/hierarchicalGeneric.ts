/**
 * The generic linkage algorithm with a priority queue (internal; scipy's `fast_linkage`), for
 * centroid and median linkage, whose merge heights need not increase.
 * @module
 */
import { bisectRight } from '../core/bisect.js';
import type { Tick } from '../core/progress.js';
import type { LinkageRow } from './hierarchical.js';
import { indices, progressEvery, removeSorted, rowStarts, sqDist, type Source } from './hierarchicalSteps.js';

/** Indexed binary min-heap over keys 0..m-1 (scipy's `Heap` in `fast_linkage`). */
class MinHeap {
  readonly heap: Int32Array;
  readonly pos: Int32Array;
  readonly val: Float64Array;
  size: number;
  constructor(values: Float64Array) {
    const m = values.length;
    this.val = values;
    this.heap = new Int32Array(m);
    this.pos = new Int32Array(m);
    this.size = m;
    for (let i = 0; i < m; i++) { this.heap[i] = i; this.pos[i] = i; }
    for (let i = (m >> 1) - 1; i >= 0; i--) this.down(i);
  }
  top(): number { return this.heap[0]!; }
  change(key: number, v: number): void {
    const old = this.val[key]!;
    this.val[key] = v;
    if (v < old) this.up(this.pos[key]!); else this.down(this.pos[key]!);
  }
  removeTop(): void {
    this.size--;
    this.swap(0, this.size);
    this.down(0);
  }
  private swap(a: number, b: number): void {
    const ka = this.heap[a]!, kb = this.heap[b]!;
    this.heap[a] = kb; this.heap[b] = ka;
    this.pos[kb] = a; this.pos[ka] = b;
  }
  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.val[this.heap[p]!]! <= this.val[this.heap[i]!]!) break;
      this.swap(i, p);
      i = p;
    }
  }
  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let s = i;
      if (l < this.size && this.val[this.heap[l]!]! < this.val[this.heap[s]!]!) s = l;
      if (r < this.size && this.val[this.heap[r]!]! < this.val[this.heap[s]!]!) s = r;
      if (s === i) break;
      this.swap(i, s);
      i = s;
    }
  }
}

/**
 * Generic algorithm (Müllner 2011, scipy's `fast_linkage`) for centroid and median: each cluster x
 * keeps a candidate nearest neighbour among higher indices and a lower bound of its distance in a
 * heap; stale candidates are recomputed when they reach the top. Merges are in merge order with
 * scipy's numbering directly. On points, distances are those between centroids (centroid) or the
 * WPGMC midpoints (median), computed from vectors; on a matrix, Lance-Williams as scipy.
 */
export function genericLinkage(src: Source, linkage: 'centroid' | 'median', tick: Tick): LinkageRow[] {
  const { n, d } = src;
  const D = src.D;
  const C = src.X;
  const rs = D ? rowStarts(n) : undefined;
  const size = new Float64Array(n).fill(1);
  const id = indices(n);
  const neighbor = new Int32Array(n);
  const dist = D ? (a: number, b: number) => D[rs![a]! + b]! : (a: number, b: number) => Math.sqrt(sqDist(C!, a, b, d));
  const active = indices(n);
  let len = n;
  const nearestAbove = (x: number): number => {
    let best = Infinity;
    // active is sorted, so start after x.
    for (let t = bisectRight(active, x, 0, len); t < len; t++) {
      const z = active[t]!;
      const v = dist(x, z);
      if (v < best) { best = v; neighbor[x] = z; }
    }
    return best;
  };
  const mins = new Float64Array(n - 1);
  for (let x = 0; x < n - 1; x++) mins[x] = nearestAbove(x);
  const heap = new MinHeap(mins);
  const out: LinkageRow[] = [];
  for (let k = 0; k < n - 1; k++) {
    progressEvery(tick, k, n);
    let x = heap.top();
    let y = neighbor[x]!;
    let dxy = heap.val[x]!;
    for (let i = 0; i < n - k; i++) {
      x = heap.top();
      dxy = heap.val[x]!;
      y = neighbor[x]!;
      if (size[y]! > 0 && dxy === dist(x, y)) break;
      heap.change(x, nearestAbove(x));
    }
    x = heap.top();
    y = neighbor[x]!;
    dxy = heap.val[x]!;
    heap.removeTop();
    const nx = size[x]!, ny = size[y]!;
    const a = id[x]!, b = id[y]!;
    out.push([a < b ? a : b, a < b ? b : a, dxy, nx + ny]);
    size[x] = 0;
    size[y] = nx + ny;
    id[y] = n + k;
    len = removeSorted(active, len, x);
    if (D) {
      const d2 = dxy * dxy;
      for (let t = 0; t < len; t++) {
        const z = active[t]!;
        if (z === y) continue;
        const iz = z < x ? rs![z]! + x : rs![x]! + z;
        const jz = z < y ? rs![z]! + y : rs![y]! + z;
        const p = D[iz]!, q = D[jz]!;
        D[jz] = linkage === 'centroid'
          ? Math.sqrt((nx * p * p + ny * q * q - (nx * ny * d2) / (nx + ny)) / (nx + ny))
          : Math.sqrt(0.5 * (p * p + q * q) - 0.25 * d2);
      }
    } else {
      const cx = C!;
      const wx = linkage === 'centroid' ? nx / (nx + ny) : 0.5;
      for (let q = 0; q < d; q++) cx[y * d + q] = wx * cx[x * d + q]! + (1 - wx) * cx[y * d + q]!;
    }
    for (let t = 0; t < len; t++) {
      const z = active[t]!;
      if (z >= x) break;
      if (neighbor[z] === x) neighbor[z] = y;
    }
    for (let t = 0; t < len; t++) {
      const z = active[t]!;
      if (z >= y) break;
      const v = dist(z, y);
      if (v < heap.val[z]!) { heap.change(z, v); neighbor[z] = y; }
    }
    if (y < n - 1) heap.change(y, nearestAbove(y));
  }
  return out;
}
