import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type NewsBot, t } from "../../src/index.ts";
import { slackSignature } from "../fakes/slack-requests.ts";
import {
  BOT_TOKEN,
  blockTexts,
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
} from "./slack-harness.ts";

/** Questions containing this word make the wrapped bot throw, as a bug in a handler would. */
const TRIGGER = "explode";

function failingOn(word: string) {
  return (bot: NewsBot): NewsBot => ({
    ...bot,
    handle(request, from) {
      if (request.kind === "question" && request.text.includes(word))
        throw new Error(`handler bug near ${BOT_TOKEN}`);
      return bot.handle(request, from);
    },
  });
}

describe("Slack request checks and failures", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ wrapBot: failingOn(TRIGGER) });
  });
  beforeEach(() => {
    h.fake.reset();
  });
  afterAll(async () => {
    await h.stop();
  });

  const nothingPosted = () => {
    expect(
      h.fake.calls((call) => call.method.startsWith("chat.") || call.method.startsWith("response_url/")),
    ).toEqual([]);
  };

  it("rejects a wrong signature with 401 and posts nothing", async () => {
    const answer = await h.slack.command(
      { text: "summary", response_url: h.fake.responseUrl("forged") },
      { signature: slackSignature("not-the-secret", Math.floor(Date.now() / 1000), "text=summary") },
    );
    expect(answer.status).toBe(401);
    nothingPosted();
    expect(h.logs.some((line) => line.includes("signature mismatch"))).toBe(true);
  });

  it("rejects a timestamp older than five minutes with 401, even when correctly signed", async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const answer = await h.slack.command(
      { text: "summary", response_url: h.fake.responseUrl("stale") },
      { timestamp: sixMinutesAgo },
    );
    expect(answer.status).toBe(401);
    nothingPosted();
    expect(h.logs.some((line) => line.includes("stale"))).toBe(true);
  });

  it("rejects a correctly signed but malformed body with 400", async () => {
    const answer = await h.slack.send('{"type":"event_callback","event":', "application/json");
    expect(answer.status).toBe(400);
    const form = await h.slack.send("payload=%7Bnot-json", "application/x-www-form-urlencoded");
    expect(form.status).toBe(400);
    nothingPosted();
  });

  it("answers anything but POST on the events path with 405", async () => {
    const response = await fetch(`${h.origin}/slack/events`);
    expect(response.status).toBe(405);
    expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
  });

  it("apologizes privately when the slash command's handler fails, and keeps serving", async () => {
    const ack = await h.slack.command({
      text: `please ${TRIGGER}`,
      user_id: "UFAIL",
      response_url: h.fake.responseUrl("fail"),
    });
    expect(ack.status).toBe(200);
    const [apology] = await h.fake.waitFor("response_url/fail");
    expect(apology?.payload).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: t("de", "error.internal"),
    });
    await h.slack.command({ text: "summary", user_id: "UFAIL", response_url: h.fake.responseUrl("after") });
    const [after] = await h.fake.waitFor("response_url/after");
    expect(blockTexts(after?.payload ?? {})[0]).toBe("*Begegnung zwischen Kim Jong Un und Putin*");
  });

  it("apologizes in the thread when a mention's handler fails", async () => {
    await h.slack.event({
      type: "app_mention",
      user: "UFAIL",
      text: `<@${h.fake.botUserId}> ${TRIGGER}`,
      ts: "1700000400.000100",
      channel: "CFAIL",
    });
    const [post] = await h.fake.waitFor(
      (call) => call.method === "chat.postMessage" && call.payload.channel === "CFAIL",
    );
    expect(post.payload.text).toBe(t("de", "error.internal"));
    expect(post.payload.thread_ts).toBe("1700000400.000100");
  });

  it("logs failures without the secrets and survives a channel it cannot post to", async () => {
    const earlier = h.logs.length;
    await h.slack.command({
      text: TRIGGER,
      user_id: "ULOG",
      response_url: h.fake.responseUrl("log-apology"),
    });
    await h.fake.waitFor("response_url/log-apology");
    h.fake.fail("chat.postMessage", { kind: "error", error: "channel_not_found" }, 2);
    await h.slack.event({
      type: "app_mention",
      user: "U9",
      text: "<@UBOT> summary",
      ts: "5.1",
      channel: "CGONE",
    });
    await h.fake.waitFor("chat.postMessage", { count: 2 });
    await h.slack.command({ text: "summary", user_id: "U9", response_url: h.fake.responseUrl("alive") });
    await h.fake.waitFor("response_url/alive");
    const ownLogs = () => h.logs.slice(earlier);
    await vi.waitFor(() => expect(ownLogs().join("\n")).toContain("Could not send the apology"), {
      timeout: 15_000,
    });
    const logs = ownLogs().join("\n");
    expect(logs).toContain("channel_not_found");
    expect(logs).toContain("handler bug near [redacted]");
    expect(logs).not.toContain(SIGNING_SECRET);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toMatch(/\n\s+at /);
  });
});
