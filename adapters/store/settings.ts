import type { SettingsReader } from "../../src/index.ts";

/** The store's settings. */
export interface StoreSettings {
  /** Folder of the SQLite database, absolute; default ./data, created at start when missing. */
  dataDir: string;
  /**
   * PostgreSQL connection URL (DATABASE_URL); when set, the state lives there instead of in DATA_DIR's bot.db.
   * It may carry a password, so it is a secret: never logged, never echoed in a message.
   */
  databaseUrl?: string;
}

/** The variables of the store that hold secrets. */
export const STORE_SECRET_VARIABLES = ["DATABASE_URL"];

/**
 * Reads the store's settings: DATA_DIR must be a folder the bot may write, or not exist yet; DATABASE_URL, when
 * set, a postgres:// or postgresql:// URL.
 */
export function readStoreSettings(reader: SettingsReader, cwd: string): StoreSettings {
  const dataDir = reader.folder("DATA_DIR", "data", { cwd, writable: true });
  const databaseUrl = reader.string("DATABASE_URL");
  if (databaseUrl === undefined) return { dataDir };
  if (!isPostgresUrl(databaseUrl)) {
    reader.problem(
      "DATABASE_URL is not a valid PostgreSQL URL: write it as postgres://user:password@host:5432/database, or unset it to keep the state in DATA_DIR.",
    );
    return { dataDir };
  }
  return { dataDir, databaseUrl };
}

/** Whether a string is a URL node-postgres can connect with. */
export function isPostgresUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
}

/** The secret values among the store's settings: the URL and its password alone, for redacting logs. */
export function storeSecrets(settings: StoreSettings): string[] {
  if (settings.databaseUrl === undefined) return [];
  const password = decodeURIComponent(new URL(settings.databaseUrl).password);
  return [settings.databaseUrl, ...(password === "" ? [] : [password])];
}

/** A database URL fit for logs and messages: its password replaced by "***". */
export function describeDatabaseUrl(value: string): string {
  if (!URL.canParse(value)) return "(a malformed URL)";
  const url = new URL(value);
  if (url.password !== "") url.password = "***";
  url.search = "";
  return url.toString();
}
