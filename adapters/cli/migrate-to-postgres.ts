import { existsSync } from "node:fs";
import { config as loadDotenv } from "dotenv";
import { NewsBotError, SettingsReader } from "../../src/index.ts";
import { copyTables } from "../store/copy-tables.ts";
import { openPostgresDatabase } from "../store/postgres-store.ts";
import { describeDatabaseUrl, readStoreSettings } from "../store/settings.ts";
import { openSqliteDatabase, storePath } from "../store/sqlite-store.ts";
import { readCommandLine, runCommandLine, UsageError } from "./arguments.ts";

const USAGE = `Usage: npm run migrate-to-postgres                  copies DATA_DIR's bot.db into the database at DATABASE_URL
       npm run migrate-to-postgres -- --from FILE    copies another SQLite database of the bot
       npm run migrate-to-postgres -- --force        copies into a database that has rows already
                                                     (rows with the same key are replaced, others kept)`;

/**
 * Copies the bot's SQLite state (subscriptions, delivery ledger, article choices, feed articles) into PostgreSQL,
 * for moving one bot to replicas. The SQLite file is only read; the target is migrated first and written in one
 * transaction, and a target with rows is refused unless --force. Prints the rows per table.
 */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = readCommandLine(argv, {
    help: { type: "boolean", short: "h" },
    force: { type: "boolean" },
    from: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenv({ quiet: true });
  const reader = new SettingsReader(process.env);
  const settings = readStoreSettings(reader, process.cwd());
  reader.throwIfProblems();
  if (settings.databaseUrl === undefined) {
    throw new NewsBotError(
      "CONFIG_INVALID",
      "Set DATABASE_URL to the PostgreSQL database to copy into, e.g. postgres://bot:password@db:5432/news.",
    );
  }
  const path = values.from ?? storePath(settings.dataDir);
  if (!existsSync(path)) {
    throw new NewsBotError(
      "STORE_OPEN",
      `No SQLite database at ${path}${values.from ? "" : " (DATA_DIR)"}; nothing to copy.`,
    );
  }
  const source = await openSqliteDatabase(path, { readOnly: true });
  try {
    const target = await openPostgresDatabase(settings.databaseUrl);
    try {
      const report = await copyTables(source.db, target.db, { force: values.force ?? false });
      const width = Math.max(...report.tables.map((entry) => entry.table.length));
      const lines = report.tables.map(
        (entry) =>
          `  ${entry.table.padEnd(width)}  ${String(entry.source).padStart(7)} copied, ${entry.target} in the target`,
      );
      process.stdout.write(
        `Copied ${path} into ${describeDatabaseUrl(settings.databaseUrl)}:\n${lines.join("\n")}\n` +
          "Slot and feed leases were not copied; they last seconds. Now start the bot with DATABASE_URL set.\n",
      );
      return 0;
    } finally {
      await target.db.destroy();
    }
  } finally {
    await source.db.destroy();
  }
}

runCommandLine(main, { env: process.env, usage: USAGE });
