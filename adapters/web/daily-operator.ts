import type { AdapterContext } from "../adapter.ts";
import { dailyContextOf } from "../daily/daily-context.ts";
import type { RunningDailySummary } from "../daily/daily-starters.ts";
import { slotId, todaysSlot } from "../daily/schedule.ts";
import { PLATFORMS } from "../daily/subscriptions.ts";
import type { DailyOperator, RunFigures } from "./operator.ts";

/**
 * The operator page's view of the running daily summary: the one module that reads the daily summary's store
 * and schedule for the web adapter.
 */
export function createDailyOperator(
  context: AdapterContext,
  daily: RunningDailySummary,
  now: () => Date = () => new Date(),
): DailyOperator {
  const store = () => {
    const shared = dailyContextOf(context);
    if (!shared) throw new Error("The daily summary has stopped");
    return shared.store;
  };
  const figures = (slot: string): RunFigures | undefined => {
    const { log, subscriptions } = store();
    const record = log.slot(slot);
    if (!record) return undefined;
    const gone = new Set(
      PLATFORMS.flatMap((platform) => [...subscriptions.gone(platform)].map((id) => `${platform}:${id}`)),
    );
    const counts = { sent: 0, skipped: 0, failed: 0, gone: 0 };
    for (const [key, status] of log.statuses(slot)) {
      if (status === "skipped" && gone.has(key)) counts.gone += 1;
      else if (status === "sent" || status === "skipped" || status === "failed") counts[status] += 1;
    }
    return { slot, completed: record.completed, ...counts };
  };
  const today = (): Date => {
    const at = todaysSlot(daily.scheduler.schedule, now());
    if (!at) throw new Error("The daily summary's schedule has no slot today");
    return at;
  };
  return {
    async subscriptions() {
      const { subscriptions } = store();
      return PLATFORMS.map((platform) => ({
        platform,
        active: subscriptions.active(platform).length,
        gone: subscriptions.gone(platform).size,
      }));
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
      )
        slots.push(at);
      return slots.map((at) => figures(slotId(at))).filter((run): run is RunFigures => run !== undefined);
    },
    async sendToday() {
      const at = today();
      const report = await daily.runSlot({ id: slotId(at), at });
      return (
        figures(report.slot) ?? {
          slot: report.slot,
          completed: report.complete,
          sent: 0,
          skipped: 0,
          failed: 0,
          gone: 0,
        }
      );
    },
  };
}
