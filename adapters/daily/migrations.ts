import type Database from "better-sqlite3";

/**
 * The database schema, one entry per version: migration i takes PRAGMA user_version from i to i + 1.
 * Append new versions; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE subscriptions (
    platform TEXT NOT NULL CHECK (platform IN ('telegram', 'slack')),
    recipient TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    language TEXT NOT NULL DEFAULT 'de',
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- Set when the platform said the bot was blocked or removed; such a recipient gets nothing until it subscribes again.
    gone_reason TEXT,
    PRIMARY KEY (platform, recipient)
  );
  CREATE TABLE slots (
    slot TEXT PRIMARY KEY,
    -- JSON arrays of article ids: known at the previous delivery (null for the first) and at this one.
    since_ids TEXT,
    article_ids TEXT NOT NULL,
    started_at TEXT NOT NULL,
    completed_at TEXT
  );
  CREATE TABLE deliveries (
    slot TEXT NOT NULL,
    platform TEXT NOT NULL,
    recipient TEXT NOT NULL,
    -- sending: owned, a request may be in flight; claimed: owned, nothing in flight; sent, skipped: final;
    -- failed: retries exhausted, a later run of the slot may claim it again.
    status TEXT NOT NULL CHECK (status IN ('claimed', 'sending', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    parts_sent INTEGER NOT NULL DEFAULT 0,
    claimed_at INTEGER NOT NULL,
    claim_owner TEXT NOT NULL,
    finished_at TEXT,
    error TEXT,
    UNIQUE (slot, platform, recipient)
  );
  `,
];

/** The schema version and the number of tables, read in one transaction. */
export function readSchema(db: Database.Database): { version: number; tables: number } {
  const tableCount = db
    .prepare<[], number>("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
    .pluck();
  return db.transaction(() => ({
    version: Number(db.pragma("user_version", { simple: true })),
    tables: tableCount.get() ?? 0,
  }))();
}

/** Brings a database to the newest schema version, one transaction per step, safe against a second process. */
export function migrate(db: Database.Database): number {
  for (;;) {
    // IMMEDIATE takes the write lock first, so two processes starting together cannot run the same step twice.
    const newest = db
      .transaction((): number | null => {
        const { version, tables } = readSchema(db);
        // Re-checked under the write lock: version 0 with tables is never a state this bot leaves behind.
        if (version === 0 && tables > 0) {
          throw new Error("it holds tables of another application");
        }
        const step = MIGRATIONS[version];
        if (step === undefined) return version;
        db.exec(step);
        db.pragma(`user_version = ${version + 1}`);
        return null;
      })
      .immediate();
    if (newest !== null) return newest;
  }
}
