import { type ParseArgsConfig, parseArgs } from "node:util";
import type { UiLanguage } from "../../src/index.ts";

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
