import type { StoreSettings } from "./settings.ts";
import type { Store } from "./store.ts";

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /** Called with a PostgreSQL connection's error while it is idle; the pool replaces that connection. */
  onConnectionError?: (error: Error) => void;
}

/**
 * Opens the bot's state where the settings say: PostgreSQL when DATABASE_URL is set, else SQLite's bot.db in
 * DATA_DIR (the embedded default). Either is migrated to the newest schema; a failure throws
 * NewsBotError("STORE_OPEN") naming the variable to fix. Only the engine in use is loaded (its driver and
 * Kysely's dialect), so a process that opens no store, such as the console chat, loads neither.
 */
export async function openStore(settings: StoreSettings, options: OpenStoreOptions = {}): Promise<Store> {
  if (settings.databaseUrl === undefined) {
    const { openSqliteStore, storePath } = await import("./sqlite-store.ts");
    return openSqliteStore(storePath(settings.dataDir));
  }
  const { openPostgresStore } = await import("./postgres-store.ts");
  return openPostgresStore(settings.databaseUrl, options);
}
