/** The longest the poller waits after failures before it tries a feed again. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
/** A Retry-After longer than this is treated as this, so one header cannot silence a feed for weeks. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Milliseconds to wait after the `failures`-th failure in a row: the poll interval doubled per failure, capped,
 * spread by ±25 % jitter so feeds on one host do not retry in step, and never sooner than a Retry-After asks.
 */
export function backoffMs(options: {
  failures: number;
  pollMs: number;
  retryAfterMs?: number;
  random: () => number;
}): number {
  const exponential = Math.min(options.pollMs * 2 ** Math.min(options.failures, 20), MAX_BACKOFF_MS);
  const jittered = exponential * (0.75 + options.random() * 0.5);
  const asked = Math.min(options.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return Math.round(Math.max(jittered, asked));
}
