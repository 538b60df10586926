import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import type { Store } from "../../adapters/store/store.ts";
import { NewsBotError } from "../../src/index.ts";
import { STORE_TABLES } from "./store-tables.ts";

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
    expect(tables).toEqual(STORE_TABLES);
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
