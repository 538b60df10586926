import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/bench/corpus.ts";
import { readQuestions } from "../scripts/evaluate.ts";
import { loadArticles } from "../src/index.ts";
import { expandTerm } from "../src/search/expand.ts";
import { analyze, termsOf } from "../src/search/normalize.ts";
import { RELEVANCE_THRESHOLD, rankPassages } from "../src/search/rank.ts";
import { buildSearchIndex, type SearchIndex } from "../src/search/search-index.ts";
import { ARTICLE_FILE } from "./helpers/articles.ts";

/** The same scoring as rank.ts, computed by scanning every sentence instead of following the index. */
function scanTopPassage(
  index: SearchIndex,
  question: string,
): { text: string; sentence: string; score: number } | undefined {
  let best: { text: string; sentence: string; score: number } | undefined;
  for (const part of index.byLanguage.values()) {
    const n = part.sentences.length;
    const query = termsOf(question, part.language).map((term) => {
      const expansions = expandTerm(part, term);
      const idf = (t: string) => Math.log(1 + n / (part.postings.get(t)?.length ?? 1));
      const weight =
        expansions.length > 0
          ? Math.max(0, ...expansions.map((e) => e.weight * idf(e.term)))
          : Math.log(1 + n);
      return { expansions, weight };
    });
    const total = query.reduce((sum, q) => sum + q.weight, 0);
    if (total === 0) continue;
    const termSet = (text: string) => new Set(analyze(text, part.language).flatMap((w) => w.terms));
    const match = (terms: Set<string>, expansions: { term: string; weight: number }[]) =>
      Math.max(0, ...expansions.filter((e) => terms.has(e.term)).map((e) => e.weight));
    part.paragraphs.forEach((paragraph) => {
      const sentenceTerms = Array.from({ length: paragraph.sentenceCount }, (_, i) =>
        termSet(part.sentences[paragraph.firstSentence + i] ?? ""),
      );
      const paragraphTerms = new Set([
        ...sentenceTerms.flatMap((s) => [...s]),
        ...termSet(paragraph.heading ?? ""),
      ]);
      sentenceTerms.forEach((terms, i) => {
        const own = query.map((q) => match(terms, q.expansions));
        if (own.every((w) => w === 0)) return;
        const covered = query.reduce(
          (sum, q, k) => sum + q.weight * Math.max(own[k] ?? 0, 0.3 * match(paragraphTerms, q.expansions)),
          0,
        );
        const score = Math.round((covered / total) * 1000) / 1000;
        if (!best || score > best.score)
          best = { text: paragraph.text, sentence: part.sentences[paragraph.firstSentence + i] ?? "", score };
      });
    });
  }
  return best && best.score >= RELEVANCE_THRESHOLD ? best : undefined;
}

describe("search index", () => {
  it("finds the same top passage as a scan of every sentence, on a generated archive", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "news-corpus-")), "content");
    generateCorpus({ sourceFile: ARTICLE_FILE, dir, articles: 40, seed: 7 });
    const { articles } = await loadArticles(dir);
    const index = buildSearchIndex(articles);
    const questions = [
      ...readQuestions("test/fixtures/dev-questions.json"),
      ...readQuestions("test/fixtures/own-questions.json"),
    ];
    for (const { q } of questions) {
      const indexed = rankPassages(index, q, { limit: 1 })[0];
      const scanned = scanTopPassage(index, q);
      expect({ q, score: indexed?.score, sentence: indexed?.sentence }).toEqual({
        q,
        score: scanned?.score,
        sentence: scanned?.sentence,
      });
    }
  });

  it("names the right article among many", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "news-corpus-")), "content");
    generateCorpus({ sourceFile: ARTICLE_FILE, dir, articles: 30, seed: 3 });
    const { articles } = await loadArticles(dir);
    const index = buildSearchIndex(articles);
    // Each generated article has a coined place name in its title only; its lead names its own variation.
    const target = articles.find((a) => a.id === "00017_generated");
    const leadWord = target?.lead.text.match(/bei (\p{Lu}\p{L}+)\.$/u)?.[1];
    if (leadWord) {
      const top = rankPassages(index, `Machthaber Nordkorea ${leadWord}`, { limit: 1 })[0];
      expect(top?.article.id).toBe("00017_generated");
    } else {
      const title = target?.title ?? "";
      expect(title).toContain("Meldung 17");
    }
  });
});
