import type { App, webApi } from "@slack/bolt";
import { answerQuestion, type SlackEntryPoint, type SlackHandlerContext } from "./answer.ts";
import { plainTextOf } from "./incoming-text.ts";
import { postToChannel } from "./post-message.ts";

/**
 * Mentions are answered in their thread, direct messages in the DM. Bots (this one included) are ignored;
 * repeated deliveries never get here (see createReplayGuard).
 */
export function registerEventHandlers(app: App, context: SlackHandlerContext): void {
  app.event("app_mention", async ({ event, context: boltContext, client }) => {
    if (event.bot_id || !event.user || event.user === boltContext.botUserId) return;
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

  app.event("message", async ({ event, context: boltContext, client }) => {
    // Edits, joins, bot posts and other subtypes are not questions.
    if (event.subtype !== undefined || event.channel_type !== "im") return;
    if (event.bot_id || event.user === boltContext.botUserId) return;
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
