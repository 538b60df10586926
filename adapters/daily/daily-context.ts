import type { Api } from "grammy";
import type { AdapterContext } from "../adapter.ts";
import type { AppConfig } from "../config.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { createTelegramApi } from "../telegram/telegram-api.ts";
import { createSchedule, type DailySchedule } from "./schedule.ts";
import type { DailySender } from "./sender.ts";
import { createSlackSender } from "./slack-daily.ts";
import { openStore, type Store, storePath } from "./store.ts";
import type { SubscribeContext } from "./subscribe-commands.ts";
import { createTelegramSender } from "./telegram-daily.ts";

/** The daily summary's share of one running app: the store, the schedule, and the platforms' API clients. */
export interface DailyContext extends SubscribeContext {
  config: AppConfig;
  /** The running Telegram bot's api, once it started: sending through it shares the bot's throttler. */
  telegramApi?: Api;
}

/** One per app start: startApp hands the same context object to every starter. */
const contexts = new WeakMap<AdapterContext, DailyContext>();

/**
 * The daily summary's state for an app context, created on first use by whichever starter comes first (the
 * Telegram and Slack commands need the store as much as the scheduler does). Opening the store can throw
 * NewsBotError("STORE_OPEN"), which stops start-up.
 */
export function dailyContextOf(context: AdapterContext): DailyContext {
  let daily = contexts.get(context);
  if (!daily) {
    daily = createDailyContext(context.config);
    contexts.set(context, daily);
  }
  return daily;
}

/** Opens the store at DATA_DIR/bot.db and builds the schedule from the settings. */
export function createDailyContext(config: AppConfig, store?: Store): DailyContext {
  const schedule: DailySchedule = createSchedule(config.dailySummary);
  return {
    config,
    store: store ?? openStore(storePath(config.dataDir)),
    schedule,
    fixed: { telegram: config.dailySummary.telegramChats, slack: config.dailySummary.slackChannels },
    now: () => new Date(),
  };
}

/** Senders for the configured platforms; Telegram reuses the running bot's api when there is one. */
export function createSenders(daily: DailyContext, context: Pick<AdapterContext, "logger">): DailySender[] {
  const { config } = daily;
  const senders: DailySender[] = [];
  if (config.telegram) {
    const api = daily.telegramApi ?? createTelegramApi(config.telegram, { logger: context.logger });
    senders.push(createTelegramSender({ api }) as DailySender);
  }
  if (config.slack) {
    const client = createSlackClient(config.slack, context.logger, config.core.logLevel);
    senders.push(createSlackSender({ client, command: config.slack.command }) as DailySender);
  }
  return senders;
}
