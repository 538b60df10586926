/**
 * A growable list of 32-bit integers: 4 bytes an entry where a number array takes 8, and a long list's storage
 * lies outside the JS heap, so the copies left behind as it grows are freed at once instead of inflating the heap.
 */
export interface IntList {
  /** The entries are the first `length` of these; the rest is room to grow. */
  values: Int32Array;
  length: number;
}

/** An empty list. */
export function createIntList(): IntList {
  return { values: new Int32Array(4), length: 0 };
}

/** Appends an entry. */
export function pushInt(list: IntList, value: number): void {
  list.values = withRoom(list.values, list.length + 1);
  list.values[list.length++] = value;
}

/** The array itself when it holds `size` entries, else a copy grown by half with room for them. */
export function withRoom(values: Int32Array, size: number): Int32Array {
  if (size <= values.length) return values;
  const grown = new Int32Array(Math.max(size, values.length + (values.length >>> 1) + 4));
  grown.set(values);
  return grown;
}
