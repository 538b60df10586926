import type { SettingsReader } from "../../src/index.ts";

/** The HTTP server's settings. */
export interface HttpSettings {
  /** Port of the one HTTP server (Slack events, Telegram webhook, web chat, health); default 3000. */
  port: number;
}

/** Reads the HTTP server's settings; problems go to the reader. */
export function readHttpSettings(reader: SettingsReader): HttpSettings {
  return { port: reader.integer("PORT", 3000, { min: 0, max: 65_535 }) };
}
