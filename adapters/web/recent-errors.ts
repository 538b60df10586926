import { type LogFields, type Logger, redactSecrets } from "../../src/index.ts";
import type { RecentError } from "./operator.ts";

/** Entries kept; the oldest go first. */
const MAX_RECENT_ERRORS = 50;

/** A logger that also remembers the latest warnings and errors for the operator page. */
export interface RecordingLogger {
  logger: Logger;
  /** The latest warnings and errors, newest first. */
  recent(): RecentError[];
}

/**
 * Wraps a logger so warnings and errors are remembered too, secrets redacted as the logger's own lines are;
 * every adapter logs through the wrapped one.
 */
export function recordErrors(
  logger: Logger,
  options: { secrets: readonly string[]; now?: () => Date },
): RecordingLogger {
  const entries: RecentError[] = [];
  const now = options.now ?? (() => new Date());
  const remember = (level: RecentError["level"], message: string, fields: LogFields = {}) => {
    const details = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join(" ");
    entries.unshift({
      at: now().toISOString(),
      level,
      message: redactSecrets(details ? `${message} ${details}` : message, options.secrets),
    });
    entries.length = Math.min(entries.length, MAX_RECENT_ERRORS);
  };
  return {
    logger: {
      debug: (message, fields) => logger.debug(message, fields),
      info: (message, fields) => logger.info(message, fields),
      warn(message, fields) {
        remember("warn", message, fields);
        logger.warn(message, fields);
      },
      error(message, fields) {
        remember("error", message, fields);
        logger.error(message, fields);
      },
    },
    recent: () => [...entries],
  };
}
