import { describe, expect, it } from "vitest";
import { createNewsBot, MAX_QUESTION_LENGTH, parseArticle, type Reply } from "../src/index.ts";
import { realArticle } from "./helpers/articles.ts";

const other = parseArticle(
  "---\ndate: 2030-01-01\n---\n# Wahl in Berlin\n\nDie Wahl in Berlin gewann die Partei A knapp.\n\n## Ergebnis\n\nDie Partei A hat 31 Prozent.\n",
  "wahl.md",
);
const kind = (reply: Reply) => reply.kind;

describe("news bot", () => {
  it("answers a question with passages", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.handle({ text: "Wer ist Choe Ryong Hae?" })).toMatchObject({
      kind: "answer",
      passages: [{ sentence: expect.stringContaining("Choe Ryong Hae"), section: expect.any(String) }],
    });
  });

  it("answers an unrelated question with no-answer and the sections", () => {
    const reply = createNewsBot({ articles: [realArticle()] }).handle({
      text: "Wann spielt Bayern München?",
    });
    expect(reply).toMatchObject({
      kind: "no-answer",
      question: "Wann spielt Bayern München?",
      sections: [{ index: 0 }, { index: 1 }],
    });
  });

  it("parses the shared commands, with or without a bot name", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(kind(bot.handle({ text: "/help" }))).toBe("help");
    expect(kind(bot.handle({ text: "/summary@NewsBot" }))).toBe("summary");
    expect(kind(bot.handle({ text: "/sections" }))).toBe("sections");
    expect(bot.handle({ text: "/section 2" })).toMatchObject({ kind: "section", section: { index: 1 } });
    expect(bot.handle({ text: "/ask@NewsBot Wer ist Dmitri Peskow?" })).toMatchObject({ kind: "answer" });
    expect(bot.handle({ text: "/start" })).toMatchObject({ kind: "help", greeting: true });
  });

  it("offers example questions that it can answer", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    const help = bot.help("en", true);
    if (help.kind !== "help") throw new Error("expected help");
    expect(help.examples).toHaveLength(3);
    for (const example of help.examples) {
      expect(example).toMatch(/^Who is /);
      expect(bot.ask(example).kind).toBe("answer");
    }
  });

  it("explains unknown commands, empty questions and over-long messages", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.handle({ text: "/frobnicate" })).toEqual({
      kind: "error",
      code: "unknown-command",
      detail: "frobnicate",
    });
    expect(bot.handle({ text: "/ask" })).toMatchObject({ kind: "error", code: "empty-question" });
    expect(bot.handle({ text: "   " })).toMatchObject({ kind: "error", code: "empty-question" });
    const long = "Peskow ".repeat(200);
    expect(long.length).toBeGreaterThan(MAX_QUESTION_LENGTH);
    expect(bot.handle({ text: long })).toEqual({
      kind: "error",
      code: "too-long",
      detail: String(long.length),
    });
    expect(bot.handle({ text: "/subscribe" })).toMatchObject({ kind: "error", code: "not-available" });
  });

  it("limits questions per person per minute, and forgets them after the minute", () => {
    let now = 0;
    const bot = createNewsBot({ articles: [realArticle()], questionsPerMinute: 2, now: () => now });
    const ask = (userId: string) => bot.handle({ text: "Peskow", userId }).kind;
    expect([ask("a"), ask("a"), ask("a"), ask("b")]).toEqual(["answer", "answer", "error", "answer"]);
    now += 60_001;
    expect(ask("a")).toBe("answer");
  });

  it("lists articles newest first and restricts a conversation to the chosen one", () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    expect(bot.handle({ text: "/article", conversationId: "c1" })).toMatchObject({
      kind: "articles",
      articles: [{ id: "wahl" }, { id: "000_81e12a227075c4f1" }],
      selected: null,
    });
    expect(bot.handle({ text: "/article 2", conversationId: "c1" })).toMatchObject({
      kind: "article-selected",
      article: { id: "000_81e12a227075c4f1" },
    });
    expect(bot.handle({ text: "Wer gewann die Wahl in Berlin?", conversationId: "c1" }).kind).toBe(
      "no-answer",
    );
    expect(bot.handle({ text: "Wer gewann die Wahl in Berlin?", conversationId: "c2" })).toMatchObject({
      kind: "answer",
      passages: [{ article: { id: "wahl", title: "Wahl in Berlin" } }],
    });
    bot.handle({ text: "/article all", conversationId: "c1" });
    expect(bot.handle({ text: "Wer gewann die Wahl in Berlin?", conversationId: "c1" }).kind).toBe("answer");
    expect(bot.handle({ text: "/article 9" })).toMatchObject({ kind: "error", code: "unknown-article" });
  });

  it("applies a conversation's chosen article to /summary, /sections and /section", () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    bot.handle({ text: "/article 2", conversationId: "c1" });
    const real = "000_81e12a227075c4f1";
    expect(bot.handle({ text: "/sections", conversationId: "c1" })).toMatchObject({
      kind: "sections",
      article: { id: real },
    });
    expect(bot.handle({ text: "/summary", conversationId: "c1" })).toMatchObject({
      kind: "summary",
      article: { id: real },
    });
    expect(bot.handle({ text: "/section 1", conversationId: "c1" })).toMatchObject({
      kind: "section",
      section: { articleId: real, heading: "Ein Treffen könnte schon bald stattfinden" },
    });
    expect(bot.handle({ text: "/sections", conversationId: "c2" })).toMatchObject({
      article: { id: "wahl" },
    });
  });

  it("forgets a chosen article that a content update removed", () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    bot.handle({ text: "/article 1", conversationId: "c1" });
    bot.replaceArticles([realArticle()]);
    expect(bot.handle({ text: "/article", conversationId: "c1" })).toMatchObject({ selected: null });
    expect(bot.handle({ text: "Peskow", conversationId: "c1" }).kind).toBe("answer");
  });

  it("refuses to run without articles", () => {
    expect(() => createNewsBot({ articles: [] })).toThrow(/at least one article/);
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(() => bot.replaceArticles([])).toThrow(/at least one article/);
    expect(bot.ask("Peskow").kind).toBe("answer");
  });

  it("summarizes the newest article by default, and another on request", () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    expect(bot.summary()).toMatchObject({ kind: "summary", article: { id: "wahl" } });
    expect(bot.handle({ text: "/summary 2" })).toMatchObject({
      kind: "summary",
      article: { id: "000_81e12a227075c4f1" },
    });
    expect(bot.summary("nope")).toMatchObject({ kind: "error", code: "unknown-article" });
  });

  it("answers from new content after replaceArticles", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.ask("Wahl in Berlin Partei").kind).toBe("no-answer");
    bot.replaceArticles([other, realArticle()]);
    expect(bot.ask("Wahl in Berlin Partei").kind).toBe("answer");
  });

  it("rejects unknown sections", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.section("000_81e12a227075c4f1", 5)).toMatchObject({ kind: "error", code: "unknown-section" });
    expect(bot.handle({ text: "/section x" })).toMatchObject({ kind: "error", code: "unknown-section" });
  });
});
