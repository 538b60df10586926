import type { SettingsReader } from "../../src/index.ts";

/** Where short-lived shared state lives when the bot runs as several replicas. */
export interface RedisSettings {
  /** REDIS_URL: `redis://` or `rediss://`, optionally with user, password and database number. */
  url: string;
  /** REDIS_PREFIX: prefix of every key the bot writes, so bots (and tests) can share one server; default `news-bot:`. */
  prefix: string;
}

/** Reads REDIS_URL and REDIS_PREFIX; without REDIS_URL the shared state stays in this process's memory. */
export function readRedisSettings(reader: SettingsReader): { redis?: RedisSettings } {
  const url = reader.string("REDIS_URL");
  const prefix = reader.string("REDIS_PREFIX", "news-bot:");
  if (url === undefined) return {};
  if (!isRedisUrl(url)) {
    reader.problem(
      `REDIS_URL must be a redis:// or rediss:// address such as redis://127.0.0.1:6379 (got ${redisAddress(url)}).`,
    );
    return {};
  }
  return { redis: { url, prefix } };
}

function isRedisUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "redis:" || parsed.protocol === "rediss:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}

/** The address without user and password, for messages: `redis://host:port/db`. */
export function redisAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}

/** The password in REDIS_URL, if any, for the logger to redact wherever it might appear. */
export function redisSecrets(settings: RedisSettings | undefined): string[] {
  if (!settings) return [];
  try {
    const password = decodeURIComponent(new URL(settings.url).password);
    return password === "" ? [] : [password];
  } catch {
    return [];
  }
}
