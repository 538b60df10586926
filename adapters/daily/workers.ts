/** Options for {@link runWorkers}. */
export interface WorkersOptions<T> {
  /** Items handled at the same time; at least one. */
  concurrency: number;
  /** Once aborted, no new item is taken; items in progress finish. */
  signal?: AbortSignal;
  work(item: T): Promise<void>;
  /** Called for an item whose work threw; the other items go on. */
  onError(item: T, error: unknown): void;
}

/**
 * Runs `work` over the items with at most `concurrency` at a time and resolves only once every item taken has
 * finished: a failing item is handed to `onError` and never ends the others early.
 */
export async function runWorkers<T>(items: readonly T[], options: WorkersOptions<T>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !options.signal?.aborted) {
      const item = items[next++] as T;
      try {
        await options.work(item);
      } catch (error) {
        options.onError(item, error);
      }
    }
  };
  const count = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: count }, worker));
}
