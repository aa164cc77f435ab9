/**
 * Sorting, ranking and quantiles with explicit tie strategies (pandas' `rank(method=...)` and
 * numpy's linear-interpolation quantile), on typed arrays.
 * @module
 */
import { CrmError, describeValue } from './errors.js';
import { checkOneOf } from './validate.js';
import { bisectLeft } from './bisect.js';

/**
 * How tied values are ranked (as pandas `rank(method=...)`):
 * - `first`: ties get distinct ranks in index order (so sort the input by a key, e.g. customer id,
 *   to make the result independent of input order);
 * - `average`, `min`, `max`: ties share the mean, lowest or highest rank of their group;
 * - `dense`: like `min`, but ranks of successive groups step by 1.
 */
export type TieMethod = 'first' | 'average' | 'min' | 'max' | 'dense';

/**
 * Refuses anything but an array (or typed array) of finite numbers, naming the first bad entry
 * (a hole counts as a missing entry). O(n).
 * @throws CrmError `INVALID_INPUT` (not an array, a hole or a non-number), `NON_FINITE`
 * @example
 * checkFiniteValues('rank', 'values', [1, 2]).length; // => 2
 */
export function checkFiniteValues(fn: string, name: string, values: unknown): ArrayLike<number> {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new CrmError('INVALID_INPUT', `${fn}: ${name} must be an array of numbers; got ${describeValue(values)}.`, { argument: name });
  }
  const v = values as ArrayLike<unknown>;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number') {
      throw new CrmError('INVALID_INPUT', `${fn}: ${name}[${i}] is ${describeValue(x)}; expected a number.`, { argument: name, row: i });
    }
    if (!Number.isFinite(x)) {
      throw new CrmError('NON_FINITE', `${fn}: ${name}[${i}] is ${x}; ranks and quantiles need finite numbers. Clean or drop that value.`, { argument: name, row: i });
    }
  }
  return v as ArrayLike<number>;
}

/**
 * Indices that sort `values` ascending; ties keep index order (stable). NaN is refused.
 * O(n log n).
 * @throws CrmError `NON_FINITE` on NaN.
 * @example
 * Array.from(argsort([3, 1, 2, 1])); // => [1, 3, 2, 0]
 */
export function argsort(values: ArrayLike<number>): Int32Array {
  const n = values.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) {
      throw new CrmError('NON_FINITE', `value ${i} is NaN; ranks and quantiles need numbers.`, { row: i });
    }
    idx[i] = i;
  }
  // Typed-array sort with a comparator is not guaranteed stable everywhere; break ties by index.
  idx.sort((a, b) => values[a]! - values[b]! || a - b);
  return idx;
}

const TIE_METHODS: readonly TieMethod[] = ['first', 'average', 'min', 'max', 'dense'];

/**
 * 1-based ranks of `values` with the given tie method (pandas `rank` semantics, ascending).
 * O(n log n).
 * @throws CrmError `INVALID_INPUT` (not an array of numbers), `NON_FINITE` (NaN or an infinity),
 * `INVALID_OPTION` (an unknown tie method).
 * @example
 * Array.from(rank([10, 20, 10], 'average')); // => [1.5, 3, 1.5]
 */
export function rank(values: ArrayLike<number>, method: TieMethod = 'average'): Float64Array {
  checkFiniteValues('rank', 'values', values);
  checkOneOf('method', method, TIE_METHODS);
  const n = values.length;
  const order = argsort(values);
  const out = new Float64Array(n);
  let dense = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    const v = values[order[start]!]!;
    while (end < n && values[order[end]!] === v) end++;
    dense++;
    for (let p = start; p < end; p++) {
      const i = order[p]!;
      switch (method) {
        case 'first': out[i] = p + 1; break;
        case 'average': out[i] = (start + 1 + end) / 2; break;
        case 'min': out[i] = start + 1; break;
        case 'max': out[i] = end; break;
        case 'dense': out[i] = dense; break;
      }
    }
    start = end;
  }
  return out;
}

/**
 * Quantile of already sorted values by linear interpolation (numpy's default, type 7):
 * position `p * (n - 1)`.
 * @throws CrmError `EMPTY_INPUT` when there are no values.
 * @example
 * quantileSorted([1, 2, 3, 4], 0.5); // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new CrmError('EMPTY_INPUT', 'quantile of no values is undefined; pass at least one value.');
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  const a = sorted[lo]!;
  return frac === 0 || lo + 1 >= n ? a : a + (sorted[lo + 1]! - a) * frac;
}

/**
 * Several quantiles of unsorted values (numpy's linear interpolation). The input is not mutated.
 * O(n log n).
 * @throws CrmError `INVALID_INPUT` (values not an array of numbers), `EMPTY_INPUT`, `NON_FINITE`
 * (NaN or an infinity), `INVALID_OPTION` (a probability outside [0, 1], or `ps` not an array).
 * @example
 * quantiles([4, 1, 3, 2], [0, 0.5, 1]); // => [1, 2.5, 4]
 */
export function quantiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  checkFiniteValues('quantiles', 'values', values);
  if (!Array.isArray(ps)) {
    throw new CrmError('INVALID_OPTION', `quantiles: ps must be an array of probabilities in [0, 1]; got ${describeValue(ps)}.`, { option: 'ps' });
  }
  for (let k = 0; k < ps.length; k++) {
    const p = ps[k];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new CrmError('INVALID_OPTION', `quantiles: ps[${k}] must be a probability in [0, 1]; got ${describeValue(p)}.`, { option: 'ps', index: k });
    }
  }
  if (values.length === 0) throw new CrmError('EMPTY_INPUT', 'quantiles: values is empty; pass at least one value.', { argument: 'values' });
  const sorted = Float64Array.from(values as ArrayLike<number>);
  sorted.sort();
  return ps.map((p) => quantileSorted(sorted, p));
}

/**
 * The `bins + 1` edges that pandas `qcut(x, bins)` computes: quantiles at `k / bins` by linear
 * interpolation, with numpy's `linspace` spacing reproduced so edges match to the last bit.
 * @example
 * equalCountEdges([1, 2, 3, 4, 5], 2); // => [1, 3, 5]
 */
export function equalCountEdges(values: ArrayLike<number>, bins: number): number[] {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const step = 1 / bins;
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) edges.push(quantileSorted(sorted, k === bins ? 1 : k * step));
  return edges;
}

/**
 * The 1-based bin of `x` given ascending edges, with bins closed on the right and the first bin
 * also closed on the left (pandas `cut(..., right=True, include_lowest=True)`). Values outside the
 * edges go to the first or last bin. When edges repeat (fewer distinct values than bins), the
 * lowest bin whose upper edge is >= x wins, so collapsed bins are skipped rather than refused.
 * @example
 * binOf(3, [1, 3, 5]); // => 1
 */
export function binOf(x: number, edges: readonly number[]): number {
  // The first edge index k >= 1 with x <= edges[k], else the last bin (NaN too).
  return x === x ? bisectLeft(edges, x, 1, edges.length - 1) : edges.length - 1;
}
