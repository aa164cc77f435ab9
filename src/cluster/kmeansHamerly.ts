/**
 * Hamerly's exact accelerated k-means: the same iterations and labels as Lloyd, with most distance
 * computations skipped by per-row bounds.
 * @module
 * @internal
 */
import { type Ctx, type Run, type RunningSums, iterate, moveRow, padCenters, rowDist, runningSums } from './kmeansSteps.js';

/**
 * Arrays of one Hamerly run, passed explicitly so hot loops read locals rather than closure slots.
 *
 * Hamerly keeps, per row, an upper bound u on the distance to its centroid a, a lower bound l on the
 * distance to every other centroid, and skips the row while u <= max(l, h_a), h_a being half the
 * distance from a to its nearest other centroid. Here the two bounds are folded into one number, the
 * row's slack max(l, h_a) - u, so the scan over the rows reads one array. An update that moves
 * centroid c by s_c lowers a slack by at most s_a + max_c s_c (u grows by at most s_a; l and h_a
 * shrink by at most max_c s_c), and those decrements are kept as running totals rather than applied
 * to every row: the current slack of row i is `slack[i] - moved[a] - movedMax`. The lower bound is
 * kept too (relative to `movedMax` the same way), for the rows whose slack runs out.
 */
export interface HamerlyState {
  x: Float64Array; d: number; k: number; labels: Int32Array; slack: Float64Array; lower: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  half: Float64Array;
  /** Distances between centroids, k x k. */
  gap: Float64Array;
  /** Distance each centroid has moved, summed over the updates so far. */
  moved: Float64Array;
  /** The largest move of any centroid, summed over the updates so far. */
  movedMax: number;
  /** Rows whose slack ran out in the current pass, and their squared distance to their centroid. */
  todo: Int32Array;
  todoDist: Float64Array;
  run: RunningSums;
}

/**
 * Bounds are scaled by KEEP (1 - 1e-12) before a row may be skipped. They carry rounding from the
 * running totals; a row within this margin is checked exactly instead, at the cost of a distance.
 */
export const KEEP = 1 - 1e-12;

/** Fills `gap` (centroid-to-centroid distances, k x k) and `half` for the current centroids. */
export function halfGaps(st: HamerlyState, centers: Float64Array): void {
  const { d, k, half, gap } = st;
  for (let c = 0; c < k; c++) {
    let m = Infinity;
    for (let e = 0; e < k; e++) {
      if (e === c) { gap[c * k + e] = 0; continue; }
      const v = Math.sqrt(rowDist(centers, c, centers, e, d));
      gap[c * k + e] = v;
      if (v < m) m = v;
    }
    half[c] = m / 2;
  }
}

/** Records the bounds of row i, assigned to c at distance `near`, with `second` to the next centroid. */
export function setBounds(st: HamerlyState, i: number, c: number, near: number, second: number): void {
  const h = st.half[c]!;
  st.lower[i] = second + st.movedMax;
  st.slack[i] = (second > h ? second : h) * KEEP - near + st.moved[c]! + st.movedMax;
}

/**
 * First Hamerly pass: nearest and second-nearest centroid of every row, which set the labels and
 * the bounds; returns n (every label is new; the caller recomputes the running sums). For d <= 8 the
 * row is held in locals and the centroids padded with zero columns, as in Lloyd's `assignNarrow`.
 */
export function hamerlyFirst(st: HamerlyState, centers: Float64Array, n: number): number {
  const { x, d, k, labels } = st;
  halfGaps(st, centers);
  if (d > 8) {
    for (let i = 0; i < n; i++) hamerlySearch(st, centers, i);
    return n;
  }
  const cp = padCenters(centers, k, d, 8);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    const x0 = x[base]!;
    const x1 = d > 1 ? x[base + 1]! : 0;
    const x2 = d > 2 ? x[base + 2]! : 0;
    const x3 = d > 3 ? x[base + 3]! : 0;
    const x4 = d > 4 ? x[base + 4]! : 0;
    const x5 = d > 5 ? x[base + 5]! : 0;
    const x6 = d > 6 ? x[base + 6]! : 0;
    const x7 = d > 7 ? x[base + 7]! : 0;
    let b1 = Infinity, b2 = Infinity, c1 = 0;
    for (let c = 0; c < k; c++) {
      const cb = c * 8;
      let v = x0 - cp[cb]!;
      let s = v * v;
      v = x1 - cp[cb + 1]!; s += v * v;
      v = x2 - cp[cb + 2]!; s += v * v;
      v = x3 - cp[cb + 3]!; s += v * v;
      v = x4 - cp[cb + 4]!; s += v * v;
      v = x5 - cp[cb + 5]!; s += v * v;
      v = x6 - cp[cb + 6]!; s += v * v;
      v = x7 - cp[cb + 7]!; s += v * v;
      if (s < b1) { b2 = b1; b1 = s; c1 = c; } else if (s < b2) b2 = s;
    }
    labels[i] = c1;
    setBounds(st, i, c1, Math.sqrt(b1), Math.sqrt(b2));
  }
  return n;
}

/**
 * One Hamerly assignment pass after an update; returns the labels changed. The scan over the rows
 * reads one slack per row and only lists the rows whose slack ran out. A second loop measures their
 * exact distance to their centroid (the row reads do not depend on each other, so the processor
 * fetches several at once), and a third keeps the rows that the exact distance clears and searches
 * the others.
 */
export function hamerlyAssign(st: HamerlyState, centers: Float64Array, n: number): number {
  const { x, d, labels, slack, lower, half, moved, todo, todoDist } = st;
  const movedMax = st.movedMax;
  halfGaps(st, centers);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (slack[i]! <= moved[labels[i]!]! + movedMax) todo[count++] = i;
  }
  for (let t = 0; t < count; t++) {
    const i = todo[t]!;
    todoDist[t] = rowDist(x, i, centers, labels[i]!, d);
  }
  let changed = 0;
  for (let t = 0; t < count; t++) {
    const i = todo[t]!;
    const a = labels[i]!;
    const u2 = todoDist[t]!;
    const u = Math.sqrt(u2);
    const lo = lower[i]! - movedMax;
    const h = half[a]!;
    const bound = (lo > h ? lo : h) * KEEP;
    if (u < bound) slack[i] = bound - u + moved[a]! + movedMax;
    else if (hamerlyResearch(st, centers, i, a, u2) !== a) changed++;
  }
  return changed;
}

/** Full search for row i: nearest and second-nearest centroid, bounds, and the running sums if it moves. */
export function hamerlySearch(st: HamerlyState, centers: Float64Array, i: number): number {
  const { x, d, k, labels } = st;
  let b1 = Infinity, b2 = Infinity, c1 = 0;
  const base = i * d;
  for (let c = 0; c < k; c++) {
    let s = 0;
    const cb = c * d;
    for (let j = 0; j < d; j++) { const t = x[base + j]! - centers[cb + j]!; s += t * t; }
    if (s < b1) { b2 = b1; b1 = s; c1 = c; } else if (s < b2) b2 = s;
  }
  const old = labels[i]!;
  if (old !== c1) {
    moveRow(st.run, x, d, i, old, c1);
    labels[i] = c1;
  }
  setBounds(st, i, c1, Math.sqrt(b1), Math.sqrt(b2));
  return c1;
}

/**
 * Search for row i, at squared distance u2 from its centroid a, after its bounds failed. A centroid
 * c with gap(a, c) >= 2u cannot be nearer than a (triangle inequality), so its distance is not
 * computed and gap(a, c) - u serves as its lower bound.
 */
export function hamerlyResearch(st: HamerlyState, centers: Float64Array, i: number, a: number, u2: number): number {
  const { x, d, k, labels, gap } = st;
  const base = i * d;
  const row = a * k;
  const u = Math.sqrt(u2);
  const limit = 2 * u;
  // Squared distances of the computed centroids; `floor` bounds the skipped ones (not squared).
  let b1 = u2, b2 = Infinity, c1 = a, floor = Infinity;
  for (let c = 0; c < k; c++) {
    if (c === a) continue;
    const g = gap[row + c]!;
    if (g >= limit) { if (g - u < floor) floor = g - u; continue; }
    let s = 0;
    const cb = c * d;
    for (let j = 0; j < d; j++) { const t = x[base + j]! - centers[cb + j]!; s += t * t; }
    if (s < b1 || (s === b1 && c < c1)) { b2 = b1; b1 = s; c1 = c; } else if (s < b2) b2 = s;
  }
  if (c1 !== a) {
    moveRow(st.run, x, d, i, a, c1);
    labels[i] = c1;
  }
  const second = Math.sqrt(b2);
  setBounds(st, i, c1, Math.sqrt(b1), second < floor ? second : floor);
  return c1;
}

/**
 * Hamerly's algorithm: one upper bound (distance to the assigned centroid) and one lower bound
 * (distance to the second closest) per row; a row is re-examined only when the upper bound exceeds
 * max(lower bound, half the distance from its centroid to the nearest other centroid). Same loop,
 * stopping rule and final assignment as Lloyd (`iterate`), so labels and iteration counts agree.
 */
export function hamerly(ctx: Ctx, init: Float64Array): Run {
  const { x, n, d, k } = ctx;
  const labels = new Int32Array(n).fill(-1);
  const run = runningSums(k, d, ctx.w);
  const st: HamerlyState = {
    x, d, k, labels, slack: new Float64Array(n), lower: new Float64Array(n), half: new Float64Array(k),
    gap: new Float64Array(k * k), moved: new Float64Array(k), movedMax: 0, todo: new Int32Array(n), todoDist: new Float64Array(n), run,
  };
  return iterate(ctx, init, labels, run, {
    // The searches move rows in the running sums as they go.
    assign: (centers, first) => (first ? hamerlyFirst(st, centers, n) : hamerlyAssign(st, centers, n)),
    // The update lowers each slack by at most its centroid's shift plus the largest shift.
    moved(shift) {
      let largest = 0;
      for (let c = 0; c < k; c++) { st.moved[c] += shift[c]!; if (shift[c]! > largest) largest = shift[c]!; }
      st.movedMax += largest;
    },
  });
}
