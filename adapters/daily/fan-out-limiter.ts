/** A BullMQ limiter: at most `max` jobs start in each window of `duration` ms. */
export interface FanOutLimiter {
  max: number;
  duration: number;
}

/**
 * How late a message may reach the platform relative to another granted in the same stretch: the database and
 * Redis round trips between a job's start and its send, and a replica descheduled on a busy machine, bunch
 * messages granted apart. The limiter leaves room for this much.
 */
export const FAN_OUT_JITTER_MS = 30;

/**
 * How long after a window lapses the next one opens, on average: BullMQ reopens it only when a worker next asks
 * (its timer, or a job's completion), so many short windows lose more of the rate than fewer longer ones.
 */
const REOPEN_LAG_MS = 1;

/**
 * The limiter for a platform's rate (messages a second for all chats together): of the windows whose worst
 * case holds at most `globalRate` messages in any second stretched by {@link FAN_OUT_JITTER_MS}, the one that
 * delivers most once the reopening lag is counted. One job a window at low rates (Telegram's 30: one every
 * 35 ms), a few at high ones (100: 4 every 43 ms; 300: 12 every 43 ms). A 429 would pause every replica for a
 * whole second.
 *
 * BullMQ counts in fixed windows that open with their first job and reopen only after `duration`, so windows
 * start at least `duration` apart. A stretch of `span` ms holds at most ceil(span / duration) window starts with
 * `max` jobs each, plus the `max - 1` later jobs of the window open when it began: with `windows` =
 * floor((rate - max + 1) / max) and `duration` = ceil(span / windows), that is at most the rate.
 */
export function limiterFor(globalRate: number): FanOutLimiter {
  const span = 1000 + FAN_OUT_JITTER_MS;
  // Below one a second (a fractional rate), one job a window and windows longer than the span.
  let best: FanOutLimiter = { max: 1, duration: Math.ceil(span / Math.min(1, globalRate)) };
  for (let max = 1; max <= globalRate; max++) {
    // Window starts a stretch may hold so that max of each and max - 1 more stay within the rate.
    const windows = Math.floor((globalRate - max + 1) / max);
    if (windows < 1) break;
    const duration = Math.ceil(span / windows);
    if (max / (duration + REOPEN_LAG_MS) > best.max / (best.duration + REOPEN_LAG_MS))
      best = { max, duration };
  }
  return best;
}
