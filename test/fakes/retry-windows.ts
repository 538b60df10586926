/**
 * The rate limits the fakes keep after a 429, as Telegram and Slack do: once a call was refused with a retry
 * time, calls with the same key (a method and its recipient) keep being refused until that time has passed. A
 * client that retries too early thus shows as an extra refused call, which a test can count without measuring
 * time itself. Keys are per recipient, so other recipients' calls in flight are not refused by a window they
 * never saw.
 */
export interface RetryWindows {
  /** Refuses `key` for the next `seconds`. */
  open(key: string, seconds: number): void;
  /** Whole seconds left in `key`'s window (at least 1), or undefined when calls with `key` may pass. */
  secondsLeft(key: string): number | undefined;
  clear(): void;
}

/** Creates an empty set of windows. */
export function createRetryWindows(): RetryWindows {
  const until = new Map<string, number>();
  return {
    open: (key, seconds) => void until.set(key, Date.now() + seconds * 1000),
    secondsLeft(key) {
      const waitMs = (until.get(key) ?? 0) - Date.now();
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : undefined;
    },
    clear: () => until.clear(),
  };
}
