import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
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

  /**
   * A folder, resolved against `cwd` and returned absolute. Where it exists it must be a folder (and one the
   * process may write in, with `writable`); a missing one is a problem with `mustExist`, else it must be
   * possible to create it. Paths are not secrets, so messages name them.
   */
  folder(name: string, fallback: string, options: FolderOptions): string {
    const raw = this.string(name, fallback);
    const path = resolve(options.cwd, raw);
    const shown = `${name}="${raw}"`;
    const kind = kindOf(path);
    if (kind === "folder") {
      if (options.writable && !writable(path))
        this.problems.push(
          `${shown}: the bot may not write in ${path}. Give it write access, or set ${name} to another folder.`,
        );
    } else if (kind === "other") {
      this.problems.push(`${shown}: ${path} is not a folder. Set ${name} to a folder.`);
    } else if (options.mustExist) {
      this.problems.push(
        `${shown}: the folder ${path} does not exist. ${options.missingHint ?? `Create it, or set ${name} to an existing folder.`}`,
      );
    } else if (!creatable(path)) {
      this.problems.push(
        `${shown}: the folder ${path} cannot be created. Set ${name} to a folder the bot may write in.`,
      );
    }
    return path;
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

/** Options for {@link SettingsReader.folder}. */
export interface FolderOptions {
  /** Relative paths are resolved against it. */
  cwd: string;
  /** The folder must exist already (content to read); default false. */
  mustExist?: boolean;
  /** The process must be able to write in it (data to keep); default false. */
  writable?: boolean;
  /** What to do about a missing folder, when it must exist. */
  missingHint?: string;
}

function kindOf(path: string): "folder" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "folder" : "other";
  } catch {
    return "missing";
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A missing folder can be created when its nearest existing ancestor is a folder the process may write in. */
function creatable(path: string): boolean {
  let ancestor = dirname(path);
  while (kindOf(ancestor) === "missing" && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  return kindOf(ancestor) === "folder" && writable(ancestor);
}
