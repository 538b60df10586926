import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockTexts, buttonsOf, type SlackHarness, startSlackHarness } from "./slack-harness.ts";

const ARTICLE = `Streit um <Tags> & Zeichen

Die Firma Müller & Söhne stellte am Montag ihr neues Produkt <b>Turbo</b> vor. Der Preis lag > 100 Euro.

Die Reaktion der Kunden & Händler

Kunden schrieben <script>alert(1)</script> in die Kommentare & lobten das Design. Der Sprecher der Firma heißt Max <Muster> Mann.
`;

/** Markup Slack would act on: a raw `<` that is not a mention, or an `&` that is not an entity. */
const UNESCAPED = /<(?!@U)|&(?!amp;|lt;|gt;)/;

describe("Slack mrkdwn escaping, end to end", () => {
  let dir: string;
  let h: SlackHarness;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "slack-escaping-"));
    await writeFile(join(dir, "001_tags.txt"), ARTICLE);
    h = await startSlackHarness({ contentDir: dir });
  });
  afterAll(async () => {
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("escapes <, > and & in headings, paragraphs, titles and the text fallback", async () => {
    await h.slack.command({
      text: "Wie heißt der Sprecher der Firma?",
      response_url: h.fake.responseUrl("q"),
    });
    const [answer] = await h.fake.waitFor("response_url/q");
    const texts = blockTexts(answer?.payload ?? {});
    expect(texts[0]).toBe("*Die Reaktion der Kunden &amp; Händler*");
    expect(texts[1]).toBe(
      "Kunden schrieben &lt;script&gt;alert(1)&lt;/script&gt; in die Kommentare &amp; lobten das Design. " +
        "*Der Sprecher der Firma heißt Max &lt;Muster&gt; Mann.*",
    );
    expect(texts[2]).toBe("Quelle: Streit um &lt;Tags&gt; &amp; Zeichen");
    for (const text of [...texts, String(answer?.payload.text)]) expect(text).not.toMatch(UNESCAPED);
  });

  it("escapes the summary, and reads Slack's escaped input back as typed", async () => {
    await h.slack.command({ text: "summary", response_url: h.fake.responseUrl("s") });
    const [summary] = await h.fake.waitFor("response_url/s");
    const texts = blockTexts(summary?.payload ?? {});
    expect(texts.join("\n")).toContain(
      "Müller &amp; Söhne stellte am Montag ihr neues Produkt &lt;b&gt;Turbo&lt;/b&gt;",
    );
    for (const text of texts) expect(text).not.toMatch(UNESCAPED);
    // Slack sends "&", "<" and ">" escaped; the question (and so the share button) carries them as typed.
    await h.slack.command({
      text: "Wer ist der Sprecher der Firma &amp; &lt;Chef&gt;?",
      response_url: h.fake.responseUrl("typed"),
    });
    const [typed] = await h.fake.waitFor("response_url/typed");
    expect(buttonsOf(typed?.payload ?? {})[0]?.value).toBe("Wer ist der Sprecher der Firma & <Chef>?");
  });

  it("escapes the question when an answer is shared", async () => {
    await h.slack.interaction({
      type: "block_actions",
      user: { id: "USHARE", username: "ada" },
      team: { id: h.fake.teamId, domain: "fake" },
      channel: { id: "CESC", name: "news" },
      response_url: h.fake.responseUrl("share"),
      actions: [
        { type: "button", action_id: "share_answer", value: "Wer ist der Sprecher der Firma & <Chef>?" },
      ],
    });
    const [post] = await h.fake.waitFor(
      (call) => call.method === "chat.postMessage" && call.payload.channel === "CESC",
    );
    const texts = blockTexts(post.payload);
    expect(texts[0]).toBe("<@USHARE> hat gefragt: Wer ist der Sprecher der Firma &amp; &lt;Chef&gt;?");
    for (const text of [...texts, String(post.payload.text)]) expect(text).not.toMatch(UNESCAPED);
  });
});
