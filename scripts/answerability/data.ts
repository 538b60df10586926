import { type Article, paragraphsOf } from "../../src/article.ts";
import { loadArticles } from "../../src/index.ts";
import { measureAnswerability } from "../../src/search/answerability.ts";
import { buildQuery } from "../../src/search/query.ts";
import { rankPassages } from "../../src/search/rank.ts";
import { buildSearchIndex, type SearchIndex } from "../../src/search/search-index.ts";
import { comparable, loadXquadArticles, readXquadQuestions, type XquadQuestion } from "../eval/xquad.ts";
import { readQuestions } from "../evaluate.ts";

/**
 * The examples the answerability gate is fit on (`scripts/fit-answerability.ts`): what the gate weighs for the
 * best passage the ranking gives without the gate, and whether that passage should be given or refused.
 *
 * - Answers: XQuAD development questions whose best passage is their gold paragraph (per run: German questions on
 *   German articles, English on English, English on German), and the seed article's answerable dev and own
 *   questions whose best sentence holds an expected phrase.
 * - Cross-article: each XQuAD development question asked of the other 23 articles of its run. Nobody wrote these
 *   as refusals; some are answerable all the same ("When did the first direct elections take place?" asked of
 *   the other articles on European politics), so they are not all to be refused.
 * - Other archive: the XQuAD questions asked of the seed news article, and the seed questions asked of XQuAD.
 * - Off-topic, per archive: the development off-topic set (test/fixtures/off-topic-questions.json) on the seed
 *   article (with the seed sets' unanswerable questions) and on each XQuAD language. The held-out off-topic set is never read here: it
 *   is the check.
 */

/** What the gate weighs: the passage score, the specificity its paragraph holds, two question terms side by side. */
export interface Features {
  score: number;
  mass: number;
  phrase: boolean;
}

/** Where an example comes from; the first two are answers, the rest questions to refuse. */
export type Source =
  | "xquad"
  | "seed"
  | "cross-article"
  | "other-archive"
  | "off-topic seed"
  | "off-topic de"
  | "off-topic en";

/** One example: what the gate weighs, where it comes from, and for answers the run. */
export interface Example {
  features: Features;
  source: Source;
  /** For XQuAD answers: "de", "en" or "en on de". */
  run?: string;
  question: string;
}

/** The examples, and how many questions were asked per source ("xquad de" and so on per XQuAD run). */
export interface Collected {
  examples: Example[];
  /** Questions asked; the ranking refuses some before any gate, so there can be more than examples. */
  asked: Map<string, number>;
}

/** True for the sources whose examples should be answered. */
export const isAnswer = (source: Source): boolean => source === "xquad" || source === "seed";

const SEED_CONTENT = "test/fixtures/content";
const SEED_SETS = ["test/fixtures/dev-questions.json", "test/fixtures/own-questions.json"];
const OFF_TOPIC = "test/fixtures/off-topic-questions.json";

/** What the gate weighs for the best passage the ranking gives without the gate; null when it gives none. */
function measureBest(
  index: SearchIndex,
  question: string,
): { features: Features; paragraph: string; sentence: string } | null {
  const best = rankPassages(index, question, { gate: false })[0];
  if (!best) return null;
  const language = index.byLanguage.get(best.article.language);
  if (!language) return null;
  const paragraphId = language.paragraphs.findIndex(
    (paragraph, id) =>
      language.alive[id] === 1 && paragraph.article === best.article && paragraph.text === best.text,
  );
  if (paragraphId < 0) throw new Error(`Best passage not in the index: ${question}`);
  // The passage score comes rounded to three places; the gate sees it unrounded, a difference of at most 0.0005.
  const { mass, phrase } = measureAnswerability(language, buildQuery(language, question), {
    paragraphId,
    score: best.score,
  });
  return { features: { score: best.score, mass, phrase }, paragraph: best.text, sentence: best.sentence };
}

/** Collects all examples; about half a minute (one index per left-out article). */
export async function collectExamples(): Promise<Collected> {
  const examples: Example[] = [];
  const asked = new Map<string, number>();
  const count = (key: string) => asked.set(key, (asked.get(key) ?? 0) + 1);
  const refuse = (source: Source, index: SearchIndex, question: string) => {
    count(source);
    const measured = measureBest(index, question);
    if (measured) examples.push({ features: measured.features, source, question });
  };

  const { articles: seed } = await loadArticles(SEED_CONTENT);
  const seedIndex = buildSearchIndex(seed);
  const seedQuestions = SEED_SETS.flatMap((file) => readQuestions(file));
  for (const question of seedQuestions) {
    if (question.kind === "none") {
      refuse("off-topic seed", seedIndex, question.q);
      continue;
    }
    count("seed");
    const measured = measureBest(seedIndex, question.q);
    if (measured && question.expect.some((phrase) => measured.sentence.includes(phrase)))
      examples.push({ features: measured.features, source: "seed", question: question.q });
  }

  const german = await loadXquadArticles("de");
  const english = await loadXquadArticles("en");
  const offTopic = readQuestions(OFF_TOPIC);
  for (const question of offTopic) refuse("off-topic seed", seedIndex, question.q);
  for (const [language, articles] of [
    ["de", german],
    ["en", english],
  ] as const) {
    const index = buildSearchIndex(articles);
    for (const question of offTopic) refuse(`off-topic ${language}`, index, question.q);
    for (const question of seedQuestions)
      if (question.kind !== "none") refuse("other-archive", index, question.q);
  }

  const questions = readXquadQuestions();
  for (const question of questions) {
    refuse("other-archive", seedIndex, question.de.question);
    refuse("other-archive", seedIndex, question.en.question);
  }
  for (const run of [
    { name: "de", language: "de", articles: german },
    { name: "en", language: "en", articles: english },
    { name: "en on de", language: "en", articles: german },
  ] as const) {
    const full = buildSearchIndex(run.articles);
    for (const question of questions) {
      const text = question[run.language].question;
      count(`xquad ${run.name}`);
      const measured = measureBest(full, text);
      if (measured && comparable(measured.paragraph) === comparable(gold(run.articles, question)))
        examples.push({ features: measured.features, source: "xquad", run: run.name, question: text });
    }
    run.articles.forEach((_, left) => {
      const others = buildSearchIndex(run.articles.filter((_, i) => i !== left));
      for (const question of questions)
        if (question.article === left) refuse("cross-article", others, question[run.language].question);
    });
  }
  return { examples, asked };
}

function gold(articles: Article[], question: XquadQuestion): string {
  const article = articles[question.article];
  const text = article ? paragraphsOf(article)[question.paragraph]?.paragraph.text : undefined;
  if (text === undefined) throw new Error(`No gold paragraph for XQuAD question ${question.id}`);
  return text;
}
