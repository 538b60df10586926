import { loadArticles } from "../src/index.ts";
import { botAnswerer, type EvalResult, evaluate, plainFuseAnswerer, readQuestions } from "./evaluate.ts";

const SETS = [
  { name: "dev set (shared)", file: "test/fixtures/dev-questions.json" },
  { name: "own set", file: "test/fixtures/own-questions.json" },
];

function format(result: EvalResult): string {
  const kinds = [...result.byKind].map(([kind, { hits, total }]) => `${kind} ${hits}/${total}`).join(", ");
  return `${result.hits}/${result.total} (${kinds})${result.misses.length > 0 ? ` misses: ${result.misses.join(" ")}` : ""}`;
}

const { articles } = await loadArticles("test/fixtures/content");
const bot = botAnswerer(articles);
const anchor = plainFuseAnswerer(articles);
console.log(
  "hit@1 per kind; the anchor is a plain Fuse.js search over all sentences with the whole question.\n",
);
for (const set of SETS) {
  const questions = readQuestions(set.file);
  const ours = evaluate(questions, bot);
  const base = evaluate(questions, anchor);
  console.log(`${set.name}`);
  console.log(`  news bot: ${format(ours)}`);
  console.log(`  anchor:   ${format(base)}`);
  console.log(`  ratio:    ${(ours.hits / Math.max(1, base.hits)).toFixed(2)}× the anchor's hits\n`);
}
