import type { webApi } from "@slack/bolt";
import { NewsBotError } from "../../src/index.ts";
import type { SlackMessage } from "./mrkdwn.ts";
import { platformErrorOf } from "./slack-client.ts";

/** Slack errors that mean the bot cannot post to a channel until someone changes it (invites, unarchives). */
export const CHANNEL_ERRORS = ["channel_not_found", "not_in_channel", "is_archived"] as const;

/** Why a channel took no message. */
export type ChannelErrorReason = (typeof CHANNEL_ERRORS)[number];

/** A channel the bot cannot post to; retrying will not help, the daily summary should skip it. */
export class SlackChannelError extends NewsBotError {
  constructor(
    readonly channel: string,
    readonly reason: ChannelErrorReason,
    options?: { cause?: unknown },
  ) {
    super("PLATFORM", `Slack refused a message to channel ${channel}: ${reason}`, options);
  }
}

/** Where and what {@link postToChannel} posts. */
export interface PostToChannelOptions {
  /** Channel, DM or user id. */
  channel: string;
  /** Posted in order; most replies are one message. */
  messages: SlackMessage[];
  /** Posts into this thread. */
  threadTs?: string;
}

/**
 * Posts messages visibly with chat.postMessage (blocks plus the text fallback) and returns their timestamps.
 * Rate limits are waited out by the client's retry policy; a channel the bot cannot post to throws
 * {@link SlackChannelError}; other failures throw the client's error.
 */
export async function postToChannel(
  client: webApi.WebClient,
  options: PostToChannelOptions,
): Promise<string[]> {
  const timestamps: string[] = [];
  for (const message of options.messages) {
    try {
      const result = await client.chat.postMessage({
        channel: options.channel,
        text: message.text,
        blocks: message.blocks,
        ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (result.ts) timestamps.push(result.ts);
    } catch (error) {
      const reason = platformErrorOf(error);
      if (reason && (CHANNEL_ERRORS as readonly string[]).includes(reason)) {
        throw new SlackChannelError(options.channel, reason as ChannelErrorReason, { cause: error });
      }
      throw error;
    }
  }
  return timestamps;
}
