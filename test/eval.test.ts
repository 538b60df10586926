import { describe, expect, it } from "vitest";
import { botAnswerer, evaluate, plainFuseAnswerer, readQuestions } from "../scripts/evaluate.ts";
import { loadArticles } from "../src/index.ts";

/** The dev-set score this search reaches; the test fails if a change lowers it. */
const DEV_SET_HITS = 18;

describe("answer quality", async () => {
  const { articles } = await loadArticles("test/fixtures/content");
  const bot = botAnswerer(articles);

  it(`keeps hit@1 on the shared dev set at ${DEV_SET_HITS}/20 or better, refusing both unanswerable questions`, () => {
    const result = evaluate(readQuestions("test/fixtures/dev-questions.json"), bot);
    expect(result.hits).toBeGreaterThanOrEqual(DEV_SET_HITS);
    expect(result.byKind.get("none")).toEqual({ hits: 2, total: 2 });
  });

  it("answers every question of our own set", () => {
    const result = evaluate(readQuestions("test/fixtures/own-questions.json"), bot);
    expect(result.misses).toEqual([]);
  });

  it("beats the plain Fuse.js anchor on the dev set", () => {
    const questions = readQuestions("test/fixtures/dev-questions.json");
    expect(evaluate(questions, bot).hits).toBeGreaterThan(
      evaluate(questions, plainFuseAnswerer(articles)).hits,
    );
  });
});
