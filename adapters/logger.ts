import pino, { type DestinationStream } from "pino";
import { type Logger, type LogLevel, redactSecrets } from "../src/index.ts";

/** How lines look: "json", one object per line for log collectors; "text", `time LEVEL message key=value`. */
export type LogFormat = "json" | "text";

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Least severe level written; default info. */
  level?: LogLevel;
  /** Where lines go, one call per line without the newline; default standard error (answers own stdout). */
  write?: (line: string) => void;
  /**
   * Default "text" when `write` is given or standard error is a terminal (a person reads it), "json" otherwise
   * (a service manager or container collects it).
   */
  format?: LogFormat;
  /** Secret values (tokens, signing secrets) replaced by [redacted] wherever they appear. */
  secrets?: string[];
  now?: () => Date;
}

/**
 * Creates the {@link Logger} the core and adapters receive, with pino behind it: pino owns levels, the JSON
 * shape and writing (synchronously, so a line logged just before `process.exit` is not lost), and its
 * streamWrite hook redacts every known secret and Telegram or Slack token shape from the finished line, so
 * no field or message can carry one out.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? (options.write || process.stderr.isTTY ? "text" : "json");
  const now = options.now ?? (() => new Date());
  // Inside a JSON line a secret appears escaped; look for both spellings.
  const secrets = (options.secrets ?? []).flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
  const write = options.write;
  const destination: DestinationStream = write
    ? { write: (line) => write(format === "text" ? textLine(line) : line.trimEnd()) }
    : format === "text"
      ? { write: (line) => process.stderr.write(`${textLine(line)}\n`) }
      : pino.destination({ dest: 2, sync: true });
  const log = pino(
    {
      level: options.level ?? "info",
      base: undefined,
      timestamp: () => `,"time":${JSON.stringify(now().toISOString())}`,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => redactSecrets(line, secrets) },
    },
    destination,
  );
  return {
    debug: (message, fields = {}) => log.debug(fields, message),
    info: (message, fields = {}) => log.info(fields, message),
    warn: (message, fields = {}) => log.warn(fields, message),
    error: (message, fields = {}) => log.error(fields, message),
  };
}

/** Renders one of pino's JSON lines as `time LEVEL message key=value …`. */
function textLine(json: string): string {
  const { time, level, msg, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const extras = Object.entries(fields).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return [time, String(level).toUpperCase(), msg, ...extras].join(" ");
}
