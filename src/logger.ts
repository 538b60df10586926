/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Structured fields that go with a log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * The logger every module receives; it never sees a platform SDK or where lines go. The edge builds it
 * (`adapters/logger.ts`, pino behind it) and hands it in.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Token shapes of Telegram and Slack, redacted even when a secret was not registered. */
const TOKEN_SHAPES = [
  /(?<!\d)\d{6,12}:[A-Za-z0-9_-]{30,}/g,
  /\bxox[abpr]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
];

/** Secrets shorter than this are not replaced: they would turn ordinary words into [redacted]. */
const MIN_SECRET_LENGTH = 6;

/** Replaces every given secret and every Telegram or Slack token shape in a text by [redacted]. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) result = result.split(secret).join("[redacted]");
  }
  for (const shape of TOKEN_SHAPES) result = result.replace(shape, "[redacted]");
  return result;
}
