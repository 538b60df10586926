import type { AdapterContext, RunningAdapter } from "../adapter.ts";
import type { AppConfig } from "../config.ts";
import type { SlackSubcommand } from "../slack/answer.ts";
import { createSlackStarter } from "../slack/slack-adapter.ts";
import { startTelegram, telegramStarter } from "../telegram/telegram-adapter.ts";
import { createTelegramApi } from "../telegram/telegram-api.ts";
import { createSenders, dailyContextOf } from "./daily-context.ts";
import { type DeliveryReport, deliverSlot } from "./delivery.ts";
import { createScheduler, type Scheduler } from "./scheduler.ts";
import { subscribeAnswer, unsubscribeAnswer } from "./subscribe-commands.ts";
import { telegramSubscribeCommands, watchMembership } from "./telegram-daily.ts";

/** An entry of the app's STARTERS. */
export interface DailyAwareStarter {
  name: string;
  enabledBy: string;
  enabled(config: AppConfig): boolean;
  start(context: AdapterContext): Promise<RunningAdapter>;
}

/** The Telegram adapter with /subscribe and /unsubscribe; it hands its api to the daily summary for sending. */
export const telegramWithSubscriptions: DailyAwareStarter = {
  ...telegramStarter,
  async start(context) {
    const daily = dailyContextOf(context);
    const telegram = context.config.telegram;
    // Its own client for getChatMember: commands can arrive before startTelegram has returned the bot's.
    const api = telegram ? createTelegramApi(telegram, { logger: context.logger }) : undefined;
    const commands = api ? telegramSubscribeCommands({ ...daily, api }) : [];
    const running = await startTelegram(context, {
      commands,
      configure: (composer) => watchMembership(composer, daily),
    });
    daily.telegramApi = running.bot.api;
    return running;
  },
};

/** The Slack adapter with `/news subscribe` and `/news unsubscribe` for the channel they are typed in. */
export const slackWithSubscriptions: DailyAwareStarter = createSlackStarter({
  subcommands: (context): Record<string, SlackSubcommand> => {
    const daily = dailyContextOf(context);
    const request = (input: { channelId: string; language: "de" | "en" }) => ({
      platform: "slack" as const,
      recipient: input.channelId,
      language: input.language,
    });
    return {
      subscribe: async (input) => subscribeAnswer(daily, request(input)),
      unsubscribe: async (input) => unsubscribeAnswer(daily, request(input)),
    };
  },
});

/** The running daily summary: the app stops it like an adapter; tests and tools can run a slot at once. */
export interface RunningDailySummary extends RunningAdapter {
  scheduler: Scheduler;
  /** Delivers a slot now, exactly as the scheduler does when it falls due. */
  runSlot(slot: { id: string; at: Date }): Promise<DeliveryReport>;
}

/**
 * The daily summary: on when Telegram or Slack is configured, after them in STARTERS. Starts the schedule
 * (catching up a recently missed slot), delivers each slot through the configured platforms, and on stop
 * lets the recipient in progress finish, leaving the rest unclaimed for the next start.
 */
export const dailySummaryStarter: Omit<DailyAwareStarter, "start"> & {
  start(context: AdapterContext): Promise<RunningDailySummary>;
} = {
  name: "Daily summary",
  enabledBy: "TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN",
  enabled: (config) => config.telegram !== undefined || config.slack !== undefined,
  async start(context) {
    const daily = dailyContextOf(context);
    const { config, store } = daily;
    const senders = createSenders(daily, context);
    const abort = new AbortController();
    const runSlot = (slot: { id: string; at: Date }) =>
      deliverSlot({
        slot,
        store,
        bot: context.bot,
        senders,
        staticRecipients: daily.fixed,
        timeZone: config.dailySummary.timeZone,
        logger: context.logger,
        signal: abort.signal,
      });
    const scheduler = createScheduler({
      ...config.dailySummary,
      logger: context.logger,
      hasRun: (slotId) => store.log.slot(slotId)?.completed === true,
      runSlot: async (slot) => void (await runSlot(slot)),
    });
    context.logger.info("Daily summary scheduled", {
      next: scheduler.nextSlot()?.toISOString(),
      pattern: scheduler.schedule.pattern,
      timeZone: scheduler.schedule.timeZone,
      database: store.path,
    });
    const running: RunningDailySummary = {
      name: "Daily summary",
      routes: [],
      scheduler,
      runSlot,
      async stop() {
        abort.abort();
        await scheduler.stop();
        store.close();
      },
    };
    return running;
  },
};
