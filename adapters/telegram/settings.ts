import type { SettingsReader } from "../../src/index.ts";

/** Telegram's settings; present only when TELEGRAM_BOT_TOKEN is set. */
export interface TelegramSettings {
  token: string;
  /** Bot API root, without a trailing slash; default https://api.telegram.org. */
  apiRoot: string;
  /** Public https URL Telegram posts updates to; long polling when unset. */
  webhookUrl?: string;
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; required with a webhook. */
  webhookSecret?: string;
}

/** The Telegram variables that hold secrets; their values never reach a log line or a message. */
export const TELEGRAM_SECRET_VARIABLES = ["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"] as const;

/** Reads Telegram's settings; problems go to the reader, each naming its variable and how to fix it. */
export function readTelegramSettings(reader: SettingsReader): TelegramSettings | undefined {
  const token = reader.matching(
    "TELEGRAM_BOT_TOKEN",
    /^\d+:[A-Za-z0-9_-]+$/,
    "expected the form 123456:ABC-… that @BotFather gives.",
    { secret: true },
  );
  const apiRoot = reader.url("TELEGRAM_API_ROOT", "https://api.telegram.org");
  const webhookUrl = reader.url("TELEGRAM_WEBHOOK_URL", undefined, { httpsOnly: true });
  const webhookSecret = reader.matching(
    "TELEGRAM_WEBHOOK_SECRET",
    /^[A-Za-z0-9_-]{16,256}$/,
    "use 16–256 characters of A–Z, a–z, 0–9, _ and - (Telegram allows fewer; short secrets are guessable).",
    { secret: true },
  );
  // An invalid secret has its own message already; "required" is only true when none is set.
  if (webhookUrl && reader.string("TELEGRAM_WEBHOOK_SECRET") === undefined) {
    reader.problem(
      "TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set: set it to 16–256 random characters of A–Z, a–z, 0–9, _ and -.",
    );
  }
  if (!token) return undefined;
  return {
    token,
    apiRoot: apiRoot.replace(/\/+$/, ""),
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
  };
}

/** The secret values among Telegram's settings, for the logger to redact. */
export function telegramSecrets(settings: TelegramSettings | undefined): string[] {
  return [settings?.token, settings?.webhookSecret].filter((secret) => secret !== undefined);
}
