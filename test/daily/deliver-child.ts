/**
 * A delivery run in a process of its own, for the crash and two-process tests, wired exactly as the app wires it
 * (settings from the environment, the daily starter with its store, clients and senders): runs one slot, stops,
 * and prints the report as JSON. Logs go to stderr.
 *
 *   DATA_DIR=… TELEGRAM_API_ROOT=… TELEGRAM_BOT_TOKEN=… SLOT=2030-01-01T07:00:00.000Z node --import tsx test/daily/deliver-child.ts
 */
import { loadConfig } from "../../adapters/config.ts";
import { dailySummaryStarter } from "../../adapters/daily/daily-starters.ts";
import { createLogger } from "../../adapters/logger.ts";
import { createNewsBot } from "../../src/index.ts";
import { realArticle } from "../helpers/articles.ts";

const slotId = process.env.SLOT;
if (!slotId) throw new Error("SLOT is not set");
const context = {
  config: loadConfig(process.env),
  bot: createNewsBot({ articles: [realArticle()] }),
  logger: createLogger({ level: "info", write: (line) => process.stderr.write(`${line}\n`) }),
};
const daily = await dailySummaryStarter.start(context);
const report = await daily.runSlot({ id: slotId, at: new Date(slotId) });
await daily.stop();
process.stdout.write(`${JSON.stringify(report)}\n`);
