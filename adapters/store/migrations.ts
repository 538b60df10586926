import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";

/**
 * The schema, one migration per step, in order. Written with Kysely's schema builder so SQLite and PostgreSQL
 * run the same steps. Append new steps; never edit one that has shipped.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "001-daily-summary": {
    async up(db: Kysely<unknown>) {
      // The tables of the first release (PRAGMA user_version 1) are kept as they are.
      await db.schema
        .createTable("subscriptions")
        .ifNotExists()
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("recipient", "text", (c) => c.notNull())
        .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("language", "text", (c) => c.notNull().defaultTo("de"))
        .addColumn("added_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        // Set when the platform said the bot was blocked or removed.
        .addColumn("gone_reason", "text")
        .addPrimaryKeyConstraint("subscriptions_pk", ["platform", "recipient"])
        .execute();
      await db.schema
        .createTable("slots")
        .ifNotExists()
        .addColumn("slot", "text", (c) => c.primaryKey())
        // JSON arrays of article ids: known at the previous slot (null for the first) and at this one.
        .addColumn("since_ids", "text")
        .addColumn("article_ids", "text", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("completed_at", "text")
        .execute();
      await db.schema
        .createTable("slot_leases")
        .addColumn("slot", "text", (c) => c.primaryKey())
        .addColumn("owner", "text", (c) => c.notNull())
        // Milliseconds since the epoch by the database's clock.
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      // The first release ran on SQLite only, whose tables have no schema; PostgreSQL lists every schema's
      // tables, and another schema's "deliveries" is not this database's.
      const legacy = (await db.introspection.getTables()).some(
        (table) => table.name === "deliveries" && table.schema === undefined,
      );
      if (legacy) await db.schema.alterTable("deliveries").renameTo("legacy_deliveries").execute();
      await db.schema
        .createTable("deliveries")
        .addColumn("slot", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("recipient", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("parts_sent", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("error", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("deliveries_pk", ["slot", "platform", "recipient"])
        .execute();
      if (legacy) {
        // The first release's claims: finished rows and sends cut off mid-flight keep their meaning.
        await sql`INSERT INTO deliveries (slot, platform, recipient, status, parts_sent, error, updated_at)
          SELECT slot, platform, recipient, CASE status WHEN 'claimed' THEN 'failed' ELSE status END,
            parts_sent, error, COALESCE(finished_at, '') FROM legacy_deliveries`.execute(db);
        await db.schema.dropTable("legacy_deliveries").execute();
      }
      await db.schema
        .createTable("article_choices")
        .addColumn("conversation", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "002-feed-articles": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("feed_articles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("feed_url", "text", (c) => c.notNull())
        // The normalised link and the text fingerprint recognise one story across feeds.
        .addColumn("link_key", "text")
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("date", "text", (c) => c.notNull())
        .addColumn("first_seen", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("feed_articles_link").on("feed_articles").column("link_key").execute();
      await db.schema
        .createIndex("feed_articles_fingerprint")
        .on("feed_articles")
        .column("fingerprint")
        .execute();
      await db.schema.createIndex("feed_articles_date").on("feed_articles").column("date").execute();
      await db.schema
        .createTable("feed_states")
        .addColumn("url", "text", (c) => c.primaryKey())
        .addColumn("data", "text", (c) => c.notNull())
        .execute();
    },
  },
  "003-feed-leases": {
    async up(db: Kysely<unknown>) {
      // One poller per feed across replicas: whoever holds a feed's row polls it.
      await db.schema
        .createTable("feed_leases")
        .addColumn("url", "text", (c) => c.primaryKey())
        .addColumn("owner", "text", (c) => c.notNull())
        // Milliseconds since the epoch by the database's clock.
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
};

/** Names of the steps in order. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings a database to the newest schema with Kysely's Migrator, which runs the pending steps in one transaction
 * under its lock (SQLite: the write lock; PostgreSQL: pg_advisory_lock), so replicas starting together run each
 * step once. On PostgreSQL `schema` names the schema the tables live in (the connection's current schema), so
 * its migration table is looked for there and not in another schema. Throws the step's error.
 */
export async function migrate<DB>(db: Kysely<DB>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/**
 * The steps a database has run, oldest first; empty when it has none (new, or not the bot's). `schema` as for
 * {@link migrate}.
 */
export async function appliedMigrations<DB>(db: Kysely<DB>, schema?: string): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const found = tables.some(
    (table) => table.name === "kysely_migration" && (schema === undefined || table.schema === schema),
  );
  if (!found) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.rows.map((row) => row.name);
}
