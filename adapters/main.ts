import { readFileSync } from "node:fs";
import { config as loadDotenv } from "dotenv";
import { createNewsBot, describeError, loadArticles, watchContent } from "../src/index.ts";
import { type RunningApp, runsConsoleChat, startApp } from "./app.ts";
import { describeFatal, loadConfig, secretsOf } from "./config.ts";
import { createArticleMix } from "./feeds/article-mix.ts";
import type { RunningFeeds } from "./feeds/feed-service.ts";
import { createReadiness } from "./http/readiness.ts";
import { createLogger } from "./logger.ts";
import { instrumentBot } from "./metrics/instrument.ts";
import { readChoicesThroughOutages } from "./store/article-choice-fallback.ts";
import { openStore } from "./store/open-store.ts";
import type { Store } from "./store/store.ts";

/** The bot's version, for the User-Agent its feed requests carry. */
const BOT_VERSION: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

/**
 * How long SIGTERM waits for in-flight work (answers, webhook follow-ups, the current daily-summary sends) before
 * the process exits anyway: below the 30 s a container platform usually grants before SIGKILL.
 */
const SHUTDOWN_TIMEOUT_MS = 20_000;

/** The process entry point: reads the settings once, builds the core, starts the adapters, stops on signals. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  // In the console chat, routine start-up lines would sit between the person and the chat; warnings still show.
  const consoleOnly = runsConsoleChat(config) && !config.core.logLevelSet;
  const logger = createLogger({
    level: consoleOnly ? "warn" : config.core.logLevel,
    secrets: secretsOf(config),
  });
  // A forgotten await in a handler must cost one answer, never the process.
  process.on("unhandledRejection", (reason) =>
    logger.error("Unhandled rejection", { error: describeError(reason) }),
  );
  const { articles, problems } = await loadArticles(config.core.contentDir);
  for (const problem of problems)
    logger.warn("Skipped a content file", { file: problem.file, reason: problem.reason });
  logger.info("Content loaded", { articles: articles.length, dir: config.core.contentDir });
  // Redis (REDIS_URL) opens before anything that shares state through it, and closes after they stopped. Its
  // client, like the store's driver and each platform's SDK, is loaded only when configured.
  const redis = config.redis
    ? await (await import("./store/redis.ts")).openRedis(config.redis, logger)
    : undefined;
  const questionLimit = redis
    ? (await import("./store/redis-question-limit.ts")).createRedisQuestionLimit({
        redis,
        perMinute: config.core.questionsPerMinute,
        logger,
      })
    : undefined;
  // The store (subscriptions, delivery ledger, article choices, feed articles) opens first and closes last, after
  // everything that uses it has stopped. The console chat alone needs none: it keeps its article choice in memory.
  let store: Store | undefined;
  // Metrics (/metrics) go with a platform: the console chat is a local session, and prom-client, about 0.3 s of
  // start-up, stays unloaded there.
  const metrics = runsConsoleChat(config)
    ? undefined
    : (await import("./metrics/metrics.ts")).createMetrics({
        oldestOpenSlot: async (since) => store?.ledger.oldestOpenSlot(since),
        ...(config.feeds ? { feedStates: async () => (await store?.feeds.feedStates()) ?? [] } : {}),
      });
  const readiness = createReadiness({ logger });
  if (redis) {
    readiness.add({
      name: "redis",
      check: async () => {
        if (!(await redis.isReady())) throw new Error("Redis does not answer PING");
      },
    });
  }
  let feeds: RunningFeeds | undefined;
  if (config.feeds || !runsConsoleChat(config)) {
    store = await openStore(config, {
      onConnectionError: (error) =>
        logger.warn("A database connection failed; the next query opens a new one", {
          error: describeError(error),
        }),
    });
    logger.info("State opened", { location: store.location });
    const opened = store;
    readiness.add({ name: "database", check: () => opened.checkReady() });
  }
  const core = createNewsBot({
    articles,
    questionsPerMinute: config.core.questionsPerMinute,
    ...(store ? { articleChoices: readChoicesThroughOutages(store.articleChoices, logger) } : {}),
    ...(questionLimit ? { questionLimit } : {}),
  });
  const bot = metrics ? instrumentBot(core, metrics) : core;
  const mix = createArticleMix(bot, articles);
  const watcher = watchContent({
    dir: config.core.contentDir,
    initial: articles,
    rejected: problems.map((problem) => problem.file),
    onChange: (updated) => {
      mix.setFiles(updated);
      logger.info("Content updated", { articles: updated.length });
    },
    logger,
  });
  const stopAll = async (app?: RunningApp) => {
    await app?.stop();
    await feeds?.stop();
    await redis?.close();
    await store?.close();
  };
  if (config.feeds && store) {
    // Loaded only when feeds are on: the parser and the DOM for full text cost start-up time otherwise.
    const { startFeeds } = await import("./feeds/feed-service.ts");
    feeds = await startFeeds({
      settings: config.feeds,
      store: store.feeds,
      logger,
      onChange: (change) => mix.updateFeeds(change),
      version: BOT_VERSION,
    }).catch(async (error: unknown) => {
      await stopAll();
      throw error;
    });
  }
  const feedStore = store?.feeds;
  const starting = startApp({
    config,
    bot,
    logger,
    interactive: Boolean(process.stdin.isTTY),
    readiness,
    ...(metrics ? { metrics } : {}),
    ...(store ? { store } : {}),
    ...(redis ? { redis } : {}),
    ...(feedStore ? { feedHealth: () => feedStore.feedStates() } : {}),
  }).catch(async (error: unknown) => {
    await stopAll();
    throw error;
  });
  let stopping = false;
  // Listening for signals before start-up ends: the HTTP server answers (and a supervisor may stop the process)
  // while later adapters still start, and a signal then must stop cleanly too, once start-up is done. A failed
  // start-up is reported by main's catch.
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("Stopping", { signal, timeoutMs: SHUTDOWN_TIMEOUT_MS });
    // /readyz answers 503 first, so a load balancer sends nothing new while in-flight work finishes.
    readiness.drain();
    watcher.stop();
    // Work that does not finish in time is left to the other replicas (the ledger and the queue know it).
    setTimeout(() => {
      logger.error("Stop took too long; exiting with work unfinished", { timeoutMs: SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    starting.then(
      (app) =>
        stopAll(app).then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error("Stop failed", { error: describeError(error) });
            process.exit(1);
          },
        ),
      () => {},
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  const app = await starting;
  await app.done;
  watcher.stop();
  await stopAll(app);
}

main().catch((error: unknown) => {
  process.stderr.write(`news-bot could not start.\n${describeFatal(error, process.env)}\n`);
  process.exit(1);
});
