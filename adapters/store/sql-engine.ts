import { type Kysely, sql } from "kysely";
import { createArticleChoiceStore } from "./article-choice-queries.ts";
import { createFeedArticleStore } from "./feed-queries.ts";
import { createDeliveryLedger } from "./ledger-queries.ts";
import { MIGRATION_NAMES } from "./migrations.ts";
import type { Schema, SqlDialectParts } from "./sql-schema.ts";
import type { Store } from "./store.ts";
import { createSubscriptionStore } from "./subscription-queries.ts";

/** Slots (and their rows) older than this are deleted when a store opens. */
export const KEEP_DAYS = 90;

/** An open, migrated database of either engine, as {@link createSqlStore} needs it. */
export interface SqlEngine {
  db: Kysely<Schema>;
  parts: SqlDialectParts;
  /** Where the state lives, for logs; never a password. */
  location: string;
}

/** The store on an open, migrated database: the same queries whatever the engine. */
export function createSqlStore(engine: SqlEngine): Store {
  const { db, parts, location } = engine;
  return {
    location,
    subscriptions: createSubscriptionStore(db),
    ledger: createDeliveryLedger(db, parts),
    articleChoices: createArticleChoiceStore(db),
    feeds: createFeedArticleStore(db, parts),
    async checkReady() {
      const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
      const applied = new Set(rows.rows.map((row) => row.name));
      const missing = MIGRATION_NAMES.filter((name) => !applied.has(name));
      if (missing.length > 0) throw new Error(`schema steps not applied: ${missing.join(", ")}`);
    },
    close: () => db.destroy(),
  };
}

/** Deletes the slots older than {@link KEEP_DAYS} before `now`, with their rows. */
export async function pruneOldSlots(engine: SqlEngine, now: Date): Promise<void> {
  await createDeliveryLedger(engine.db, engine.parts).prune(new Date(now.getTime() - KEEP_DAYS * 86_400_000));
}
