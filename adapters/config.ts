import {
  type CoreConfig,
  describeError,
  type Env,
  NewsBotError,
  readCoreConfig,
  redactSecrets,
  SettingsReader,
} from "../src/index.ts";
import { type DailySummarySettings, readDailySettings } from "./daily/settings.ts";
import { type FeedSettings, readFeedSettings } from "./feeds/settings.ts";
import { readHttpSettings } from "./http/settings.ts";
import {
  readSlackSettings,
  SLACK_SECRET_VARIABLES,
  type SlackSettings,
  slackSecrets,
} from "./slack/settings.ts";
import { type RedisSettings, readRedisSettings, redisSecrets } from "./store/redis-settings.ts";
import { readStoreSettings, STORE_SECRET_VARIABLES, storeSecrets } from "./store/settings.ts";
import {
  readTelegramSettings,
  TELEGRAM_SECRET_VARIABLES,
  type TelegramSettings,
  telegramSecrets,
} from "./telegram/settings.ts";
import { readWebSettings, WEB_SECRET_VARIABLES, type WebSettings, webSecrets } from "./web/settings.ts";

/**
 * Every setting of the app, each part read by the module that owns it (`adapters/<adapter>/settings.ts`, the
 * core's `readCoreConfig`) and validated together at start-up; main.ts hands each adapter its own part.
 */
export interface AppConfig {
  core: CoreConfig;
  /** Port of the HTTP server (adapters/http/settings.ts); default 3000. */
  port: number;
  /** Folder of the SQLite database (adapters/store/settings.ts); default ./data. */
  dataDir: string;
  /** PostgreSQL URL (DATABASE_URL); when set, the state lives there instead of in DATA_DIR. A secret. */
  databaseUrl?: string;
  telegram?: TelegramSettings;
  slack?: SlackSettings;
  dailySummary: DailySummarySettings;
  web: WebSettings;
  /** News feeds to follow; absent when neither FEEDS nor FEEDS_FILE is set. */
  feeds?: FeedSettings;
  /** Shared short-lived state for several replicas (adapters/store/redis-settings.ts); memory without it. */
  redis?: RedisSettings;
}

/** The variables that hold secrets; their values never reach a log line or an error message. */
const SECRET_VARIABLES = [
  ...TELEGRAM_SECRET_VARIABLES,
  ...SLACK_SECRET_VARIABLES,
  ...WEB_SECRET_VARIABLES,
  ...STORE_SECRET_VARIABLES,
];

/** The secret values set in an environment, valid or not, for redacting errors raised before the config exists. */
export function secretsInEnv(env: Env): string[] {
  const redisUrl = env.REDIS_URL?.trim();
  return [
    ...SECRET_VARIABLES.map((name) => env[name]?.trim() ?? ""),
    ...(redisUrl ? redisSecrets({ url: redisUrl, prefix: "" }) : []),
  ].filter((value) => value !== "");
}

/**
 * What an entry point prints when it cannot go on: a NewsBotError's message, written for the person running the
 * bot, or "Unexpected error" for a bug; secrets from the environment redacted, since the config that would know
 * them may not exist yet.
 */
export function describeFatal(error: unknown, env: Env): string {
  const message = error instanceof NewsBotError ? error.message : `Unexpected error: ${describeError(error)}`;
  return redactSecrets(message, secretsInEnv(env));
}

/** Every secret value in the config, for the logger to redact. */
export function secretsOf(config: AppConfig): string[] {
  return [
    ...telegramSecrets(config.telegram),
    ...slackSecrets(config.slack),
    ...webSecrets(config.web),
    ...storeSecrets(config),
    ...redisSecrets(config.redis),
  ];
}

/**
 * Reads and validates every setting from the environment. All problems are reported in one
 * NewsBotError("CONFIG_INVALID"), each naming its variable and how to fix it; secret values never appear in it.
 */
export function loadConfig(env: Env, cwd = process.cwd()): AppConfig {
  const reader = new SettingsReader(env);
  const telegram = readTelegramSettings(reader);
  const slack = readSlackSettings(reader);
  const config: AppConfig = {
    core: readCoreConfig(reader, cwd),
    ...readHttpSettings(reader),
    ...readStoreSettings(reader, cwd),
    ...readRedisSettings(reader),
    dailySummary: readDailySettings(reader),
    web: readWebSettings(reader),
    ...(telegram ? { telegram } : {}),
    ...(slack ? { slack } : {}),
  };
  const feeds = readFeedSettings(reader, cwd);
  if (feeds) config.feeds = feeds;
  reader.throwIfProblems();
  return config;
}
