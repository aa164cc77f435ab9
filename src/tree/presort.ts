/**
 * Presorting of the tree's columns (internal). Every feature is sorted once, missing values last;
 * a node owns the same range [start, end) of each feature's sorted index list, and a split
 * partitions each list stably (partition.ts), so children stay sorted without re-sorting
 * (SLIQ-style presorting: Mehta, Agrawal and Rissanen 1996).
 * @module
 */
import { bisectLeft } from '../core/bisect.js';

/** The sorted lists: slotOf maps a column to its list in `order` (row indices) and `sx` (values). */
export interface Presorted {
  readonly slotOf: Int32Array;
  readonly order: Int32Array;
  readonly sx: Float64Array;
}

/** Sorts every column of x (column-major, n rows, d columns) but those marked in `skip`. O(d n log n). */
export function presortColumns(x: Float64Array, n: number, d: number, skip: Uint8Array): Presorted {
  const slotOf = new Int32Array(d).fill(-1);
  let nSorted = 0;
  for (let f = 0; f < d; f++) if (skip[f] === 0) slotOf[f] = nSorted++;
  const order = new Int32Array(nSorted * n);
  const idx = new Int32Array(n);
  const keys = new Float64Array(n);
  const sx = new Float64Array(nSorted * n);
  for (let f = 0; f < d; f++) {
    if (skip[f] === 1) continue;
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
  return { slotOf, order, sx };
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
    const r = bisectLeft(sorted, keys[i]!, 0, u);
    rankOf[i] = r;
    count[r + 1]++;
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
