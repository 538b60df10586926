import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../adapters/logger.ts";
import { plainMessage } from "../../adapters/slack/mrkdwn.ts";
import { postToChannel, SlackChannelError } from "../../adapters/slack/post-message.ts";
import type { SlackSettings } from "../../adapters/slack/settings.ts";
import {
  createSlackClient,
  platformErrorOf,
  SLACK_LOOKUP_TIMEOUT_MS,
} from "../../adapters/slack/slack-client.ts";
import { readSlackLocale } from "../../adapters/slack/slack-http.ts";
import { createLanguageLookup } from "../../adapters/slack/user-language.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET } from "./slack-harness.ts";

describe("posting to a Slack channel", () => {
  let fake: FakeSlack;
  let config: SlackSettings;
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line), secrets: [BOT_TOKEN] });
  beforeAll(async () => {
    fake = await startFakeSlack();
    config = { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, command: "/news" };
  });
  beforeEach(() => {
    fake.reset();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it("posts blocks with the text fallback, in a thread when asked, and returns the timestamps", async () => {
    const message = plainMessage("Guten Morgen & <hallo>");
    const timestamps = await postToChannel(createSlackClient(config, logger), {
      channel: "CDAILY",
      messages: [message, message],
      threadTs: "1.5",
    });
    expect(timestamps).toHaveLength(2);
    const [first] = fake.calls("chat.postMessage");
    expect(first?.token).toBe(BOT_TOKEN);
    expect(first?.payload).toMatchObject({
      channel: "CDAILY",
      thread_ts: "1.5",
      text: "Guten Morgen &amp; &lt;hallo&gt;",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Guten Morgen &amp; &lt;hallo&gt;" } }],
    });
  });

  it.each(["channel_not_found", "not_in_channel", "is_archived"])(
    "turns %s into a SlackChannelError",
    async (error) => {
      fake.fail("chat.postMessage", { kind: "error", error });
      const posting = postToChannel(createSlackClient(config, logger), {
        channel: "CGONE",
        messages: [plainMessage("x")],
      });
      await expect(posting).rejects.toBeInstanceOf(SlackChannelError);
      await expect(posting).rejects.toMatchObject({ channel: "CGONE", reason: error, code: "PLATFORM" });
    },
  );

  it("passes other Slack errors on as they are", async () => {
    fake.fail("chat.postMessage", { kind: "error", error: "invalid_blocks" });
    const failure = await postToChannel(createSlackClient(config, logger), {
      channel: "C1",
      messages: [plainMessage("x")],
    }).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(SlackChannelError);
    expect(platformErrorOf(failure)).toBe("invalid_blocks");
  });

  it("waits out a 429 for its Retry-After, then posts", async () => {
    fake.fail("chat.postMessage", { kind: "rate-limited", retryAfterSeconds: 1 });
    await postToChannel(createSlackClient(config, logger), {
      channel: "CBUSY",
      messages: [plainMessage("x")],
    });
    // The fake keeps answering 429 until Retry-After has passed: a retry that came too early would show here.
    expect(fake.calls("chat.postMessage").map((call) => call.status)).toEqual([429, 200]);
    expect(logs.join("\n")).not.toContain(BOT_TOKEN);
  });

  it("looks a person's language up once, and falls back to German when Slack says nothing", async () => {
    fake.setLocale("UEN", "en-US");
    const readLocale = (userId: string) =>
      readSlackLocale(config.apiUrl, config.botToken, userId, SLACK_LOOKUP_TIMEOUT_MS);
    const languageOf = createLanguageLookup({ readLocale, logger });
    expect(await languageOf("UEN")).toBe("en");
    expect(await languageOf("UEN")).toBe("en");
    expect(fake.calls("users.info")).toHaveLength(1);
    expect(await languageOf("UDE")).toBe("de");
    fake.fail("users.info", { kind: "error", error: "missing_scope" });
    expect(await languageOf("UFAIL")).toBe("de");
    expect(logs.some((line) => line.includes("WARN") && line.includes("missing_scope"))).toBe(true);
  });
});
