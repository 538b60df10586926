/**
 * A delivery run in a process of its own, for the crash and two-process tests, wired exactly as the app wires it
 * (settings from the environment, the store in DATA_DIR, the daily starter with its digest senders): runs one
 * slot, stops, and prints the report as JSON. Logs go to stderr. LEASE_MS shortens the slot lease, so a test
 * need not wait minutes for a killed process's lease to expire; CONCURRENCY sets the sends in flight.
 *
 *   DATA_DIR=… TELEGRAM_API_ROOT=… TELEGRAM_BOT_TOKEN=… SLOT=2030-01-01T07:00:00.000Z node --import tsx test/daily/deliver-child.ts
 */

import { createAppServices, createDailySummaryStarter } from "../../adapters/app.ts";
import { loadConfig } from "../../adapters/config.ts";
import { createLogger } from "../../adapters/logger.ts";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import { createNewsBot } from "../../src/index.ts";
import { realArticle } from "../helpers/articles.ts";

const slotId = process.env.SLOT;
if (!slotId) throw new Error("SLOT is not set");
const config = loadConfig(process.env);
const store = await openSqliteStore(storePath(config.dataDir));
const services = createAppServices({
  config,
  bot: createNewsBot({ articles: [realArticle()] }),
  logger: createLogger({ level: "info", write: (line) => process.stderr.write(`${line}\n`) }),
  store,
});
const delivery = {
  ...(process.env.LEASE_MS ? { leaseMs: Number(process.env.LEASE_MS) } : {}),
  ...(process.env.CONCURRENCY ? { concurrency: Number(process.env.CONCURRENCY) } : {}),
};
const daily = await createDailySummaryStarter(delivery).start(config, services);
const report = await daily.runSlot({ id: slotId, at: new Date(slotId) });
await daily.stop();
await store.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
