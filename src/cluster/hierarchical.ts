/**
 * Agglomerative hierarchical clustering with scipy's linkage-matrix output: minimum spanning tree
 * for single linkage, nearest-neighbour chain for complete, average, weighted and Ward, and the
 * generic algorithm with a priority queue for centroid and median.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { toDense, isDenseMatrix, type DenseMatrix } from '../core/dense.js';
import { checkBoolean, checkInteger, checkOneOf } from '../core/validate.js';
import { boolean, defineOptions, number, oneOf, opt, optionDefaults, resolveOptionTable, RUN_CONTROL_OPTIONS } from '../core/options.js';
import { runControl, type RunControl, type Tick } from '../core/progress.js';
import type { ClusterPoints } from './shared.js';
import { checkDistanceMagnitude, checkSquaredDistances } from './magnitude.js';

/** Linkage criteria, with scipy's names and Lance-Williams updates. */
export type LinkageMethod = 'single' | 'complete' | 'average' | 'weighted' | 'ward' | 'centroid' | 'median';

/** Every linkage name, in scipy's order. */
export const LINKAGE_METHODS: readonly LinkageMethod[] = Object.freeze(['single', 'complete', 'average', 'weighted', 'ward', 'centroid', 'median']);

/** Options of {@link hierarchical}. */
export interface HierarchicalOptions extends RunControl {
  /** @defaultValue 'ward' */
  linkage?: LinkageMethod;
  /**
   * Treat a `number[][]` input as a square, symmetric distance matrix with a zero diagonal instead
   * of points. (A flat array is always read as a condensed distance matrix.) @defaultValue false
   */
  precomputed?: boolean;
  /** Refuse with `TOO_LARGE` when the estimated working memory exceeds this many bytes. @defaultValue 1073741824 (1 GiB) */
  maxMemoryBytes?: number;
}

/** One merge, as a row of scipy's linkage matrix: `[left, right, height, size]`. */
export type LinkageRow = [left: number, right: number, height: number, size: number];

/** Result of {@link hierarchical}: plain data, survives JSON. */
export interface HierarchicalResult {
  readonly kind: 'hierarchical';
  readonly version: 1;
  readonly linkage: LinkageMethod;
  /** Number of observations (leaves). */
  readonly n: number;
  /**
   * n - 1 merges in scipy's linkage-matrix form. Leaves are 0..n-1; the cluster formed by row i is
   * n + i; `left < right`; `size` counts the leaves under the new cluster. Rows are in increasing
   * height for all linkages but centroid and median, whose rows are in merge order (heights may
   * decrease: an inversion).
   */
  readonly merges: LinkageRow[];
  /** Leaves in dendrogram order (scipy's `leaves_list`: left branch first). */
  readonly leafOrder: number[];
  /** Which algorithm ran: `'mst'`, `'nn-chain'` or `'generic'`. */
  readonly algorithm: 'mst' | 'nn-chain' | 'generic';
  /** The memory estimate checked against `maxMemoryBytes`, in bytes. */
  readonly memoryBytes: number;
}

/** The option table of {@link hierarchical}; the result keeps `linkage` (top level). */
export const HIERARCHICAL_OPTIONS = defineOptions<HierarchicalOptions>()({
  linkage: opt({ default: 'ward', accepts: [oneOf(['single', 'complete', 'average', 'weighted', 'ward', 'centroid', 'median'])], description: 'Linkage method.', stored: 'as-given' }),
  precomputed: opt({ default: false, accepts: [boolean()], description: 'Read a number[][] as a square distance matrix instead of points.' }),
  maxMemoryBytes: opt({ default: 2 ** 30, accepts: [number({ min: 0 })], description: 'Refuse with TOO_LARGE above this estimated working memory.' }),
  ...RUN_CONTROL_OPTIONS,
});

/** Defaults of {@link hierarchical}. */
export const HIERARCHICAL_DEFAULTS = optionDefaults(HIERARCHICAL_OPTIONS);

/** Squared-distance oracle on centroid vectors, for the matrix-free algorithms. */
interface Source {
  n: number;
  /** Condensed matrix (copy), or undefined when working on vectors. */
  D?: Float64Array;
  /** Row-major vectors (copy) when working matrix-free. */
  X?: Float64Array;
  d: number;
}

const PER_MERGE_BYTES = 120;

/**
 * Estimated working memory of {@link hierarchical} in bytes, without running it: the condensed
 * matrix (8 n(n-1)/2 bytes) when the method needs one, the point copy, O(n) work arrays and the
 * result. Use it to decide between hierarchical clustering, k-means and a sample. O(1).
 * @param n - Number of observations, an integer >= 1.
 * @param d - Number of features, an integer >= 0 (0 when a distance matrix is given).
 * @param linkage - The linkage method, one of {@link LINKAGE_METHODS}.
 * @param fromDistances - True when the input is a distance matrix.
 * @returns Bytes.
 * @throws CrmError `INVALID_OPTION` for a non-integer or < 1 n (a bigint too), a bad d, an unknown linkage, a non-boolean fromDistances.
 * @example
 * estimateHierarchicalMemory(20000, 8, 'ward', false) < 2 ** 30; // => true
 */
export function estimateHierarchicalMemory(n: number, d: number, linkage: LinkageMethod, fromDistances: boolean): number {
  const hint = 'Call it as estimateHierarchicalMemory(rows, columns, linkage, fromDistances).';
  checkInteger('n', n, { min: 1, max: Number.MAX_SAFE_INTEGER, hint });
  checkInteger('d', d, { min: 0, max: Number.MAX_SAFE_INTEGER, hint });
  checkOneOf('linkage', linkage, LINKAGE_METHODS);
  checkBoolean('fromDistances', fromDistances);
  const matrixFree = !fromDistances && (linkage === 'single' || linkage === 'ward' || linkage === 'centroid' || linkage === 'median');
  const matrix = matrixFree ? 0 : 8 * (n * (n - 1)) / 2;
  return matrix + 8 * n * d * (fromDistances ? 0 : 2) + 64 * n + PER_MERGE_BYTES * n;
}

/**
 * Agglomerative clustering. Single linkage uses Prim's minimum spanning tree, complete, average,
 * weighted and Ward the nearest-neighbour chain (all O(n^2) time), centroid and median the generic
 * algorithm of Müllner with a priority queue of nearest-neighbour candidates (not reducible, so no
 * chain; O(n^2) typical, O(n^3) worst case), exactly as scipy's `linkage` does. On raw points,
 * single, Ward, centroid and median need no distance matrix (distances are recomputed from cluster
 * centroids, O(n d) memory); the others allocate the condensed matrix, 8 n(n-1)/2 bytes, after
 * checking the estimate against `maxMemoryBytes`. Ties: the nearest-neighbour scans keep the first
 * (lowest-index) cluster, and the chain prefers its previous element, as scipy; sorting of merges is
 * stable. Ward, centroid and median on a distance matrix assume Euclidean distances (as scipy).
 * Sources: Müllner (2011) "Modern hierarchical, agglomerative clustering algorithms"; scipy 1.10
 * `scipy.cluster.hierarchy.linkage`.
 * @param data - Points (n rows of d numbers, or a dense matrix); a condensed distance matrix
 *   (flat array of n(n-1)/2 distances, pairs (0,1), (0,2), ..., (n-2,n-1)); or with
 *   `precomputed: true`, a square distance matrix.
 * @returns A {@link HierarchicalResult} with scipy's linkage matrix and the dendrogram leaf order.
 * @throws CrmError `EMPTY_INPUT`, `RAGGED_ROWS`, `NON_FINITE`, `INVALID_INPUT` (matrix not square or
 *   not symmetric, non-zero diagonal), `LENGTH_MISMATCH` (condensed length not n(n-1)/2),
 *   `NEGATIVE_VALUE` (negative distance), `INVALID_OPTION` (unknown linkage), `TOO_LARGE`, `ABORTED`.
 * @example
 * hierarchical([[0], [1], [5]], { linkage: 'single' }).merges; // => [[0, 1, 1, 2], [2, 3, 4, 3]]
 */
export function hierarchical(
  data: ClusterPoints | ArrayLike<number>,
  options: HierarchicalOptions = {},
): HierarchicalResult {
  const o = resolveOptionTable('hierarchical', HIERARCHICAL_OPTIONS, options);
  const tick = runControl('hierarchical', o);
  const { linkage, precomputed, maxMemoryBytes } = o;

  const src = readInput(data, precomputed, linkage, maxMemoryBytes, tick);
  const { n } = src;
  let merges: LinkageRow[];
  let algorithm: HierarchicalResult['algorithm'];
  if (n === 1) {
    merges = [];
    algorithm = linkage === 'single' ? 'mst' : linkage === 'centroid' || linkage === 'median' ? 'generic' : 'nn-chain';
  } else if (linkage === 'single') {
    merges = relabel(mstSingle(src, tick), n);
    algorithm = 'mst';
  } else if (linkage === 'centroid' || linkage === 'median') {
    merges = genericLinkage(src, linkage, tick);
    algorithm = 'generic';
  } else {
    merges = relabel(src.D ? nnChainMatrix(src, linkage, tick) : nnChainWard(src, tick), n);
    algorithm = 'nn-chain';
  }
  return {
    kind: 'hierarchical',
    version: 1,
    linkage,
    n,
    merges,
    leafOrder: leafOrderOf(merges, n),
    algorithm,
    memoryBytes: src.bytes,
  };
}

function tooLarge(bytes: number, limit: number, n: number): CrmError {
  const gib = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MiB` : `${Math.ceil(b)} bytes`);
  return new CrmError(
    'TOO_LARGE',
    `hierarchical clustering of ${n} rows would need about ${gib(bytes)}, above maxMemoryBytes = ${gib(limit)}. ` +
      'Raise maxMemoryBytes, use Ward or centroid linkage on the points (no distance matrix), cluster a sample, or use fitKMeans.',
    { estimateBytes: bytes, maxMemoryBytes: limit, rows: n },
  );
}

function readInput(data: unknown, precomputed: boolean, linkage: LinkageMethod, limit: number, tick: Tick): Source & { bytes: number } {
  const isFlat = (ArrayBuffer.isView(data) && !(data instanceof DataView)) || (Array.isArray(data) && data.length > 0 && typeof data[0] !== 'object');
  if (isFlat) return readCondensed(data as ArrayLike<number>, linkage, limit);
  if (!isDenseMatrix(data) && !Array.isArray(data)) {
    throw new CrmError('INVALID_INPUT', `data must be points (number[][] or a dense matrix) or a condensed distance array; got ${describeValue(data)}.`, { argument: 'data' });
  }
  if (precomputed) return readSquare(data as readonly (readonly number[])[] | DenseMatrix, linkage, limit);
  const m = toDense(data as ClusterPoints, { name: 'points' });
  const n = m.rows;
  checkSquaredDistances('hierarchical', m.data, m.cols, n);
  const bytes = estimateHierarchicalMemory(n, m.cols, linkage, false);
  if (bytes > limit) throw tooLarge(bytes, limit, n);
  if (linkage === 'single' || linkage === 'ward' || linkage === 'centroid' || linkage === 'median') {
    return { n, X: m.data, d: m.cols, bytes };
  }
  return { n, D: pdist(m, tick), d: 0, bytes };
}

function readCondensed(values: ArrayLike<number>, linkage: LinkageMethod, limit: number): Source & { bytes: number } {
  const len = values.length;
  if (len === 0) throw new CrmError('EMPTY_INPUT', 'the condensed distance matrix is empty; pass at least 2 points (1 distance).', { argument: 'data' });
  const n = Math.round((1 + Math.sqrt(1 + 8 * len)) / 2);
  if ((n * (n - 1)) / 2 !== len) {
    throw new CrmError('LENGTH_MISMATCH', `a condensed distance matrix of n points has n(n-1)/2 entries; got ${len}, which is not of that form. Pass the upper triangle row by row, without the diagonal.`, { length: len });
  }
  const bytes = estimateHierarchicalMemory(n, 0, linkage, true);
  if (bytes > limit) throw tooLarge(bytes, limit, n);
  const D = allocate(len, n);
  for (let t = 0; t < len; t++) {
    const v = values[t];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      const [i, j] = pairOf(t, n);
      if (typeof v !== 'number') throw new CrmError('INVALID_INPUT', `distance ${t} (points ${i} and ${j}) is ${describeValue(v)}; expected a number.`, { index: t });
      if (!Number.isFinite(v)) throw new CrmError('NON_FINITE', `distance ${t} (points ${i} and ${j}) is ${v}; distances must be finite.`, { index: t, row: i, column: j });
      throw new CrmError('NEGATIVE_VALUE', `distance ${t} (points ${i} and ${j}) is ${v}; distances must be >= 0.`, { index: t, row: i, column: j });
    }
    D[t] = v;
  }
  checkDistanceMagnitude('hierarchical', D, n);
  return { n, D, d: 0, bytes };
}

function readSquare(data: readonly (readonly number[])[] | DenseMatrix, linkage: LinkageMethod, limit: number): Source & { bytes: number } {
  // Checked before the square copy (8 n^2 bytes) is made.
  const rowsGiven = isDenseMatrix(data) ? data.rows : data.length;
  const bytes = estimateHierarchicalMemory(Math.max(1, rowsGiven), 0, linkage, true) + 8 * rowsGiven * rowsGiven;
  if (bytes > limit) throw tooLarge(bytes, limit, rowsGiven);
  const m = toDense(data, { name: 'distances' });
  const n = m.rows;
  if (m.cols !== n) {
    throw new CrmError('INVALID_INPUT', `a precomputed distance matrix must be square; got ${n} rows of ${m.cols} columns.`, { argument: 'distances' });
  }
  const x = m.data;
  const D = allocate((n * (n - 1)) / 2, n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    if (x[i * n + i] !== 0) throw new CrmError('INVALID_INPUT', `distances[${i}][${i}] is ${x[i * n + i]}; the diagonal of a distance matrix must be 0.`, { row: i, column: i });
    for (let j = i + 1; j < n; j++) {
      const v = x[i * n + j]!;
      if (v !== x[j * n + i]) {
        throw new CrmError('INVALID_INPUT', `the distance matrix is not symmetric: distances[${i}][${j}] = ${v} but distances[${j}][${i}] = ${x[j * n + i]}.`, { row: i, column: j });
      }
      if (v < 0) throw new CrmError('NEGATIVE_VALUE', `distances[${i}][${j}] is ${v}; distances must be >= 0.`, { row: i, column: j });
      D[t++] = v;
    }
  }
  checkDistanceMagnitude('hierarchical', D, n);
  return { n, D, d: 0, bytes };
}

/** The condensed matrix; an engine refusal (beyond typed-array limits) becomes TOO_LARGE, not a RangeError. */
function allocate(len: number, n: number): Float64Array {
  try {
    return new Float64Array(len);
  } catch {
    throw new CrmError('TOO_LARGE', `the JavaScript engine could not allocate the ${len} distances of ${n} rows (${(len * 8 / 2 ** 30).toFixed(2)} GiB). Use Ward or centroid linkage on the points (no distance matrix), cluster a sample, or use fitKMeans.`, { rows: n, estimateBytes: len * 8 });
  }
}

function pairOf(t: number, n: number): [number, number] {
  let i = 0;
  let start = 0;
  while (start + (n - i - 1) <= t) { start += n - i - 1; i++; }
  return [i, i + 1 + (t - start)];
}

/** Euclidean condensed distance matrix, summed in column order as scipy's `pdist`. */
function pdist(m: DenseMatrix, tick: Tick): Float64Array {
  const { rows: n, cols: d, data: x } = m;
  const D = allocate((n * (n - 1)) / 2, n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) tick('distances', i, n);
    const a = i * d;
    for (let j = i + 1; j < n; j++) {
      const b = j * d;
      let s = 0;
      for (let q = 0; q < d; q++) { const u = x[a + q]! - x[b + q]!; s += u * u; }
      D[t++] = Math.sqrt(s);
    }
  }
  return D;
}

/** rowStart[i] + j is the condensed index of (i, j) for i < j. */
function rowStarts(n: number): Float64Array {
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = i * n - (i * (i + 1)) / 2 - i - 1;
  return r;
}

function sqDist(X: Float64Array, a: number, b: number, d: number): number {
  let s = 0;
  const p = a * d;
  const q = b * d;
  for (let t = 0; t < d; t++) { const u = X[p + t]! - X[q + t]!; s += u * u; }
  return s;
}

/** 0, 1, ..., n-1: the live clusters, kept sorted so scans visit them in index order (scipy's tie rule). */
function indices(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Removes value v from the sorted prefix active[0..len) and returns the new length. */
function removeSorted(active: Int32Array, len: number, v: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (active[mid]! < v) lo = mid + 1; else hi = mid; }
  active.copyWithin(lo, lo + 1, len);
  return len - 1;
}

function progressEvery(tick: Tick, k: number, n: number): void {
  if ((k & 255) === 0) tick('merge', k, n - 1);
}

/**
 * Prim's minimum spanning tree (scipy's `mst_single_linkage`), then a stable sort by height. On
 * points the scan keeps squared distances (sqrt is monotone) and stops a sum once it exceeds the
 * row's current best, so most pairs cost a few operations; heights are sqrt of the same sums.
 */
function mstSingle(src: Source, tick: Tick): Float64Array {
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

function sortByHeight(Z: Float64Array, n: number): Float64Array {
  const idx = Array.from({ length: n - 1 }, (_, i) => i);
  idx.sort((a, b) => Z[3 * a + 2]! - Z[3 * b + 2]! || a - b);
  const out = new Float64Array(Z.length);
  for (let r = 0; r < n - 1; r++) out.set(Z.subarray(3 * idx[r]!, 3 * idx[r]! + 3), 3 * r);
  return out;
}

/**
 * Nearest-neighbour chain on the condensed matrix with the Lance-Williams update (scipy's
 * `nn_chain`): the merged cluster takes the larger index; merges come out unsorted.
 */
function nnChainMatrix(src: Source, linkage: LinkageMethod, tick: Tick): Float64Array {
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
function nnChainWard(src: Source, tick: Tick): Float64Array {
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
function genericLinkage(src: Source, linkage: 'centroid' | 'median', tick: Tick): LinkageRow[] {
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
    let lo = 0, hi = len;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (active[mid]! <= x) lo = mid + 1; else hi = mid; }
    for (let t = lo; t < len; t++) {
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

/** Converts merges of array indices (sorted by height) to scipy's numbering (scipy's `label`). */
function relabel(Z: Float64Array, n: number): LinkageRow[] {
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
function leafOrderOf(merges: readonly LinkageRow[], n: number): number[] {
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
