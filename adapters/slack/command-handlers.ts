import type { App, BlockAction, ButtonAction, SlashCommand, webApi } from "@slack/bolt";
import { answerQuestion, type SlackHandlerContext } from "./answer.ts";
import { plainTextOf } from "./incoming-text.ts";
import { postToChannel, SlackChannelError } from "./post-message.ts";
import { renderSlackReply, SHARE_ACTION_ID } from "./render.ts";
import { postToResponseUrl } from "./slack-http.ts";

/**
 * The slash command: acknowledged at once with an empty 200, so Slack's 3-second limit never bites, then
 * answered privately (ephemeral) through the response_url, with a "Share in channel" button on answers.
 */
export function registerCommandHandlers(app: App, context: SlackHandlerContext): void {
  app.command(context.command, async ({ command, ack, client }) => {
    await ack();
    await answerSlashCommand(context, client, command);
  });

  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: SHARE_ACTION_ID },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const question = action.value ?? "";
      const channel = body.channel?.id;
      if (question === "" || !channel) return;
      const language = await context.languageOf(body.user.id);
      // No userId: the question was counted against the person's limit when it was asked.
      const reply = await context.bot.handle(
        { kind: "question", text: question },
        { conversationId: `slack:${channel}`, language },
      );
      const messages = renderSlackReply(reply, language, {
        command: context.command,
        sharedBy: body.user.id,
      });
      try {
        await postToChannel(client, { channel, messages });
      } catch (error) {
        if (!(error instanceof SlackChannelError)) throw error;
        // The bot is not in this channel (a DM between people, a channel it was not invited to):
        // the response_url can still post there visibly on the person's behalf.
        context.logger.info("Shared through the response_url", { channel, reason: error.reason });
        for (const message of messages)
          await respond({ response_type: "in_channel", replace_original: false, ...message });
      }
      await respond({ delete_original: true });
    },
  );
}

/** The fields of a slash command the answer needs. */
export type SlashCommandFields = Pick<
  SlashCommand,
  "text" | "user_id" | "channel_id" | "team_id" | "response_url"
>;

/**
 * Answers one slash command privately through its response_url. Bolt's listener calls it in Socket Mode; in
 * HTTP mode the receiver calls it directly (see createSlackReceiver's `commands`), past Bolt's middleware.
 */
export async function answerSlashCommand(
  context: SlackHandlerContext,
  client: webApi.WebClient,
  command: SlashCommandFields,
): Promise<void> {
  const { messages } = await answerQuestion(context, {
    text: plainTextOf(command.text),
    userId: command.user_id,
    channelId: command.channel_id,
    teamId: command.team_id,
    via: "command",
    client,
  });
  for (const message of messages)
    await postToResponseUrl(command.response_url, { response_type: "ephemeral", ...message });
}
