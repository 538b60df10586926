/** Options for {@link createWorkQueue}. */
export interface WorkQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting or running at most; `push` refuses beyond. */
  capacity: number;
  /** Called with a task's failure; tasks should handle their own, this is the last resort. */
  onError(error: unknown): void;
  /**
   * While requests keep arriving (see {@link WorkQueue.arrived}), no task starts until this many milliseconds
   * after the last arrival; default 0 (no waiting).
   */
  quietMs?: number;
  /** A task waits at most this long for quiet; then tasks start one at a time. Default 1,000. */
  maxDeferMs?: number;
  /** Milliseconds; default performance.now. */
  now?: () => number;
}

/** Work accepted now and done later, a bounded number at a time. */
export interface WorkQueue {
  /** Queues a task; false when the queue is full (the caller refuses the request). */
  push(task: () => Promise<void>): boolean;
  /** Tells the queue a request has arrived: tasks wait until requests stop arriving for `quietMs`. */
  arrived(): void;
  /** Tasks waiting or running. */
  readonly size: number;
  /** Resolves once every queued task has finished. */
  drain(): Promise<void>;
}

/**
 * A first-in, first-out queue of follow-up work (answering a request after it was acknowledged). Each task
 * starts on a later turn of the event loop, and none starts while requests are still arriving (until `quietMs`
 * after the last), so a burst is read and acknowledged before its follow-up work takes the CPU; at most
 * `concurrency` tasks interleave with later requests. A task never waits longer than `maxDeferMs` for quiet:
 * under a steady stream of requests the work goes on, one task at a time.
 */
export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const now = options.now ?? (() => performance.now());
  const quietMs = options.quietMs ?? 0;
  const maxDeferMs = options.maxDeferMs ?? 1_000;
  const waiting: { task: () => Promise<void>; at: number }[] = [];
  let running = 0;
  let lastArrival = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: (() => void)[] = [];
  const next = () => {
    const time = now();
    const quietAt = lastArrival + quietMs;
    const overdueAt = (waiting[0]?.at ?? time) + maxDeferMs;
    // Quiet: the full concurrency; requests still arriving: one task once the oldest is overdue, else none.
    const limit = time >= quietAt ? options.concurrency : time >= overdueAt ? 1 : 0;
    while (running < limit && waiting.length > 0) {
      const { task } = waiting.shift() as { task: () => Promise<void> };
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
    if (waiting.length > 0 && running < options.concurrency && timer === undefined) {
      const wakeAt = Math.min(quietAt, Math.max(overdueAt, time));
      timer = setTimeout(
        () => {
          timer = undefined;
          next();
        },
        Math.max(1, Math.ceil(wakeAt - time)),
      );
    }
    if (running === 0 && waiting.length === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };
  return {
    push(task) {
      if (running + waiting.length >= options.capacity) return false;
      waiting.push({ task, at: now() });
      next();
      return true;
    },
    arrived() {
      lastArrival = now();
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
