/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Structured fields that go with a log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** The logger every module receives; it never sees a platform SDK. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Least severe level written; default info. */
  level?: LogLevel;
  /** Where lines go; default standard error, so standard output stays for answers. */
  write?: (line: string) => void;
  /** Secret values (tokens, signing secrets) replaced by [redacted] wherever they appear. */
  secrets?: string[];
  now?: () => Date;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
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

/** Creates a logger writing one line per event, with every known secret and token shape redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = options.secrets ?? [];
  const now = options.now ?? (() => new Date());
  const redact = (text: string) => redactSecrets(text, secrets);
  const log =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (ORDER[level] < threshold) return;
      const extras = Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
        .join(" ");
      write(redact(`${now().toISOString()} ${level.toUpperCase()} ${message}${extras ? ` ${extras}` : ""}`));
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}
