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

  /** An http(s) URL; `secret` keeps the value out of the message. */
  url(name: string, fallback?: string, options: { httpsOnly?: boolean } = {}): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    try {
      const url = new URL(raw);
      const allowed = options.httpsOnly ? ["https:"] : ["http:", "https:"];
      if (!allowed.includes(url.protocol)) throw new Error("protocol");
      return raw;
    } catch {
      this.problems.push(`${name}="${raw}" is not a valid ${options.httpsOnly ? "https" : "http(s)"} URL.`);
      return fallback;
    }
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

  /** Records a problem found by a check that spans several settings. */
  problem(message: string): void {
    this.problems.push(message);
  }
}
