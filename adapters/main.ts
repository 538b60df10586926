import { config as loadDotenv } from "dotenv";
import { createNewsBot, describeError, loadArticles, watchContent } from "../src/index.ts";
import { runsConsoleChat, startApp } from "./app.ts";
import { describeFatal, loadConfig, secretsOf } from "./config.ts";
import { createLogger } from "./logger.ts";

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
  const bot = createNewsBot({ articles, questionsPerMinute: config.core.questionsPerMinute });
  const watcher = watchContent({
    dir: config.core.contentDir,
    initial: articles,
    rejected: problems.map((problem) => problem.file),
    onChange: (updated) => {
      bot.replaceArticles(updated);
      logger.info("Content updated", { articles: updated.length });
    },
    logger,
  });
  const app = await startApp({ config, bot, logger, interactive: Boolean(process.stdin.isTTY) });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("Stopping", { signal });
    watcher.stop();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("Stop failed", { error: describeError(error) });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  await app.done;
  watcher.stop();
  await app.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`news-bot could not start.\n${describeFatal(error, process.env)}\n`);
  process.exit(1);
});
