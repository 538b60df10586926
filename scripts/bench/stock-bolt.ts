import { App, HTTPReceiver } from "@slack/bolt";
import type { RunningAdapter } from "../../adapters/adapter.ts";
import type { AppConfig } from "../../adapters/config.ts";
import { renderSlackReply } from "../../adapters/slack/render.ts";
import { SLACK_EVENTS_PATH } from "../../adapters/slack/slack-adapter.ts";
import { type Logger, type NewsBot, uiLanguage } from "../../src/index.ts";

/**
 * The anchor of the burst benchmark: the slash command answered the way Bolt's documentation shows and the
 * adapter did before it was tuned, with Bolt's HTTPReceiver, `ack()` in the listener, the person's locale from
 * the Web API client's users.info and the answer through Bolt's `respond()`; the same core and renderer.
 */
export async function startStockBolt(
  config: AppConfig,
  bot: NewsBot,
  _logger: Logger,
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
  app.command(slack.command, async ({ command, ack, respond, client }) => {
    await ack();
    const info = await client.users.info({ user: command.user_id, include_locale: true });
    const language = uiLanguage(info.user?.locale);
    const reply = bot.handle({
      text: command.text,
      userId: command.user_id,
      conversationId: command.channel_id,
      language,
    });
    for (const message of renderSlackReply(reply, language, { command: slack.command, shareable: true }))
      await respond({ response_type: "ephemeral", ...message });
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
