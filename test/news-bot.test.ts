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
  it("answers a question with passages", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.handle(question("Wer ist Choe Ryong Hae?"))).toMatchObject({
      kind: "answer",
      passages: [{ sentence: expect.stringContaining("Choe Ryong Hae"), section: expect.any(String) }],
    });
  });

  it("answers an unrelated question with no-answer and the sections", () => {
    const reply = createNewsBot({ articles: [realArticle()] }).handle(
      question("Wann spielt Bayern München?"),
    );
    expect(reply).toMatchObject({
      kind: "no-answer",
      question: "Wann spielt Bayern München?",
      sections: [{ index: 0 }, { index: 1 }],
    });
  });

  it("carries out the shared commands", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(kind(bot.handle(commandRequest("help")))).toBe("help");
    expect(kind(bot.handle(commandRequest("summary")))).toBe("summary");
    expect(kind(bot.handle(commandRequest("sections")))).toBe("sections");
    expect(bot.handle(commandRequest("section", "2"))).toMatchObject({
      kind: "section",
      section: { index: 1 },
    });
    expect(bot.handle(commandRequest("ask", "Wer ist Dmitri Peskow?"))).toMatchObject({ kind: "answer" });
    expect(bot.handle(commandRequest("start"))).toMatchObject({ kind: "help", greeting: true });
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
    expect(bot.handle(commandRequest("frobnicate"))).toEqual({
      kind: "error",
      code: "unknown-command",
      detail: "frobnicate",
    });
    expect(bot.handle(commandRequest("ask"))).toMatchObject({ kind: "error", code: "empty-question" });
    expect(bot.handle(question("   "))).toMatchObject({ kind: "error", code: "empty-question" });
    const long = "Peskow ".repeat(200);
    expect(long.length).toBeGreaterThan(MAX_QUESTION_LENGTH);
    expect(bot.handle(question(long))).toEqual({
      kind: "error",
      code: "too-long",
      detail: String(long.length),
    });
    expect(bot.handle(commandRequest("summary", long))).toMatchObject({ kind: "error", code: "too-long" });
    // Subscribing belongs to the platforms that deliver the daily summary; the core knows no such command.
    expect(bot.handle(commandRequest("subscribe"))).toMatchObject({ kind: "error", code: "unknown-command" });
  });

  it("limits questions per person per minute, and forgets them after the minute", () => {
    let now = 0;
    const bot = createNewsBot({ articles: [realArticle()], questionsPerMinute: 2, now: () => now });
    const ask = (userId: string) => bot.handle(question("Peskow"), { userId }).kind;
    expect([ask("a"), ask("a"), ask("a"), ask("b")]).toEqual(["answer", "answer", "error", "answer"]);
    now += 60_001;
    expect(ask("a")).toBe("answer");
  });

  it("lists articles newest first and restricts a conversation to the chosen one", () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    expect(bot.handle(commandRequest("article"), { conversationId: "c1" })).toMatchObject({
      kind: "articles",
      articles: [{ id: "wahl" }, { id: "000_81e12a227075c4f1" }],
      selected: null,
    });
    expect(bot.handle(commandRequest("article", "2"), { conversationId: "c1" })).toMatchObject({
      kind: "article-selected",
      article: { id: "000_81e12a227075c4f1" },
    });
    expect(bot.handle(question("Wer gewann die Wahl in Berlin?"), { conversationId: "c1" }).kind).toBe(
      "no-answer",
    );
    expect(bot.handle(question("Wer gewann die Wahl in Berlin?"), { conversationId: "c2" })).toMatchObject({
      kind: "answer",
      passages: [{ article: { id: "wahl", title: "Wahl in Berlin" } }],
    });
    bot.handle(commandRequest("article", "all"), { conversationId: "c1" });
    expect(bot.handle(question("Wer gewann die Wahl in Berlin?"), { conversationId: "c1" }).kind).toBe(
      "answer",
    );
    expect(bot.handle(commandRequest("article", "9"))).toMatchObject({
      kind: "error",
      code: "unknown-article",
    });
  });

  it("applies a conversation's chosen article to /summary, /sections and /section", () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    bot.handle(commandRequest("article", "2"), { conversationId: "c1" });
    const real = "000_81e12a227075c4f1";
    expect(bot.handle(commandRequest("sections"), { conversationId: "c1" })).toMatchObject({
      kind: "sections",
      article: { id: real },
    });
    expect(bot.handle(commandRequest("summary"), { conversationId: "c1" })).toMatchObject({
      kind: "summary",
      article: { id: real },
    });
    expect(bot.handle(commandRequest("section", "1"), { conversationId: "c1" })).toMatchObject({
      kind: "section",
      section: { articleId: real, heading: "Ein Treffen könnte schon bald stattfinden" },
    });
    expect(bot.handle(commandRequest("sections"), { conversationId: "c2" })).toMatchObject({
      article: { id: "wahl" },
    });
  });

  it("forgets a chosen article that a content update removed", () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    bot.handle(commandRequest("article", "1"), { conversationId: "c1" });
    bot.replaceArticles([realArticle()]);
    expect(bot.handle(commandRequest("article"), { conversationId: "c1" })).toMatchObject({ selected: null });
    expect(bot.handle(question("Peskow"), { conversationId: "c1" }).kind).toBe("answer");
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
    expect(bot.handle(commandRequest("summary", "2"))).toMatchObject({
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

  it("carries out requests from buttons: an article chosen by id, a section by id and index", () => {
    const bot = createNewsBot({ articles: [other, realArticle()] });
    const real = "000_81e12a227075c4f1";
    expect(bot.handle({ kind: "choose-article", articleId: real }, { conversationId: "c1" })).toMatchObject({
      kind: "article-selected",
      article: { id: real },
    });
    expect(bot.handle(commandRequest("sections"), { conversationId: "c1" })).toMatchObject({
      article: { id: real },
    });
    expect(bot.handle({ kind: "choose-article", articleId: null }, { conversationId: "c1" })).toEqual({
      kind: "article-selected",
      article: null,
    });
    expect(bot.handle(commandRequest("sections"), { conversationId: "c1" })).toMatchObject({
      article: { id: "wahl" },
    });
    expect(bot.handle({ kind: "choose-article", articleId: "gone" })).toMatchObject({
      code: "unknown-article",
    });
    expect(bot.handle({ kind: "section", articleId: real, index: 1 })).toMatchObject({
      kind: "section",
      section: { articleId: real, index: 1 },
    });
  });

  it("treats a question as a question, even one that starts with a slash", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.handle(question("/help"))).toMatchObject({ kind: "no-answer", question: "/help" });
  });

  it("rejects unknown sections", () => {
    const bot = createNewsBot({ articles: [realArticle()] });
    expect(bot.section("000_81e12a227075c4f1", 5)).toMatchObject({ kind: "error", code: "unknown-section" });
    expect(bot.handle(commandRequest("section", "x"))).toMatchObject({
      kind: "error",
      code: "unknown-section",
    });
  });
});
