/**
 * One binary search on sorted numeric arrays, after d3-array's bisectLeft and bisectRight (numpy's
 * searchsorted sides 'left' and 'right'), on plain or typed arrays and an optional index range.
 * @module
 */

/** A sorted array of numbers: plain or typed. */
type SortedNumbers = ArrayLike<number>;

/**
 * First index i in [lo, hi) with a[i] >= x, or hi when there is none: where x would be inserted
 * before its equals. `a[lo..hi)` must be sorted ascending. O(log(hi - lo)).
 * @param a - Sorted ascending (NaN not allowed).
 * @param lo - First index searched. @defaultValue 0
 * @param hi - One past the last index searched. @defaultValue a.length
 * @example
 * bisectLeft([1, 3, 3, 5], 3); // => 1
 */
export function bisectLeft(a: SortedNumbers, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First index i in [lo, hi) with a[i] > x, or hi when there is none: the number of elements <= x
 * when lo = 0. `a[lo..hi)` must be sorted ascending. O(log(hi - lo)).
 * @param a - Sorted ascending (NaN not allowed).
 * @param lo - First index searched. @defaultValue 0
 * @param hi - One past the last index searched. @defaultValue a.length
 * @example
 * bisectRight([1, 3, 3, 5], 3); // => 3
 */
export function bisectRight(a: SortedNumbers, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
