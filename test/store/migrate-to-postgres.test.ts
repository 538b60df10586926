import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFeedArticle } from "../../adapters/feeds/feed-article.ts";
import { copyTables } from "../../adapters/store/copy-tables.ts";
import { openPostgresDatabase, openPostgresStore } from "../../adapters/store/postgres-store.ts";
import { openSqliteDatabase, openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import { NewsBotError } from "../../src/index.ts";
import { POSTGRES_SKIPPED, TEST_DATABASE_URL, testResources } from "../helpers/postgres.ts";
import { run } from "../helpers/spawn.ts";

const SLOT = "2030-01-01T07:00:00.000Z";
const NOW = new Date("2030-01-01T07:05:00.000Z");
const CLI = "adapters/cli/migrate-to-postgres.ts";

const resources = testResources();
const schema = () => resources.schema();

/** A DATA_DIR whose bot.db has a row in every copied table. */
async function seededDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "migrate-pg-"));
  const store = await openSqliteStore(storePath(dataDir));
  await store.subscriptions.subscribe("telegram", "-100", { language: "en", now: NOW });
  await store.subscriptions.subscribe("slack", "C1", { language: "de", now: NOW });
  await store.subscriptions.markGone("slack", "C1", { reason: "kicked", now: NOW });
  await store.ledger.beginSlot(SLOT, ["a", "b"], NOW);
  await store.ledger.record(
    { slot: SLOT, platform: "telegram", recipient: "-100" },
    { status: "sent", partsSent: 2, now: NOW },
  );
  await store.articleChoices.set("telegram:-100", "a", NOW);
  await store.feeds.put(
    buildFeedArticle({
      feedUrl: "https://news.example/feed.xml",
      feedTitle: "Küstenbote",
      guid: "kb-1",
      link: "https://news.example/leuchtturm",
      title: "Leuchtturm wird saniert",
      date: "2029-12-31T08:00:00.000Z",
      itemHash: "h1",
      blocks: [{ kind: "paragraph", text: "Der Leuchtturm von Westerhever wird ab Montag saniert." }],
      now: "2029-12-31T09:00:00.000Z",
    }),
  );
  await store.feeds.saveFeedState({ url: "https://news.example/feed.xml", failures: 0, lastStatus: "ok" });
  await store.close();
  return dataDir;
}

describe.skipIf(!TEST_DATABASE_URL)(`migrate-to-postgres: copying bot.db${POSTGRES_SKIPPED}`, () => {
  it("copies every table, refuses a second copy into the filled target, and with force changes nothing", async () => {
    const dataDir = await seededDataDir();
    const { url } = await schema();
    const source = await openSqliteDatabase(storePath(dataDir), { readOnly: true });
    resources.defer(() => source.db.destroy());
    const target = await openPostgresDatabase(url);
    resources.defer(() => target.db.destroy());

    const first = await copyTables(source.db, target.db);
    expect(first.tables).toEqual([
      { table: "subscriptions", source: 2, target: 2 },
      { table: "slots", source: 1, target: 1 },
      { table: "deliveries", source: 1, target: 1 },
      { table: "article_choices", source: 1, target: 1 },
      { table: "feed_articles", source: 1, target: 1 },
      { table: "feed_states", source: 1, target: 1 },
    ]);
    const refused = await copyTables(source.db, target.db).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NewsBotError);
    expect((refused as NewsBotError).message).toMatch(
      /already has rows \(subscriptions: 2, slots: 1.*--force/,
    );
    expect((await copyTables(source.db, target.db, { force: true })).tables).toEqual(first.tables);

    const store = await openPostgresStore(url);
    resources.defer(() => store.close());
    expect((await store.subscriptions.active()).map((s) => [s.platform, s.recipient, s.language])).toEqual([
      ["telegram", "-100", "en"],
    ]);
    expect(await store.subscriptions.gone("slack")).toEqual(new Set(["C1"]));
    expect(await store.ledger.deliveries(SLOT)).toEqual(
      new Map([["telegram:-100", { status: "sent", partsSent: 2 }]]),
    );
    expect(await store.ledger.sinceFor("2030-01-02T07:00:00.000Z")).toEqual(["a", "b"]);
    expect(await store.articleChoices.get("telegram:-100")).toBe("a");
    expect((await store.feeds.list()).map((article) => article.title)).toEqual(["Leuchtturm wird saniert"]);
    expect((await store.feeds.feedStates()).map((state) => state.lastStatus)).toEqual(["ok"]);
  });

  it("runs as npm run migrate-to-postgres: reports the counts and never prints the password", async () => {
    const dataDir = await seededDataDir();
    const { url } = await schema();
    const withPassword = new URL(url);
    withPassword.password = "pa55-w0rd-secret";
    const result = await run([CLI], { env: { DATA_DIR: dataDir, DATABASE_URL: withPassword.toString() } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Copied .*bot\.db into postgres:\/\/postgres:\*\*\*@/);
    expect(result.stdout).toMatch(/subscriptions +2 copied, 2 in the target/);
    expect(result.stdout + result.stderr).not.toContain("pa55-w0rd-secret");
  });
});

describe("migrate-to-postgres: what it needs", () => {
  it("names DATABASE_URL when it is not set, and copies nothing", async () => {
    const result = await run([CLI], { env: { DATA_DIR: mkdtempSync(join(tmpdir(), "migrate-pg-")) } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Set DATABASE_URL to the PostgreSQL database to copy into");
  });
});
