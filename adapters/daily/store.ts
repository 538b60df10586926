import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { describeError, NewsBotError } from "../../src/index.ts";
import { createDeliveryLog, type DeliveryLog } from "./delivery-log.ts";
import { MIGRATIONS, migrate, readSchema } from "./migrations.ts";
import { createSubscriptions, type Subscriptions } from "./subscriptions.ts";

/** The database file's name inside DATA_DIR. */
export const STORE_FILE = "bot.db";
/** How long a second process waits for the write lock before giving up; claims are short transactions. */
const BUSY_TIMEOUT_MS = 10_000;
/** Delivery-log rows older than this are deleted at start-up. */
const KEEP_LOG_DAYS = 90;

/** The bot's state: subscriptions and the delivery log, in one SQLite file. */
export interface Store {
  path: string;
  schemaVersion: number;
  subscriptions: Subscriptions;
  log: DeliveryLog;
  close(): void;
}

/** The database path inside a data folder. */
export function storePath(dataDir: string): string {
  return join(dataDir, STORE_FILE);
}

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /** Clock for pruning old log rows; default now. */
  now?: Date;
  /**
   * Opens an existing database for reading only (`npm run summary` printing): nothing is created, migrated,
   * pruned or written. A database older than this version of the bot is refused rather than migrated.
   */
  readOnly?: boolean;
}

/**
 * Opens (creating on first start) the SQLite database at `path`, in WAL mode so several processes can share it,
 * and migrates it to the newest schema. A folder that cannot be created or written, a file that is not a SQLite
 * database, a damaged one, or one of another application throws NewsBotError("STORE_OPEN"); the file is never
 * changed or replaced then.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  if (options.readOnly) return openReadOnly(path);
  const dir = dirname(path);
  prepareFolder(dir);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    checkIntegrity(db, path);
    db.pragma("journal_mode = WAL");
    // NORMAL keeps every committed claim across a process crash; only a power cut can lose the last ones.
    db.pragma("synchronous = NORMAL");
    const schemaVersion = migrate(db);
    const now = options.now ?? new Date();
    const log = createDeliveryLog(db);
    log.prune(new Date(now.getTime() - KEEP_LOG_DAYS * 86_400_000));
    return storeOf(db, path, schemaVersion, log);
  } catch (error) {
    db?.close();
    throw openError(error, path);
  }
}

function openReadOnly(path: string): Store {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const version = checkIntegrity(db, path);
    if (version < MIGRATIONS.length) {
      throw new NewsBotError(
        "STORE_OPEN",
        `The database ${path} has schema ${version}; start the bot once to migrate it to ${MIGRATIONS.length}.`,
      );
    }
    return storeOf(db, path, version, createDeliveryLog(db));
  } catch (error) {
    db?.close();
    throw openError(error, path);
  }
}

function storeOf(db: Database.Database, path: string, schemaVersion: number, log: DeliveryLog): Store {
  return {
    path,
    schemaVersion,
    subscriptions: createSubscriptions(db),
    log,
    close: () => db.close(),
  };
}

function openError(error: unknown, path: string): NewsBotError {
  if (error instanceof NewsBotError) return error;
  return new NewsBotError(
    "STORE_OPEN",
    `Cannot open the database ${path}: ${describeError(error)}. It was left unchanged; check that DATA_DIR is writable and the file is the bot's database.`,
    { cause: error },
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

/**
 * Refuses files that are not SQLite, are damaged, or belong to something else, before anything is written, and
 * returns the schema version.
 */
function checkIntegrity(db: Database.Database, path: string): number {
  const refuse = (problem: string, cause?: unknown): never => {
    throw new NewsBotError(
      "STORE_OPEN",
      `The database ${path} ${problem}. It was left unchanged: move it aside or restore a backup, then start again.`,
      { cause },
    );
  };
  let result: unknown;
  try {
    result = db.pragma("quick_check", { simple: true });
  } catch (cause) {
    refuse(`is not a SQLite database or is damaged (${describeError(cause)})`, cause);
  }
  if (result !== "ok") refuse(`is damaged (integrity check: ${String(result)})`);
  // One read transaction: a second process migrating a fresh file between two separate reads would otherwise
  // show version 0 with tables, which looks like another application's database.
  const { version, tables } = readSchema(db);
  if (version === 0 && tables > 0) refuse("holds tables of another application");
  if (version > MIGRATIONS.length) {
    refuse(
      `was written by a newer version of the bot (schema ${version}, this one knows ${MIGRATIONS.length})`,
    );
  }
  return version;
}
