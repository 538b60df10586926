import { describe, expect, it } from "vitest";
import { FAN_OUT_JITTER_MS, type FanOutLimiter, limiterFor } from "../../adapters/daily/fan-out-limiter.ts";

const SPAN_MS = 1000 + FAN_OUT_JITTER_MS;

/**
 * The most jobs in any stretch of `spanMs` in the worst alignment BullMQ allows: windows packed as tightly as
 * it can (each opens the moment the one before lapses, with its first job), the first window's other jobs at
 * its last instant and every later window's all at its opening.
 */
function busiestSpan(limiter: FanOutLimiter, spanMs: number): number {
  const starts: number[] = [0];
  for (let job = 1; job < limiter.max; job++) starts.push(limiter.duration - 0.5);
  for (let window = 1; window * limiter.duration < 3 * spanMs; window++) {
    for (let job = 0; job < limiter.max; job++) starts.push(window * limiter.duration);
  }
  let busiest = 0;
  let first = 0;
  for (let last = 0; last < starts.length; last++) {
    while ((starts[first] as number) <= (starts[last] as number) - spanMs) first++;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

describe("limiterFor", () => {
  it("holds at most the rate in any second stretched by the jitter, in the worst alignment, at 1 to 1,000 a second", () => {
    const over: { rate: number; busiest: number }[] = [];
    for (let rate = 1; rate <= 1000; rate++) {
      const busiest = busiestSpan(limiterFor(rate), SPAN_MS);
      if (busiest > rate) over.push({ rate, busiest });
    }
    expect(over).toEqual([]);
  });

  it("finds the busiest stretch a looser limiter allows (the 3% windows at 100 a second)", () => {
    expect(busiestSpan({ max: 3, duration: 32 }, SPAN_MS)).toBe(3 * 33 + 2);
  });

  it("allows at least 90% of the rate from 10 to 1,000 a second", () => {
    const below: { rate: number; share: number }[] = [];
    for (let rate = 10; rate <= 1000; rate++) {
      const { max, duration } = limiterFor(rate);
      const share = (max * 1000) / duration / rate;
      if (share < 0.9) below.push({ rate, share });
    }
    expect(below).toEqual([]);
  });

  it("starts one job a window at Telegram's 30 a second, and below one a second keeps one job per 1/rate", () => {
    expect(limiterFor(30).max).toBe(1);
    expect(busiestSpan(limiterFor(0.5), 2 * SPAN_MS)).toBeLessThanOrEqual(1);
  });
});
