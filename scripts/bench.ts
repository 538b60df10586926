import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBroadcastBenchmark } from "./bench/broadcast.ts";
import { generateCorpus } from "./bench/corpus.ts";
import { runFeedIngestBenchmark } from "./bench/feed-ingest.ts";
import { runReplicaBenchmark } from "./bench/replicas.ts";
import type { CaseResult, Engine } from "./bench/search-case.ts";
import { runSlackBurstBenchmark } from "./bench/slack-burst.ts";

const SOURCE = "test/fixtures/content/000_81e12a227075c4f1.txt";
/**
 * Archive sizes and the engines measured at each: at 10,000 articles the plain scan would take an hour, so
 * MiniSearch alone is the anchor there, with fewer passes. `--sizes 1000,10000` picks sizes, `--search-only`
 * skips the broadcast and Slack burst benchmarks.
 */
const CASES: { size: number; engines: Engine[]; passes: Record<Engine, number> }[] = [
  {
    size: 1,
    engines: ["news-bot", "fuse-scan", "minisearch"],
    passes: { "news-bot": 10, "fuse-scan": 1, minisearch: 10 },
  },
  {
    size: 1000,
    engines: ["news-bot", "fuse-scan", "minisearch"],
    passes: { "news-bot": 10, "fuse-scan": 1, minisearch: 10 },
  },
  {
    size: 10000,
    engines: ["news-bot", "minisearch"],
    passes: { "news-bot": 5, "fuse-scan": 0, minisearch: 1 },
  },
];
const sizesArgument = process.argv.indexOf("--sizes");
const SIZES =
  sizesArgument >= 0
    ? (process.argv[sizesArgument + 1] ?? "").split(",").map(Number)
    : CASES.map((c) => c.size);
const SEARCH_ONLY = process.argv.includes("--search-only");

function runCase(engine: Engine, dir: string, passes: number): CaseResult {
  const output = execFileSync(
    "node_modules/.bin/tsx",
    ["scripts/bench/search-case.ts", engine, dir, String(passes)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(output.trim().split("\n").pop() ?? "{}") as CaseResult;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

console.log("Search benchmark: each engine in its own process, same corpus, same questions (dev + own set).");
console.log("Anchors: a plain Fuse.js scan over all sentences, and MiniSearch (BM25, fuzzy 0.2, prefix).\n");
const root = mkdtempSync(join(tmpdir(), "news-bench-"));
try {
  for (const { size, engines, passes } of CASES.filter((c) => SIZES.includes(c.size))) {
    const dir = join(root, `corpus-${size}`);
    generateCorpus({ sourceFile: SOURCE, dir, articles: size });
    const results = engines.map((engine) => runCase(engine, dir, passes[engine]));
    const ours = results.find((r) => r.engine === "news-bot") as CaseResult;
    const mini = results.find((r) => r.engine === "minisearch") as CaseResult;
    const scan = results.find((r) => r.engine === "fuse-scan");
    console.log(`${size} article(s), ${ours.sentences} sentences`);
    console.log("  engine       build ms   RSS MB   p50 ms   p95 ms  dev hit@1");
    for (const r of results) {
      console.log(
        `  ${r.engine.padEnd(11)} ${fmt(r.buildMs, 0).padStart(9)} ${fmt(r.rssMb, 0).padStart(8)} ${fmt(r.p50Ms).padStart(8)} ${fmt(r.p95Ms).padStart(8)}  ${r.hits}/${r.questions}`,
      );
    }
    const speedup = scan ? scan.p95Ms / ours.p95Ms : 0;
    if (scan) {
      console.log(
        `  ratio to the plain Fuse.js scan: ${fmt(speedup, 1)}× faster at p95, ${fmt(scan.p50Ms / ours.p50Ms, 1)}× at p50`,
      );
    }
    console.log(
      `  ratio to MiniSearch: ${fmt(mini.p50Ms / ours.p50Ms, 1)}× faster at p50, ${fmt(mini.p95Ms / ours.p95Ms, 1)}× at p95`,
    );
    if (size >= 10000) {
      console.log(
        `  target p95 ≤ 15 ms: ${verdict(ours.p95Ms <= 15)}; RSS ≤ 400 MB: ${verdict(ours.rssMb <= 400)}; build ≤ 5 s: ${verdict(ours.buildMs <= 5000)}; faster than MiniSearch at p95: ${verdict(ours.p95Ms < mini.p95Ms)}`,
      );
    } else if (size >= 1000) {
      console.log(
        `  target p95 ≤ 10 ms: ${verdict(ours.p95Ms <= 10)}; ≥ 20× the scan: ${verdict(speedup >= 20)};`,
      );
      console.log(
        `  faster than MiniSearch at p50: ${verdict(ours.p50Ms < mini.p50Ms)}; build < 5 s: ${verdict(ours.buildMs < 5000)}; RSS < 300 MB: ${verdict(ours.rssMb < 300)}`,
      );
    } else {
      console.log(`  dev hit@1 at one article (must match npm run eval): ${ours.hits}/${ours.questions}`);
    }
    console.log("");
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

if (!SEARCH_ONLY) {
  console.log("Broadcast benchmark: one daily summary to 10,000 Telegram chats through the real delivery.");
  for (const line of await runBroadcastBenchmark()) console.log(`  ${line}`);

  console.log(
    "\nSlack burst benchmark: signed /news commands against the adapter in its own process, fake Slack in another.",
  );
  console.log(
    "Anchor: the same commands answered by stock Bolt (HTTPReceiver, ack() in the listener, users.info, respond()).",
  );
  for (const line of await runSlackBurstBenchmark()) console.log(`  ${line}`);

  console.log(
    "\nReplica benchmark: a daily summary to 20,000 Telegram chats through three replicas (PostgreSQL, Redis, BullMQ),",
  );
  console.log("and the cost per question of the shared limit next to the embedded one.");
  for (const line of await runReplicaBenchmark()) console.log(`  ${line}`);

  console.log(
    "\nFeed ingestion benchmark: a feed of 1,000 teaser items on a local fake site, full text from each page.",
  );
  for (const line of await runFeedIngestBenchmark()) console.log(`  ${line}`);
}
