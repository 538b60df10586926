import type { webApi } from "@slack/bolt";
import type { Api } from "grammy";
import type { Logger, NewsBot } from "../../src/index.ts";
import type { AdapterContext } from "../adapter.ts";
import type { AppConfig } from "../config.ts";
import { createDailySlackClient, createDailyTelegramApi } from "./daily-clients.ts";
import { type DeliveryReport, deliverSlot } from "./delivery.ts";
import { createSchedule } from "./schedule.ts";
import type { DailySender } from "./sender.ts";
import { createSlackSender } from "./slack-daily.ts";
import { openStore, type Store, storePath } from "./store.ts";
import type { SubscribeContext } from "./subscribe-commands.ts";
import { createTelegramSender } from "./telegram-daily.ts";

/** The daily summary's share of one running app: the store, the schedule, and its own platform clients. */
export interface DailyContext extends SubscribeContext {
  config: AppConfig;
  /** Set when Telegram is configured; see {@link createDailyTelegramApi}. */
  telegramApi?: Api;
  /** Set when Slack is configured; see {@link createDailySlackClient}. */
  slackClient?: webApi.WebClient;
}

/** An app's daily context and how many running adapters still use it. */
interface Shared {
  daily: DailyContext;
  holders: number;
}

/** One per app start: startApp hands the same context object to every starter. */
const contexts = new WeakMap<AdapterContext, Shared>();

/**
 * Takes a share of the app's daily context, creating it on first use by whichever starter comes first (the
 * Telegram and Slack commands need the store as much as the scheduler does). Every share must be given back with
 * {@link releaseDailyContext} once its holder stopped. Opening the store can throw NewsBotError("STORE_OPEN"),
 * which stops start-up.
 */
export function retainDailyContext(context: AdapterContext): DailyContext {
  let shared = contexts.get(context);
  if (!shared) {
    shared = { daily: createDailyContext(context.config, { logger: context.logger }), holders: 0 };
    contexts.set(context, shared);
  }
  shared.holders += 1;
  return shared.daily;
}

/**
 * Gives a share back. The last one closes the store, so it closes only after every adapter that uses it (the
 * /subscribe handlers, the membership watcher, the delivery) has stopped, however the app orders their stops.
 */
export function releaseDailyContext(context: AdapterContext): void {
  const shared = contexts.get(context);
  if (!shared) return;
  shared.holders -= 1;
  if (shared.holders > 0) return;
  contexts.delete(context);
  shared.daily.store.close();
}

/** The app's daily context while some adapter holds it. */
export function dailyContextOf(context: AdapterContext): DailyContext | undefined {
  return contexts.get(context)?.daily;
}

/** Options for {@link createDailyContext}. */
export interface CreateDailyContextOptions {
  logger: Logger;
  /** Default: opens DATA_DIR/bot.db. */
  store?: Store;
}

/** Opens the store at DATA_DIR/bot.db, builds the schedule from the settings and the daily platform clients. */
export function createDailyContext(config: AppConfig, options: CreateDailyContextOptions): DailyContext {
  const daily: DailyContext = {
    config,
    store: options.store ?? openStore(storePath(config.dataDir)),
    schedule: createSchedule(config.dailySummary),
    fixed: { telegram: config.dailySummary.telegramChats, slack: config.dailySummary.slackChannels },
    now: () => new Date(),
  };
  if (config.telegram) daily.telegramApi = createDailyTelegramApi(config.telegram);
  if (config.slack) {
    daily.slackClient = createDailySlackClient(config.slack, options.logger, config.core.logLevel);
  }
  return daily;
}

/** Senders for the configured platforms, through the daily context's clients. */
export function createSenders(daily: DailyContext): DailySender[] {
  const senders: DailySender[] = [];
  if (daily.telegramApi) senders.push(createTelegramSender({ api: daily.telegramApi }));
  if (daily.slackClient) {
    senders.push(createSlackSender({ client: daily.slackClient, command: daily.config.slack?.command }));
  }
  return senders;
}

/** What {@link deliverDailySlot} needs besides the daily context. */
export interface DailySlotRun {
  slot: { id: string; at: Date };
  bot: NewsBot;
  senders: DailySender[];
  logger: Logger;
  signal?: AbortSignal;
}

/** Delivers a slot with the daily context's store, fixed recipients and time zone. */
export function deliverDailySlot(daily: DailyContext, run: DailySlotRun): Promise<DeliveryReport> {
  return deliverSlot({
    ...run,
    store: daily.store,
    staticRecipients: daily.fixed,
    timeZone: daily.schedule.timeZone,
  });
}
