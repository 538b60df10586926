import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../scripts/bench/corpus.ts";
import { readQuestions } from "../scripts/evaluate.ts";
import { loadArticles } from "../src/index.ts";
import { rankPassages } from "../src/search/rank.ts";
import { buildSearchIndex } from "../src/search/search-index.ts";
import { ARTICLE_FILE } from "./helpers/articles.ts";

describe("search index", () => {
  it("finds the same top passages as scoring every candidate paragraph, on a generated archive", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "news-corpus-")), "content");
    generateCorpus({ sourceFile: ARTICLE_FILE, dir, articles: 40, seed: 7 });
    const { articles } = await loadArticles(dir);
    const index = buildSearchIndex(articles);
    const questions = [
      ...readQuestions("test/fixtures/dev-questions.json"),
      ...readQuestions("test/fixtures/own-questions.json"),
    ];
    const shown = (passages: { score: number; sentence: string }[]) =>
      passages.map(({ score, sentence }) => ({ score, sentence }));
    for (const { q } of questions) {
      expect({ q, top: shown(rankPassages(index, q)) }).toEqual({
        q,
        top: shown(rankPassages(index, q, { exhaustive: true })),
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

describe("updating the index article by article", () => {
  const ranked = (index: ReturnType<typeof buildSearchIndex>, q: string) =>
    rankPassages(index, q).map(({ article, score, sentence }) => ({ id: article.id, score, sentence }));

  it("answers after adding, replacing and removing articles as a fresh index over the result does", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "news-corpus-")), "content");
    generateCorpus({ sourceFile: ARTICLE_FILE, dir, articles: 12, seed: 5 });
    const { articles } = await loadArticles(dir);
    const [first, second, ...rest] = articles;
    if (!first || !second) throw new Error("corpus too small");
    const index = buildSearchIndex(rest);
    index.upsert([first, second]);
    const changed = {
      ...second,
      lead: { text: "Ganz neu: Ein Zebra im Zoo.", sentences: [{ text: "Ganz neu: Ein Zebra im Zoo." }] },
    };
    index.upsert([changed]);
    index.remove([first.id, "no-such-article"]);
    const fresh = buildSearchIndex([...rest, changed]);
    expect(index.has(first.id)).toBe(false);
    expect(index.has(second.id)).toBe(true);
    for (const q of ["Zebra im Zoo", "Wer ist der Kreml-Sprecher?", "Einladung nach Pjöngjang"]) {
      expect({ q, top: ranked(index, q) }).toEqual({ q, top: ranked(fresh, q) });
    }
    expect(ranked(index, "Zebra im Zoo")[0]?.id).toBe(second.id);
  });

  it("drops what removed articles left behind once they outnumber the living", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "news-corpus-")), "content");
    generateCorpus({ sourceFile: ARTICLE_FILE, dir, articles: 6, seed: 9 });
    const { articles } = await loadArticles(dir);
    const index = buildSearchIndex(articles);
    index.remove(articles.slice(0, 4).map((article) => article.id));
    const german = index.byLanguage.get("de");
    expect(german?.deadSentences).toBe(0);
    expect(new Set(german?.paragraphs.map((paragraph) => paragraph.article.id))).toEqual(
      new Set(articles.slice(4).map((article) => article.id)),
    );
  });
});
