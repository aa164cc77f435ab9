/**
 * Agglomerative hierarchical clustering with scipy's linkage-matrix output: minimum spanning tree
 * for single linkage, nearest-neighbour chain for complete, average, weighted and Ward, and the
 * generic algorithm with a priority queue for centroid and median.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { toDense, isDenseMatrix, type DenseMatrix } from '../core/dense.js';
import { checkBoolean, checkInteger, checkOneOf, } from '../core/validate.js';
import { runControl, type RunControl, type Tick } from '../core/progress.js';
import { densePoints, type ClusterColumnsOption, type ClusterData, type ClusterPoints } from './shared.js';
import { isColumnar, type RowOf, type AnyRow } from '../core/table.js';
import { boolean, columnsOption, defineOptions, number, oneOf, opt, optionDefaults, resolveOptionTable, RUN_CONTROL_OPTIONS } from '../core/options.js';
import { checkDistanceMagnitude, checkSquaredDistances } from './magnitude.js';
import { genericLinkage } from './hierarchicalGeneric.js';
import { mstSingle } from './hierarchicalMst.js';
import { nnChainMatrix, nnChainWard } from './hierarchicalNnChain.js';
import { leafOrderOf, relabel, type Source } from './hierarchicalSteps.js';

/** Linkage criteria, with scipy's names and Lance-Williams updates. */
export type LinkageMethod = 'single' | 'complete' | 'average' | 'weighted' | 'ward' | 'centroid' | 'median';

/** Every linkage name, in scipy's order. */
export const LINKAGE_METHODS: readonly LinkageMethod[] = Object.freeze(['single', 'complete', 'average', 'weighted', 'ward', 'centroid', 'median']);

/** Options of {@link hierarchical}. */
export interface HierarchicalOptions<R = Record<string, unknown>> extends RunControl, ClusterColumnsOption<R> {
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
  columns: columnsOption<NonNullable<HierarchicalOptions['columns']>>(),
  ...RUN_CONTROL_OPTIONS,
});

/** Defaults of {@link hierarchical}. */
// An explicit type keeps the public constant free of the table's inferred type (JSR's no-slow-types rule).
export const HIERARCHICAL_DEFAULTS: { readonly linkage: 'single' | 'complete' | 'average' | 'weighted' | 'ward' | 'centroid' | 'median'; readonly precomputed: boolean; readonly maxMemoryBytes: number } = optionDefaults(HIERARCHICAL_OPTIONS);

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
export function hierarchical<D extends ClusterData<AnyRow> | ArrayLike<number>>(
  data: D,
  options: HierarchicalOptions<RowOf<D>> = {},
): HierarchicalResult {
  const o = resolveOptionTable('hierarchical', HIERARCHICAL_OPTIONS, options);
  const tick = runControl('hierarchical', o);
  const { linkage, precomputed, maxMemoryBytes } = o;

  const src = readInput(data, precomputed, linkage, maxMemoryBytes, tick, o.columns);
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

function readInput(data: unknown, precomputed: boolean, linkage: LinkageMethod, limit: number, tick: Tick, columns?: readonly unknown[]): Source & { bytes: number } {
  const isFlat = (ArrayBuffer.isView(data) && !(data instanceof DataView)) || (Array.isArray(data) && data.length > 0 && typeof data[0] !== 'object');
  if (isFlat) return readCondensed(data as ArrayLike<number>, linkage, limit);
  // Row objects, columns and Arrow tables are points (never distances).
  const table = isColumnar(data) || columns !== undefined || (Array.isArray(data) && data[0] !== null && typeof data[0] === 'object' && !Array.isArray(data[0]) && !ArrayBuffer.isView(data[0]));
  if (!isDenseMatrix(data) && !Array.isArray(data) && !table) {
    throw new CrmError('INVALID_INPUT', `data must be points (number[][] or a dense matrix) or a condensed distance array; got ${describeValue(data)}.`, { argument: 'data' });
  }
  if (precomputed && table) {
    throw new CrmError('INVALID_OPTION', 'hierarchical: precomputed distances must be a square number[][] or a dense matrix; row objects, columns and Arrow tables are read as points.', { option: 'precomputed' });
  }
  if (precomputed) return readSquare(data as readonly (readonly number[])[] | DenseMatrix, linkage, limit);
  const m = table ? densePoints(data, 'points', 'hierarchical', columns) : toDense(data as ClusterPoints, { name: 'points' });
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
