/** Options for {@link createWorkQueue}. */
export interface WorkQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting or running at most; `push` refuses beyond. */
  capacity: number;
  /** Called with a task's failure; tasks should handle their own, this is the last resort. */
  onError(error: unknown): void;
}

/** Work accepted now and done later, a bounded number at a time. */
export interface WorkQueue {
  /** Queues a task; false when the queue is full (the caller refuses the request). */
  push(task: () => Promise<void>): boolean;
  /** Tasks waiting or running. */
  readonly size: number;
  /** Resolves once every queued task has finished. */
  drain(): Promise<void>;
}

/**
 * A first-in, first-out queue of follow-up work (answering a request after it was acknowledged). Each task
 * starts on a later turn of the event loop, so requests that have arrived are read and acknowledged before
 * more follow-up work runs, and at most `concurrency` tasks interleave with them: under a burst the
 * acknowledgements stay quick and the answers follow at the pace the work allows.
 */
export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const waiting: (() => Promise<void>)[] = [];
  let running = 0;
  let idle: (() => void)[] = [];
  const next = () => {
    while (running < options.concurrency && waiting.length > 0) {
      const task = waiting.shift() as () => Promise<void>;
      running += 1;
      setImmediate(() => {
        task()
          .catch(options.onError)
          .finally(() => {
            running -= 1;
            next();
          });
      });
    }
    if (running === 0 && waiting.length === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };
  return {
    push(task) {
      if (running + waiting.length >= options.capacity) return false;
      waiting.push(task);
      next();
      return true;
    },
    get size() {
      return running + waiting.length;
    },
    drain: () =>
      running === 0 && waiting.length === 0
        ? Promise.resolve()
        : new Promise((resolve) => idle.push(resolve)),
  };
}
