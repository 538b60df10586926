import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SlackHarness, startSlackHarness } from "./slack-harness.ts";

/** Unhandled rejections while a test runs: a malformed body must never cause one. */
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

describe("Slack replays, timestamps and malformed bodies, end to end", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
    process.on("unhandledRejection", onRejection);
  });
  beforeEach(() => {
    h.fake.reset();
    rejections.length = 0;
  });
  afterEach(() => {
    expect(rejections).toEqual([]);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await h.stop();
  });

  const nothingPosted = () => {
    expect(h.fake.calls((call) => call.method.startsWith("chat."))).toEqual([]);
    expect(h.fake.calls((call) => call.method.startsWith("response_url/"))).toEqual([]);
  };
  const warned = (text: string) => h.logs.some((line) => line.includes("WARN") && line.includes(text));
  /** A command answered afterwards proves the ones before it were done with (or dropped). */
  const answeredAfterwards = async (id: string) => {
    await h.slack.command({ text: "help", user_id: `U${id}`, response_url: h.fake.responseUrl(id) });
    await h.fake.waitFor(`response_url/${id}`);
  };

  it("carries out a replayed slash command once, however often and however fast it comes", async () => {
    const url = h.fake.responseUrl("replayed");
    const command = { text: "summary", user_id: "UREPLAY", trigger_id: "1337.42.abc", response_url: url };
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.slack.command(command)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    await h.slack.command(command);
    await answeredAfterwards("after-replay");
    expect(h.fake.calls("response_url/replayed")).toHaveLength(1);
    expect(h.logs.filter((line) => line.includes('key="command:1337.42.abc"'))).toHaveLength(5);
  });

  it("carries out a repeated button click once", async () => {
    const click = {
      type: "block_actions",
      trigger_id: "click.1",
      user: { id: "UCLICK" },
      channel: { id: "CCLICK" },
      response_url: h.fake.responseUrl("click"),
      actions: [{ type: "button", action_id: "share_answer", value: "Wer ist Putin?", action_ts: "1.1" }],
    };
    await h.slack.interaction(click);
    await h.slack.interaction(click);
    await h.fake.waitFor("response_url/click");
    await answeredAfterwards("after-click");
    expect(h.fake.calls("chat.postMessage").filter((call) => call.payload.channel === "CCLICK")).toHaveLength(
      1,
    );
  });

  it("refuses a correctly signed request stamped six minutes ahead with 401, and posts nothing", async () => {
    const ahead = Math.floor(Date.now() / 1000) + 6 * 60;
    const answer = await h.slack.command(
      { text: "summary", response_url: h.fake.responseUrl("future") },
      { timestamp: ahead },
    );
    expect(answer.status).toBe(401);
    await answeredAfterwards("after-future");
    expect(h.fake.calls("response_url/future")).toEqual([]);
    expect(warned("stale or future timestamp")).toBe(true);
  });

  it("accepts a request stamped within the five minutes either way", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const [id, timestamp] of [
      ["ahead", now + 4 * 60],
      ["behind", now - 4 * 60],
    ] as const) {
      const answer = await h.slack.command(
        { text: "help", response_url: h.fake.responseUrl(id) },
        { timestamp },
      );
      expect(answer.status).toBe(200);
      await h.fake.waitFor(`response_url/${id}`);
    }
  });

  it.each([
    ["a JSON null", "null", "application/json", "the body is not an object"],
    ["an empty JSON object", "{}", "application/json", "neither a slash command"],
    [
      "an event without an event_id",
      '{"type":"event_callback","event":{"type":"app_mention"}}',
      "application/json",
      "without an event_id",
    ],
    ["an empty form", "", "application/x-www-form-urlencoded", "neither a slash command"],
  ])("answers %s with 400 and a warning", async (_, body, contentType, reason) => {
    const answer = await h.slack.send(body, contentType);
    expect(answer.status).toBe(400);
    expect(warned(reason)).toBe(true);
    await answeredAfterwards(`after-${reason.replaceAll(" ", "-")}`);
    expect(h.fake.calls((call) => call.method.startsWith("response_url/"))).toHaveLength(1);
  });

  it("answers a slash command without a response_url with 400 and a warning", async () => {
    const fields = new URLSearchParams({
      command: "/news",
      text: "summary",
      user_id: "UNOURL",
      channel_id: "C1",
      trigger_id: "t.nourl",
    });
    const answer = await h.slack.send(fields.toString(), "application/x-www-form-urlencoded");
    expect(answer.status).toBe(400);
    expect(warned("a slash command without a response_url")).toBe(true);
    nothingPosted();
  });

  it("answers a block action with an empty action with 400 and a warning", async () => {
    const answer = await h.slack.interaction({
      type: "block_actions",
      user: { id: "UEMPTY" },
      channel: { id: "CEMPTY" },
      response_url: h.fake.responseUrl("empty-action"),
      actions: [{}],
    });
    expect(answer.status).toBe(400);
    expect(warned("lack an action_id")).toBe(true);
    await answeredAfterwards("after-empty-action");
    expect(h.fake.calls("response_url/empty-action")).toEqual([]);
  });

  it("acknowledges a well-formed interaction the bot does not use, and does nothing", async () => {
    const answer = await h.slack.interaction({ type: "shortcut", callback_id: "x", user: { id: "U1" } });
    expect(answer.status).toBe(200);
    expect(warned("does not handle")).toBe(true);
    nothingPosted();
  });

  it("refuses a body over 1 MiB with 413 without reading it", async () => {
    const answer = await h.slack.send(
      `text=${"x".repeat(1024 * 1024 + 1)}`,
      "application/x-www-form-urlencoded",
    );
    expect(answer.status).toBe(413);
    nothingPosted();
  });
});
