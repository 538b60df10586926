import { readFileSync } from "node:fs";
import Fuse from "fuse.js";
import { paragraphsOf } from "../src/article.ts";
import { type Article, createNewsBot } from "../src/index.ts";

/** One evaluation question: the phrases its best sentence must contain, or kind "none" for a refusal. */
export interface EvalQuestion {
  id: string;
  kind: string;
  q: string;
  expect: string[];
}

/** Hits and totals per question kind, plus the misses by id. */
export interface EvalResult {
  byKind: Map<string, { hits: number; total: number }>;
  hits: number;
  total: number;
  misses: string[];
}

/** A system under evaluation: the best sentence for a question, or null for "no answer". */
export type Answerer = (question: string) => string | null;

/** Reads a question set from a JSON file. */
export function readQuestions(file: string): EvalQuestion[] {
  return JSON.parse(readFileSync(file, "utf8")) as EvalQuestion[];
}

/** hit@1: the best sentence contains an expected phrase; for kind "none", the system gave no answer. */
export function evaluate(questions: EvalQuestion[], answer: Answerer): EvalResult {
  const byKind = new Map<string, { hits: number; total: number }>();
  const misses: string[] = [];
  let hits = 0;
  for (const question of questions) {
    const sentence = answer(question.q);
    const hit =
      question.kind === "none"
        ? sentence === null
        : sentence !== null && question.expect.some((p) => sentence.includes(p));
    const entry = byKind.get(question.kind) ?? { hits: 0, total: 0 };
    entry.total++;
    if (hit) {
      entry.hits++;
      hits++;
    } else misses.push(question.id);
    byKind.set(question.kind, entry);
  }
  return { byKind, hits, total: questions.length, misses };
}

/** The bot under evaluation: its best passage's sentence, or null when it says it has no answer. */
export function botAnswerer(articles: Article[]): Answerer {
  const bot = createNewsBot({ articles });
  return (question) => {
    const reply = bot.ask(question);
    return reply.kind === "answer" ? (reply.passages[0]?.sentence ?? null) : null;
  };
}

/** Every sentence of the articles' paragraphs (captions are never paragraphs), as the anchors index them. */
export function sentenceRecords(articles: Article[]): { text: string }[] {
  return articles.flatMap((article) =>
    paragraphsOf(article).flatMap(({ paragraph }) => paragraph.sentences.map((s) => ({ text: s.text }))),
  );
}

/** The anchor: a plain Fuse.js search over every sentence with the whole question, as the issue defines it. */
export function plainFuseAnswerer(articles: Article[]): Answerer {
  const fuse = new Fuse(sentenceRecords(articles), { keys: ["text"], ignoreLocation: true });
  return (question) => fuse.search(question)[0]?.item.text ?? null;
}
