import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { readCommandLine, runCommandLine, UsageError } from "../cli/arguments.ts";
import { loadConfig } from "../config.ts";
import { openStore } from "../store/open-store.ts";
import { openSqliteStore } from "../store/sqlite-store.ts";
import { feedUrls } from "./feed-service.ts";
import { renderFeedStates } from "./feed-status.ts";
import { feedStorePath } from "./settings.ts";

const USAGE = `Usage: npm run feeds                    prints each feed's state: last fetch, status, items, errors
       npm run feeds -- --export DIR     writes every stored feed article to DIR as a Markdown file`;

/**
 * Prints the feeds' states or exports the stored articles. Reads bot.db without creating or changing it; PostgreSQL
 * (DATABASE_URL) is opened as the bot opens it.
 */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = readCommandLine(argv, {
    help: { type: "boolean", short: "h" },
    export: { type: "string" },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const exportDir = values.export;
  if (exportDir === "") throw new UsageError("--export needs a folder.");
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const configured = config.feeds ? await feedUrls(config.feeds) : [];
  const path = feedStorePath(config.dataDir);
  if (config.databaseUrl === undefined && !existsSync(path)) {
    process.stdout.write(
      `${configured.length} feed(s) configured; none polled yet (no ${path}). Start the bot with FEEDS or FEEDS_FILE set.\n`,
    );
    return 0;
  }
  const store = config.databaseUrl
    ? await openStore(config)
    : await openSqliteStore(path, { readOnly: true });
  try {
    const articles = await store.feeds.list();
    if (exportDir !== undefined) {
      const dir = resolve(exportDir);
      await mkdir(dir, { recursive: true });
      for (const article of articles) await writeFile(join(dir, `${article.id}.md`), article.markdown);
      process.stdout.write(`Wrote ${articles.length} feed article(s) to ${dir}.\n`);
      return 0;
    }
    const states = await store.feeds.feedStates();
    process.stdout.write(`${renderFeedStates({ configured, states, articles })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

runCommandLine(main, { env: process.env, usage: USAGE });
