/** A map that keeps at most `capacity` entries and forgets the least recently set one first. */
export interface BoundedMap<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  /** Stores the value as the newest entry, forgetting the oldest when the map is full. */
  set(key: K, value: V): void;
  /** Forgets one key. */
  delete(key: K): void;
  /** A snapshot of the entries, oldest first, safe to delete from while iterating. */
  entries(): [K, V][];
  readonly size: number;
}

/** Creates a {@link BoundedMap}; a Map iterates in insertion order, so its first key is the oldest. */
export function createBoundedMap<K, V>(capacity: number): BoundedMap<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError("capacity must be a positive integer");
  const entries = new Map<K, V>();
  return {
    get: (key) => entries.get(key),
    has: (key) => entries.has(key),
    set(key, value) {
      // Deleting first moves a key that is set again to the end, as the newest.
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
    },
    delete: (key) => {
      entries.delete(key);
    },
    entries: () => [...entries],
    get size() {
      return entries.size;
    },
  };
}
