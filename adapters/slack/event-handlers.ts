import type { App, Context, webApi } from "@slack/bolt";
import { createBoundedMap } from "../../src/index.ts";
import { answerQuestion, type SlackEntryPoint, type SlackHandlerContext } from "./answer.ts";
import { plainTextOf } from "./incoming-text.ts";
import { postToChannel } from "./post-message.ts";

/** Event ids remembered to drop duplicate deliveries; Slack retries within minutes, so a few thousand suffice. */
export const SEEN_EVENT_IDS = 5000;

/** Remembers recent event ids; `firstTime(id)` is true only the first time an id is seen. */
export function createSeenEvents(capacity = SEEN_EVENT_IDS): { firstTime(id: string): boolean } {
  const seen = createBoundedMap<string, true>(capacity);
  return {
    firstTime(id) {
      if (seen.has(id)) return false;
      seen.set(id, true);
      return true;
    },
  };
}

/**
 * Mentions are answered in their thread, direct messages in the DM. Bots (this one included) are ignored,
 * and an event is answered once, by its event_id: a retry (X-Slack-Retry-Num) of an event already seen is
 * dropped, while a retry whose first delivery never arrived (the bot was restarting) is still answered.
 */
export function registerEventHandlers(app: App, context: SlackHandlerContext): void {
  const seen = createSeenEvents();
  const isNew = (body: { event_id?: unknown }, boltContext: Context): boolean => {
    const eventId = typeof body.event_id === "string" ? body.event_id : undefined;
    if (eventId !== undefined && !seen.firstTime(eventId)) {
      context.logger.info("Ignored a repeated Slack event", {
        eventId,
        retry: boltContext.retryNum,
        reason: boltContext.retryReason,
      });
      return false;
    }
    return true;
  };

  app.event("app_mention", async ({ event, body, context: boltContext, client }) => {
    if (event.bot_id || !event.user || event.user === boltContext.botUserId) return;
    if (!isNew(body, boltContext)) return;
    await answerIn(context, {
      client,
      via: "mention",
      text: plainTextOf(event.text, boltContext.botUserId),
      userId: event.user,
      channelId: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      teamId: boltContext.teamId,
    });
  });

  app.event("message", async ({ event, body, context: boltContext, client }) => {
    // Edits, joins, bot posts and other subtypes are not questions.
    if (event.subtype !== undefined || event.channel_type !== "im") return;
    if (event.bot_id || event.user === boltContext.botUserId) return;
    if (!isNew(body, boltContext)) return;
    await answerIn(context, {
      client,
      via: "direct-message",
      text: plainTextOf(event.text ?? "", boltContext.botUserId),
      userId: event.user,
      channelId: event.channel,
      threadTs: event.thread_ts,
      teamId: boltContext.teamId,
    });
  });
}

async function answerIn(
  context: SlackHandlerContext,
  request: {
    client: webApi.WebClient;
    via: SlackEntryPoint;
    text: string;
    userId: string;
    channelId: string;
    threadTs: string | undefined;
    teamId: string | undefined;
  },
): Promise<void> {
  const { messages } = await answerQuestion(context, {
    text: request.text,
    userId: request.userId,
    channelId: request.channelId,
    ...(request.teamId ? { teamId: request.teamId } : {}),
    via: request.via,
    client: request.client,
  });
  await postToChannel(request.client, {
    channel: request.channelId,
    messages,
    ...(request.threadTs ? { threadTs: request.threadTs } : {}),
  });
}
