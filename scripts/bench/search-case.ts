import MiniSearch from "minisearch";
import { type Article, loadArticles } from "../../src/index.ts";
import {
  type Answerer,
  botAnswerer,
  evaluate,
  plainFuseAnswerer,
  readQuestions,
  sentenceRecords,
} from "../evaluate.ts";

/** The engines the search benchmark compares. */
export type Engine = "news-bot" | "fuse-scan" | "minisearch";

/** What one engine measured on one corpus, printed as one JSON line. */
export interface CaseResult {
  engine: Engine;
  articles: number;
  sentences: number;
  buildMs: number;
  rssMb: number;
  p50Ms: number;
  p95Ms: number;
  samples: number;
  hits: number;
  questions: number;
}

const QUESTION_FILES = ["test/fixtures/dev-questions.json", "test/fixtures/own-questions.json"];

/** Runs in its own process so that each engine's memory is measured alone. */
async function main(): Promise<void> {
  const [engineArg, dir, passesArg] = process.argv.slice(2);
  const engine = engineArg as Engine;
  const passes = Number(passesArg ?? "5");
  const { articles } = await loadArticles(dir ?? "content");
  const sentenceCount = sentenceRecords(articles).length;
  const start = performance.now();
  const answer = build(engine, articles);
  const buildMs = performance.now() - start;
  const questions = QUESTION_FILES.flatMap(readQuestions);
  // Warm-up (JIT, lazy structures); the plain scan takes seconds a question at scale, so it gets a short one.
  for (const question of engine === "fuse-scan" ? questions.slice(0, 2) : questions) answer(question.q);
  const samples: number[] = [];
  const firstAnswers = new Map<string, string | null>();
  for (let pass = 0; pass < passes; pass++) {
    for (const question of questions) {
      const t0 = performance.now();
      const sentence = answer(question.q);
      samples.push(performance.now() - t0);
      if (pass === 0) firstAnswers.set(question.q, sentence);
    }
  }
  samples.sort((a, b) => a - b);
  const quantile = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  const dev = evaluate(
    readQuestions(QUESTION_FILES[0] ?? ""),
    (question) => firstAnswers.get(question) ?? null,
  );
  const result: CaseResult = {
    engine,
    articles: articles.length,
    sentences: sentenceCount,
    buildMs,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
    p50Ms: quantile(0.5),
    p95Ms: quantile(0.95),
    samples: samples.length,
    hits: dev.hits,
    questions: dev.total,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function build(engine: Engine, articles: Article[]): Answerer {
  if (engine === "news-bot") return botAnswerer(articles);
  if (engine === "fuse-scan") return plainFuseAnswerer(articles);
  return miniSearchAnswerer(articles);
}

/** The second anchor: MiniSearch (BM25) over every sentence, with fuzzy and prefix matching. */
function miniSearchAnswerer(articles: Article[]): Answerer {
  const mini = new MiniSearch<{ id: number; text: string }>({
    fields: ["text"],
    storeFields: ["text"],
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  mini.addAll(sentenceRecords(articles).map((record, id) => ({ id, text: record.text })));
  return (question) => {
    const hit = mini.search(question)[0];
    return hit ? String(hit.text) : null;
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
