import Fuse from "fuse.js";
import snowball from "snowball-stemmers";
import { deu, eng } from "stopword";
import { type Article, type Language, paragraphsOf } from "../../src/article.ts";
import { createNewsBot } from "../../src/index.ts";

/** The first passage a system gives: its paragraph and best sentence. */
export interface FirstPassage {
  paragraph: string;
  sentence: string;
}

/** A system under evaluation on XQuAD: its first passage for a question, or null for "no answer". */
export type PassageAnswerer = (question: string) => FirstPassage | null;

/** The news bot: its first passage, or null when it answers that it has nothing. */
export function botPassages(articles: Article[]): PassageAnswerer {
  const bot = createNewsBot({ articles });
  return (question) => {
    const reply = bot.ask(question);
    const best = reply.kind === "answer" ? reply.passages[0] : undefined;
    return best ? { paragraph: best.text, sentence: best.sentence } : null;
  };
}

/** The plain anchor: Fuse.js over every sentence with the whole question; the passage is the sentence's paragraph. */
export function plainFusePassages(articles: Article[]): PassageAnswerer {
  const records = articles.flatMap((article) =>
    paragraphsOf(article).flatMap(({ paragraph }) =>
      paragraph.sentences.map((sentence) => ({ text: sentence.text, paragraph: paragraph.text })),
    ),
  );
  const fuse = new Fuse(records, { keys: ["text"], ignoreLocation: true });
  return (question) => {
    const hit = fuse.search(question)[0]?.item;
    return hit ? { paragraph: hit.paragraph, sentence: hit.text } : null;
  };
}

const BM25_K1 = 1.2;
const BM25_B = 0.75;
const STEMMERS = { de: snowball.newStemmer("german"), en: snowball.newStemmer("english") };
const STOPWORDS = { de: new Set(deu), en: new Set(eng) };

/** Lower-cased Snowball stems of a text's words, stopwords of its language left out. */
function stems(text: string, language: Language): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((word) => !STOPWORDS[language].has(word))
    .map((word) => STEMMERS[language].stem(word));
}

interface Bm25Document {
  terms: Map<string, number>;
  length: number;
}

/** BM25 scores of a query over documents; the classical textbook formula with k1 1.2, b 0.75. */
function bm25(documents: Bm25Document[]): (query: string[]) => number[] {
  const df = new Map<string, number>();
  for (const document of documents)
    for (const term of document.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const averageLength = documents.reduce((sum, d) => sum + d.length, 0) / Math.max(1, documents.length);
  return (query) =>
    documents.map((document) =>
      query.reduce((score, term) => {
        const tf = document.terms.get(term) ?? 0;
        if (tf === 0) return score;
        const n = df.get(term) ?? 0;
        const idf = Math.log(1 + (documents.length - n + 0.5) / (n + 0.5));
        const norm = tf + BM25_K1 * (1 - BM25_B + (BM25_B * document.length) / averageLength);
        return score + (idf * tf * (BM25_K1 + 1)) / norm;
      }, 0),
    );
}

function toDocument(terms: string[]): Bm25Document {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { terms: counts, length: terms.length };
}

/**
 * The classical anchor: BM25 over Snowball stems of each paragraph (the articles' language), then the paragraph's
 * sentence with the best BM25 score among its sentences. It answers whenever any stem matches.
 */
export function bm25Passages(articles: Article[]): PassageAnswerer {
  const language = articles[0]?.language ?? "de";
  const paragraphs = articles.flatMap((article) => paragraphsOf(article).map(({ paragraph }) => paragraph));
  const score = bm25(paragraphs.map((paragraph) => toDocument(stems(paragraph.text, language))));
  return (question) => {
    const query = stems(question, language);
    const scores = score(query);
    let best = -1;
    scores.forEach((value, index) => {
      if (value > 0 && (best < 0 || value > (scores[best] ?? 0))) best = index;
    });
    const paragraph = paragraphs[best];
    if (!paragraph) return null;
    const sentenceScores = bm25(paragraph.sentences.map((s) => toDocument(stems(s.text, language))))(query);
    const top = sentenceScores.indexOf(Math.max(...sentenceScores));
    return { paragraph: paragraph.text, sentence: paragraph.sentences[top]?.text ?? paragraph.text };
  };
}
