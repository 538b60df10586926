import { existsSync } from "node:fs";
import { config as loadDotenv } from "dotenv";
import { createNewsBot, loadArticles, NewsBotError, planDigest } from "../../src/index.ts";
import { createDigestSenders, fixedRecipients } from "../app.ts";
import { loadConfig, secretsOf } from "../config.ts";
import { renderConsoleReply } from "../console/render.ts";
import { countOutcomes, deliverSlot } from "../daily/delivery.ts";
import { createSchedule, formatSlotDate, slotId, todaysSlot } from "../daily/schedule.ts";
import { createLogger } from "../logger.ts";
import { openStore } from "../store/open-store.ts";
import { openSqliteStore, storePath } from "../store/sqlite-store.ts";
import { languageOption, readCommandLine, runCommandLine, UsageError } from "./arguments.ts";

const USAGE = `Usage: npm run summary                 prints today's daily summary as the console shows it
       npm run summary -- --lang en     the same with English headings
       npm run summary -- --send        delivers today's summary now to every recipient that has not had it`;

/** Prints today's daily summary, or with --send delivers it and reports what was sent, skipped and failed. */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = readCommandLine(argv, {
    help: { type: "boolean", short: "h" },
    send: { type: "boolean" },
    lang: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const send = values.send ?? false;
  const language = languageOption(values.lang);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.core.logLevel, secrets: secretsOf(config) });
  const { articles } = await loadArticles(config.core.contentDir);
  const bot = createNewsBot({ articles });
  const schedule = createSchedule(config.dailySummary);
  const at = todaysSlot(schedule, new Date()) ?? new Date();
  const slot = { id: slotId(at), at };
  const database = storePath(config.dataDir);
  if (!send) {
    // Printing only reads which articles the last summary had: it never creates a bot.db. PostgreSQL (DATABASE_URL)
    // is opened as the bot opens it, which migrates a database still on an older schema.
    const store = config.databaseUrl
      ? await openStore(config)
      : existsSync(database)
        ? await openSqliteStore(database, { readOnly: true })
        : undefined;
    const since = (await store?.ledger.sinceFor(slot.id)) ?? null;
    await store?.close();
    const date = formatSlotDate(at, schedule.timeZone, language);
    const digest = planDigest({ bot, since, language, date });
    if (!digest) throw new NewsBotError("NO_CONTENT", `No articles in ${config.core.contentDir}.`);
    process.stdout.write(`${renderConsoleReply(digest, language)}\n`);
    return 0;
  }
  const senders = await createDigestSenders(config, logger);
  if (senders.length === 0) {
    process.stderr.write("No platform is configured: set TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN first.\n");
    return 1;
  }
  const store = await openStore(config);
  try {
    const report = await deliverSlot({
      slot,
      store,
      bot,
      senders,
      staticRecipients: fixedRecipients(config),
      timeZone: schedule.timeZone,
      logger,
    });
    process.stdout.write(`Slot ${slot.id}:\n`);
    for (const outcome of report.outcomes) {
      const detail = outcome.detail ? ` (${outcome.detail})` : "";
      const count = outcome.messages > 0 ? `, ${outcome.messages} message(s)` : "";
      process.stdout.write(
        `${outcome.status.padEnd(7)} ${outcome.platform} ${outcome.recipient}${count}${detail}\n`,
      );
    }
    const total = countOutcomes(report.outcomes);
    const unreachable =
      report.unreachable > 0 ? `, waiting for an unconfigured platform ${report.unreachable}` : "";
    process.stdout.write(
      `Sent ${total.sent}, skipped ${total.skipped}, failed ${total.failed}, already had it ${total.already}${unreachable}.\n`,
    );
    return total.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

runCommandLine(main, { env: process.env, usage: USAGE });
