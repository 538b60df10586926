/** A binary heap: `pop` returns the items in the order of `compare` (negative: a first), each once. */
export interface Heap<T> {
  pop(): T | undefined;
}

/**
 * Builds a heap over items, taking them over, in linear time: cheaper than sorting them when only the first few
 * are taken. Items that compare equal come out in no particular order, so `compare` should order them.
 */
export function createHeap<T>(items: T[], compare: (a: T, b: T) => number): Heap<T> {
  const heap = items;
  const siftDown = (start: number) => {
    let parent = start;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && compare(heap[right] as T, heap[left] as T) < 0 ? right : left;
      if (compare(heap[child] as T, heap[parent] as T) >= 0) return;
      [heap[child], heap[parent]] = [heap[parent] as T, heap[child] as T];
      parent = child;
    }
  };
  for (let i = (heap.length >>> 1) - 1; i >= 0; i--) siftDown(i);
  return {
    pop() {
      if (heap.length === 0) return undefined;
      const first = heap[0];
      const last = heap.pop() as T;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(0);
      }
      return first;
    },
  };
}
