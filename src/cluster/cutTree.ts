/**
 * Flat clusters from a hierarchical clustering, by number of clusters or by height.
 * @module
 */
import { CrmError, describeValue } from '../core/errors.js';
import { checkInteger, checkNumber } from '../core/validate.js';
import { checkLinkage } from '../core/linkage.js';
import type { HierarchicalResult } from './hierarchical.js';

/** Options of {@link cutTree}: exactly one of `k` and `height`. */
export type CutTreeOptions = { k: number; height?: undefined } | { height: number; k?: undefined };

/**
 * Cuts a dendrogram into flat clusters. With `k`, the first n - k merges (in linkage-matrix row
 * order) are applied, so merges of equal height at the cut are taken in that order (scipy's
 * `cut_tree`). With `height`, every merge whose subtree has no merge higher than `height` is applied
 * (inclusive: merges at exactly `height`, and zero-height merges of duplicates at `height: 0`, join);
 * for centroid and median inversions the subtree maximum is used, as scipy's `fcluster(criterion='distance')`.
 * Clusters are numbered 0, 1, ... in order of their first row, as scipy's `cut_tree`. O(n α(n)).
 * @param result - A result of {@link hierarchical}.
 * @param options - `{ k }` (1..n) or `{ height }` (>= 0).
 * @returns One label per input row, in input order.
 * The linkage is checked first in O(n) (also after a JSON round trip or from scipy): `n` an integer
 * >= 1, n - 1 merges each joining two existing, not yet merged clusters, finite heights >= 0 that
 * never decrease for the linkages that guarantee it, and sizes that add up.
 * @throws CrmError `WRONG_RESULT_KIND` (not a hierarchical result), `INVALID_MODEL` (damaged linkage), `INVALID_OPTION`.
 * @example
 * cutTree(hierarchical([[0], [1], [10], [11], [30]], { linkage: 'average' }), { k: 3 }); // => [0, 0, 1, 1, 2]
 */
export function cutTree(result: HierarchicalResult, options: CutTreeOptions): number[] {
  const { n, merges } = checkLinkage(result, 'cutTree');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new CrmError('INVALID_OPTION', `cutTree: options must be { k } or { height }; got ${describeValue(options)}.`, { option: 'options' });
  }
  const known = new Set(['k', 'height']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new CrmError('INVALID_OPTION', `cutTree: unknown option '${key}'. Known options: height, k.`, { option: key });
  }
  const hasK = options.k !== undefined;
  const hasH = options.height !== undefined;
  if (hasK === hasH) {
    throw new CrmError('INVALID_OPTION', 'cutTree needs exactly one of k (number of clusters) and height (cut level).', { option: 'k' });
  }
  const apply = new Uint8Array(Math.max(0, n - 1));
  if (hasK) {
    const k = checkInteger('k', options.k, { min: 1, max: n, hint: `The tree has ${n} leaves.` });
    for (let i = 0; i < n - k; i++) apply[i] = 1;
  } else {
    const h = checkNumber('height', options.height, { min: 0 });
    const maxH = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) {
      const [a, b, height] = merges[i]!;
      let m = height;
      if (a >= n && maxH[a - n]! > m) m = maxH[a - n]!;
      if (b >= n && maxH[b - n]! > m) m = maxH[b - n]!;
      maxH[i] = m;
      apply[i] = m <= h ? 1 : 0;
    }
  }
  const parent = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  for (let i = 0; i < n - 1; i++) {
    if (!apply[i]) continue;
    const [a, b] = merges[i]!;
    parent[a] = n + i;
    parent[b] = n + i;
  }
  const label = new Int32Array(2 * n - 1).fill(-1);
  const out = new Array<number>(n);
  let next = 0;
  for (let i = 0; i < n; i++) {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    // Path compression: a caterpillar tree would otherwise cost O(n^2) walks.
    for (let v = i; parent[v] !== r;) { const p = parent[v]!; parent[v] = r; v = p; }
    if (label[r] === -1) label[r] = next++;
    out[i] = label[r]!;
  }
  return out;
}
