import { describeError, type Logger } from "../../src/index.ts";
import { type DailySchedule, slotId } from "./schedule.ts";

/** One scheduled delivery: its id in the delivery log and the instant it was due. */
export interface Slot {
  id: string;
  at: Date;
  /** True when the slot is delivered late, at start-up, because the process was down when it was due. */
  catchUp: boolean;
}

/** What the delivery log knows of a slot: nothing, started (some recipients may still wait), or completed. */
export type SlotStatus = "new" | "started" | "completed";

/** An injected timer, so tests can drive the scheduler with fake timers. */
export type SetTimer = (callback: () => void, ms: number) => unknown;

/** Options for {@link createScheduler}. */
export interface SchedulerOptions {
  /** When slots fall due: the daily context's schedule, so the app has one source of truth for the next slot. */
  schedule: DailySchedule;
  /** A missed slot younger than this many hours is delivered at start-up; default 6, 0 turns catch-up off. */
  catchUpHours?: number;
  /** Delivers one slot; never called twice at the same time. */
  runSlot(slot: Slot): Promise<void>;
  /**
   * What the delivery log knows of a slot; default "new". At start-up a completed slot is left alone, a started
   * one is resumed whatever its age (its recipients were promised it), and a new one is caught up within
   * `catchUpHours`.
   */
  slotStatus?(slotId: string): SlotStatus | Promise<SlotStatus>;
  logger: Logger;
  /** Clock; default the system's. */
  now?: () => Date;
  setTimer?: SetTimer;
  clearTimer?: (handle: unknown) => void;
}

/** A started scheduler. */
export interface Scheduler {
  schedule: DailySchedule;
  /** The next slot the scheduler waits for; null once stopped or when the pattern never matches again. */
  nextSlot(): Date | null;
  /** Stops the timer and waits for the delivery in progress (a slot that fell due just before, too). */
  stop(): Promise<void>;
}

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A timer that fires this late (a suspended machine) still delivers, even with catch-up turned off. */
const LATE_TOLERANCE_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;

/**
 * Starts the daily schedule: at start-up, the last slot is caught up when it was missed less than
 * `catchUpHours` ago (otherwise skipped and logged); then every slot is delivered when due. Slot ids are the
 * scheduled instants, so every process computes the same ids and the delivery log can deduplicate them.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { schedule, logger } = options;
  const now = options.now ?? (() => new Date());
  const setTimer: SetTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const catchUpMs = (options.catchUpHours ?? 6) * HOUR_MS;
  let timer: unknown;
  let target: Date | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const enqueue = (slot: Slot) => {
    running = running
      .then(() => options.runSlot(slot))
      .catch((error: unknown) =>
        logger.error("Daily summary slot failed", { slot: slot.id, error: describeError(error) }),
      );
  };

  const arm = (next: Date | null) => {
    target = stopped ? null : next;
    if (!target) return;
    const delay = Math.min(Math.max(target.getTime() - now().getTime(), 0), MAX_TIMER_MS);
    timer = setTimer(tick, delay);
  };

  function tick(): void {
    if (stopped || !target) return;
    const current = now();
    if (current < target) {
      arm(target);
      return;
    }
    // The latest due slot wins: after a long sleep, earlier slots would only repeat it.
    const latest = schedule.previous(current) ?? target;
    if (latest > target)
      logger.warn("Daily summary slot superseded by a later one", { slot: slotId(target) });
    const lateness = current.getTime() - latest.getTime();
    if (lateness <= Math.max(catchUpMs, LATE_TOLERANCE_MS)) {
      enqueue({ id: slotId(latest), at: latest, catchUp: false });
    } else {
      logger.warn("Daily summary slot skipped: the timer fired too late", {
        slot: slotId(latest),
        lateMinutes: Math.round(lateness / 60_000),
      });
    }
    arm(schedule.next(current));
  }

  const start = now();
  const missed = schedule.previous(start);
  // The start-up check reads the ledger first; it runs ahead of every scheduled slot in the same queue.
  running = (async () => {
    if (!missed) return;
    const status = (await options.slotStatus?.(slotId(missed))) ?? "new";
    if (status === "started") {
      logger.info("Resuming an interrupted daily summary", { slot: slotId(missed) });
      await options.runSlot({ id: slotId(missed), at: missed, catchUp: true });
    } else if (status === "new") {
      const age = start.getTime() - missed.getTime();
      if (age < catchUpMs) {
        logger.info("Catching up a missed daily summary", { slot: slotId(missed) });
        await options.runSlot({ id: slotId(missed), at: missed, catchUp: true });
      } else {
        logger.warn("Missed daily summary skipped: older than DAILY_SUMMARY_CATCHUP_HOURS", {
          slot: slotId(missed),
          ageHours: Math.round((age / HOUR_MS) * 10) / 10,
          catchUpHours: options.catchUpHours ?? 6,
        });
      }
    }
  })().catch((error: unknown) =>
    logger.error("Daily summary slot failed", {
      slot: missed ? slotId(missed) : "",
      error: describeError(error),
    }),
  );
  arm(schedule.next(start));

  return {
    schedule,
    nextSlot: () => target,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
      target = null;
      await running;
    },
  };
}
