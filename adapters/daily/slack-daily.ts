import { webApi } from "@slack/bolt";
import { describeError, t } from "../../src/index.ts";
import {
  bold,
  contextBlock,
  escapeMrkdwn,
  type SlackBlock,
  type SlackMessage,
  sectionBlock,
  toMessages,
} from "../slack/mrkdwn.ts";
import { postToChannel, SlackChannelError } from "../slack/post-message.ts";
import { DEFAULT_SLASH_COMMAND, renderSlackReply } from "../slack/render.ts";
import { platformErrorOf } from "../slack/slack-client.ts";
import type { DailySender, SendFailure } from "./sender.ts";

/** Messages per second over all channels: chat.postMessage allows about one per channel, with a workspace cap. */
export const SLACK_GLOBAL_RATE = 10;
/** Slack's limit per channel: about one message a second. */
const CHANNEL_INTERVAL_MS = 1_000;
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

/** Options for {@link createSlackSender}. */
export interface SlackSenderOptions {
  client: webApi.WebClient;
  /** The slash command named in the line on how to ask; default /news. */
  command?: string;
  /** Messages per second over all channels; default {@link SLACK_GLOBAL_RATE}. */
  globalRate?: number;
}

/** The daily summary's Slack sender: Block Kit messages, one channel a second, Slack's errors. */
export function createSlackSender(options: SlackSenderOptions): DailySender<SlackMessage> {
  const command = options.command ?? DEFAULT_SLASH_COMMAND;
  return {
    platform: "slack",
    globalRate: options.globalRate ?? SLACK_GLOBAL_RATE,
    recipientIntervalMs: () => CHANNEL_INTERVAL_MS,
    render(digest, context) {
      const { language } = context;
      const article = (entry: typeof digest.newest): SlackBlock[] =>
        renderSlackReply({ kind: "summary", ...entry }, language, { command }).flatMap((m) => m.blocks);
      const blocks: SlackBlock[] = [sectionBlock(bold(t(language, "digestTitle", { date: context.date })))];
      blocks.push(...article(digest.newest));
      if (digest.added.length > 0) {
        blocks.push({ type: "divider" }, sectionBlock(bold(t(language, "digestAdded"))));
        for (const entry of digest.added) blocks.push(...article(entry));
      }
      if (digest.example !== "") {
        const example = `\`${escapeMrkdwn(`${command} ${digest.example}`)}\``;
        // The placeholder survives t() unfilled, so the example goes in after escaping, as code.
        blocks.push(contextBlock([escapeMrkdwn(t(language, "digestAsk")).replace("{example}", example)]));
      }
      return toMessages(blocks);
    },
    async send(channel, message) {
      await postToChannel(options.client, { channel, messages: [message] });
    },
    classify: classifySlackError,
    describe: (message) => `${message.blocks.length} blocks`,
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
  if (platformError !== undefined && AUTH_ERRORS.has(platformError))
    return { kind: "platform", reason: platformError };
  if (platformError !== undefined && !TRANSIENT_ERRORS.has(platformError)) {
    return { kind: "permanent", reason: platformError };
  }
  return { kind: "transient", reason: platformError ?? describeError(error) };
}
