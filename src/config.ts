import { DEFAULT_QUESTIONS_PER_MINUTE } from "./limits.ts";
import type { LogLevel } from "./logger.ts";
import type { SettingsReader } from "./settings.ts";

/** Settings of the core. */
export interface CoreConfig {
  /** Folder of the articles; default ./content. */
  contentDir: string;
  /** Questions per person per minute on chat platforms; default 10. */
  questionsPerMinute: number;
  /** Least severe log level written; default info. */
  logLevel: LogLevel;
  /** Whether LOG_LEVEL was set: the console chat keeps routine lines out of the way unless asked for them. */
  logLevelSet: boolean;
}

const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** Reads the core's settings; problems are added to the reader, not thrown, so all are reported together. */
export function readCoreConfig(reader: SettingsReader, cwd: string): CoreConfig {
  const logLevelSet = reader.string("LOG_LEVEL") !== undefined;
  const logLevel = reader.string("LOG_LEVEL", "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    reader.problem(`LOG_LEVEL="${logLevel}" is not one of ${LOG_LEVELS.join(", ")}.`);
  }
  return {
    contentDir: reader.folder("CONTENT_DIR", "content", {
      cwd,
      mustExist: true,
      missingHint: "Create it and put the articles there, or set CONTENT_DIR to the folder that holds them.",
    }),
    questionsPerMinute: reader.integer("QUESTIONS_PER_MINUTE", DEFAULT_QUESTIONS_PER_MINUTE, {
      min: 1,
      max: 10_000,
    }),
    logLevel: LOG_LEVELS.includes(logLevel as LogLevel) ? (logLevel as LogLevel) : "info",
    logLevelSet,
  };
}
