import type { Logger, NewsBot } from "../../src/index.ts";
import type { DigestSender } from "../ports/daily.ts";
import type { Store } from "../store/store.ts";
import { type DeliveryOptions, type DeliveryReport, deliverSlot } from "./delivery.ts";
import { deliverSlotQueued } from "./fan-out.ts";
import type { DigestWorkers } from "./fan-out-worker.ts";
import type { StaticRecipients } from "./recipients.ts";
import type { DailySchedule } from "./schedule.ts";
import { createScheduler, type Scheduler, type SchedulerOptions } from "./scheduler.ts";

/** Options for {@link startDailySummary}. */
export interface DailySummaryOptions {
  store: Store;
  bot: NewsBot;
  logger: Logger;
  /** The platforms' ports, one per configured platform. */
  senders: DigestSender[];
  schedule: DailySchedule;
  /** Recipients from the settings, per platform. */
  fixed?: StaticRecipients;
  /** A missed slot younger than this many hours is delivered at start-up; default 6. */
  catchUpHours?: number;
  /** Passed to every run; tests shorten the lease, the benchmark raises the concurrency. */
  delivery?: Pick<DeliveryOptions, "leaseMs" | "concurrency">;
  /** With REDIS_URL: the replicas' workers, which deliver the slots this process plans (the fan-out). */
  workers?: DigestWorkers;
  /** The scheduler's clock and timer; default the system's. */
  timers?: Pick<SchedulerOptions, "now" | "setTimer" | "clearTimer">;
}

/** The running daily summary: the app stops it like an adapter; tools and tests can run a slot at once. */
export interface RunningDailySummary {
  name: string;
  routes: [];
  scheduler: Scheduler;
  /** The platforms it delivers to: those with a sender. */
  platforms: string[];
  /** Delivers a slot now, exactly as the scheduler does when it falls due; rejects once stopped. */
  runSlot(slot: { id: string; at: Date }): Promise<DeliveryReport>;
  /** Ends every wait at once, lets the messages in flight finish, and leaves the rest for the next start. */
  stop(): Promise<void>;
}

/**
 * Starts the daily summary: the schedule (catching up a recently missed slot, resuming an interrupted one) and a
 * delivery per slot through the platforms' senders.
 */
export function startDailySummary(options: DailySummaryOptions): RunningDailySummary {
  const { store, logger, schedule } = options;
  const abort = new AbortController();
  const inFlight = new Set<Promise<DeliveryReport>>();
  const runSlot = (slot: { id: string; at: Date }): Promise<DeliveryReport> => {
    if (abort.signal.aborted) return Promise.reject(new Error("The daily summary has stopped"));
    const deliver = options.workers
      ? (delivery: DeliveryOptions) =>
          deliverSlotQueued({ ...delivery, workers: options.workers as DigestWorkers })
      : deliverSlot;
    const run = deliver({
      ...options.delivery,
      slot,
      store,
      bot: options.bot,
      senders: options.senders,
      staticRecipients: options.fixed ?? {},
      timeZone: schedule.timeZone,
      logger,
      signal: abort.signal,
    });
    inFlight.add(run);
    const forget = () => void inFlight.delete(run);
    run.then(forget, forget);
    return run;
  };
  const scheduler = createScheduler({
    ...options.timers,
    schedule,
    catchUpHours: options.catchUpHours ?? 6,
    logger,
    slotStatus: async (slotId) => {
      const record = await store.ledger.slot(slotId);
      return !record ? "new" : record.completed ? "completed" : "started";
    },
    runSlot: async (slot) => void (await runSlot(slot)),
  });
  logger.info("Daily summary scheduled", {
    next: scheduler.nextSlot()?.toISOString(),
    pattern: schedule.pattern,
    timeZone: schedule.timeZone,
    store: store.location,
  });
  return {
    name: "Daily summary",
    routes: [],
    scheduler,
    platforms: options.senders.map((sender) => sender.platform),
    runSlot,
    async stop() {
      abort.abort();
      await scheduler.stop();
      await Promise.allSettled([...inFlight]);
      await options.workers?.stop();
    },
  };
}
