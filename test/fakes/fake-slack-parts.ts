import type { LoopbackCall } from "./loopback-server.ts";

/**
 * A call as the fake received it: a Web API call (`method` "chat.postMessage", its parameters as `payload`,
 * JSON-valued form fields such as blocks parsed) or a post to a response_url (`method` "response_url/<id>", the
 * posted JSON as `payload`).
 */
export interface SlackCall extends LoopbackCall {
  /** The bearer token or `token` parameter of a Web API call. */
  token?: string;
  /** `error` of an `ok: false` answer; "expired_url" for a response_url made to fail. */
  error?: string;
}

/** A failure for {@link FakeSlack.fail}: HTTP 429 with Retry-After, an `ok: false` error, or an HTTP status (the
 * only kind a response_url takes). */
export type FakeSlackFailure =
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "error"; error: string }
  | { kind: "http"; status: number };

/** Who the fake says it is, and the state its default answers read. */
export interface FakeIdentity {
  botUserId: string;
  botId: string;
  teamId: string;
  locales: ReadonlyMap<string, string>;
  /** Increases with every successful call; makes message timestamps unique. */
  serial: number;
}

/** What Slack answers a successful call, as far as the bot reads it; `{ ok: true }` for other methods. */
export function slackApiAnswer(
  method: string,
  params: Record<string, unknown>,
  identity: FakeIdentity,
): Record<string, unknown> {
  const ts = `1700000000.${String(identity.serial).padStart(6, "0")}`;
  switch (method) {
    case "auth.test":
      return {
        ok: true,
        url: "https://fake.slack.test/",
        team: "Fake",
        user: "news",
        team_id: identity.teamId,
        user_id: identity.botUserId,
        bot_id: identity.botId,
      };
    case "chat.postMessage":
      return {
        ok: true,
        channel: params.channel,
        ts,
        message: { text: params.text, bot_id: identity.botId },
      };
    case "chat.postEphemeral":
      return { ok: true, message_ts: ts };
    case "users.info": {
      const id = String(params.user ?? "");
      const locale = identity.locales.get(id);
      return { ok: true, user: { id, name: id.toLowerCase(), ...(locale ? { locale } : {}) } };
    }
    default:
      return { ok: true };
  }
}

/** Parses a JSON object; anything else is kept under `raw`. */
export function parseJson(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : { value };
  } catch {
    return { raw };
  }
}

function parseField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The Web API client sends forms with JSON-encoded complex fields; JSON bodies are accepted too. */
export function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) return parseJson(raw);
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? parseField(value) : value;
  }
  return params;
}
