/** Options for {@link createPacer}. */
export interface PacerOptions {
  /** Messages per second over all recipients. */
  globalRate: number;
  /** The shortest gap between two messages to one recipient, in milliseconds. */
  recipientIntervalMs(recipient: string): number;
  now?: () => number;
  sleep?: Sleep;
  /** Ends every wait at once: a stopped run must not sit out a pause or a group's gap. */
  signal?: AbortSignal;
}

/** Waits `ms`, or less when `signal` aborts first; never rejects. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Spaces messages out: a global rate, a per-recipient gap, and pauses a platform's 429 asks for. */
export interface Pacer {
  /**
   * Waits until one more message may go to `recipient` and reserves it; call the returned function once the
   * platform has answered, so the message counts against the rate until then. Resolves null once the signal
   * aborted, having reserved nothing.
   */
  acquire(recipient: string): Promise<(() => void) | null>;
  /** Holds every message back for `ms` (the platform's retry_after). */
  pause(ms: number): void;
}

const WINDOW_MS = 1000;

/** Sleeps with setTimeout; an abort ends the sleep early. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

/**
 * Creates a pacer that hands out evenly spaced send times with no burst: reservations are made in order, so the
 * achieved rate stays at the configured one however many workers wait, and timer jitter does not add up. A
 * sliding window over the answers caps every second at the rate, as the platforms count.
 */
export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? Date.now;
  const { signal } = options;
  const sleepFor = options.sleep ?? sleep;
  const wait = (ms: number) => sleepFor(ms, signal);
  const gapMs = 1000 / options.globalRate;
  const recipientNext = new Map<string, number>();
  let globalNext = 0;
  let pausedUntil = 0;
  // When each of the last second's worth of messages was answered (Infinity while in flight). A message may
  // reach the platform any time until its answer, and late starts (new connections, a busy event loop) bunch
  // arrivals; starting a message only a second after the answer to the one `rate` places earlier keeps every
  // second at the platform at or under the rate.
  const answered = new Float64Array(Math.max(1, Math.floor(options.globalRate))).fill(
    Number.NEGATIVE_INFINITY,
  );
  let oldest = 0;
  const dispatch = async (): Promise<(() => void) | null> => {
    for (;;) {
      if (signal?.aborted) return null;
      const start = now();
      const previous = answered[oldest] as number;
      if (previous + WINDOW_MS <= start) {
        const slot = oldest;
        answered[slot] = Number.POSITIVE_INFINITY;
        oldest = (oldest + 1) % answered.length;
        return () => {
          answered[slot] = now();
        };
      }
      await wait(previous === Number.POSITIVE_INFINITY ? Math.max(gapMs, 1) : previous + WINDOW_MS - start);
    }
  };

  return {
    async acquire(recipient) {
      for (;;) {
        if (signal?.aborted) return null;
        const start = now();
        // A recipient that must wait (a group's 20 per minute) waits without holding up the global queue.
        const free = Math.max(recipientNext.get(recipient) ?? 0, pausedUntil);
        if (free > start) {
          await wait(free - start);
          continue;
        }
        const at = Math.max(start, globalNext);
        globalNext = at + gapMs;
        const interval = options.recipientIntervalMs(recipient);
        if (interval > 0) recipientNext.set(recipient, at + interval);
        if (at > start) await wait(at - start);
        // A 429 that arrived while waiting voids the reservation.
        if (pausedUntil > now()) continue;
        return dispatch();
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
      globalNext = Math.max(globalNext, pausedUntil);
    },
  };
}
