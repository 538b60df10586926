import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import type { Store } from "../../adapters/store/store.ts";
import { NewsBotError } from "../../src/index.ts";

const opened: Store[] = [];
const tempDir = () => mkdtempSync(join(tmpdir(), "news-store-"));
const open = async (path: string) => {
  const store = await openSqliteStore(path);
  opened.push(store);
  return store;
};
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function storeOpenError(action: () => Promise<unknown>): Promise<NewsBotError> {
  const error = await action().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof NewsBotError) return error;
  throw new Error(`expected NewsBotError(STORE_OPEN), got ${String(error)}`);
}

const tablesOf = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      mode: db.pragma("journal_mode", { simple: true }),
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all(),
    };
  } finally {
    db.close();
  }
};

describe("SQLite store: opening and migrations", () => {
  it("creates DATA_DIR and bot.db on first start, in WAL mode, with every table", async () => {
    const path = storePath(join(tempDir(), "nested", "data"));
    await open(path);
    const { mode, tables } = tablesOf(path);
    expect(mode).toBe("wal");
    expect(tables).toEqual([
      "article_choices",
      "deliveries",
      "feed_articles",
      "feed_states",
      "kysely_migration",
      "kysely_migration_lock",
      "slot_leases",
      "slots",
      "subscriptions",
    ]);
  });

  it("keeps subscriptions across a reopen and runs no migration twice", async () => {
    const path = storePath(tempDir());
    const first = await openSqliteStore(path);
    await first.subscriptions.subscribe("telegram", "42", { language: "en", now: new Date() });
    await first.close();
    const second = await open(path);
    const active = await second.subscriptions.active();
    expect(active.map((s) => [s.platform, s.recipient, s.language])).toEqual([["telegram", "42", "en"]]);
  });

  it("refuses a file that is not a SQLite database and leaves it unchanged", async () => {
    const path = storePath(tempDir());
    const garbage = "these are notes, not a database\n".repeat(200);
    writeFileSync(path, garbage);
    const error = await storeOpenError(() => openSqliteStore(path));
    expect(error.code).toBe("STORE_OPEN");
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not a SQLite database or is damaged/);
    expect(readFileSync(path, "utf8")).toBe(garbage);
  });

  it("refuses a damaged database and leaves it unchanged", async () => {
    const path = storePath(tempDir());
    const store = await openSqliteStore(path);
    for (let i = 0; i < 300; i++) {
      await store.subscriptions.subscribe("slack", `C${i}`.padEnd(200, "x"), {
        language: "de",
        now: new Date(),
      });
    }
    await store.close();
    const bytes = readFileSync(path);
    // Overwrite the middle of the file (b-tree pages), keeping the header intact.
    bytes.fill(0xa5, 4096 * 3, 4096 * 6);
    writeFileSync(path, bytes);
    const error = await storeOpenError(() => openSqliteStore(path));
    expect(error.message).toMatch(/damaged/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it("refuses another application's database", async () => {
    const path = storePath(tempDir());
    const other = new Database(path);
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    other.close();
    expect((await storeOpenError(() => openSqliteStore(path))).message).toMatch(/another application/);
  });

  it("refuses a database written by a newer version of the bot", async () => {
    const path = storePath(tempDir());
    await (await openSqliteStore(path)).close();
    const db = new Database(path);
    db.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('999-future', 'x')").run();
    db.close();
    expect((await storeOpenError(() => openSqliteStore(path))).message).toMatch(/newer version/);
  });

  it("stops with a clear message when DATA_DIR cannot be created", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "x");
    // A folder below a regular file cannot exist, whoever runs the test (root ignores permission bits).
    const error = await storeOpenError(() => openSqliteStore(storePath(join(dir, "file", "data"))));
    expect(error.message).toMatch(/DATA_DIR/);
    expect(error.message).toMatch(/cannot be created or written/);
  });

  it("reads without creating or migrating when opened read-only", async () => {
    const path = storePath(tempDir());
    expect((await storeOpenError(() => openSqliteStore(path, { readOnly: true }))).code).toBe("STORE_OPEN");
    await (await openSqliteStore(path)).close();
    const store = await openSqliteStore(path, { readOnly: true });
    opened.push(store);
    await expect(
      store.subscriptions.subscribe("slack", "C1", { language: "de", now: new Date() }),
    ).rejects.toThrow(/readonly/i);
  });

  it("upgrades the first release's database, keeping subscriptions and finished deliveries", async () => {
    const path = storePath(tempDir());
    const legacy = new Database(path);
    legacy.exec(`
      CREATE TABLE subscriptions (platform TEXT NOT NULL, recipient TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
        language TEXT NOT NULL DEFAULT 'de', added_at TEXT NOT NULL, updated_at TEXT NOT NULL, gone_reason TEXT,
        PRIMARY KEY (platform, recipient));
      CREATE TABLE slots (slot TEXT PRIMARY KEY, since_ids TEXT, article_ids TEXT NOT NULL, started_at TEXT NOT NULL,
        completed_at TEXT);
      CREATE TABLE deliveries (slot TEXT NOT NULL, platform TEXT NOT NULL, recipient TEXT NOT NULL, status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, parts_sent INTEGER NOT NULL DEFAULT 0, claimed_at INTEGER NOT NULL,
        claim_owner TEXT NOT NULL, finished_at TEXT, error TEXT, UNIQUE (slot, platform, recipient));
      INSERT INTO subscriptions VALUES ('telegram', '7', 1, 'en', '2030-01-01', '2030-01-01', NULL);
      INSERT INTO slots VALUES ('2030-01-01T07:00:00.000Z', NULL, '["a"]', '2030-01-01T07:00:00.000Z', NULL);
      INSERT INTO deliveries VALUES ('2030-01-01T07:00:00.000Z', 'telegram', '7', 'sent', 1, 1, 0, 'x', NULL, NULL);
      INSERT INTO deliveries VALUES ('2030-01-01T07:00:00.000Z', 'telegram', '8', 'claimed', 1, 0, 0, 'x', NULL, NULL);
      PRAGMA user_version = 1;`);
    legacy.close();
    const store = await open(path);
    expect((await store.subscriptions.active()).map((s) => s.recipient)).toEqual(["7"]);
    const rows = await store.ledger.deliveries("2030-01-01T07:00:00.000Z");
    expect(rows.get("telegram:7")).toEqual({ status: "sent", partsSent: 1 });
    expect(rows.get("telegram:8")).toEqual({ status: "failed", partsSent: 0 });
  });
});

describe("SQLite store: subscriptions", () => {
  it("subscribes, reports a repeat, unsubscribes, and renews", async () => {
    const { subscriptions } = await open(storePath(tempDir()));
    const now = new Date("2030-01-01T00:00:00Z");
    expect(await subscriptions.subscribe("telegram", "1", { language: "de", now })).toBe("added");
    expect(await subscriptions.subscribe("telegram", "1", { language: "de", now })).toBe("already");
    expect(await subscriptions.unsubscribe("telegram", "1", now)).toBe(true);
    expect(await subscriptions.unsubscribe("telegram", "1", now)).toBe(false);
    expect(await subscriptions.active()).toEqual([]);
    expect(await subscriptions.subscribe("telegram", "1", { language: "en", now })).toBe("renewed");
    expect((await subscriptions.active("telegram")).map((s) => s.language)).toEqual(["en"]);
    expect(await subscriptions.active("slack")).toEqual([]);
  });

  it("marks a recipient gone until it subscribes again, and moves a chat to its new id", async () => {
    const { subscriptions } = await open(storePath(tempDir()));
    const now = new Date();
    await subscriptions.subscribe("telegram", "-1", { language: "en", now });
    await subscriptions.markGone("telegram", "-1", { reason: "bot kicked", now });
    expect(await subscriptions.gone("telegram")).toEqual(new Set(["-1"]));
    expect(await subscriptions.active()).toEqual([]);
    await subscriptions.clearGone("telegram", "-1");
    expect(await subscriptions.gone("telegram")).toEqual(new Set());
    await subscriptions.subscribe("telegram", "-1", { language: "en", now });
    await subscriptions.move("telegram", "-1", "-100", now);
    const active = await subscriptions.active();
    expect(active.map((s) => [s.recipient, s.language])).toEqual([["-100", "en"]]);
    expect(await subscriptions.gone("telegram")).toEqual(new Set(["-1"]));
  });
});

describe("SQLite store: the delivery ledger", () => {
  const SLOT = "2030-01-01T07:00:00.000Z";

  it("grants a slot's lease to one owner at a time, renews it for the owner, and frees it on release", async () => {
    const { ledger } = await open(storePath(tempDir()));
    expect(await ledger.lease(SLOT, "a", 60_000)).toEqual({ held: true, remainingMs: 60_000 });
    const refused = await ledger.lease(SLOT, "b", 60_000);
    expect(refused.held).toBe(false);
    expect(refused.remainingMs).toBeGreaterThan(0);
    expect(refused.remainingMs).toBeLessThanOrEqual(60_000);
    expect((await ledger.lease(SLOT, "a", 60_000)).held).toBe(true);
    await ledger.release(SLOT, "b");
    expect((await ledger.lease(SLOT, "b", 60_000)).held).toBe(false);
    await ledger.release(SLOT, "a");
    expect((await ledger.lease(SLOT, "b", 60_000)).held).toBe(true);
  });

  it("lets another owner take a lease once it expired by the database's clock", async () => {
    const { ledger } = await open(storePath(tempDir()));
    expect((await ledger.lease(SLOT, "a", 0)).held).toBe(true);
    expect((await ledger.lease(SLOT, "b", 60_000)).held).toBe(true);
    expect((await ledger.lease(SLOT, "a", 60_000)).held).toBe(false);
  });

  it("keeps one row per recipient and slot, overwritten as the delivery moves on", async () => {
    const { ledger } = await open(storePath(tempDir()));
    const key = { slot: SLOT, platform: "slack", recipient: "C1" };
    const now = new Date();
    await ledger.record(key, { status: "sending", partsSent: 0, now });
    await ledger.record(key, { status: "sent", partsSent: 2, now });
    expect(await ledger.deliveries(SLOT)).toEqual(new Map([["slack:C1", { status: "sent", partsSent: 2 }]]));
    expect(await ledger.deliveries("2030-01-02T07:00:00.000Z")).toEqual(new Map());
  });

  it("remembers each slot's articles and gives the next slot the previous one's as `since`", async () => {
    const { ledger } = await open(storePath(tempDir()));
    const now = new Date();
    expect(await ledger.sinceFor(SLOT)).toBeNull();
    expect(await ledger.beginSlot(SLOT, ["a", "b"], now)).toEqual({
      sinceIds: null,
      articleIds: ["a", "b"],
      completed: false,
    });
    // The first caller wins: a second begin keeps the recorded articles.
    expect((await ledger.beginSlot(SLOT, ["c"], now)).articleIds).toEqual(["a", "b"]);
    const next = "2030-01-02T07:00:00.000Z";
    expect(await ledger.sinceFor(next)).toEqual(["a", "b"]);
    expect((await ledger.beginSlot(next, ["a", "b", "c"], now)).sinceIds).toEqual(["a", "b"]);
    await ledger.completeSlot(SLOT, now);
    expect((await ledger.slot(SLOT))?.completed).toBe(true);
  });

  it("forgets slots older than the given date, with their rows", async () => {
    const { ledger } = await open(storePath(tempDir()));
    await ledger.beginSlot(SLOT, ["a"], new Date("2030-01-01T07:00:00Z"));
    await ledger.record(
      { slot: SLOT, platform: "slack", recipient: "C1" },
      { status: "sent", partsSent: 1, now: new Date() },
    );
    await ledger.prune(new Date("2030-02-01T00:00:00Z"));
    expect(await ledger.slot(SLOT)).toBeUndefined();
    expect(await ledger.deliveries(SLOT)).toEqual(new Map());
  });
});

describe("SQLite store: article choices", () => {
  it("remembers a conversation's article until cleared, across a reopen", async () => {
    const path = storePath(tempDir());
    const first = await openSqliteStore(path);
    await first.articleChoices.set("telegram:1", "a", new Date());
    await first.articleChoices.set("telegram:1", "b", new Date());
    await first.close();
    const { articleChoices } = await open(path);
    expect(await articleChoices.get("telegram:1")).toBe("b");
    expect(await articleChoices.get("slack:C1")).toBeUndefined();
    await articleChoices.clear("telegram:1");
    expect(await articleChoices.get("telegram:1")).toBeUndefined();
  });
});
