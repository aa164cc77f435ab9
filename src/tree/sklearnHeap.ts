/**
 * libstdc++'s std::push_heap / std::pop_heap on a max-heap by improvement (internal): the
 * frontier of scikit-learn's BestFirstTreeBuilder, so that equal improvements come out in that
 * heap's order. core/heap.ts is a different (stable) heap and does not reproduce it.
 * @module
 */

/** A record of scikit-learn's best-first frontier. */
export interface SkFrontier<E, A> {
  improvement: number;
  e: E;
  at: A;
}

/** libstdc++'s std::push_heap with comparator `a.improvement < b.improvement` (a max-heap). */
export function skPushHeap<E, A>(heap: SkFrontier<E, A>[], item: SkFrontier<E, A>): void {
  heap.push(item);
  skSiftUp(heap, heap.length - 1, 0, item);
}

// libstdc++ __push_heap: move parents down while parent < value, then place value.
function skSiftUp<E, A>(heap: SkFrontier<E, A>[], hole: number, top: number, value: SkFrontier<E, A>): void {
  let parent = (hole - 1) >> 1;
  while (hole > top && heap[parent]!.improvement < value.improvement) {
    heap[hole] = heap[parent]!;
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  heap[hole] = value;
}

/** libstdc++'s std::pop_heap then pop_back: returns the record it removes. */
export function skPopHeap<E, A>(heap: SkFrontier<E, A>[]): SkFrontier<E, A> {
  const len = heap.length;
  const top = heap[0]!;
  if (len > 1) {
    // __pop_heap: the last element is re-inserted by __adjust_heap from the root over len - 1.
    const value = heap[len - 1]!;
    heap[len - 1] = top;
    const n = len - 1;
    let hole = 0;
    let second = 0;
    while (second < ((n - 1) >> 1)) {
      second = 2 * (second + 1);
      if (heap[second]!.improvement < heap[second - 1]!.improvement) second--;
      heap[hole] = heap[second]!;
      hole = second;
    }
    if ((n & 1) === 0 && second === (n - 2) >> 1) {
      second = 2 * (second + 1);
      heap[hole] = heap[second - 1]!;
      hole = second - 1;
    }
    skSiftUp(heap, hole, 0, value);
  }
  heap.pop();
  return top;
}
