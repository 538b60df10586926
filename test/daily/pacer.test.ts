import { describe, expect, it } from "vitest";
import { createPacer, sleep } from "../../adapters/daily/pacer.ts";
import { fakeClock } from "./fake-sender.ts";

describe("pacer", () => {
  it("spaces messages evenly at the global rate, without a burst", async () => {
    const clock = fakeClock(0);
    const pacer = createPacer({
      globalRate: 30,
      recipientIntervalMs: () => 0,
      now: clock.now,
      sleep: clock.sleep,
    });
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pacer.acquire(`chat${i}`);
      times.push(clock.time);
    }
    expect(times.map((t) => Math.round(t))).toEqual([0, 33, 67, 100]);
  });

  it("keeps a group's gap without holding up other chats", async () => {
    const clock = fakeClock(0);
    const pacer = createPacer({
      globalRate: 1000,
      recipientIntervalMs: (id) => (id.startsWith("-") ? 3000 : 0),
      now: clock.now,
      sleep: clock.sleep,
    });
    await pacer.acquire("-1");
    await pacer.acquire("2");
    expect(clock.time).toBeLessThan(10);
    await pacer.acquire("-1");
    expect(clock.time).toBeGreaterThanOrEqual(3000);
  });

  it("holds everything back while paused by a 429", async () => {
    const clock = fakeClock(0);
    const pacer = createPacer({
      globalRate: 1000,
      recipientIntervalMs: () => 0,
      now: clock.now,
      sleep: clock.sleep,
    });
    pacer.pause(2000);
    await pacer.acquire("a");
    expect(clock.time).toBeGreaterThanOrEqual(2000);
  });

  it("counts a message against the rate until it is answered, so late starts cannot bunch up", async () => {
    const clock = fakeClock(0);
    const pacer = createPacer({
      globalRate: 2,
      recipientIntervalMs: () => 0,
      now: clock.now,
      sleep: clock.sleep,
    });
    const first = await pacer.acquire("a");
    await pacer.acquire("b");
    clock.time = 1500;
    first?.();
    const third = pacer.acquire("c");
    await third;
    expect(clock.time).toBeGreaterThanOrEqual(2500);
  });
});

describe("pacer when stopped", () => {
  it("ends a 429 pause at once and reserves nothing", async () => {
    const abort = new AbortController();
    let waitStarted = () => {};
    const paused = new Promise<void>((resolve) => {
      waitStarted = resolve;
    });
    // The real sleep, announcing when the pause's wait has begun, so the abort comes during it.
    const announcingSleep: typeof sleep = (ms, signal) => {
      waitStarted();
      return sleep(ms, signal);
    };
    const pacer = createPacer({
      globalRate: 30,
      recipientIntervalMs: () => 0,
      signal: abort.signal,
      sleep: announcingSleep,
    });
    pacer.pause(60_000);
    const waiting = pacer.acquire("a");
    await paused;
    abort.abort();
    // Without an abortable wait this would take a minute and fail on the test timeout.
    expect(await waiting).toBeNull();
  });

  it("ends a sleep early and never rejects", async () => {
    const abort = new AbortController();
    const slept = sleep(60_000, abort.signal);
    abort.abort();
    await expect(slept).resolves.toBeUndefined();
  });
});
