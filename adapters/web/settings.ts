import type { SettingsReader } from "../../src/index.ts";

/** The web chat's settings. */
export interface WebSettings {
  /** Serves the chat page, widget and operator page on the HTTP server; WEB_CHAT=off turns it off. Default on. */
  enabled: boolean;
  /** Origins (scheme://host[:port]) whose pages may embed the widget; none by default. */
  allowedOrigins: string[];
  /** Token that opens /admin; the operator page is not served at all without it. */
  adminToken?: string;
  /** Takes the client address from the last X-Forwarded-For hop, behind a reverse proxy. Default false. */
  trustProxy: boolean;
}

/** The variables of the web chat that hold secrets. */
export const WEB_SECRET_VARIABLES = ["ADMIN_TOKEN"] as const;

/** An admin token must be long enough that guessing it through the login's rate limit is hopeless. */
const ADMIN_TOKEN_SYNTAX = /^[\x21-\x7e]{24,256}$/;

/** Reads the web chat's settings; problems go to the reader, naming the variable. */
export function readWebSettings(reader: SettingsReader): WebSettings {
  const enabled = readSwitch(reader, "WEB_CHAT", true);
  const trustProxy = readSwitch(reader, "WEB_TRUST_PROXY", false);
  const allowedOrigins: string[] = [];
  for (const entry of reader.list("WEB_ALLOWED_ORIGINS")) {
    const origin = originOf(entry);
    if (origin) allowedOrigins.push(origin);
    else
      reader.problem(
        `WEB_ALLOWED_ORIGINS has "${entry}": expected origins such as https://news.example, separated by commas.`,
      );
  }
  const adminToken = reader.matching(
    "ADMIN_TOKEN",
    ADMIN_TOKEN_SYNTAX,
    "use 24–256 printable characters without spaces, e.g. the output of `openssl rand -hex 32`.",
    { secret: true },
  );
  return { enabled, allowedOrigins, trustProxy, ...(adminToken ? { adminToken } : {}) };
}

/** The secret values among the web settings, for the logger to redact. */
export function webSecrets(settings: WebSettings): string[] {
  return settings.adminToken ? [settings.adminToken] : [];
}

function readSwitch(reader: SettingsReader, name: string, fallback: boolean): boolean {
  const value = reader.string(name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (["on", "true", "1", "yes"].includes(value)) return true;
  if (["off", "false", "0", "no"].includes(value)) return false;
  reader.problem(`${name}="${value}" is invalid: use on or off.`);
  return fallback;
}

/** The origin an entry names, or undefined when it is not a bare http(s) origin. */
function originOf(entry: string): string | undefined {
  if (!URL.canParse(entry)) return undefined;
  const url = new URL(entry);
  const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  return (url.protocol === "http:" || url.protocol === "https:") && bare ? url.origin : undefined;
}
