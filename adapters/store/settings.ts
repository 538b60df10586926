import type { SettingsReader } from "../../src/index.ts";

/** The store's settings. */
export interface StoreSettings {
  /** Folder of the SQLite database, absolute; default ./data, created at start when missing. */
  dataDir: string;
}

/** Reads the store's settings: DATA_DIR must be a folder the bot may write, or not exist yet. */
export function readStoreSettings(reader: SettingsReader, cwd: string): StoreSettings {
  return { dataDir: reader.folder("DATA_DIR", "data", { cwd, writable: true }) };
}
