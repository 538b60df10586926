import { describe, expect, it } from "vitest";
import { renderConsoleReply } from "../../adapters/console/render.ts";
import { renderSlackReply } from "../../adapters/slack/render.ts";
import { createTelegramDigestSender } from "../../adapters/telegram/digest-sender.ts";
import { renderTelegramReply } from "../../adapters/telegram/render.ts";
import { type Article, createNewsBot, parseArticle, planDigest } from "../../src/index.ts";
import { realArticle } from "../helpers/articles.ts";

const older = (id: string, title: string): Article =>
  parseArticle(
    `${title}\n\nDer Stadtrat von ${title} hat am Montag neue Radwege beschlossen.\n\nDie Pläne\n\nDie Radwege sollen bis zum Sommer fertig sein. Der Stadtrat rechnet mit hohen Kosten für die Radwege.\n`,
    `${id}.txt`,
  );

const fromFeed = (id: string, title: string, feed: string, date: string): Article => ({
  ...parseArticle(
    `---\ntitle: ${title}\ndate: ${date}\nfeed: ${feed}\n---\n\nIn ${title} hat der Stadtrat am Montag neue Radwege beschlossen.\n`,
    `${id}.md`,
  ),
  id,
});

describe("planDigest", () => {
  const newest = realArticle();
  const bot = createNewsBot({ articles: [newest, older("001_b", "Bonn"), older("002_c", "Celle")] });

  it("carries the newest article's title, summary and sections, and an example question", () => {
    const digest = planDigest({ bot, since: null, date: "heute" });
    expect(digest?.newest.article.title).toBe("Begegnung zwischen Kim Jong Un und Putin");
    expect(digest?.newest.lead).toMatch(/^Der Machthaber von Nordkorea/);
    expect(digest?.newest.sentences.length).toBeGreaterThanOrEqual(2);
    expect(digest?.newest.sections.map((s) => s.heading)).toEqual([
      "Ein Treffen könnte schon bald stattfinden",
      "Es ist schon Putins zweite Einladung an Kim",
    ]);
    expect(digest?.example).toMatch(/^Wer ist .+\?$/);
    expect(digest?.kind).toBe("digest");
  });

  it("lists no article as new on the first delivery", () => {
    expect(planDigest({ bot, since: null, date: "heute" })?.added).toEqual([]);
  });

  it("adds each article the previous delivery did not know, with its summary", () => {
    const digest = planDigest({ bot, since: ["002_c"], date: "heute" });
    expect(digest?.added.map((group) => group.articles.map((a) => a.article.id))).toEqual([["001_b"]]);
    expect(digest?.added[0]?.articles[0]?.lead).toContain("Radwege");
    expect(digest?.nothingNew).toBe(false);
  });

  it("groups new feed articles by feed, the content folder's first, each feed's newest first", () => {
    const feedBot = createNewsBot({
      articles: [
        newest,
        fromFeed("feed-a2", "Aachen", "Westbote", "2025-01-14"),
        older("001_b", "Bonn"),
        fromFeed("feed-b1", "Bremen", "Nordkurier", "2025-01-13"),
        fromFeed("feed-a1", "Altona", "Westbote", "2025-01-12"),
      ],
    });
    const digest = planDigest({ bot: feedBot, since: [newest.id], date: "heute" });
    expect(
      digest?.added.map((group) => [group.feed, group.articles.map((entry) => entry.article.title)]),
    ).toEqual([
      [undefined, ["Bonn"]],
      ["Westbote", ["Aachen", "Altona"]],
      ["Nordkurier", ["Bremen"]],
    ]);
  });

  it("says nothing is new when the previous delivery knew every article, and not on the first delivery", () => {
    const known = bot.articles().map((article) => article.id);
    expect(planDigest({ bot, since: known, date: "heute" })?.nothingNew).toBe(true);
    expect(planDigest({ bot, since: known, date: "heute" })?.added).toEqual([]);
    expect(planDigest({ bot, since: null, date: "heute" })?.nothingNew).toBe(false);
  });

  it("returns null without articles", () => {
    const empty = {
      articles: () => [],
      summary: () => ({ kind: "error" as const, code: "unknown-article" as const }),
      help: () => bot.help(),
    };
    expect(planDigest({ bot: empty, date: "heute" })).toBeNull();
  });
});

describe("rendering the digest", () => {
  const bot = createNewsBot({ articles: [realArticle(), older("001_b", "Bonn")] });
  const digest = planDigest({ bot, since: [], date: "Mittwoch, 15. Januar 2025" });
  if (!digest) throw new Error("no digest");

  it("prints the console text with the heading, the article, the new ones and how to ask", () => {
    const text = renderConsoleReply(digest, "de");
    expect(text.split("\n")[0]).toBe("Tägliche Zusammenfassung, Mittwoch, 15. Januar 2025");
    expect(text).toContain(
      "Abschnitte: Ein Treffen könnte schon bald stattfinden · Es ist schon Putins zweite Einladung an Kim",
    );
    expect(text).toContain("Neu seit der letzten Zusammenfassung");
    expect(text).toContain("Bonn");
    expect(text.trimEnd().split("\n").at(-1)).toMatch(
      /^Fragen dazu beantworte ich gern, z\. B\.: Wer ist .+\?$/,
    );
  });

  it("writes Telegram HTML within 4,096 characters, with /ask and section buttons under the last part", () => {
    const sender = createTelegramDigestSender({ config: { token: "1:test", apiRoot: "http://127.0.0.1:9" } });
    const parts = sender.render(digest, "de");
    expect(parts.length).toBeGreaterThanOrEqual(1);
    expect(parts.every((part) => part.parts.length === 1 && (part.parts[0]?.length ?? 0) <= 4096)).toBe(true);
    const html = parts.flatMap((part) => part.parts).join("\n");
    // Each article reads exactly as the bot's answer to /summary.
    const summary = renderTelegramReply(bot.summary(digest.newest.article.id), "de").parts.join("\n\n");
    expect(html).toContain(summary);
    expect(summary).toContain("Begegnung zwischen Kim Jong Un und Putin");
    // Only the newest article's sections are announced: they are the buttons.
    expect(html.match(/<i>Abschnitte<\/i>/g)).toHaveLength(1);
    expect(html).toContain("/ask Wer ist");
    expect(
      parts
        .at(-1)
        ?.keyboard?.flat()
        .map((button) => button.text),
    ).toEqual(["Ein Treffen könnte schon bald stattfinden", "Es ist schon Putins zweite Einladung an Kim"]);
  });

  it("names each feed above its new articles and says when nothing is new, on every platform", () => {
    const feedBot = createNewsBot({
      articles: [realArticle(), fromFeed("feed-x1", "Xanten", "Rhein & Ruhr <Nachrichten>", "2025-01-14")],
    });
    const grouped = planDigest({ bot: feedBot, since: [], date: "heute" });
    const quiet = planDigest({ bot: feedBot, since: feedBot.articles().map((a) => a.id), date: "heute" });
    if (!grouped || !quiet) throw new Error("no digest");
    const html = renderTelegramReply(grouped, "de").parts.join("\n");
    expect(html).toContain(
      "<i>Aus Rhein &amp; Ruhr &lt;Nachrichten&gt;</i>\n\n<b>Zusammenfassung: Xanten</b> (2025-01-14)",
    );
    expect(JSON.stringify(renderSlackReply(grouped, "en", {}))).toContain(
      "From Rhein &amp; Ruhr &lt;Nachrichten&gt;",
    );
    expect(renderConsoleReply(grouped, "de")).toContain("Aus Rhein & Ruhr <Nachrichten>");
    expect(renderTelegramReply(quiet, "de").parts.join("\n")).toContain(
      "Seit der letzten Zusammenfassung ist kein neuer Artikel dazugekommen.",
    );
    expect(JSON.stringify(renderSlackReply(quiet, "en", {}))).toContain(
      "No new article has arrived since the last summary.",
    );
    expect(renderConsoleReply(grouped, "de")).not.toContain("kein neuer Artikel");
  });

  it("writes Slack blocks with the slash command in the line on how to ask", () => {
    const [message] = renderSlackReply(digest, "de", { command: "/nachrichten" });
    const texts = JSON.stringify(message?.blocks);
    expect(texts).toContain("*Tägliche Zusammenfassung, Mittwoch, 15. Januar 2025*");
    expect(texts).toContain("`/nachrichten Wer ist");
    expect(message?.text).toContain("Begegnung zwischen Kim Jong Un und Putin");
  });
});
