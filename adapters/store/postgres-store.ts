import { Kysely, sql } from "kysely";
import pg from "pg";
import { NewsBotError, redactSecrets } from "../../src/index.ts";
import { appliedMigrations, MIGRATION_NAMES, migrate } from "./migrations.ts";
import { CurrentSchemaPostgresDialect } from "./postgres-introspector.ts";
import { describeDatabaseUrl, isPostgresUrl } from "./settings.ts";
import { createSqlStore, pruneOldSlots, type SqlEngine } from "./sql-engine.ts";
import type { Schema, SqlDialectParts } from "./sql-schema.ts";
import type { Store } from "./store.ts";

/** How long opening a connection may take before start-up (or a query) gives up on the server. */
const CONNECT_TIMEOUT_MS = 10_000;
/** A query that gets no answer in this time fails, so a server gone silent costs one answer, not a hung handler. */
const QUERY_TIMEOUT_MS = 30_000;
/** Connections per process: replicas multiply it, and PostgreSQL's default limit is 100. */
const POOL_SIZE = 10;
/** node-postgres's type id of int8 (bigint), which it returns as a string unless told otherwise. */
const INT8_TYPE_ID = 20;

/**
 * PostgreSQL's clock in milliseconds. statement_timestamp() is the statement's start, the same wherever the
 * statement reads it, as SQLite's julianday('now') is.
 */
const POSTGRES_PARTS: SqlDialectParts = {
  nowMs: sql<number>`CAST(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 AS BIGINT)`,
};

/**
 * int8 as a JavaScript number: the bigints here are epoch milliseconds and counts, far below 2^53. Set per pool,
 * not with pg.types.setTypeParser, which would change every pool in the process.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((id: number, format?: "text" | "binary") =>
    id === INT8_TYPE_ID && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(id, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/** Options for {@link openPostgresStore}. */
export interface OpenPostgresOptions {
  /** Clock for pruning old slots; default now. */
  now?: Date;
  /**
   * Called when a pooled connection fails (the server restarted or went away); the pool drops that connection
   * and opens a new one for the next query.
   */
  onConnectionError?: (error: Error) => void;
}

/**
 * Connects to the PostgreSQL database at `url` (DATABASE_URL), checks it answers, and migrates it to the newest
 * schema under pg_advisory_lock, so replicas starting together migrate once. The tables live in the connection's
 * current schema (the first of its search_path; `?options=-c search_path=bot` in the URL picks another). An
 * unreachable server, a wrong database, user or password, a malformed URL, or a database of a newer version of
 * the bot throws NewsBotError("STORE_OPEN") naming DATABASE_URL, never its password.
 */
export async function openPostgresStore(url: string, options: OpenPostgresOptions = {}): Promise<Store> {
  return createSqlStore(await openPostgresDatabase(url, options));
}

/** Opens and migrates the database as {@link openPostgresStore} does, for tools that copy whole tables. */
export async function openPostgresDatabase(
  url: string,
  options: OpenPostgresOptions = {},
): Promise<SqlEngine> {
  if (!isPostgresUrl(url)) {
    throw new NewsBotError(
      "STORE_OPEN",
      "DATABASE_URL is not a valid PostgreSQL URL: write it as postgres://user:password@host:5432/database.",
    );
  }
  const shown = describeDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    max: POOL_SIZE,
    keepAlive: true,
    types: TYPES,
  });
  const lost = (error: Error) => options.onConnectionError?.(error);
  // A connection that drops emits "error" whether it is idle in the pool (the pool relays it here) or checked out
  // between two of Kysely's queries (nobody listens then); unheard, either would end the process. The query that
  // was running fails on its own, and the pool opens a new connection for the next one.
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  const db = new Kysely<Schema>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  try {
    const schema = await currentSchema(db, shown);
    const applied = await appliedMigrations(db, schema);
    const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name));
    if (unknown.length > 0) {
      throw new NewsBotError(
        "STORE_OPEN",
        `The PostgreSQL database at ${shown} (DATABASE_URL) was written by a newer version of the bot (schema steps ${unknown.join(", ")}). It was left unchanged: run the newer version, or point DATABASE_URL at another database.`,
      );
    }
    const location = schema === "public" ? shown : `${shown} (schema ${schema})`;
    const engine = { db, parts: POSTGRES_PARTS, location };
    await migrate(db, schema);
    await pruneOldSlots(engine, options.now ?? new Date());
    return engine;
  } catch (error) {
    await db.destroy().catch(() => {});
    if (error instanceof NewsBotError) throw error;
    throw new NewsBotError(
      "STORE_OPEN",
      `Cannot use the PostgreSQL database at ${shown} (DATABASE_URL): ${redactSecrets(connectionProblem(error), passwordOf(url))}. Check that the server runs and that DATABASE_URL names it, its database, user and password; or unset DATABASE_URL to keep the state in DATA_DIR.`,
      { cause: error },
    );
  }
}

async function currentSchema(db: Kysely<Schema>, shown: string): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema) return schema;
  throw new NewsBotError(
    "STORE_OPEN",
    `The PostgreSQL database at ${shown} (DATABASE_URL) has no schema of its search_path; create the schema, or change search_path.`,
  );
}

/** A connection error in one line: Node reports a refused connection to several addresses as an AggregateError. */
function connectionProblem(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return connectionProblem(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}

const passwordOf = (url: string): string[] => {
  const password = decodeURIComponent(new URL(url).password);
  return password === "" ? [] : [password];
};
