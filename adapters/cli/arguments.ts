import { type ParseArgsConfig, parseArgs } from "node:util";
import type { UiLanguage } from "../../src/index.ts";
import { describeFatal } from "../config.ts";

/** A command line that does not fit the usage; the entry point prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Reads a command line with node:util's parseArgs, strictly: an unknown option, a missing value or a value for
 * a flag is a {@link UsageError} saying which; words that are not options are the positionals.
 */
export function readCommandLine<const O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The UI language a `--lang` option names: de or en, German when absent. */
export function languageOption(value: string | undefined): UiLanguage {
  if (value === undefined || value === "de" || value === "en") return value ?? "de";
  throw new UsageError(`--lang takes de or en, not "${value}".`);
}

/** Options for {@link runCommandLine}. */
export interface CommandLineRun {
  /** The environment, read only to redact its secrets from a fatal message. */
  env: NodeJS.ProcessEnv;
  /** Printed after a {@link UsageError}'s message. */
  usage: string;
}

/**
 * Runs a command line's `main` on the process's arguments: its result is the exit code, a {@link UsageError}
 * prints its message and the usage (exit 2), and any other failure one line with the secrets redacted (exit 1).
 */
export function runCommandLine(main: (argv: string[]) => Promise<number>, options: CommandLineRun): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n${options.usage}\n`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(`${describeFatal(error, options.env)}\n`);
      process.exitCode = 1;
    },
  );
}
