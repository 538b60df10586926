import { join, resolve } from "node:path";
import { type Env, SettingsReader } from "../../src/index.ts";

/** Feed settings; present only when FEEDS or FEEDS_FILE is set. */
export interface FeedSettings {
  /** Feed URLs from FEEDS, in the order given. */
  urls: string[];
  /** OPML file from FEEDS_FILE whose outlines name more feeds. */
  opmlFile?: string;
  /** Minutes between polls of one feed; default 15. */
  pollMinutes: number;
  /** Feed articles older than this many days are retired; default 30. */
  maxAgeDays: number;
  /** Whether feeds and pages may live on loopback or private addresses; default false (tests set it). */
  allowPrivate: boolean;
  /** How long one request may take, connect to last byte; default 20,000 ms. */
  timeoutMs: number;
  /** Largest body accepted, after decompression; default 5 MB. */
  maxBytes: number;
}

/** Default minutes between polls. */
export const DEFAULT_POLL_MINUTES = 15;
/** Default age in days after which feed articles are retired. */
export const DEFAULT_MAX_AGE_DAYS = 30;
/** Default time one request may take. */
export const DEFAULT_FEED_TIMEOUT_MS = 20_000;
/** Default cap on a feed's or page's size, decompressed. */
export const DEFAULT_FEED_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Reads the feed settings into `reader`, which collects every problem; undefined when no feed is configured.
 * FEED_POLL_MINUTES accepts fractions down to 0.01 so an end-to-end test can poll within seconds.
 */
export function readFeedSettings(reader: SettingsReader, cwd: string): FeedSettings | undefined {
  const urls = reader.list("FEEDS");
  const opmlRaw = reader.string("FEEDS_FILE");
  const opmlFile = opmlRaw === undefined ? undefined : resolve(cwd, opmlRaw);
  for (const url of urls) {
    if (!URL.canParse(url) || !["http:", "https:"].includes(new URL(url).protocol))
      reader.problem(`FEEDS has "${url}", which is not an http(s) URL; separate URLs with commas.`);
  }
  const pollMinutes = positiveNumber(reader, "FEED_POLL_MINUTES", DEFAULT_POLL_MINUTES, 0.01, 24 * 60);
  const maxAgeDays = reader.integer("FEED_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS, { min: 1, max: 36_500 });
  const timeoutMs = reader.integer("FEED_TIMEOUT_MS", DEFAULT_FEED_TIMEOUT_MS, { min: 100, max: 300_000 });
  const maxBytes = reader.integer("FEED_MAX_BYTES", DEFAULT_FEED_MAX_BYTES, {
    min: 1024,
    max: 100 * 1024 * 1024,
  });
  const allowRaw = reader.string("FEEDS_ALLOW_PRIVATE", "false").toLowerCase();
  if (!["true", "false"].includes(allowRaw)) reader.problem(`FEEDS_ALLOW_PRIVATE must be true or false.`);
  if (urls.length === 0 && opmlFile === undefined) return undefined;
  return {
    urls: urls.filter((url) => URL.canParse(url)),
    ...(opmlFile ? { opmlFile } : {}),
    pollMinutes,
    maxAgeDays,
    allowPrivate: allowRaw === "true",
    timeoutMs,
    maxBytes,
  };
}

/** Reads the feed settings of an environment alone; throws one error listing every problem. */
export function loadFeedSettings(env: Env, cwd: string): FeedSettings | undefined {
  const reader = new SettingsReader(env);
  const settings = readFeedSettings(reader, cwd);
  reader.throwIfProblems();
  return settings;
}

function positiveNumber(reader: SettingsReader, name: string, fallback: number, min: number, max: number) {
  const raw = reader.string(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    reader.problem(`${name}="${raw}" is not a number from ${min} to ${max}.`);
    return fallback;
  }
  return value;
}

/** The feed articles' database inside DATA_DIR: the shared bot.db, beside the daily summary's state. */
export function feedStorePath(dataDir: string): string {
  return join(dataDir, "bot.db");
}
