/**
 * One binary heap on a plain array, ordered by a `better(a, b)` predicate (the root is the best
 * item): used by the tree's best-first growth and pruning path and by the chart curve simplifier.
 * @module
 */

/**
 * Adds `item`, keeping the heap order. O(log n).
 * @example
 * const h: number[] = [];
 * for (const v of [5, 1, 3]) heapPush(h, v, (a, b) => a < b);
 * h[0]; // => 1
 */
export function heapPush<T>(heap: T[], item: T, better: (a: T, b: T) => boolean): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!better(heap[i]!, heap[p]!)) break;
    [heap[i], heap[p]] = [heap[p]!, heap[i]!];
    i = p;
  }
}

/**
 * Removes and returns the best item; the heap must not be empty. O(log n).
 * @example
 * const h: number[] = [];
 * for (const v of [5, 1, 3]) heapPush(h, v, (a, b) => a < b);
 * [heapPop(h, (a, b) => a < b), heapPop(h, (a, b) => a < b)]; // => [1, 3]
 */
export function heapPop<T>(heap: T[], better: (a: T, b: T) => boolean): T {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && better(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
  return top;
}
