import { describe, expect, it } from "vitest";
import {
  commandRequest,
  createNewsBot,
  MAX_QUESTION_LENGTH,
  parseArticle,
  type Reply,
  type Request,
} from "../src/index.ts";
import { realArticle } from "./helpers/articles.ts";

const other = parseArticle(
  "---\ndate: 2030-01-01\n---\n# Wahl in Berlin\n\nDie Wahl in Berlin gewann die Partei A knapp.\n\n## Ergebnis\n\nDie Partei A hat 31 Prozent.\n",
  "wahl.md",
);
const kind = (reply: Reply) => reply.kind;
const question = (text: string): Request => ({ kind: "question", text });

describe("news bot", () => {
  it("answers a question with passages", async () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(await bot.handle(question("Wer ist Choe Ryong Hae?"))).toMatchObject({
      kind: "answer",
      passages: [{ sentence: expect.stringContaining("Choe Ryong Hae"), section: expect.any(String) }],
    });
  });

  it("answers an unrelated question with no-answer and the sections", async () => {
    const reply = await createNewsBot({ articles: [realArticle()] }).handle(
      question("Wann spielt Bayern München?"),
    );
    expect(reply).toMatchObject({
      kind: "no-answer",
      question: "Wann spielt Bayern München?",
      sections: [{ index: 0 }, { index: 1 }],
    });
  });

  it("carries out the shared commands", async () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(kind(await bot.handle(commandRequest("help")))).toBe("help");
    expect(kind(await bot.handle(commandRequest("summary")))).toBe("summary");
    expect(kind(await bot.handle(commandRequest("sections")))).toBe("sections");
    expect(await bot.handle(commandRequest("section", "2"))).toMatchObject({
      kind: "section",
      section: { index: 1 },
    });
    expect(await bot.handle(commandRequest("ask", "Wer ist Dmitri Peskow?"))).toMatchObject({
      kind: "answer",
    });
    expect(await bot.handle(commandRequest("start"))).toMatchObject({ kind: "help", greeting: true });
  });

  it("offers example questions that it can answer", async () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    const help = bot.help("en", true);
    if (help.kind !== "help") throw new Error("expected help");
    expect(help.examples).toHaveLength(3);
    for (const example of help.examples) {
      expect(example).toMatch(/^Who is /);
      expect(bot.ask(example).kind).toBe("answer");
    }
  });

  it("explains unknown commands, empty questions and over-long messages", async () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(await bot.handle(commandRequest("frobnicate"))).toEqual({
      kind: "error",
      code: "unknown-command",
      detail: "frobnicate",
    });
    expect(await bot.handle(commandRequest("ask"))).toMatchObject({ kind: "error", code: "empty-question" });
    expect(await bot.handle(question("   "))).toMatchObject({ kind: "error", code: "empty-question" });
    const long = "Peskow ".repeat(200);
    expect(long.length).toBeGreaterThan(MAX_QUESTION_LENGTH);
    expect(await bot.handle(question(long))).toEqual({
      kind: "error",
      code: "too-long",
      detail: String(long.length),
    });
    expect(await bot.handle(commandRequest("summary", long))).toMatchObject({
      kind: "error",
      code: "too-long",
    });
    // Subscribing belongs to the platforms that deliver the daily summary; the core knows no such command.
    expect(await bot.handle(commandRequest("subscribe"))).toMatchObject({
      kind: "error",
      code: "unknown-command",
    });
  });

  it("limits questions per person per minute, and forgets them after the minute", async () => {
    let now = 0;
    const bot = createNewsBot({ articles: [realArticle()], questionsPerMinute: 2, now: () => now });
    const ask = async (userId: string) => (await bot.handle(question("Peskow"), { userId })).kind;
    const kinds = [await ask("a"), await ask("a"), await ask("a"), await ask("b")];
    expect(kinds).toEqual(["answer", "answer", "error", "answer"]);
    now += 60_001;
    expect(await ask("a")).toBe("answer");
  });

  it("lists articles newest first and restricts a conversation to the chosen one", async () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    expect(await bot.handle(commandRequest("article"), { conversationId: "c1" })).toMatchObject({
      kind: "articles",
      articles: [{ id: "wahl" }, { id: "000_81e12a227075c4f1" }],
      selected: null,
    });
    expect(await bot.handle(commandRequest("article", "2"), { conversationId: "c1" })).toMatchObject({
      kind: "article-selected",
      article: { id: "000_81e12a227075c4f1" },
    });
    expect(
      (await bot.handle(question("Wer gewann die Wahl in Berlin?"), { conversationId: "c1" })).kind,
    ).toBe("no-answer");
    expect(
      await bot.handle(question("Wer gewann die Wahl in Berlin?"), { conversationId: "c2" }),
    ).toMatchObject({
      kind: "answer",
      passages: [{ article: { id: "wahl", title: "Wahl in Berlin" } }],
    });
    await bot.handle(commandRequest("article", "all"), { conversationId: "c1" });
    expect(
      (await bot.handle(question("Wer gewann die Wahl in Berlin?"), { conversationId: "c1" })).kind,
    ).toBe("answer");
    expect(await bot.handle(commandRequest("article", "9"))).toMatchObject({
      kind: "error",
      code: "unknown-article",
    });
  });

  it("applies a conversation's chosen article to /summary, /sections and /section", async () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    await bot.handle(commandRequest("article", "2"), { conversationId: "c1" });
    const real = "000_81e12a227075c4f1";
    expect(await bot.handle(commandRequest("sections"), { conversationId: "c1" })).toMatchObject({
      kind: "sections",
      article: { id: real },
    });
    expect(await bot.handle(commandRequest("summary"), { conversationId: "c1" })).toMatchObject({
      kind: "summary",
      article: { id: real },
    });
    expect(await bot.handle(commandRequest("section", "1"), { conversationId: "c1" })).toMatchObject({
      kind: "section",
      section: { articleId: real, heading: "Ein Treffen könnte schon bald stattfinden" },
    });
    expect(await bot.handle(commandRequest("sections"), { conversationId: "c2" })).toMatchObject({
      article: { id: "wahl" },
    });
  });

  it("forgets a chosen article that a content update removed", async () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    await bot.handle(commandRequest("article", "1"), { conversationId: "c1" });
    bot.replaceArticles([realArticle()]);
    expect(await bot.handle(commandRequest("article"), { conversationId: "c1" })).toMatchObject({
      selected: null,
    });
    expect((await bot.handle(question("Peskow"), { conversationId: "c1" })).kind).toBe("answer");
  });

  it("refuses to run without articles", async () => {
    expect(() => createNewsBot({ articles: [] })).toThrow(/at least one article/);
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(() => bot.replaceArticles([])).toThrow(/at least one article/);
    expect(bot.ask("Peskow").kind).toBe("answer");
  });

  it("summarizes the newest article by default, and another on request", async () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    expect(bot.summary()).toMatchObject({ kind: "summary", article: { id: "wahl" } });
    expect(await bot.handle(commandRequest("summary", "2"))).toMatchObject({
      kind: "summary",
      article: { id: "000_81e12a227075c4f1" },
    });
    expect(bot.summary("nope")).toMatchObject({ kind: "error", code: "unknown-article" });
  });

  it("summarizes an edited article anew and gives each summary reply its own sentences", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    const first = bot.summary();
    if (first.kind !== "summary") throw new Error(`expected a summary, got ${first.kind}`);
    const sentences = [...first.sentences];
    first.sentences.length = 0;
    expect(bot.summary()).toMatchObject({ kind: "summary", sentences });
    bot.updateArticles({ upserted: [other], removed: [] });
    expect(bot.summary("wahl")).toMatchObject({ lead: "Die Wahl in Berlin gewann die Partei A knapp." });
    const edited = parseArticle(
      "---\ndate: 2030-01-01\n---\n# Wahl in Berlin\n\nDie Wahl in Berlin gewann die Partei B.\n",
      "wahl.md",
    );
    bot.updateArticles({ upserted: [edited], removed: [] });
    expect(bot.summary("wahl")).toMatchObject({ lead: "Die Wahl in Berlin gewann die Partei B." });
  });

  it("answers from new content after replaceArticles", async () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.ask("Wahl in Berlin Partei").kind).toBe("no-answer");
    bot.replaceArticles([other, realArticle()]);
    expect(bot.ask("Wahl in Berlin Partei").kind).toBe("answer");
  });

  it("takes added, edited and removed articles into its search without a rebuild, keeping them newest first", async () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    bot.updateArticles({ upserted: [other], removed: [] });
    expect(bot.articles().map((article) => article.id)).toEqual(["wahl", "000_81e12a227075c4f1"]);
    expect(bot.ask("Wahl in Berlin Partei").kind).toBe("answer");
    const edited = parseArticle(
      "---\ndate: 2030-01-01\n---\n# Wahl in Berlin\n\nDie Wahl in Berlin gewann die Partei B mit großem Vorsprung.\n",
      "wahl.md",
    );
    bot.updateArticles({ upserted: [edited], removed: [] });
    expect(bot.ask("Welche Partei gewann die Wahl in Berlin?")).toMatchObject({
      kind: "answer",
      passages: [{ sentence: "Die Wahl in Berlin gewann die Partei B mit großem Vorsprung." }],
    });
    bot.updateArticles({ upserted: [], removed: ["wahl"] });
    expect(bot.articles().map((article) => article.id)).toEqual(["000_81e12a227075c4f1"]);
    expect(bot.ask("Wahl in Berlin Partei").kind).toBe("no-answer");
    expect(() => bot.updateArticles({ upserted: [], removed: ["000_81e12a227075c4f1"] })).toThrow(
      /at least one article/,
    );
    expect(bot.ask("Peskow").kind).toBe("answer");
  });

  it("carries out requests from buttons: an article chosen by id, a section by id and index", async () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    const real = "000_81e12a227075c4f1";
    expect(
      await bot.handle({ kind: "choose-article", articleId: real }, { conversationId: "c1" }),
    ).toMatchObject({
      kind: "article-selected",
      article: { id: real },
    });
    expect(await bot.handle(commandRequest("sections"), { conversationId: "c1" })).toMatchObject({
      article: { id: real },
    });
    expect(await bot.handle({ kind: "choose-article", articleId: null }, { conversationId: "c1" })).toEqual({
      kind: "article-selected",
      article: null,
    });
    expect(await bot.handle(commandRequest("sections"), { conversationId: "c1" })).toMatchObject({
      article: { id: "wahl" },
    });
    expect(await bot.handle({ kind: "choose-article", articleId: "gone" })).toMatchObject({
      code: "unknown-article",
    });
    expect(await bot.handle({ kind: "section", articleId: real, index: 1 })).toMatchObject({
      kind: "section",
      section: { articleId: real, index: 1 },
    });
  });

  it("treats a question as a question, even one that starts with a slash", async () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(await bot.handle(question("/help"))).toMatchObject({ kind: "no-answer", question: "/help" });
  });

  it("rejects unknown sections", async () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.section("000_81e12a227075c4f1", 5)).toMatchObject({ kind: "error", code: "unknown-section" });
    expect(await bot.handle(commandRequest("section", "x"))).toMatchObject({
      kind: "error",
      code: "unknown-section",
    });
  });
});
