import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from "kysely";
import { describeError, NewsBotError } from "../../src/index.ts";
import { appliedMigrations, MIGRATION_NAMES, migrate } from "./migrations.ts";
import { createSqlStore, pruneOldSlots, type SqlEngine } from "./sql-engine.ts";
import type { Schema, SqlDialectParts } from "./sql-schema.ts";
import type { Store } from "./store.ts";

/** The database file's name inside DATA_DIR. */
export const STORE_FILE = "bot.db";
/** How long a second process waits for the write lock before giving up; writes are single short statements. */
const BUSY_TIMEOUT_MS = 10_000;

/** SQLite's clock in milliseconds: julianday('now') is the statement's time, read once per statement. */
const SQLITE_PARTS: SqlDialectParts = {
  nowMs: sql<number>`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`,
};

/** The database path inside a data folder. */
export function storePath(dataDir: string): string {
  return join(dataDir, STORE_FILE);
}

/** Options for {@link openSqliteStore}. */
export interface OpenSqliteOptions {
  /** Clock for pruning old slots; default now. */
  now?: Date;
  /**
   * Opens an existing database for reading only (`npm run summary` printing): nothing is created, migrated,
   * pruned or written. A database this version would still have to migrate is refused.
   */
  readOnly?: boolean;
}

/**
 * Opens (creating on first start) the SQLite database at `path` in WAL mode, so several processes can share it,
 * and migrates it to the newest schema. A folder that cannot be created or written, a file that is not a SQLite
 * database, a damaged one, one of another application or of a newer version of the bot throws
 * NewsBotError("STORE_OPEN"); the file is never changed or replaced then.
 */
export async function openSqliteStore(path: string, options: OpenSqliteOptions = {}): Promise<Store> {
  return createSqlStore(await openSqliteDatabase(path, options));
}

/** Opens (and unless read-only migrates) the database as {@link openSqliteStore} does, for tools that copy tables. */
export async function openSqliteDatabase(path: string, options: OpenSqliteOptions = {}): Promise<SqlEngine> {
  if (!options.readOnly) prepareFolder(dirname(path));
  let raw: Database.Database | undefined;
  let db: Kysely<Schema> | undefined;
  try {
    raw = new Database(path, {
      timeout: BUSY_TIMEOUT_MS,
      ...(options.readOnly ? { readonly: true, fileMustExist: true } : {}),
    });
    checkIntegrity(raw, path);
    if (!options.readOnly) {
      raw.pragma("journal_mode = WAL");
      // NORMAL keeps every committed row across a process crash; only a power cut can lose the last ones.
      raw.pragma("synchronous = NORMAL");
    }
    db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
    const applied = await appliedMigrations(db);
    const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name));
    if (unknown.length > 0) {
      refuse(path, `was written by a newer version of the bot (schema steps ${unknown.join(", ")})`);
    }
    if (options.readOnly && applied.length < MIGRATION_NAMES.length) {
      throw new NewsBotError(
        "STORE_OPEN",
        `The database ${path} is of an older version; start the bot once to migrate it.`,
      );
    }
    const engine = { db, parts: SQLITE_PARTS, location: path };
    if (!options.readOnly) {
      await migrate(db);
      await pruneOldSlots(engine, options.now ?? new Date());
    }
    return engine;
  } catch (error) {
    if (db) await db.destroy();
    else raw?.close();
    throw openError(error, path);
  }
}

/**
 * Kysely's SQLite dialect with BEGIN IMMEDIATE: a transaction takes the write lock first, so two processes
 * migrating or writing at once wait for each other (busy timeout) instead of failing on a stale snapshot.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/**
 * Kysely's SQLite adapter runs migrations outside a transaction and without a lock, assuming one process; two
 * replicas opening a fresh DATA_DIR at once then both ran a step ("table … already exists"). SQLite's DDL is
 * transactional, so the migrations run in one BEGIN IMMEDIATE transaction instead: one process migrates, the
 * other waits for the write lock and then finds every step recorded.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

function openError(error: unknown, path: string): NewsBotError {
  if (error instanceof NewsBotError) return error;
  return new NewsBotError(
    "STORE_OPEN",
    `Cannot open the database ${path}: ${describeError(error)}. It was left unchanged; check that DATA_DIR is writable and the file is the bot's database.`,
    { cause: error },
  );
}

function refuse(path: string, problem: string, cause?: unknown): never {
  throw new NewsBotError(
    "STORE_OPEN",
    `The database ${path} ${problem}. It was left unchanged: move it aside or restore a backup, then start again.`,
    { cause },
  );
}

function prepareFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error("not a folder");
    accessSync(dir, constants.W_OK);
  } catch (cause) {
    throw new NewsBotError(
      "STORE_OPEN",
      `The data folder ${dir} (DATA_DIR) cannot be created or written: ${describeError(cause)}. Point DATA_DIR at a writable folder.`,
      { cause },
    );
  }
}

/** Refuses files that are not SQLite, are damaged, or hold another application's tables, before any write. */
function checkIntegrity(db: Database.Database, path: string): void {
  let result: unknown;
  try {
    result = db.pragma("quick_check", { simple: true });
  } catch (cause) {
    refuse(path, `is not a SQLite database or is damaged (${describeError(cause)})`, cause);
  }
  if (result !== "ok") refuse(path, `is damaged (integrity check: ${String(result)})`);
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  // The bot's databases have its migration table, or (the first release) its subscriptions table.
  const ours = tables.includes("kysely_migration") || tables.includes("subscriptions");
  if (tables.length > 0 && !ours) refuse(path, "holds tables of another application");
}
