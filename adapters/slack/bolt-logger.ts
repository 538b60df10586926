import { type Logger as BoltLogger, LogLevel as BoltLogLevel } from "@slack/bolt";
import { describeError, type Logger, type LogLevel } from "../../src/index.ts";

const BOLT_LEVELS: Record<LogLevel, BoltLogLevel> = {
  debug: BoltLogLevel.DEBUG,
  info: BoltLogLevel.INFO,
  warn: BoltLogLevel.WARN,
  error: BoltLogLevel.ERROR,
};

/** Bolt's log level for the app's level. */
export function boltLogLevel(level: LogLevel): BoltLogLevel {
  return BOLT_LEVELS[level];
}

/**
 * Lets Bolt and its Web API client log through the app's logger, so their lines are redacted like all others;
 * the app's logger does the level filtering.
 */
export function createBoltLogger(logger: Logger, level: LogLevel): BoltLogger {
  let current = boltLogLevel(level);
  const line = (parts: unknown[]) => `Slack: ${parts.map(describePart).join(" ")}`;
  return {
    debug: (...parts: unknown[]) => logger.debug(line(parts)),
    info: (...parts: unknown[]) => logger.info(line(parts)),
    warn: (...parts: unknown[]) => logger.warn(line(parts)),
    error: (...parts: unknown[]) => logger.error(line(parts)),
    setLevel: (next: BoltLogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: () => {},
  };
}

function describePart(part: unknown): string {
  if (typeof part === "string") return part;
  if (part instanceof Error) return describeError(part);
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}
