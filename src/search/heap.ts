/** A binary heap of positions: `pop` returns each once, by key descending, equal keys by tie ascending. */
export interface PositionHeap {
  pop(): number | undefined;
}

/**
 * Builds a heap over positions into `keys` and `ties`, taking the positions' array over, in linear time: cheaper
 * than sorting them when only the first few are taken. Positions, keys and ties are typed arrays and the order is
 * fixed, not a callback: with tens of thousands of positions, pushing them into an array and calling a comparison
 * took as long as finding them.
 */
export function createPositionHeap(
  positions: Int32Array,
  keys: Float64Array,
  ties: ArrayLike<number>,
): PositionHeap {
  const heap = positions;
  let size = heap.length;
  /** True when position a comes before position b. */
  const before = (a: number, b: number) => {
    const ka = keys[a] ?? 0;
    const kb = keys[b] ?? 0;
    return ka > kb || (ka === kb && (ties[a] ?? 0) < (ties[b] ?? 0));
  };
  const siftDown = (start: number) => {
    const item = heap[start] ?? 0;
    let parent = start;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && before(heap[right] ?? 0, heap[left] ?? 0) ? right : left;
      const next = heap[child] ?? 0;
      if (!before(next, item)) break;
      heap[parent] = next;
      parent = child;
    }
    heap[parent] = item;
  };
  for (let i = (size >>> 1) - 1; i >= 0; i--) siftDown(i);
  return {
    pop() {
      if (size === 0) return undefined;
      const first = heap[0];
      size--;
      if (size > 0) {
        heap[0] = heap[size] ?? 0;
        siftDown(0);
      }
      return first;
    },
  };
}
