import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { ClaimOptions, DeliveryKey } from "../../adapters/daily/delivery-log.ts";
import { MIGRATIONS } from "../../adapters/daily/migrations.ts";
import { openStore, type Store, storePath } from "../../adapters/daily/store.ts";
import { NewsBotError } from "../../src/index.ts";

const opened: Store[] = [];
const tempDir = () => mkdtempSync(join(tmpdir(), "news-store-"));
const open = (path: string) => {
  const store = openStore(path);
  opened.push(store);
  return store;
};
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

function storeOpenError(action: () => unknown): NewsBotError {
  try {
    action();
  } catch (error) {
    if (error instanceof NewsBotError) return error;
    throw error;
  }
  throw new Error("expected NewsBotError(STORE_OPEN)");
}

describe("store: opening and migrations", () => {
  it("creates DATA_DIR and bot.db on first start, in WAL mode, at the newest schema version", () => {
    const path = storePath(join(tempDir(), "nested", "data"));
    const store = open(path);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    const db = new Database(path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(["deliveries", "slots", "subscriptions"]);
    db.close();
  });

  it("keeps subscriptions across a reopen and runs no migration twice", () => {
    const path = storePath(tempDir());
    const first = openStore(path);
    first.subscriptions.subscribe("telegram", "42", { language: "en", now: new Date() });
    first.close();
    const second = open(path);
    expect(second.schemaVersion).toBe(MIGRATIONS.length);
    expect(second.subscriptions.active().map((s) => [s.platform, s.recipient, s.language])).toEqual([
      ["telegram", "42", "en"],
    ]);
  });

  it("refuses a file that is not a SQLite database and leaves it unchanged", () => {
    const path = storePath(tempDir());
    const garbage = "these are notes, not a database\n".repeat(200);
    writeFileSync(path, garbage);
    const error = storeOpenError(() => openStore(path));
    expect(error.code).toBe("STORE_OPEN");
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not a SQLite database or is damaged/);
    expect(readFileSync(path, "utf8")).toBe(garbage);
  });

  it("refuses a damaged database and leaves it unchanged", () => {
    const path = storePath(tempDir());
    const store = openStore(path);
    for (let i = 0; i < 300; i++) {
      store.subscriptions.subscribe("slack", `C${i}`.padEnd(200, "x"), { language: "de", now: new Date() });
    }
    store.close();
    const bytes = readFileSync(path);
    // Overwrite the middle of the file (b-tree pages), keeping the header intact.
    bytes.fill(0xa5, 4096 * 3, 4096 * 6);
    writeFileSync(path, bytes);
    const error = storeOpenError(() => openStore(path));
    expect(error.code).toBe("STORE_OPEN");
    expect(error.message).toMatch(/damaged/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it("refuses another application's database", () => {
    const path = storePath(tempDir());
    const other = new Database(path);
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    other.close();
    expect(storeOpenError(() => openStore(path)).message).toMatch(/another application/);
  });

  it("refuses a database written by a newer version of the bot", () => {
    const path = storePath(tempDir());
    openStore(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(storeOpenError(() => openStore(path)).message).toMatch(/newer version/);
  });

  it("stops with a clear message when DATA_DIR cannot be created", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "x");
    // A folder below a regular file cannot exist, whoever runs the test (root ignores permission bits).
    const error = storeOpenError(() => openStore(storePath(join(dir, "file", "data"))));
    expect(error.code).toBe("STORE_OPEN");
    expect(error.message).toMatch(/DATA_DIR/);
    expect(error.message).toMatch(/cannot be created or written/);
  });
});

describe("store: subscriptions", () => {
  it("subscribes, reports a repeat, unsubscribes, and renews", () => {
    const { subscriptions } = open(storePath(tempDir()));
    const now = new Date("2025-01-01T00:00:00Z");
    expect(subscriptions.subscribe("telegram", "1", { language: "de", now })).toBe("added");
    expect(subscriptions.subscribe("telegram", "1", { language: "de", now })).toBe("already");
    expect(subscriptions.unsubscribe("telegram", "1", now)).toBe(true);
    expect(subscriptions.unsubscribe("telegram", "1", now)).toBe(false);
    expect(subscriptions.active()).toEqual([]);
    expect(subscriptions.subscribe("telegram", "1", { language: "en", now })).toBe("renewed");
    expect(subscriptions.active("telegram")).toHaveLength(1);
    expect(subscriptions.active("slack")).toHaveLength(0);
  });

  it("marks a recipient gone until it subscribes again", () => {
    const { subscriptions } = open(storePath(tempDir()));
    const now = new Date();
    subscriptions.subscribe("slack", "C1", { language: "de", now });
    subscriptions.markGone("slack", "C1", { reason: "is_archived", now });
    subscriptions.markGone("slack", "CSTATIC", { reason: "not_in_channel", now });
    expect(subscriptions.active()).toEqual([]);
    expect([...subscriptions.gone("slack")].sort()).toEqual(["C1", "CSTATIC"]);
    expect(subscriptions.subscribe("slack", "C1", { language: "de", now })).toBe("renewed");
    expect([...subscriptions.gone("slack")]).toEqual(["CSTATIC"]);
  });
});

describe("store: delivery log claims", () => {
  const key: DeliveryKey = { slot: "2025-01-15T07:00:00.000Z", platform: "telegram", recipient: "42" };
  const claimOptions = (owner: string, now: number, dead = false): ClaimOptions => ({
    owner,
    now,
    staleMs: 60_000,
    isOwnerDead: () => dead,
  });

  it("lets one owner claim a recipient; a live other owner finds it busy, a sent one is done", () => {
    const { log } = open(storePath(tempDir()));
    expect(log.claim(key, claimOptions("a", 1000))).toMatchObject({ claimed: true, partsSent: 0 });
    expect(log.claim(key, claimOptions("b", 2000))).toEqual({ claimed: false, reason: "busy" });
    expect(log.mark(key, "b", { status: "sent", now: 2000 })).toBe(false);
    expect(log.mark(key, "a", { status: "sent", now: 3000, partsSent: 1 })).toBe(true);
    expect(log.claim(key, claimOptions("b", 4000, true))).toEqual({ claimed: false, reason: "done" });
    expect(log.statuses(key.slot).get("telegram:42")).toBe("sent");
  });

  it("takes over a stale claim, or one of a dead owner, and says whether a send may have gone out", () => {
    const { log } = open(storePath(tempDir()));
    log.claim(key, claimOptions("a", 1000));
    log.mark(key, "a", { status: "claimed", now: 1000, partsSent: 1 });
    expect(log.claim(key, claimOptions("b", 1000 + 59_999))).toEqual({ claimed: false, reason: "busy" });
    expect(log.claim(key, claimOptions("b", 1000 + 60_000))).toEqual({
      claimed: true,
      partsSent: 1,
      uncertain: false,
    });
    // "b" died while sending: its claim says a request may be out.
    expect(log.claim(key, claimOptions("c", 70_000, true))).toMatchObject({ claimed: true, uncertain: true });
    expect(log.mark(key, "b", { status: "sent", now: 70_001 })).toBe(false);
  });

  it("lets a later run claim a recipient whose retries failed", () => {
    const { log } = open(storePath(tempDir()));
    log.claim(key, claimOptions("a", 1000));
    log.mark(key, "a", { status: "failed", now: 1000, error: "HTTP 502" });
    expect(log.claim(key, claimOptions("b", 2000))).toMatchObject({ claimed: true });
  });

  it("remembers each slot's articles and gives the next slot the previous one's as `since`", () => {
    const { log } = open(storePath(tempDir()));
    expect(log.beginSlot("2025-01-14T07:00:00.000Z", ["a"], new Date())).toEqual({
      sinceIds: null,
      articleIds: ["a"],
      completed: false,
    });
    expect(log.beginSlot("2025-01-15T07:00:00.000Z", ["b", "a"], new Date()).sinceIds).toEqual(["a"]);
    // A second process beginning the same slot gets the first one's record.
    expect(log.beginSlot("2025-01-15T07:00:00.000Z", ["c", "b", "a"], new Date()).articleIds).toEqual([
      "b",
      "a",
    ]);
    expect(log.sinceFor("2025-01-16T07:00:00.000Z")).toEqual(["b", "a"]);
    log.completeSlot("2025-01-15T07:00:00.000Z", new Date());
    expect(log.slot("2025-01-15T07:00:00.000Z")?.completed).toBe(true);
  });
});
