import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { paragraphsOf } from "../../src/article.ts";
import { createNewsBot, loadArticles } from "../../src/index.ts";
import { type Answerer, evaluate, readQuestions } from "../evaluate.ts";

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
  const sentences = articles.flatMap((article) =>
    paragraphsOf(article).flatMap(({ paragraph }) =>
      paragraph.sentences.map((s, i) => ({ id: `${article.id}:${i}:${s.text.length}`, text: s.text })),
    ),
  );
  const start = performance.now();
  const answer = build(engine, articles, sentences);
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
    sentences: sentences.length,
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

function build(
  engine: Engine,
  articles: Awaited<ReturnType<typeof loadArticles>>["articles"],
  sentences: { id: string; text: string }[],
): Answerer {
  if (engine === "news-bot") {
    const bot = createNewsBot({ articles });
    return (question) => {
      const reply = bot.ask(question);
      return reply.kind === "answer" ? (reply.passages[0]?.sentence ?? null) : null;
    };
  }
  if (engine === "fuse-scan") {
    const fuse = new Fuse(sentences, { keys: ["text"], ignoreLocation: true });
    return (question) => fuse.search(question)[0]?.item.text ?? null;
  }
  const mini = new MiniSearch<{ id: string; text: string }>({
    fields: ["text"],
    storeFields: ["text"],
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  mini.addAll(sentences.map((s, i) => ({ id: `${i}`, text: s.text })));
  return (question) => {
    const hit = mini.search(question)[0];
    return hit ? String(hit.text) : null;
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
