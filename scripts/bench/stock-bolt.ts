import { App, HTTPReceiver } from "@slack/bolt";
import type { RunningAdapter } from "../../adapters/adapter.ts";
import type { AppConfig } from "../../adapters/config.ts";
import { answerQuestion } from "../../adapters/slack/answer.ts";
import { SLACK_EVENTS_PATH } from "../../adapters/slack/slack-adapter.ts";
import { createLanguageLookup } from "../../adapters/slack/user-language.ts";
import type { Logger, NewsBot } from "../../src/index.ts";

/**
 * The anchor of the burst benchmark: the slash command answered the way Bolt's documentation shows and the
 * adapter did before it was tuned, with Bolt's HTTPReceiver, `ack()` in the listener, the person's locale from
 * the Web API client's users.info and the answer through Bolt's `respond()`; the same answering code
 * (answerQuestion: parsing, core, renderer) as the adapter.
 */
export async function startStockBolt(
  config: AppConfig,
  bot: NewsBot,
  logger: Logger,
): Promise<RunningAdapter> {
  const slack = config.slack;
  if (!slack) throw new Error("The benchmark needs the Slack settings");
  const receiver = new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: [SLACK_EVENTS_PATH] });
  const app = new App({
    token: slack.botToken,
    receiver,
    clientOptions: { slackApiUrl: slack.apiUrl },
    deferInitialization: true,
  });
  await app.init();
  const languageOf = createLanguageLookup({
    readLocale: async (user) => (await app.client.users.info({ user, include_locale: true })).user?.locale,
    logger,
  });
  const context = { bot, logger, command: slack.command, languageOf, subcommands: new Map() };
  app.command(slack.command, async ({ command, ack, respond, client }) => {
    await ack();
    const { messages } = await answerQuestion(context, {
      text: command.text,
      userId: command.user_id,
      channelId: command.channel_id,
      via: "command",
      client,
    });
    for (const message of messages) await respond({ response_type: "ephemeral", ...message });
  });
  return {
    name: "Slack (stock Bolt)",
    routes: [
      {
        path: SLACK_EVENTS_PATH,
        handler: (request, response) => receiver.requestListener(request, response),
      },
    ],
    stop: async () => {},
  };
}
