import { createInterface } from "node:readline";
import { slackStarter } from "../../adapters/app.ts";
import { loadConfig, secretsOf } from "../../adapters/config.ts";
import { startHttpServer } from "../../adapters/http/http-server.ts";
import { createLogger } from "../../adapters/logger.ts";
import { createNewsBot, loadArticles } from "../../src/index.ts";
import { startStockBolt } from "./stock-bolt.ts";

/**
 * The Slack bot of the burst benchmark, alone in its process so that its CPU time is its own: the production
 * adapter (or, with BENCH_MODE=stock, the anchor: see stock-bolt.ts) and HTTP server on a free loopback port, logging at info as in production (to nowhere). It prints
 * `{"port":…}` once listening, and answers each line on stdin with `{"cpuMs":…}` (user + system so far).
 */
const config = loadConfig({
  SLACK_BOT_TOKEN: "xoxb-1111-2222-benchtokenvalue",
  SLACK_SIGNING_SECRET: process.env.BENCH_SIGNING_SECRET ?? "",
  SLACK_API_URL: process.env.BENCH_SLACK_API_URL ?? "",
  PORT: "0",
  CONTENT_DIR: "content",
  QUESTIONS_PER_MINUTE: "10000",
});
const logger = createLogger({ level: "info", write: () => {}, secrets: secretsOf(config) });
const { articles } = await loadArticles(config.core.contentDir);
const bot = createNewsBot({ articles, questionsPerMinute: config.core.questionsPerMinute });
const adapter =
  process.env.BENCH_MODE === "stock"
    ? await startStockBolt(config, bot, logger)
    : await slackStarter.start(config, { bot, logger });
const server = await startHttpServer({
  port: 0,
  host: "127.0.0.1",
  routes: adapter.routes,
  isHealthy: () => true,
  logger,
});
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
createInterface({ input: process.stdin }).on("line", () => {
  const usage = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (usage.user + usage.system) / 1000 })}\n`);
});
process.stdin.on("end", () => {
  void adapter.stop().then(() => server.stop());
});
