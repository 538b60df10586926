import { webApi } from "@slack/bolt";
import { describeError, type Logger, type LogLevel } from "../../src/index.ts";
import type { DigestSender, SendFailure } from "../ports/daily.ts";
import type { SlackMessage } from "./mrkdwn.ts";
import { postToChannel, SlackChannelError } from "./post-message.ts";
import { renderSlackReply } from "./render.ts";
import type { SlackSettings as SlackConfig } from "./settings.ts";
import { createFailFastClient, platformErrorOf } from "./slack-client.ts";

/** Messages per second over all channels: chat.postMessage allows about one per channel, with a workspace cap. */
export const SLACK_GLOBAL_RATE = 10;
/** Slack's limit per channel: about one message a second. */
const CHANNEL_INTERVAL_MS = 1_000;
/** One request of the daily summary gives up after this long; the delivery retries with back-off. */
const DIGEST_REQUEST_TIMEOUT_MS = 30_000;
/** Slack answers with these when it is its own fault; trying again later can work. */
const TRANSIENT_ERRORS = new Set(["fatal_error", "internal_error", "service_unavailable", "request_timeout"]);
/** Slack answers with these when the token cannot post anywhere: every channel would fail alike. */
const AUTH_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "not_allowed_token_type",
]);

/** Options for {@link createSlackDigestSender}. */
export interface SlackDigestSenderOptions {
  config: SlackConfig;
  logger: Logger;
  level?: LogLevel;
  /** Messages per second over all channels; default {@link SLACK_GLOBAL_RATE}. */
  globalRate?: number;
}

/**
 * The daily summary's port on Slack: the digest rendered by render.ts as Block Kit messages, one channel a
 * second, and Slack's errors in neutral terms. Its client is fail-fast, so the delivery sees every 429 and pauses
 * the platform itself.
 */
export function createSlackDigestSender(options: SlackDigestSenderOptions): DigestSender<SlackMessage> {
  const { config } = options;
  const client = createFailFastClient(config, options.logger, {
    timeoutMs: DIGEST_REQUEST_TIMEOUT_MS,
    level: options.level ?? "info",
  });
  return {
    platform: "slack",
    globalRate: options.globalRate ?? SLACK_GLOBAL_RATE,
    recipientIntervalMs: () => CHANNEL_INTERVAL_MS,
    render: (digest, language) => renderSlackReply(digest, language, { command: config.command }),
    async send(channel, message) {
      await postToChannel(client, { channel, messages: [message] });
    },
    classify: classifySlackError,
  };
}

/** Maps the Web API client's errors onto what the delivery does next. */
export function classifySlackError(error: unknown): SendFailure {
  if (error instanceof SlackChannelError) return { kind: "gone", reason: error.reason };
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { kind: "rate-limited", retryAfterMs: error.retryAfter * 1000 };
  }
  const platformError = platformErrorOf(error);
  if (platformError === "ratelimited") return { kind: "rate-limited", retryAfterMs: 1000 };
  if (platformError !== undefined && AUTH_ERRORS.has(platformError)) {
    return { kind: "token-refused", reason: platformError };
  }
  if (platformError !== undefined && !TRANSIENT_ERRORS.has(platformError)) {
    return { kind: "permanent", reason: platformError };
  }
  return { kind: "transient", reason: platformError ?? describeError(error) };
}
