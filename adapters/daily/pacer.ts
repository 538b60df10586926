/** Options for {@link createPacer}. */
export interface PacerOptions {
  /** Messages per second over all recipients. */
  globalRate: number;
  /** The shortest gap between two messages to one recipient, in milliseconds. */
  recipientIntervalMs(recipient: string): number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Spaces messages out: a global rate, a per-recipient gap, and pauses a platform's 429 asks for. */
export interface Pacer {
  /** Waits until one more message may go to `recipient`, and reserves that moment. */
  acquire(recipient: string): Promise<void>;
  /** Holds every message back for `ms` (the platform's retry_after). */
  pause(ms: number): void;
}

/** Sleeps with setTimeout. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates a pacer that hands out evenly spaced send times with no burst: reservations are made in order, so the
 * achieved rate stays at the configured one however many workers wait, and timer jitter does not add up.
 */
export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const gapMs = 1000 / options.globalRate;
  const recipientNext = new Map<string, number>();
  let globalNext = 0;
  let pausedUntil = 0;

  return {
    async acquire(recipient) {
      for (;;) {
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
        if (pausedUntil <= now()) return;
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
      globalNext = Math.max(globalNext, pausedUntil);
    },
  };
}
