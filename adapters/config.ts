import { resolve } from "node:path";
import { Cron } from "croner";
import {
  type CoreConfig,
  describeError,
  type Env,
  NewsBotError,
  readCoreConfig,
  redactSecrets,
  SettingsReader,
} from "../src/index.ts";
import { type FeedSettings, readFeedSettings } from "./feeds/settings.ts";
import { readWebSettings, WEB_SECRET_VARIABLES, type WebSettings, webSecrets } from "./web/settings.ts";

/** Telegram settings; present only when TELEGRAM_BOT_TOKEN is set. */
export interface TelegramConfig {
  token: string;
  /** Bot API root; default https://api.telegram.org. */
  apiRoot: string;
  /** Public https URL Telegram posts updates to; long polling when unset. */
  webhookUrl?: string;
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; required with a webhook. */
  webhookSecret?: string;
}

/** Slack settings; present only when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** App-level token; turns on Socket Mode. */
  appToken?: string;
  /** Web API base URL; default https://slack.com/api/. */
  apiUrl: string;
  /** Slash command name; default /news. */
  command: string;
}

/** Daily summary settings. */
export interface DailySummaryConfig {
  /** HH:MM; default 08:00. */
  time: string;
  /** IANA zone; default Europe/Berlin. */
  timeZone: string;
  /** Full cron expression; overrides `time` when set. */
  cron?: string;
  telegramChats: string[];
  slackChannels: string[];
  /** A missed slot younger than this is delivered at start-up; default 6. */
  catchUpHours: number;
}

/** Every setting of the app, validated together. */
export interface AppConfig {
  core: CoreConfig;
  /** Port of the HTTP server (Slack events, Telegram webhook, health); default 3000. */
  port: number;
  /** Folder of the SQLite database; default ./data. */
  dataDir: string;
  telegram?: TelegramConfig;
  slack?: SlackConfig;
  dailySummary: DailySummaryConfig;
  web: WebSettings;
  /** News feeds to follow; absent when neither FEEDS nor FEEDS_FILE is set. */
  feeds?: FeedSettings;
}

/** The variables that hold secrets; their values never reach a log line or an error message. */
const SECRET_VARIABLES = [
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  ...WEB_SECRET_VARIABLES,
] as const;

/** The secret values set in an environment, valid or not, for redacting errors raised before the config exists. */
export function secretsInEnv(env: Env): string[] {
  return SECRET_VARIABLES.map((name) => env[name]?.trim() ?? "").filter((value) => value !== "");
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
    config.telegram?.token,
    config.telegram?.webhookSecret,
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    ...webSecrets(config.web),
  ].filter((secret): secret is string => secret !== undefined);
}

/**
 * Reads and validates every setting from the environment. All problems are reported in one
 * NewsBotError("CONFIG_INVALID"), each naming its variable; secret values never appear in it.
 */
export function loadConfig(env: Env, cwd = process.cwd()): AppConfig {
  const reader = new SettingsReader(env);
  const core = readCoreConfig(reader, cwd);
  const config: AppConfig = {
    core,
    port: reader.integer("PORT", 3000, { min: 0, max: 65_535 }),
    dataDir: resolve(cwd, reader.string("DATA_DIR", "data")),
    dailySummary: readDailySummary(reader),
    web: readWebSettings(reader),
  };
  const telegram = readTelegram(reader);
  if (telegram) config.telegram = telegram;
  const slack = readSlack(reader);
  if (slack) config.slack = slack;
  const feeds = readFeedSettings(reader, cwd);
  if (feeds) config.feeds = feeds;
  reader.throwIfProblems();
  return config;
}

function readTelegram(reader: SettingsReader): TelegramConfig | undefined {
  const token = reader.matching(
    "TELEGRAM_BOT_TOKEN",
    /^\d+:[A-Za-z0-9_-]+$/,
    "expected the form 123456:ABC-… that @BotFather gives.",
    {
      secret: true,
    },
  );
  const apiRoot = reader.url("TELEGRAM_API_ROOT", "https://api.telegram.org");
  const webhookUrl = reader.url("TELEGRAM_WEBHOOK_URL", undefined, { httpsOnly: true });
  const webhookSecret = reader.matching(
    "TELEGRAM_WEBHOOK_SECRET",
    /^[A-Za-z0-9_-]{16,256}$/,
    "use 16–256 characters of A–Z, a–z, 0–9, _ and - (Telegram allows fewer; short secrets are guessable).",
    { secret: true },
  );
  if (webhookUrl && !webhookSecret) {
    reader.problem("TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set.");
  }
  if (!token) return undefined;
  return {
    token,
    apiRoot: apiRoot.replace(/\/+$/, ""),
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
  };
}

function readSlack(reader: SettingsReader): SlackConfig | undefined {
  const botToken = reader.matching(
    "SLACK_BOT_TOKEN",
    /^xoxb-[A-Za-z0-9-]+$/,
    "expected a bot token starting with xoxb-.",
    {
      secret: true,
    },
  );
  const signingSecret = reader.matching(
    "SLACK_SIGNING_SECRET",
    /^[A-Za-z0-9]{16,}$/,
    "expected the app's signing secret (hex).",
    {
      secret: true,
    },
  );
  const appToken = reader.matching(
    "SLACK_APP_TOKEN",
    /^xapp-[A-Za-z0-9-]+$/,
    "expected an app-level token starting with xapp-.",
    {
      secret: true,
    },
  );
  const apiUrl = reader.url("SLACK_API_URL", "https://slack.com/api/");
  const command =
    reader.matching("SLACK_COMMAND", /^\/[a-z0-9_-]{1,31}$/, "expected a slash command such as /news.") ??
    "/news";
  if (Boolean(botToken) !== Boolean(signingSecret)) {
    reader.problem("SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must be set together to turn on Slack.");
  }
  if (!botToken || !signingSecret) return undefined;
  return {
    botToken,
    signingSecret,
    ...(appToken ? { appToken } : {}),
    apiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`,
    command,
  };
}

function readDailySummary(reader: SettingsReader): DailySummaryConfig {
  const time =
    reader.matching(
      "DAILY_SUMMARY_TIME",
      /^([01]\d|2[0-3]):[0-5]\d$/,
      "expected HH:MM, for example 08:00.",
    ) ?? "08:00";
  const timeZone = reader.string("DAILY_SUMMARY_TZ", "Europe/Berlin");
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    reader.problem(`DAILY_SUMMARY_TZ="${timeZone}" is not an IANA time zone such as Europe/Berlin.`);
  }
  const cron = reader.string("DAILY_SUMMARY_CRON");
  if (cron !== undefined && !isCronExpression(cron)) {
    reader.problem(
      `DAILY_SUMMARY_CRON="${cron}" is not a valid cron expression (5 or 6 fields, e.g. "0 8 * * 1-5").`,
    );
  }
  const telegramChats = reader.list("DAILY_SUMMARY_TELEGRAM_CHATS");
  const badChats = telegramChats.filter((chat) => !TELEGRAM_CHAT_ID.test(chat));
  if (badChats.length > 0) {
    reader.problem(
      `DAILY_SUMMARY_TELEGRAM_CHATS has ${badChats.join(", ")}: expected numeric chat ids or @channelname.`,
    );
  }
  const slackChannels = reader.list("DAILY_SUMMARY_SLACK_CHANNELS");
  const badChannels = slackChannels.filter((channel) => !SLACK_CHANNEL_ID.test(channel));
  if (badChannels.length > 0) {
    reader.problem(
      `DAILY_SUMMARY_SLACK_CHANNELS has ${badChannels.join(", ")}: expected channel ids such as C0123ABCD.`,
    );
  }
  return {
    time,
    timeZone,
    ...(cron ? { cron } : {}),
    telegramChats,
    slackChannels,
    catchUpHours: reader.integer("DAILY_SUMMARY_CATCHUP_HOURS", 6, { min: 0, max: 48 }),
  };
}

/** Telegram chat ids are integers (negative for groups), or @username for public channels. */
const TELEGRAM_CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;
/** Slack conversation ids: C (channel), G (private), D (direct message), then upper-case letters and digits. */
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** Lets croner, the scheduler's own parser, judge the expression, so what passes here also runs. */
function isCronExpression(expression: string): boolean {
  try {
    new Cron(expression, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}
