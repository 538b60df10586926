/**
 * Plugs the platforms into the daily summary, for the app (app.ts) and the command line (cli/summary.ts): each
 * configured platform's digest sender, the recipients the settings name, the daily summary's starter, and the
 * subscriptions the platforms offer. The daily module itself knows no platform.
 */
import { type Logger, type NewsBot, NewsBotError } from "../src/index.ts";
import type { AdapterContext, AdapterStarter } from "./adapter.ts";
import type { AppConfig } from "./config.ts";
import {
  type DailySummaryOptions,
  type RunningDailySummary,
  startDailySummary,
} from "./daily/daily-summary.ts";
import type { StaticRecipients } from "./daily/recipients.ts";
import { createSchedule } from "./daily/schedule.ts";
import { createSubscriptionDesk } from "./daily/subscriptions.ts";
import type { DigestSender } from "./ports/daily.ts";
import { createSlackDigestSender } from "./slack/digest-sender.ts";
import type { Store } from "./store/store.ts";
import { createTelegramDigestSender } from "./telegram/digest-sender.ts";

/** The daily summary's ports: a digest sender for each configured platform. */
export function createDigestSenders(config: AppConfig, logger: Logger): DigestSender[] {
  const senders: DigestSender[] = [];
  if (config.telegram) senders.push(createTelegramDigestSender({ config: config.telegram }));
  if (config.slack) {
    senders.push(createSlackDigestSender({ config: config.slack, logger, level: config.core.logLevel }));
  }
  return senders;
}

/** The recipients the settings name, per platform. */
export function fixedRecipients(config: AppConfig): StaticRecipients {
  return { telegram: config.dailySummary.telegramChats, slack: config.dailySummary.slackChannels };
}

/**
 * The daily summary: on when Telegram or Slack is configured, after them in STARTERS, with their digest senders
 * and the store main.ts opened. `delivery` changes how runs go (tests shorten the slot lease).
 */
export function createDailySummaryStarter(
  delivery: DailySummaryOptions["delivery"] = {},
): AdapterStarter<RunningDailySummary> {
  return {
    name: "Daily summary",
    enabledBy: "TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN",
    enabled: (config) => config.telegram !== undefined || config.slack !== undefined,
    start: async ({ config, bot, logger, store }) => {
      if (!store)
        throw new NewsBotError("STORE_OPEN", "The daily summary needs the store; main.ts opens it.");
      return startDailySummary({
        store,
        bot,
        logger,
        senders: createDigestSenders(config, logger),
        schedule: createSchedule(config.dailySummary),
        fixed: fixedRecipients(config),
        catchUpHours: config.dailySummary.catchUpHours,
        delivery,
      });
    },
  };
}

/** What every adapter starts with; with a store, the daily summary's subscriptions for /subscribe. */
export function createAdapterContext(options: {
  config: AppConfig;
  bot: NewsBot;
  logger: Logger;
  store?: Store;
}): AdapterContext {
  const { config, bot, logger, store } = options;
  if (!store) return { config, bot, logger };
  const subscriptions = createSubscriptionDesk({
    subscriptions: store.subscriptions,
    schedule: createSchedule(config.dailySummary),
    fixed: fixedRecipients(config),
  });
  return { config, bot, logger, store, subscriptions };
}
