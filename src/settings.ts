import { NewsBotError } from "./errors.ts";

/** The environment as configuration modules read it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Collects every problem with the settings, so start-up reports them all in one message. */
export class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** A string setting; empty counts as unset. */
  string(name: string): string | undefined;
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === "" ? fallback : value;
  }

  /** A whole number within bounds. */
  integer(name: string, fallback: number, bounds: { min: number; max: number }): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
      this.problems.push(`${name}="${raw}" is not a whole number from ${bounds.min} to ${bounds.max}.`);
      return fallback;
    }
    return value;
  }

  /**
   * An http(s) URL. The value is never echoed in the message: URLs can carry tokens (a Bot API path does).
   */
  url(name: string, fallback: string, options?: { httpsOnly?: boolean }): string;
  url(name: string, fallback?: string, options?: { httpsOnly?: boolean }): string | undefined;
  url(name: string, fallback?: string, options: { httpsOnly?: boolean } = {}): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const allowed = options.httpsOnly ? ["https:"] : ["http:", "https:"];
    if (URL.canParse(raw) && allowed.includes(new URL(raw).protocol)) return raw;
    this.problems.push(`${name} is not a valid ${options.httpsOnly ? "https" : "http(s)"} URL.`);
    return fallback;
  }

  /** A string that must match a pattern; secrets are never echoed back. */
  matching(
    name: string,
    pattern: RegExp,
    hint: string,
    options: { secret?: boolean } = {},
  ): string | undefined {
    const value = this.string(name);
    if (value === undefined || pattern.test(value)) return value;
    const shown = options.secret ? "" : `="${value}"`;
    this.problems.push(`${name}${shown} is invalid: ${hint}`);
    return undefined;
  }

  /** A comma-separated list, blanks dropped. */
  list(name: string): string[] {
    return (this.string(name) ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  }

  /** Throws one NewsBotError("CONFIG_INVALID") listing every problem found, if there is any. */
  throwIfProblems(): void {
    if (this.problems.length === 0) return;
    throw new NewsBotError(
      "CONFIG_INVALID",
      `Invalid configuration:\n${this.problems.map((problem) => `  - ${problem}`).join("\n")}\nFix these in .env or the environment (see .env.example).`,
    );
  }

  /** Records a problem found by a check that spans several settings. */
  problem(message: string): void {
    this.problems.push(message);
  }
}
