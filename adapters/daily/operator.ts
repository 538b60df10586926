import type { DailyOperator, RunFigures } from "../ports/daily.ts";
import type { Store } from "../store/store.ts";
import type { RunningDailySummary } from "./daily-summary.ts";
import { slotId, todaysSlot } from "./schedule.ts";

/** Options for {@link createDailyOperator}. */
export interface DailyOperatorOptions {
  store: Pick<Store, "ledger" | "subscriptions">;
  daily: Pick<RunningDailySummary, "scheduler" | "platforms" | "runSlot">;
  /** Clock; default the system's. */
  now?: () => Date;
}

/** The daily summary's figures for an operator page (the web adapter's /admin), read from the store. */
export function createDailyOperator(options: DailyOperatorOptions): DailyOperator {
  const { store, daily } = options;
  const now = options.now ?? (() => new Date());
  const figures = async (slot: string): Promise<RunFigures | undefined> => {
    const record = await store.ledger.slot(slot);
    if (!record) return undefined;
    const gone = new Set<string>();
    for (const platform of daily.platforms) {
      for (const id of await store.subscriptions.gone(platform)) gone.add(`${platform}:${id}`);
    }
    const counts = { sent: 0, skipped: 0, failed: 0, gone: 0 };
    for (const [key, row] of await store.ledger.deliveries(slot)) {
      if (row.status === "skipped" && gone.has(key)) counts.gone += 1;
      else if (row.status !== "sending") counts[row.status] += 1;
    }
    return { slot, completed: record.completed, ...counts };
  };
  return {
    async subscriptions() {
      return Promise.all(
        daily.platforms.map(async (platform) => ({
          platform,
          active: (await store.subscriptions.active(platform)).length,
          gone: (await store.subscriptions.gone(platform)).size,
        })),
      );
    },
    async recentRuns(limit) {
      const { schedule } = daily.scheduler;
      const slots: Date[] = [];
      const upcoming = todaysSlot(schedule, now());
      if (upcoming && upcoming > now()) slots.push(upcoming);
      for (
        let at = schedule.previous(now());
        at && slots.length < limit;
        at = schedule.previous(new Date(at.getTime() - 1))
      ) {
        slots.push(at);
      }
      const runs = await Promise.all(slots.map((at) => figures(slotId(at))));
      return runs.filter((run): run is RunFigures => run !== undefined);
    },
    async sendToday() {
      const at = todaysSlot(daily.scheduler.schedule, now());
      if (!at) throw new Error("The daily summary's schedule has no slot today");
      const report = await daily.runSlot({ id: slotId(at), at });
      const empty = { sent: 0, skipped: 0, failed: 0, gone: 0 };
      return (await figures(report.slot)) ?? { slot: report.slot, completed: report.complete, ...empty };
    },
  };
}
