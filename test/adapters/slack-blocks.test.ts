import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { blockKitError } from "../fakes/fake-slack-blocks.ts";
import { blockTexts, type SlackHarness, startSlackHarness } from "./slack-harness.ts";

/** An article with a title and one paragraph: its summary has a lead, no further sentences and no sections. */
const SHORT_ARTICLE = "Kurze *Meldung* zu Kim\n\nNur ein Absatz über Kim & Putin, mehr gibt es nicht.\n";

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("the fake Slack's Block Kit checks", () => {
  it("accepts what Slack accepts", () => {
    expect(blockKitError(undefined)).toBeUndefined();
    expect(
      blockKitError([
        section("x".repeat(3000)),
        { type: "context", elements: [{ type: "mrkdwn", text: "y" }] },
      ]),
    ).toBeUndefined();
    expect(blockKitError(Array.from({ length: 50 }, () => section("z")))).toBeUndefined();
  });

  it("refuses an empty or over-long section, an empty context and more than 50 blocks", () => {
    expect(blockKitError([section("")])).toBe("invalid_blocks");
    expect(blockKitError([section("x".repeat(3001))])).toBe("invalid_blocks");
    expect(blockKitError([{ type: "context", elements: [] }])).toBe("invalid_blocks");
    expect(blockKitError(Array.from({ length: 51 }, () => section("z")))).toBe("invalid_blocks");
  });
});

describe("Slack with an article of one paragraph", () => {
  let dir: string;
  let h: SlackHarness;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "slack-blocks-"));
    await writeFile(join(dir, "001_kurz.txt"), SHORT_ARTICLE);
    h = await startSlackHarness({ contentDir: dir });
  });
  beforeEach(() => {
    h.fake.reset();
  });
  afterAll(async () => {
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("posts a summary Slack accepts: title and lead, no empty section and no bare sections line", async () => {
    await h.slack.command({ text: "summary", response_url: h.fake.responseUrl("summary") });
    const [summary] = await h.fake.waitFor("response_url/summary");
    expect(summary?.status).toBe(200);
    const texts = blockTexts(summary?.payload ?? {}).map((text) => text.replaceAll("\u200D", ""));
    expect(texts).toEqual([
      "*Kurze *Meldung* zu Kim*",
      "Nur ein Absatz über Kim &amp; Putin, mehr gibt es nicht.",
    ]);
  });

  it("refuses, as Slack would, a response with an empty section", async () => {
    const url = h.fake.responseUrl("empty");
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "x", blocks: [section("")] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, error: "invalid_blocks" });
    expect(h.fake.calls("response_url/empty")[0]?.error).toBe("invalid_blocks");
  });

  it("answers a mention in the channel with blocks Slack accepts", async () => {
    await h.slack.event({
      type: "app_mention",
      user: "U7",
      text: `<@${h.fake.botUserId}> Was war mit Kim und Putin?`,
      ts: "1700000500.000100",
      channel: "CSHORT",
    });
    const [post] = await h.fake.waitFor("chat.postMessage");
    expect(post?.error).toBeUndefined();
    expect(blockTexts(post?.payload ?? {}).join("\n")).toContain("Kim &amp; Putin");
  });
});
