import type { Readable, Writable } from "node:stream";
import { describeError, type Logger, type NewsBot, NewsBotError } from "../src/index.ts";
import type { CoreServices, RunningAdapter } from "./adapter.ts";
import { type AppConfig, secretsOf } from "./config.ts";
import { runConsoleChat } from "./console/console-chat.ts";
import { PLAIN_STYLE, TERMINAL_STYLE } from "./console/render.ts";
import {
  type DailySummaryOptions,
  type RunningDailySummary,
  startDailySummary,
} from "./daily/daily-summary.ts";
import { createDailyOperator } from "./daily/operator.ts";
import type { StaticRecipients } from "./daily/recipients.ts";
import { createSchedule } from "./daily/schedule.ts";
import { createSubscriptionDesk } from "./daily/subscriptions.ts";
import type { DedupeStore } from "./dedupe/dedupe-store.ts";
import { createRedisDedupeStore } from "./dedupe/redis-dedupe-store.ts";
import { type RunningHttpServer, startHttpServer } from "./http/http-server.ts";
import { operationsRoutes } from "./http/operations-routes.ts";
import type { Readiness } from "./http/readiness.ts";
import { instrumentSender } from "./metrics/instrument.ts";
import type { Metrics } from "./metrics/metrics.ts";
import type { DailyOperator, DigestSender, SubscriptionDesk } from "./ports/daily.ts";
import type { RedisConnection } from "./store/redis.ts";
import { createRedisLease } from "./store/redis-lease.ts";
import type { Store } from "./store/store.ts";
import type { RunningTelegram } from "./telegram/telegram-adapter.ts";
import type { FeedHealth } from "./web/operator.ts";
import { recordErrors } from "./web/recent-errors.ts";
import { startWebChat, type WebChatSources } from "./web/web-adapter.ts";

/**
 * What the app hands the adapters it starts: the core and the logger, and with the store (main.ts opens it) the
 * daily summary's subscriptions for the platforms that offer /subscribe.
 */
export interface AppServices extends CoreServices {
  store?: Store;
  /** The process's metrics, when main.ts created them (the daily summary's senders count into them). */
  metrics?: Metrics;
  subscriptions?: SubscriptionDesk;
  /** Shared short-lived state, when REDIS_URL is set (main.ts opens it). */
  redis?: RedisConnection;
  /** Where Slack and Telegram deliveries are remembered: in Redis with REDIS_URL, else each adapter's memory. */
  dedupe?: DedupeStore;
}

/**
 * An adapter the app can start: the settings that turn it on, and how it starts with its own part of them. Only
 * the app (this file) sees the whole AppConfig; each adapter receives its own settings and the services it needs.
 */
export interface AdapterStarter<Running extends RunningAdapter = RunningAdapter> {
  name: string;
  /** The settings that turn it on, for the start-up banner ("set … to turn it on"). */
  enabledBy: string;
  enabled(config: AppConfig): boolean;
  start(config: AppConfig, services: AppServices): Promise<Running>;
}

/*
 * Each platform's modules (grammY, Bolt and their plugins) are loaded when it starts, not when this module is:
 * the console chat and the command-line scripts never pay for a platform they do not use, and every child process
 * the tests start loads only what it runs.
 */

/** The Telegram bot; with the subscriptions it offers /subscribe and follows the chats it is added to. */
export const telegramStarter: AdapterStarter<RunningTelegram> = {
  name: "Telegram",
  enabledBy: "TELEGRAM_BOT_TOKEN",
  enabled: (config) => config.telegram !== undefined,
  start: async (config, { bot, logger, subscriptions: desk, redis, dedupe }) => {
    const { startTelegram } = await import("./telegram/telegram-adapter.ts");
    const { subscribeCommands, watchMembership } = await import("./telegram/subscribe-commands.ts");
    const { POLLING_LEASE_MS } = await import("./telegram/polling.ts");
    const settings = required(config.telegram, "Set TELEGRAM_BOT_TOKEN to start the Telegram bot.");
    return startTelegram({
      settings,
      bot,
      logger,
      ...(dedupe ? { dedupe } : {}),
      // One lease per bot (the token's public id part), so replicas of two bots on one Redis poll both.
      ...(redis
        ? {
            pollingLease: createRedisLease({
              redis,
              name: `telegram-polling:${settings.token.split(":")[0]}`,
              ttlMs: POLLING_LEASE_MS,
            }),
          }
        : {}),
      ...(desk
        ? { commands: subscribeCommands(desk), configure: (composer) => watchMembership(composer, desk) }
        : {}),
    });
  },
};

/** The Slack app; with the subscriptions it offers `/news subscribe`. */
export const slackStarter: AdapterStarter = {
  name: "Slack",
  enabledBy: "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET",
  enabled: (config) => config.slack !== undefined,
  start: async (config, { bot, logger, subscriptions: desk, dedupe }) => {
    const { startSlackAdapter } = await import("./slack/slack-adapter.ts");
    const { subscribeSubcommands } = await import("./slack/subscribe-commands.ts");
    return startSlackAdapter({
      settings: required(config.slack, "Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET."),
      logLevel: config.core.logLevel,
      bot,
      logger,
      ...(dedupe ? { dedupe } : {}),
      ...(desk ? { subcommands: subscribeSubcommands(desk) } : {}),
    });
  },
};

/** The daily summary's ports: a digest sender for each configured platform, counting into `metrics` if given. */
export async function createDigestSenders(
  config: AppConfig,
  logger: Logger,
  metrics?: Metrics,
): Promise<DigestSender[]> {
  const senders: DigestSender[] = [];
  const globalRate = config.dailySummary.telegramRate;
  if (config.telegram) {
    const { createTelegramDigestSender } = await import("./telegram/digest-sender.ts");
    senders.push(
      createTelegramDigestSender({ config: config.telegram, ...(globalRate ? { globalRate } : {}) }),
    );
  }
  if (config.slack) {
    const { createSlackDigestSender } = await import("./slack/digest-sender.ts");
    senders.push(createSlackDigestSender({ config: config.slack, logger, level: config.core.logLevel }));
  }
  return metrics ? senders.map((sender) => instrumentSender(sender, metrics)) : senders;
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
    start: async (config, { bot, logger, store: opened, redis, metrics }) => {
      const store = required(opened, "The daily summary needs the store; main.ts opens it.", "STORE_OPEN");
      const senders = await createDigestSenders(config, logger, metrics);
      // With REDIS_URL every replica's workers deliver the slots one replica plans.
      // BullMQ is loaded only then.
      const workers = redis
        ? (await import("./daily/fan-out-worker.ts")).startDigestWorkers({
            redis,
            store,
            bot,
            senders,
            timeZone: config.dailySummary.timeZone,
            logger,
            ...(metrics ? { reportDepth: (queue, depth) => metrics.queueDepth.set({ queue }, depth) } : {}),
          })
        : undefined;
      return startDailySummary({
        store,
        bot,
        logger,
        senders,
        ...(workers ? { workers } : {}),
        schedule: createSchedule(config.dailySummary),
        fixed: fixedRecipients(config),
        catchUpHours: config.dailySummary.catchUpHours,
        delivery,
      });
    },
  };
}

/** The web chat beside the platforms or the console chat, with the operator page's sources. */
export function createWebChatStarter(sources: WebChatSources): AdapterStarter {
  return {
    name: "Web chat",
    enabledBy: "WEB_CHAT=on",
    enabled: (config) => config.web.enabled,
    start: (config, { bot, logger }) => startWebChat({ settings: config.web, bot, logger, sources }),
  };
}

/** What every adapter starts with; with a store, the daily summary's subscriptions for /subscribe. */
export function createAppServices(options: {
  config: AppConfig;
  bot: NewsBot;
  logger: Logger;
  store?: Store;
  redis?: RedisConnection;
  metrics?: Metrics;
}): AppServices {
  const { config, bot, logger, store, redis, metrics } = options;
  const shared = {
    ...(redis ? { redis, dedupe: createRedisDedupeStore({ redis, logger }) } : {}),
    ...(metrics ? { metrics } : {}),
  };
  if (!store) return { bot, logger, ...shared };
  const subscriptions = createSubscriptionDesk({
    subscriptions: store.subscriptions,
    schedule: createSchedule(config.dailySummary),
    fixed: fixedRecipients(config),
  });
  return { bot, logger, store, subscriptions, ...shared };
}

/** Every platform adapter; the console chat runs when none is enabled. The daily summary starts after them. */
const STARTERS: AdapterStarter[] = [telegramStarter, slackStarter, createDailySummaryStarter()];
/** The web chat runs beside the platforms, or beside the console chat; startApp builds it with its sources, this one names it in the start-up lines. */
const WEB_CHAT = createWebChatStarter({ daily: () => undefined, recentErrors: () => [] });

/** Options for {@link startApp}. */
export interface AppOptions {
  config: AppConfig;
  bot: NewsBot;
  logger: Logger;
  /** The bot's state, which main.ts opens when a platform is configured and closes after stop(). */
  store?: Store;
  /** Shared short-lived state with REDIS_URL, which main.ts opens first and closes after stop(). */
  redis?: RedisConnection;
  /** Console chat input and output; default the process's. */
  input?: Readable;
  output?: Writable;
  /** Interactive terminal: prompt and bold text in the console chat. */
  interactive?: boolean;
  /** The followed feeds' health, for the operator page; absent when no feeds are followed. */
  feedHealth?: () => Promise<FeedHealth[]>;
  /** Served at /readyz; without it the HTTP server has no /readyz. */
  readiness?: Readiness;
  /** Served at /metrics, and counted into by the daily summary's senders; without it there is no /metrics. */
  metrics?: Metrics;
}

/** The running app: `done` settles when the console chat ends (never for platform bots); `stop()` stops all. */
export interface RunningApp {
  done: Promise<void>;
  /** The HTTP server's port, when one runs (PORT=0 picks a free one). */
  httpPort?: number;
  stop(): Promise<void>;
}

/** Whether no platform adapter is configured, so `npm start` opens the console chat. */
export function runsConsoleChat(config: AppConfig): boolean {
  return !STARTERS.some((starter) => starter.enabled(config));
}

/** Lines that say which adapters are on and which setting turns each other one on. */
export function describeAdapters(config: AppConfig): string[] {
  const enabled = STARTERS.filter((starter) => starter.enabled(config));
  return [
    enabled.length > 0
      ? `On: ${enabled.map((starter) => starter.name).join(", ")}.`
      : "On: console chat (no platform is configured).",
    ...[...STARTERS, WEB_CHAT]
      .filter((starter) => !starter.enabled(config))
      .map((starter) => `Off: ${starter.name}; set ${starter.enabledBy} to turn it on.`),
  ];
}

/** Starts every adapter whose settings are present, the shared HTTP server if one needs it, or the console chat. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, bot } = options;
  // Every adapter logs through the recorder, so the operator page can list the latest warnings and errors.
  const recorder = recordErrors(options.logger, { secrets: secretsOf(config) });
  const logger = recorder.logger;
  const services = createAppServices({ ...options, logger });
  let dailyOperator: DailyOperator | undefined;
  const webChat = createWebChatStarter({
    daily: () => dailyOperator,
    recentErrors: recorder.recent,
    ...(options.feedHealth ? { feeds: options.feedHealth } : {}),
  });
  const running: RunningAdapter[] = [];
  let server: RunningHttpServer | undefined;
  // The server stops first, so no request reaches an adapter that is shutting down.
  const stop = async () => {
    await server?.stop();
    await Promise.allSettled(running.map((adapter) => adapter.stop()));
  };
  try {
    for (const starter of [...STARTERS, webChat].filter((s) => s.enabled(config))) {
      const adapter = await starter.start(config, services);
      running.push(adapter);
      if (isDailySummary(adapter) && services.store) {
        dailyOperator = createDailyOperator({ store: services.store, daily: adapter });
      }
      logger.info(`${starter.name} started`);
    }
    const routes = running.flatMap((adapter) => adapter.routes);
    if (options.readiness && options.metrics) {
      routes.push(...operationsRoutes({ readiness: options.readiness, registry: options.metrics.registry }));
    }
    // Every running adapter gets the server, routes or not: /healthz watches a Socket Mode or polling bot too.
    if (running.length > 0) {
      server = await startHttpServer({
        port: config.port,
        routes,
        isHealthy: () => bot.articles().length > 0,
        logger,
      }).catch((error: unknown) => {
        // Beside the console chat the web chat is a convenience: a busy port must not cost the console chat.
        if (!runsConsoleChat(config)) throw error;
        logger.warn("The web chat could not start; the console chat runs without it", {
          port: config.port,
          error: describeError(error),
        });
        return undefined;
      });
    }
    for (const adapter of running) await adapter.afterListen?.();
  } catch (error) {
    // A NewsBotError is written for the operator, and main.ts prints it as the one message; a bug is logged too.
    if (!(error instanceof NewsBotError)) logger.error("Start-up failed", { error: describeError(error) });
    await stop();
    throw error;
  }
  const webLine = server && config.web.enabled ? [`Web chat: http://localhost:${server.port}/`] : [];
  if (!runsConsoleChat(config)) {
    for (const line of [...describeAdapters(config), ...webLine]) logger.info(line);
    return { done: new Promise<void>(() => {}), stop, ...(server ? { httpPort: server.port } : {}) };
  }
  const chat = runConsoleChat({
    bot,
    input: options.input ?? process.stdin,
    output: options.output ?? process.stdout,
    banner: [
      "News bot – console chat. Ask a question about the news, or type /help. End with Ctrl+D or /quit.",
      ...describeAdapters(config),
      ...webLine,
      `Articles: ${bot
        .articles()
        .map((article) => article.title)
        .join(" | ")}`,
      "",
    ],
    style: options.interactive ? TERMINAL_STYLE : PLAIN_STYLE,
    prompt: options.interactive ?? false,
    onError: (error) => logger.error("Console answer failed", { error: describeError(error) }),
  });
  return {
    done: chat.done,
    ...(server ? { httpPort: server.port } : {}),
    stop: async () => {
      chat.stop();
      await stop();
    },
  };
}

function isDailySummary(adapter: RunningAdapter): adapter is RunningDailySummary {
  return "runSlot" in adapter;
}

/** A setting the starter's `enabled` already checked, or the message that says what to set. */
function required<T>(
  value: T | undefined,
  message: string,
  code: "CONFIG_INVALID" | "STORE_OPEN" = "CONFIG_INVALID",
): T {
  if (value === undefined) throw new NewsBotError(code, message);
  return value;
}
