import { createHmac, randomUUID } from "node:crypto";

/**
 * Builds and sends requests the way Slack does: form-encoded slash commands and interactivity payloads, JSON
 * event callbacks, each signed with `X-Slack-Signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")`.
 *
 * ```ts
 * const slack = createSlackSender({ url: "http://127.0.0.1:3000/slack/events", signingSecret });
 * const answer = await slack.command({ text: "help", response_url: fake.responseUrl("r1") });
 * expect(answer.status).toBe(200);
 * ```
 */
export interface SlackSender {
  /** Sends a raw body; `options` can sign it wrongly, date it, or mark it as a retry. */
  send(body: string, contentType: string, options?: SignOptions): Promise<SlackAnswer>;
  /**
   * A slash command (form post); fields default to team T0001, user U0001, channel C0001, command /news and a
   * fresh trigger_id (send the same one again to replay a command).
   */
  command(
    fields: Partial<SlashCommandFields> & { response_url: string },
    options?: SignOptions,
  ): Promise<SlackAnswer>;
  /** An Events API callback around `event`; a fresh event_id unless given. */
  event(event: Record<string, unknown>, options?: SignOptions & { eventId?: string }): Promise<SlackAnswer>;
  /** An interactivity payload (block_actions), form-encoded as `payload=<json>`; a fresh trigger_id unless given. */
  interaction(payload: Record<string, unknown>, options?: SignOptions): Promise<SlackAnswer>;
  /** The url_verification handshake. */
  urlVerification(challenge: string, options?: SignOptions): Promise<SlackAnswer>;
}

/** How to sign and mark a request; by default a correct signature for the current time. */
export interface SignOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Overrides the computed `v0=…` signature. */
  signature?: string;
  /** Sends X-Slack-Retry-Num (and X-Slack-Retry-Reason http_timeout). */
  retryNum?: number;
}

/** The HTTP answer the app gave. */
export interface SlackAnswer {
  status: number;
  body: string;
}

/** The form fields Slack posts for a slash command. */
export interface SlashCommandFields {
  command: string;
  text: string;
  response_url: string;
  user_id: string;
  user_name: string;
  channel_id: string;
  channel_name: string;
  team_id: string;
  team_domain: string;
  api_app_id: string;
  trigger_id: string;
  token: string;
}

/** Options for {@link createSlackSender}. */
export interface SlackSenderOptions {
  /** The app's Slack endpoint, such as http://127.0.0.1:PORT/slack/events. */
  url: string;
  signingSecret: string;
  teamId?: string;
  /** The bot user named in event authorizations. */
  botUserId?: string;
}

let commandCount = 0;

/**
 * A slash command's fields as Slack sends them (over HTTP or in a Socket Mode envelope): user U0001, channel
 * C0001, command /news and a fresh trigger_id unless `fields` say otherwise.
 */
export function slashCommandFields(
  teamId: string,
  fields: Partial<SlashCommandFields> & { response_url: string },
): SlashCommandFields {
  commandCount += 1;
  return {
    command: "/news",
    text: "",
    user_id: "U0001",
    user_name: "ada",
    channel_id: "C0001",
    channel_name: "general",
    team_id: teamId,
    team_domain: "fake",
    api_app_id: "A0001",
    // Slack's trigger_id is unique per invocation; the bot carries out each one once.
    trigger_id: `${Date.now()}.${commandCount}.fake`,
    token: "legacy-verification-token",
    ...fields,
  };
}

/** The `v0=…` signature Slack sends for a body at a Unix time. */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Creates a sender of correctly signed Slack requests to one URL. */
export function createSlackSender(options: SlackSenderOptions): SlackSender {
  const teamId = options.teamId ?? "T0001";
  let eventCount = 0;
  const send = async (body: string, contentType: string, sign: SignOptions = {}): Promise<SlackAnswer> => {
    const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": sign.signature ?? slackSignature(options.signingSecret, timestamp, body),
    };
    if (sign.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(sign.retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const response = await fetch(options.url, { method: "POST", headers, body });
    return { status: response.status, body: await response.text() };
  };
  const form = "application/x-www-form-urlencoded";
  return {
    send,
    command: (fields, sign) => {
      const all = slashCommandFields(teamId, fields);
      return send(new URLSearchParams({ ...all }).toString(), form, sign);
    },
    event: (event, sign = {}) => {
      eventCount += 1;
      const body = {
        token: "legacy-verification-token",
        team_id: teamId,
        api_app_id: "A0001",
        type: "event_callback",
        event_id: sign.eventId ?? `Ev${Date.now()}${eventCount}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: teamId, user_id: options.botUserId ?? "UBOT", is_bot: true }],
        event: { event_ts: event.ts, ...event },
      };
      return send(JSON.stringify(body), "application/json", sign);
    },
    interaction: (payload, sign) => {
      const full = { trigger_id: `${Date.now()}.${randomUUID()}.fake`, ...payload };
      return send(new URLSearchParams({ payload: JSON.stringify(full) }).toString(), form, sign);
    },
    urlVerification: (challenge, sign) =>
      send(
        JSON.stringify({ token: "legacy-verification-token", challenge, type: "url_verification" }),
        "application/json",
        sign,
      ),
  };
}
