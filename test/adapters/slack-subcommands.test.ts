import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackSubcommandRequest } from "../../adapters/slack/answer.ts";
import { plainMessage } from "../../adapters/slack/mrkdwn.ts";
import { blockTexts, type SlackHarness, startSlackHarness } from "./slack-harness.ts";

describe("Slack subcommand hook", () => {
  let h: SlackHarness;
  const requests: SlackSubcommandRequest[] = [];
  beforeAll(async () => {
    h = await startSlackHarness({
      subcommands: {
        Subscribe: async (request) => {
          requests.push(request);
          return `Abonniert für ${request.channelId} <${request.args}>`;
        },
        unsubscribe: async () => [plainMessage("Abo beendet")],
      },
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  it("hands /news subscribe to the registered handler and answers privately", async () => {
    await h.slack.command({
      text: "subscribe täglich",
      user_id: "USUB",
      channel_id: "CSUB",
      response_url: h.fake.responseUrl("sub"),
    });
    const [answer] = await h.fake.waitFor("response_url/sub");
    expect(answer?.payload.response_type).toBe("ephemeral");
    expect(blockTexts(answer?.payload ?? {})).toEqual(["Abonniert für CSUB &lt;täglich&gt;"]);
    expect(requests[0]).toMatchObject({
      args: "täglich",
      userId: "USUB",
      channelId: "CSUB",
      teamId: h.fake.teamId,
      language: "de",
      via: "command",
    });
  });

  it("hands a mention's subcommand to the handler and answers in the thread", async () => {
    await h.slack.event({
      type: "app_mention",
      user: "USUB",
      text: `<@${h.fake.botUserId}> unsubscribe`,
      ts: "1700000500.000100",
      channel: "CUNSUB",
    });
    const [post] = await h.fake.waitFor(
      (call) => call.method === "chat.postMessage" && call.payload.channel === "CUNSUB",
    );
    expect(post.payload.text).toBe("Abo beendet");
    expect(post.payload.thread_ts).toBe("1700000500.000100");
  });
});
