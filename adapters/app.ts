import type { Readable, Writable } from "node:stream";
import { describeError, type Logger, type NewsBot, NewsBotError } from "../src/index.ts";
import type { AdapterStarter, RunningAdapter } from "./adapter.ts";
import { type AppConfig, secretsOf } from "./config.ts";
import { runConsoleChat } from "./console/console-chat.ts";
import { PLAIN_STYLE, TERMINAL_STYLE } from "./console/render.ts";
import type { RunningDailySummary } from "./daily/daily-summary.ts";
import { createDailyOperator } from "./daily/operator.ts";
import { createAdapterContext, createDailySummaryStarter } from "./daily-wiring.ts";
import { type RunningHttpServer, startHttpServer } from "./http/http-server.ts";
import type { DailyOperator } from "./ports/daily.ts";
import { slackStarter } from "./slack/slack-adapter.ts";
import type { Store } from "./store/store.ts";
import { telegramStarter } from "./telegram/telegram-adapter.ts";
import type { FeedHealth } from "./web/operator.ts";
import { recordErrors } from "./web/recent-errors.ts";
import { createWebChatStarter } from "./web/web-adapter.ts";

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
  /** Console chat input and output; default the process's. */
  input?: Readable;
  output?: Writable;
  /** Interactive terminal: prompt and bold text in the console chat. */
  interactive?: boolean;
  /** The followed feeds' health, for the operator page; absent when no feeds are followed. */
  feedHealth?: () => Promise<FeedHealth[]>;
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
  const context = createAdapterContext({ ...options, logger });
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
      const adapter = await starter.start(context);
      running.push(adapter);
      if (isDailySummary(adapter) && context.store) {
        dailyOperator = createDailyOperator({ store: context.store, daily: adapter });
      }
      logger.info(`${starter.name} started`);
    }
    const routes = running.flatMap((adapter) => adapter.routes);
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
