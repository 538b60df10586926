import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { blockTexts, type SlackHarness, startSlackHarness } from "./slack-harness.ts";

describe("Slack events, end to end", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  beforeEach(() => {
    h.fake.reset();
  });
  afterAll(async () => {
    await h.stop();
  });

  /** Waits for the bot's post to a channel. */
  const postTo = async (channel: string) => {
    const [post] = await h.fake.waitFor(
      (call) => call.method === "chat.postMessage" && call.payload.channel === channel,
    );
    return post;
  };

  const mention = (text: string, extra: Record<string, unknown> = {}) => ({
    type: "app_mention",
    user: "UMENTION",
    text,
    ts: "1700000100.000100",
    channel: "CMENTION",
    ...extra,
  });

  it("answers the url_verification handshake with the challenge", async () => {
    const answer = await h.slack.urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("answers a mention in a thread under the message", async () => {
    const answer = await h.slack.event(mention(`<@${h.fake.botUserId}> Wer ist der Kreml-Sprecher?`));
    expect(answer.status).toBe(200);
    const post = await postTo("CMENTION");
    expect(post.payload.thread_ts).toBe("1700000100.000100");
    expect(blockTexts(post.payload)[0]).toBe("*Ein Treffen könnte schon bald stattfinden*");
    expect(String(post.payload.text)).toContain("Dmitri Peskow");
    expect(post.token).toBe(h.config.slack?.botToken);
  });

  it("answers a mention inside a thread in that thread", async () => {
    await h.slack.event(
      mention(`<@${h.fake.botUserId}> summary`, { channel: "CTHREAD", thread_ts: "1700000000.000001" }),
    );
    const post = await postTo("CTHREAD");
    expect(post.payload.thread_ts).toBe("1700000000.000001");
    expect(blockTexts(post.payload)[0]).toBe("*Begegnung zwischen Kim Jong Un und Putin*");
  });

  it("answers a direct message in the DM", async () => {
    await h.slack.event({
      type: "message",
      channel_type: "im",
      channel: "DUSER",
      user: "UDM",
      text: "Wer ist Choe Ryong Hae?",
      ts: "1700000200.000100",
    });
    const post = await postTo("DUSER");
    expect(post.payload.thread_ts).toBeUndefined();
    expect(String(post.payload.text)).toContain("Choe Ryong Hae");
  });

  it("ignores other bots, its own messages and message subtypes", async () => {
    const dm = { type: "message", channel_type: "im", channel: "DBOTS", text: "Wer ist Choe Ryong Hae?" };
    await h.slack.event({ ...dm, user: "UOTHER", bot_id: "BOTHER", ts: "1.1" });
    await h.slack.event({ ...dm, user: h.fake.botUserId, bot_id: h.fake.botId, ts: "1.2" });
    await h.slack.event({ ...dm, subtype: "bot_message", bot_id: "BOTHER", ts: "1.3" });
    await h.slack.event({ ...dm, subtype: "message_changed", user: "UDM", ts: "1.4" });
    await h.slack.event(mention("<@UBOT> summary", { channel: "DBOTS", bot_id: "BOTHER", ts: "1.5" }));
    // A real message afterwards: once it is answered, the ignored ones above would have been too.
    await h.slack.event({ ...dm, user: "UDM", text: "summary", ts: "1.6" });
    await postTo("DBOTS");
    expect(h.fake.calls("chat.postMessage")).toHaveLength(1);
  });

  it("never answers a retried or repeated event twice", async () => {
    const event = mention(`<@${h.fake.botUserId}> summary`, { channel: "CRETRY", ts: "1700000300.000100" });
    await h.slack.event(event, { eventId: "EvRETRY1" });
    await postTo("CRETRY");
    const retry = await h.slack.event(event, { eventId: "EvRETRY1", retryNum: 1 });
    expect(retry.status).toBe(200);
    await h.slack.event(event, { eventId: "EvRETRY1" });
    await h.slack.event({ ...event, channel: "CAFTER" });
    await postTo("CAFTER");
    expect(h.fake.calls("chat.postMessage").filter((call) => call.payload.channel === "CRETRY")).toHaveLength(
      1,
    );
    expect(h.logs.filter((line) => line.includes("Ignored a repeated Slack request"))).toHaveLength(2);
  });

  it("answers a retry whose first delivery never reached the bot", async () => {
    const event = mention(`<@${h.fake.botUserId}> summary`, { channel: "CLOST", ts: "1700000400.000100" });
    const retry = await h.slack.event(event, { eventId: "EvLOST1", retryNum: 1 });
    expect(retry.status).toBe(200);
    await postTo("CLOST");
    await h.slack.event(event, { eventId: "EvLOST1", retryNum: 2 });
    await h.slack.event({ ...event, channel: "CAFTER2" }, { eventId: "EvAFTER2" });
    await postTo("CAFTER2");
    expect(h.fake.calls("chat.postMessage").filter((call) => call.payload.channel === "CLOST")).toHaveLength(
      1,
    );
  });
});
