/**
 * A delivery run in a process of its own, for the crash and two-process tests: delivers one slot to the
 * subscriptions in DATA_DIR through a fake Telegram at a slow rate, then prints its report as JSON.
 *
 *   DATA_DIR=… TELEGRAM_API_ROOT=… TELEGRAM_BOT_TOKEN=… SLOT=2030-01-01T07:00:00.000Z RATE=4 node --import tsx test/daily/deliver-child.ts
 */
import { Api } from "grammy";
import { deliverSlot } from "../../adapters/daily/delivery.ts";
import { openStore, storePath } from "../../adapters/daily/store.ts";
import { createTelegramSender } from "../../adapters/daily/telegram-daily.ts";
import { createLogger, createNewsBot } from "../../src/index.ts";
import { realArticle } from "../helpers/articles.ts";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const store = openStore(storePath(env("DATA_DIR")));
const slotId = env("SLOT");
const report = await deliverSlot({
  slot: { id: slotId, at: new Date(slotId) },
  store,
  bot: createNewsBot({ articles: [realArticle()] }),
  senders: [
    createTelegramSender({
      api: new Api(env("TELEGRAM_BOT_TOKEN"), { apiRoot: env("TELEGRAM_API_ROOT") }),
      globalRate: Number(env("RATE")),
    }),
  ],
  timeZone: "Europe/Berlin",
  logger: createLogger({ level: "info", write: (line) => process.stderr.write(`${line}\n`) }),
  concurrency: 4,
  recheckMs: 200,
});
store.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
