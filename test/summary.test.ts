import { describe, expect, it } from "vitest";
import { parseArticle } from "../src/index.ts";
import { SUMMARY_CHARACTER_BUDGET, summarizeArticle, truncate } from "../src/summary.ts";
import { realArticle } from "./helpers/articles.ts";

const summaryLength = (title: string, lead: string, sentences: string[], headings: string[]) =>
  [title, lead, ...sentences, ...headings].join("\n").length;

describe("summary", () => {
  const article = realArticle();
  const summary = summarizeArticle(article);

  it("starts with the lead and adds two to four key sentences from the body", () => {
    expect(summary.lead).toBe(article.lead.text);
    expect(summary.sentences.length).toBeGreaterThanOrEqual(2);
    expect(summary.sentences.length).toBeLessThanOrEqual(4);
    const body = [...article.intro, ...article.sections.flatMap((s) => s.paragraphs)]
      .map((p) => p.text)
      .join(" ");
    for (const sentence of summary.sentences) expect(body).toContain(sentence);
  });

  it("keeps key sentences in article order and picks them from different paragraphs", () => {
    const body = [...article.intro, ...article.sections.flatMap((s) => s.paragraphs)]
      .map((p) => p.text)
      .join(" ");
    const positions = summary.sentences.map((sentence) => body.indexOf(sentence));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const paragraphs = summary.sentences.map((sentence) =>
      [...article.intro, ...article.sections.flatMap((s) => s.paragraphs)].findIndex((p) =>
        p.text.includes(sentence),
      ),
    );
    expect(new Set(paragraphs).size).toBe(paragraphs.length);
  });

  it("stays under 1,000 characters with title and headings", () => {
    const headings = article.sections.map((s) => s.heading);
    expect(summaryLength(article.title, summary.lead, summary.sentences, headings)).toBeLessThan(
      SUMMARY_CHARACTER_BUDGET,
    );
  });

  it("never contains caption text", () => {
    expect(JSON.stringify(summary)).not.toContain("Cosmonautics");
  });

  it("shortens long texts to fit the budget", () => {
    const long = (word: string) => `${Array.from({ length: 80 }, (_, i) => `${word}${i % 7}`).join(" ")}.`;
    const article = parseArticle(
      `Lange Sätze\n\n${long("Einleitung")}\n\nErster Teil\n\n${long("Alpha")} ${long("Beta")}\n\nZweiter Teil\n\n${long("Gamma")}\n`,
      "long.txt",
    );
    const result = summarizeArticle(article);
    expect(result.sentences).toHaveLength(2);
    expect(
      summaryLength(
        article.title,
        result.lead,
        result.sentences,
        article.sections.map((s) => s.heading),
      ),
    ).toBeLessThan(SUMMARY_CHARACTER_BUDGET);
  });

  it("truncates at a word boundary with an ellipsis", () => {
    expect(truncate("eins zwei drei vier", 12)).toBe("eins zwei…");
    expect(truncate("kurz", 12)).toBe("kurz");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
  });
});
