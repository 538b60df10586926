import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSchedule, formatDeliveryTime, todaysSlot } from "../../adapters/daily/schedule.ts";
import { createScheduler, type Slot } from "../../adapters/daily/scheduler.ts";
import { createLogger } from "../../adapters/logger.ts";
import { NewsBotError } from "../../src/index.ts";

const HOUR = 3_600_000;

function recordingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: "debug", write: (line) => lines.push(line) }) };
}

describe("schedule", () => {
  it("reads 08:00 in Europe/Berlin as 07:00 UTC in winter and 06:00 UTC in summer", () => {
    const schedule = createSchedule({ time: "08:00", timeZone: "Europe/Berlin" });
    expect(schedule.next(new Date("2025-01-15T12:00:00Z"))?.toISOString()).toBe("2025-01-16T07:00:00.000Z");
    expect(schedule.next(new Date("2025-07-15T12:00:00Z"))?.toISOString()).toBe("2025-07-16T06:00:00.000Z");
  });

  it("keeps 08:00 local across the spring and autumn changes (last Sundays of March and October)", () => {
    const schedule = createSchedule({ time: "08:00", timeZone: "Europe/Berlin" });
    const spring = [schedule.next(new Date("2025-03-29T00:00:00Z"))];
    spring.push(schedule.next(spring[0] as Date));
    expect(spring.map((d) => d?.toISOString())).toEqual([
      "2025-03-29T07:00:00.000Z",
      "2025-03-30T06:00:00.000Z",
    ]);
    const autumn = [schedule.next(new Date("2025-10-25T00:00:00Z"))];
    autumn.push(schedule.next(autumn[0] as Date));
    expect(autumn.map((d) => d?.toISOString())).toEqual([
      "2025-10-25T06:00:00.000Z",
      "2025-10-26T07:00:00.000Z",
    ]);
  });

  it("runs a time that falls into the spring gap once, right after it, and a repeated autumn time once", () => {
    const schedule = createSchedule({ time: "02:30", timeZone: "Europe/Berlin" });
    // 02:30 does not exist on 30 March 2025: the clocks jump from 02:00 to 03:00 CEST (01:00 UTC).
    expect(schedule.next(new Date("2025-03-29T12:00:00Z"))?.toISOString()).toBe("2025-03-30T01:00:00.000Z");
    // 02:30 happens twice on 26 October 2025; the summary goes out at the first.
    const first = schedule.next(new Date("2025-10-25T12:00:00Z")) as Date;
    expect(first.toISOString()).toBe("2025-10-26T00:30:00.000Z");
    expect(schedule.next(first)?.toISOString()).toBe("2025-10-27T01:30:00.000Z");
  });

  it("takes a custom cron expression over the time", () => {
    const schedule = createSchedule({ time: "08:00", cron: "15 9 * * 1-5", timeZone: "America/New_York" });
    // Friday 10 January 2025, after 09:15 in New York: the next weekday is Monday.
    expect(schedule.next(new Date("2025-01-10T15:00:00Z"))?.toISOString()).toBe("2025-01-13T14:15:00.000Z");
    expect(schedule.previous(new Date("2025-01-13T14:15:00Z"))?.toISOString()).toBe(
      "2025-01-13T14:15:00.000Z",
    );
  });

  it("rejects a cron expression croner cannot read with a message naming the setting", () => {
    expect(() => createSchedule({ cron: "61 8 * * *" })).toThrow(NewsBotError);
    expect(() => createSchedule({ cron: "61 8 * * *" })).toThrow(/DAILY_SUMMARY_CRON/);
  });

  it("writes the next delivery in the recipient's language with the zone named", () => {
    const at = new Date("2025-03-30T06:00:00Z");
    expect(formatDeliveryTime(at, "Europe/Berlin", "de")).toBe(
      "am Sonntag, 30. März 2025 um 08:00 Uhr (Europe/Berlin, MESZ)",
    );
    expect(formatDeliveryTime(at, "Europe/Berlin", "en")).toBe(
      "on Sunday, 30 March 2025 at 08:00 (Europe/Berlin, CEST)",
    );
  });

  it("finds today's slot: the one due earlier today, else the next", () => {
    const schedule = createSchedule({ time: "08:00", timeZone: "Europe/Berlin" });
    expect(todaysSlot(schedule, new Date("2025-01-15T06:00:00Z"))?.toISOString()).toBe(
      "2025-01-15T07:00:00.000Z",
    );
    expect(todaysSlot(schedule, new Date("2025-01-15T20:00:00Z"))?.toISOString()).toBe(
      "2025-01-15T07:00:00.000Z",
    );
  });
});

describe("scheduler with fake timers", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("delivers each slot when due, across the spring change, with slot ids as ISO instants", async () => {
    vi.setSystemTime(new Date("2025-03-28T12:00:00Z"));
    const slots: Slot[] = [];
    const { logger } = recordingLogger();
    const scheduler = createScheduler({
      schedule: createSchedule({ time: "08:00", timeZone: "Europe/Berlin" }),
      catchUpHours: 4,
      logger,
      runSlot: async (slot) => void slots.push(slot),
    });
    expect(scheduler.nextSlot()?.toISOString()).toBe("2025-03-29T07:00:00.000Z");
    await vi.advanceTimersByTimeAsync(19 * HOUR - 1);
    expect(slots).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(slots.map((s) => s.id)).toEqual(["2025-03-29T07:00:00.000Z"]);
    // The day of the change has 23 hours: 08:00 CEST comes 23 hours after 08:00 CET.
    await vi.advanceTimersByTimeAsync(23 * HOUR);
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(slots.map((s) => s.id)).toEqual([
      "2025-03-29T07:00:00.000Z",
      "2025-03-30T06:00:00.000Z",
      "2025-03-31T06:00:00.000Z",
    ]);
    expect(slots.every((s) => !s.catchUp)).toBe(true);
    await scheduler.stop();
  });

  it("delivers 25 hours apart over the autumn change", async () => {
    vi.setSystemTime(new Date("2025-10-25T12:00:00Z"));
    const slots: string[] = [];
    const scheduler = createScheduler({
      schedule: createSchedule({ timeZone: "Europe/Berlin" }),
      logger: recordingLogger().logger,
      runSlot: async (slot) => void slots.push(slot.id),
    });
    await vi.advanceTimersByTimeAsync(19 * HOUR);
    expect(slots).toEqual(["2025-10-26T07:00:00.000Z"]);
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(slots).toHaveLength(2);
    expect(slots[1]).toBe("2025-10-27T07:00:00.000Z");
    await scheduler.stop();
  });

  it("drives a custom cron every 15 minutes", async () => {
    vi.setSystemTime(new Date("2025-06-01T10:05:00Z"));
    const slots: string[] = [];
    const scheduler = createScheduler({
      schedule: createSchedule({ cron: "*/15 * * * *", timeZone: "UTC" }),
      catchUpHours: 0,
      logger: recordingLogger().logger,
      runSlot: async (slot) => void slots.push(slot.id),
    });
    await vi.advanceTimersByTimeAsync(40 * 60_000);
    expect(slots).toEqual([
      "2025-06-01T10:15:00.000Z",
      "2025-06-01T10:30:00.000Z",
      "2025-06-01T10:45:00.000Z",
    ]);
    await scheduler.stop();
  });

  it("catches up a slot missed less than DAILY_SUMMARY_CATCHUP_HOURS ago at start-up", async () => {
    vi.setSystemTime(new Date("2025-01-15T10:00:00Z"));
    const slots: Slot[] = [];
    const scheduler = createScheduler({
      schedule: createSchedule({ timeZone: "Europe/Berlin" }),
      catchUpHours: 6,
      logger: recordingLogger().logger,
      runSlot: async (slot) => void slots.push(slot),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(slots).toEqual([
      { id: "2025-01-15T07:00:00.000Z", at: new Date("2025-01-15T07:00:00Z"), catchUp: true },
    ]);
    await scheduler.stop();
  });

  it("skips and logs a missed slot older than the catch-up window", async () => {
    vi.setSystemTime(new Date("2025-01-15T14:00:00Z"));
    const slots: string[] = [];
    const { lines, logger } = recordingLogger();
    const scheduler = createScheduler({
      schedule: createSchedule({ timeZone: "Europe/Berlin" }),
      catchUpHours: 6,
      logger,
      runSlot: async (slot) => void slots.push(slot.id),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(slots).toEqual([]);
    expect(
      lines.some(
        (line) => line.includes("Missed daily summary skipped") && line.includes("2025-01-15T07:00"),
      ),
    ).toBe(true);
    await scheduler.stop();
  });

  it("neither catches up nor reports a slot that completed", async () => {
    vi.setSystemTime(new Date("2025-01-15T08:00:00Z"));
    const slots: string[] = [];
    const scheduler = createScheduler({
      schedule: createSchedule({ timeZone: "Europe/Berlin" }),
      logger: recordingLogger().logger,
      slotStatus: (id) => (id === "2025-01-15T07:00:00.000Z" ? "completed" : "new"),
      runSlot: async (slot) => void slots.push(slot.id),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(slots).toEqual([]);
    await scheduler.stop();
  });

  it("resumes a slot that started but did not complete, even outside the catch-up window", async () => {
    vi.setSystemTime(new Date("2025-01-15T20:00:00Z"));
    const slots: { id: string; catchUp: boolean }[] = [];
    const { logger, lines } = recordingLogger();
    const scheduler = createScheduler({
      schedule: createSchedule({ timeZone: "Europe/Berlin" }),
      catchUpHours: 1,
      logger,
      slotStatus: (id) => (id === "2025-01-15T07:00:00.000Z" ? "started" : "new"),
      runSlot: async (slot) => void slots.push({ id: slot.id, catchUp: slot.catchUp }),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(slots).toEqual([{ id: "2025-01-15T07:00:00.000Z", catchUp: true }]);
    expect(lines.some((line) => line.includes("Resuming an interrupted daily summary"))).toBe(true);
    await scheduler.stop();
  });

  it("runs nothing after stop() and waits for the slot in progress", async () => {
    vi.setSystemTime(new Date("2025-01-15T06:59:00Z"));
    let finished = false;
    const slots: string[] = [];
    const scheduler = createScheduler({
      schedule: createSchedule({ timeZone: "Europe/Berlin" }),
      logger: recordingLogger().logger,
      runSlot: async (slot) => {
        slots.push(slot.id);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        finished = true;
      },
    });
    await vi.advanceTimersByTimeAsync(60_000);
    const stopped = scheduler.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(48 * HOUR);
    expect(slots).toEqual(["2025-01-15T07:00:00.000Z"]);
    expect(scheduler.nextSlot()).toBeNull();
  });

  it("uses an injected clock and timer", async () => {
    let now = new Date("2025-01-15T06:00:00Z");
    const timers: { callback: () => void; ms: number }[] = [];
    const slots: string[] = [];
    const scheduler = createScheduler({
      schedule: createSchedule({ timeZone: "Europe/Berlin" }),
      logger: recordingLogger().logger,
      now: () => now,
      setTimer: (callback, ms) => timers.push({ callback, ms }),
      clearTimer: () => {},
      runSlot: async (slot) => void slots.push(slot.id),
    });
    expect(timers[0]?.ms).toBe(HOUR);
    now = new Date("2025-01-15T07:00:00Z");
    timers[0]?.callback();
    await scheduler.stop();
    expect(slots).toEqual(["2025-01-15T07:00:00.000Z"]);
    expect(timers[1]?.ms).toBe(24 * HOUR);
  });
});
