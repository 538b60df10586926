import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackCommand } from "../../adapters/slack/render.ts";
import { errorText, t } from "../../src/index.ts";
import { blockTexts, buttonsOf, type SlackHarness, startSlackHarness } from "./slack-harness.ts";

/** Slack's deadline for acknowledging a request and for the answer to feel immediate. */

describe("Slack slash command, end to end", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ questionsPerMinute: 3 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it("acknowledges before its answer is delivered, and answers privately through the response_url", async () => {
    // The fake holds the answer's post unanswered: a handler that waited for it before acknowledging (and so
    // risked Slack's 3-second deadline) would never acknowledge.
    h.fake.hold("response_url/kreml");
    const ack = await h.slack.command({
      text: "Wer ist der Kreml-Sprecher?",
      user_id: "UASK1",
      response_url: h.fake.responseUrl("kreml"),
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toBe("");
    const [answer] = await h.fake.waitFor("response_url/kreml");
    expect(answer.held).toBe(true);
    expect(answer?.payload.response_type).toBe("ephemeral");
    const texts = blockTexts(answer?.payload ?? {});
    expect(texts[0]).toBe("*Ein Treffen könnte schon bald stattfinden*");
    expect(texts[1]).toContain(
      "*Dass die Vorbereitungen dazu bereits in vollem Gange sind, bestätigte Kreml-Sprecher Dmitri Peskow am Montag.*",
    );
    expect(texts[1]).toContain("Über die Begegnung sei schon länger diskutiert worden.");
    expect(texts[2]).toBe("Quelle: Begegnung zwischen Kim Jong Un und Putin");
    expect(buttonsOf(answer?.payload ?? {})).toEqual([
      expect.objectContaining({ action_id: "share_answer", value: "Wer ist der Kreml-Sprecher?" }),
    ]);
    expect(String(answer?.payload.text)).toContain("Dmitri Peskow");
  });

  it("shows the help for an empty /news and for /news help, in the slash command's syntax", async () => {
    await h.slack.command({ text: "", user_id: "UHELP", response_url: h.fake.responseUrl("empty") });
    await h.slack.command({ text: "help", user_id: "UHELP", response_url: h.fake.responseUrl("help") });
    const [empty] = await h.fake.waitFor("response_url/empty");
    const [help] = await h.fake.waitFor("response_url/help");
    for (const reply of [empty, help]) {
      const text = blockTexts(reply?.payload ?? {}).join("\n");
      expect(text).toContain(t("de", "helpIntro"));
      expect(text).toContain("`/news summary`");
      expect(text).toContain("`/news ask &lt;Frage&gt;`");
    }
  });

  it("answers /news summary, /news sections and /news article", async () => {
    await h.slack.command({ text: "summary", user_id: "UCMD", response_url: h.fake.responseUrl("summary") });
    await h.slack.command({
      text: "Sections",
      user_id: "UCMD",
      response_url: h.fake.responseUrl("sections"),
    });
    await h.slack.command({ text: "article", user_id: "UCMD", response_url: h.fake.responseUrl("article") });
    const [summary] = await h.fake.waitFor("response_url/summary");
    expect(blockTexts(summary?.payload ?? {})[0]).toBe("*Begegnung zwischen Kim Jong Un und Putin*");
    expect(blockTexts(summary?.payload ?? {}).join("\n")).toContain(
      "Abschnitte: Ein Treffen könnte schon bald",
    );
    const [sections] = await h.fake.waitFor("response_url/sections");
    expect(blockTexts(sections?.payload ?? {})[0]).toMatch(/^\*Abschnitte: .+\*\n1\. Ein Treffen könnte/);
    const [article] = await h.fake.waitFor("response_url/article");
    const articleText = blockTexts(article?.payload ?? {}).join("\n");
    expect(articleText).toContain("1. Begegnung zwischen Kim Jong Un und Putin");
    expect(articleText).toContain("/news article &lt;Nummer&gt;");
  });

  it("answers in English when the person's Slack locale is English", async () => {
    h.fake.setLocale("UENGLISH", "en-GB");
    await h.slack.command({ text: "help", user_id: "UENGLISH", response_url: h.fake.responseUrl("english") });
    const [help] = await h.fake.waitFor("response_url/english");
    expect(blockTexts(help?.payload ?? {}).join("\n")).toContain(t("en", "helpIntro"));
    expect(h.fake.calls("users.info").some((call) => call.payload.user === "UENGLISH")).toBe(true);
  });

  it("applies the core's per-person limit and message length", async () => {
    for (const id of ["q1", "q2", "q3", "q4"]) {
      await h.slack.command({
        text: "Wer ist Choe Ryong Hae?",
        user_id: "ULIMIT",
        response_url: h.fake.responseUrl(id),
      });
      await h.fake.waitFor(`response_url/${id}`);
    }
    const [fourth] = h.fake.calls("response_url/q4");
    expect(fourth?.payload.text).toBe(errorText("de", "rate-limited", slackCommand()));
    await h.slack.command({
      text: "x".repeat(1001),
      user_id: "ULONG",
      response_url: h.fake.responseUrl("long"),
    });
    const [long] = await h.fake.waitFor("response_url/long");
    expect(long?.payload.text).toBe(errorText("de", "too-long", slackCommand(), "1001"));
  });

  it("shares an answer visibly in the channel when the button is pressed, and removes the private one", async () => {
    await h.slack.interaction({
      type: "block_actions",
      user: { id: "USHARE", username: "grace", team_id: h.fake.teamId },
      team: { id: h.fake.teamId, domain: "fake" },
      channel: { id: "CSHARE", name: "news" },
      container: { type: "message", message_ts: "1700000000.000001", is_ephemeral: true },
      response_url: h.fake.responseUrl("share"),
      trigger_id: "1.2.3",
      actions: [
        {
          type: "button",
          action_id: "share_answer",
          block_id: "b1",
          value: "Wer ist der Kreml-Sprecher?",
          text: { type: "plain_text", text: "Im Channel teilen" },
          action_ts: "1700000000.1",
        },
      ],
    });
    const [post] = await h.fake.waitFor(
      (call) => call.method === "chat.postMessage" && call.payload.channel === "CSHARE",
    );
    const texts = blockTexts(post.payload);
    expect(texts[0]).toBe("<@USHARE> hat gefragt: Wer ist der Kreml-Sprecher?");
    expect(texts[1]).toBe("*Ein Treffen könnte schon bald stattfinden*");
    expect(buttonsOf(post.payload)).toEqual([]);
    const [cleanup] = await h.fake.waitFor("response_url/share");
    expect(cleanup?.payload).toEqual({ delete_original: true });
  });

  it("shares through the response_url when the bot is not in the channel", async () => {
    h.fake.fail("chat.postMessage", { kind: "error", error: "not_in_channel" });
    await h.slack.interaction({
      type: "block_actions",
      user: { id: "USHARE2", username: "lin" },
      team: { id: h.fake.teamId, domain: "fake" },
      channel: { id: "COUTSIDE", name: "elsewhere" },
      response_url: h.fake.responseUrl("outside"),
      actions: [
        { type: "button", action_id: "share_answer", value: "Wer ist Choe Ryong Hae?", block_id: "b" },
      ],
    });
    const [visible, cleanup] = await h.fake.waitFor("response_url/outside", { count: 2 });
    expect(visible?.payload.response_type).toBe("in_channel");
    expect(blockTexts(visible?.payload ?? {})[0]).toBe("<@USHARE2> hat gefragt: Wer ist Choe Ryong Hae?");
    expect(cleanup?.payload).toEqual({ delete_original: true });
  });
});
