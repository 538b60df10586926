import type { UiLanguage } from "../../src/index.ts";
import type { AdapterContext, AdapterStarter, RunningAdapter } from "../adapter.ts";
import type { SlackSubcommand } from "../slack/answer.ts";
import { createSlackStarter, startSlackAdapter } from "../slack/slack-adapter.ts";
import { startTelegram, telegramStarter } from "../telegram/telegram-adapter.ts";
import {
  createSenders,
  type DailyContext,
  deliverDailySlot,
  releaseDailyContext,
  retainDailyContext,
} from "./daily-context.ts";
import type { DeliveryReport } from "./delivery.ts";
import { createScheduler, type Scheduler } from "./scheduler.ts";
import { subscribeAnswer, unsubscribeAnswer } from "./subscribe-commands.ts";
import { telegramSubscribeCommands, watchMembership } from "./telegram-daily.ts";

/**
 * Starts an adapter that uses the daily context, holding a share of it until the adapter has stopped (or failed
 * to start), so the store closes only after the adapter's handlers are done with it.
 */
async function holdingDailyContext<Running extends RunningAdapter>(
  context: AdapterContext,
  start: (daily: DailyContext) => Promise<Running>,
): Promise<Running> {
  const daily = retainDailyContext(context);
  let running: Running;
  try {
    running = await start(daily);
  } catch (error) {
    releaseDailyContext(context);
    throw error;
  }
  let released = false;
  return {
    ...running,
    async stop() {
      try {
        await running.stop();
      } finally {
        if (!released) releaseDailyContext(context);
        released = true;
      }
    },
  };
}

/** The Telegram adapter with /subscribe and /unsubscribe, and the membership watcher that marks chats gone. */
export const telegramWithSubscriptions: AdapterStarter = {
  ...telegramStarter,
  start: (context) =>
    holdingDailyContext(context, (daily) => {
      // getChatMember goes through the daily client: commands can arrive before startTelegram has returned.
      const api = daily.telegramApi;
      return startTelegram(context, {
        commands: api ? telegramSubscribeCommands({ ...daily, api }) : [],
        configure: (composer) => watchMembership(composer, daily),
      });
    }),
};

/** `/news subscribe` and `/news unsubscribe`, for the channel they are typed in. */
function slackSubcommands(daily: DailyContext): Record<string, SlackSubcommand> {
  const request = (input: { channelId: string; language: UiLanguage }) => ({
    platform: "slack" as const,
    recipient: input.channelId,
    language: input.language,
  });
  return {
    subscribe: async (input) => subscribeAnswer(daily, request(input)),
    unsubscribe: async (input) => unsubscribeAnswer(daily, request(input)),
  };
}

/** The Slack adapter with `/news subscribe` and `/news unsubscribe` for the channel they are typed in. */
export const slackWithSubscriptions: AdapterStarter = {
  ...createSlackStarter(),
  start: (context) =>
    holdingDailyContext(context, (daily) =>
      startSlackAdapter(context, { subcommands: () => slackSubcommands(daily) }),
    ),
};

/** The running daily summary: the app stops it like an adapter; tests and tools can run a slot at once. */
export interface RunningDailySummary extends RunningAdapter {
  scheduler: Scheduler;
  /** Delivers a slot now, exactly as the scheduler does when it falls due; rejects once stopped. */
  runSlot(slot: { id: string; at: Date }): Promise<DeliveryReport>;
}

/**
 * The daily summary: on when Telegram or Slack is configured, after them in STARTERS. Starts the schedule
 * (catching up a recently missed slot, resuming an interrupted one), delivers each slot through the configured
 * platforms, and on stop ends every wait at once, lets the messages in flight finish, and leaves the rest
 * unclaimed for the next start.
 */
export const dailySummaryStarter: AdapterStarter<RunningDailySummary> = {
  name: "Daily summary",
  enabledBy: "TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN",
  enabled: (config) => config.telegram !== undefined || config.slack !== undefined,
  start: (context) => holdingDailyContext(context, async (daily) => startDailySummary(context, daily)),
};

function startDailySummary(context: AdapterContext, daily: DailyContext): RunningDailySummary {
  const { config, store } = daily;
  const senders = createSenders(daily);
  const abort = new AbortController();
  const inFlight = new Set<Promise<DeliveryReport>>();
  const runSlot = (slot: { id: string; at: Date }): Promise<DeliveryReport> => {
    if (abort.signal.aborted) return Promise.reject(new Error("The daily summary has stopped"));
    const run = deliverDailySlot(daily, {
      slot,
      bot: context.bot,
      senders,
      logger: context.logger,
      signal: abort.signal,
    });
    inFlight.add(run);
    const forget = () => void inFlight.delete(run);
    run.then(forget, forget);
    return run;
  };
  const scheduler = createScheduler({
    schedule: daily.schedule,
    catchUpHours: config.dailySummary.catchUpHours,
    logger: context.logger,
    slotStatus: (slotId) => {
      const record = store.log.slot(slotId);
      return !record ? "new" : record.completed ? "completed" : "started";
    },
    runSlot: async (slot) => void (await runSlot(slot)),
  });
  context.logger.info("Daily summary scheduled", {
    next: scheduler.nextSlot()?.toISOString(),
    pattern: scheduler.schedule.pattern,
    timeZone: scheduler.schedule.timeZone,
    database: store.path,
  });
  return {
    name: "Daily summary",
    routes: [],
    scheduler,
    runSlot,
    async stop() {
      abort.abort();
      await scheduler.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
