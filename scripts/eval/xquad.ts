import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Article, paragraphsOf } from "../../src/article.ts";
import { loadArticles } from "../../src/index.ts";
import type { PassageAnswerer } from "./passages.ts";

/** Where the project's copy of the XQuAD development half lives (CC BY-SA 4.0, see its README). */
export const XQUAD_DIR = "test/fixtures/xquad-dev";

/** One XQuAD question in both languages, pointing at its gold paragraph. */
export interface XquadQuestion {
  id: string;
  article: number;
  paragraph: number;
  de: { question: string; answers: string[] };
  en: { question: string; answers: string[] };
}

/** The figures of one run: how many first passages were the gold paragraph, contained an answer, or were refused. */
export interface XquadResult {
  total: number;
  paragraphHits: number;
  sentenceHits: number;
  refused: number;
  /** Ids of the questions whose first passage was not the gold paragraph. */
  misses: string[];
}

/** Reads the questions of the XQuAD copy. */
export function readXquadQuestions(dir = XQUAD_DIR): XquadQuestion[] {
  return JSON.parse(readFileSync(join(dir, "questions.json"), "utf8")) as XquadQuestion[];
}

/** Loads one language's articles, in file-name order as the questions count them. */
export async function loadXquadArticles(language: "de" | "en", dir = XQUAD_DIR): Promise<Article[]> {
  const { articles, problems } = await loadArticles(join(dir, language));
  if (problems.length > 0) throw new Error(`XQuAD articles failed to load: ${JSON.stringify(problems)}`);
  return [...articles].sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** Lower-cased letters and digits only, as the measure compares paragraphs and answers. */
export function comparable(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join("");
}

/** Runs one XQuAD measure: questions in `questionLanguage` against `articles` (in file-name order). */
export function runXquad(
  questions: XquadQuestion[],
  questionLanguage: "de" | "en",
  articles: Article[],
  answer: PassageAnswerer,
): XquadResult {
  const result: XquadResult = {
    total: questions.length,
    paragraphHits: 0,
    sentenceHits: 0,
    refused: 0,
    misses: [],
  };
  for (const question of questions) {
    const article = articles[question.article];
    const gold = article ? paragraphsOf(article)[question.paragraph]?.paragraph.text : undefined;
    if (gold === undefined) throw new Error(`No gold paragraph for XQuAD question ${question.id}`);
    const passage = answer(question[questionLanguage].question);
    if (passage === null) {
      result.refused++;
      result.misses.push(question.id);
      continue;
    }
    if (comparable(passage.paragraph) !== comparable(gold)) {
      result.misses.push(question.id);
      continue;
    }
    result.paragraphHits++;
    // Answers are spans of the paragraph in the article's language, so cross-language runs use those.
    const answers = question[article?.language === "en" ? "en" : "de"].answers;
    const sentence = comparable(passage.sentence);
    if (answers.some((answerText) => sentence.includes(comparable(answerText)))) result.sentenceHits++;
  }
  return result;
}
