import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { createRedisDedupeStore } from "../../adapters/dedupe/redis-dedupe-store.ts";
import { createLogger } from "../../adapters/logger.ts";
import { openPostgresStore } from "../../adapters/store/postgres-store.ts";
import { openRedis } from "../../adapters/store/redis.ts";
import { createRedisQuestionLimit } from "../../adapters/store/redis-question-limit.ts";
import { createNewsBot, parseArticle } from "../../src/index.ts";
import { deleteKeys } from "../../test/helpers/redis.ts";
import { freePort } from "../../test/helpers/spawn.ts";
import { startRateLimitedTelegram } from "./rate-limited-telegram.ts";

const ARTICLE = "test/fixtures/content/000_81e12a227075c4f1.txt";
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const TARGET_RATIO = 0.9;
const QUESTIONS = 2_000;

/** Options for {@link runReplicaBenchmark}. */
export interface ReplicaBenchmarkOptions {
  /** Telegram subscribers; default 20,000 (the figure). */
  subscribers?: number;
  /** Messages a second the fake Bot API accepts before 429; default 300 (Telegram's 30 would take 11 minutes). */
  allowedRate?: number;
}

/**
 * Replica mode: a daily summary to `subscribers` chats through three replicas of the whole app (separate
 * processes, one PostgreSQL schema, one Redis prefix, the BullMQ fan-out) against a fake Bot API in its own
 * process that allows `allowedRate` messages a second; and the cost per question of the shared limit in Redis
 * next to the embedded one in memory. Uses BENCH_DATABASE_URL / BENCH_REDIS_URL (default the local servers).
 */
export async function runReplicaBenchmark(options: ReplicaBenchmarkOptions = {}): Promise<string[]> {
  const subscribers = options.subscribers ?? 20_000;
  const allowedRate = options.allowedRate ?? 300;
  const lines: string[] = [];
  const prefix = `news-bench:${randomBytes(4).toString("hex")}:`;
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  try {
    await admin.connect();
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await redis.quit();
  } catch (error) {
    return [`skipped: PostgreSQL (${DATABASE_URL}) or Redis (${REDIS_URL}) unreachable: ${String(error)}`];
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dataDir = mkdtempSync(join(tmpdir(), "news-bench-replicas-"));
  const server = await startRateLimitedTelegram(allowedRate);
  const children: ChildProcess[] = [];
  try {
    const databaseUrl = new URL(DATABASE_URL);
    databaseUrl.searchParams.set("options", `-c search_path=${schema}`);
    const past = new Date(Date.now() - 60_000);
    const time = `${String(past.getUTCHours()).padStart(2, "0")}:${String(past.getUTCMinutes()).padStart(2, "0")}`;
    // Subscribed through the store, as /subscribe would: 20,000 ids in DAILY_SUMMARY_TELEGRAM_CHATS would pass
    // the kernel's limit for one environment string (E2BIG).
    const store = await openPostgresStore(databaseUrl.toString());
    try {
      const now = new Date();
      for (let first = 0; first < subscribers; first += 100) {
        const batch = Array.from({ length: Math.min(100, subscribers - first) }, (_, i) =>
          String(100_000 + first + i),
        );
        await Promise.all(
          batch.map((chat) => store.subscriptions.subscribe("telegram", chat, { language: "de", now })),
        );
      }
    } finally {
      await store.close();
    }
    for (let i = 0; i < 3; i++) {
      const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
        env: {
          PATH: process.env.PATH,
          TELEGRAM_BOT_TOKEN: server.token,
          TELEGRAM_API_ROOT: server.apiRoot,
          CONTENT_DIR: "content",
          PORT: String(await freePort()),
          DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl.toString(),
          REDIS_URL,
          REDIS_PREFIX: prefix,
          LOG_LEVEL: "warn",
          WEB_CHAT: "off",
          DAILY_SUMMARY_TIME: time,
          DAILY_SUMMARY_TZ: "UTC",
          DAILY_SUMMARY_TELEGRAM_RATE: String(allowedRate),
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      children.push(child);
    }
    // Done when every chat has its message, or when nothing new arrived for 30 s (3 minutes for the first,
    // while the replicas start).
    let stats = await server.stats();
    let total = 0;
    let quietSince = performance.now();
    const patience = () => (total === 0 ? 180_000 : 30_000);
    while (Object.keys(stats.accepted).length < subscribers && performance.now() - quietSince < patience()) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      stats = await server.stats();
      const now = Object.values(stats.accepted).reduce((sum, count) => sum + count, 0);
      if (now > total) quietSince = performance.now();
      total = now;
    }
    const delivered = Object.keys(stats.accepted).length;
    const duplicates = Object.values(stats.accepted).reduce((sum, count) => sum + count - 1, 0);
    const rate = stats.spanMs > 0 ? ((delivered + duplicates) * 1000) / stats.spanMs : 0;
    const ratio = rate / allowedRate;
    lines.push(
      `three replicas, ${subscribers.toLocaleString("en")} subscribers, fake Bot API allowing ${allowedRate}/s: ` +
        `${delivered.toLocaleString("en")} delivered, ${duplicates} duplicates, ${subscribers - delivered} lost, ` +
        `${rate.toFixed(0)} messages a second (${(ratio * 100).toFixed(1)}% of the allowed rate), ` +
        `busiest second ${stats.busiest}, ${stats.refused} refused (429)`,
      `target ≥ ${TARGET_RATIO * 100}% of the rate with 0 lost: ${ratio >= TARGET_RATIO && delivered === subscribers ? "PASS" : "FAIL"}`,
    );
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => new Promise((resolve) => child.once("exit", resolve))));
    await server.stop();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
  lines.push(...(await questionCost(prefix)));
  await deleteKeys(REDIS_URL, prefix);
  return lines;
}

/** Per question: the core with the embedded limit (memory) and with the shared one (Redis), same questions. */
async function questionCost(prefix: string): Promise<string[]> {
  const articles = [parseArticle(readFileSync(ARTICLE, "utf8"), ARTICLE)];
  const logger = createLogger({ level: "error" });
  const redis = await openRedis({ url: REDIS_URL, prefix }, logger);
  const embedded = createNewsBot({ articles, questionsPerMinute: QUESTIONS });
  const replica = createNewsBot({
    articles,
    questionLimit: createRedisQuestionLimit({ redis, perMinute: QUESTIONS, logger }),
  });
  const dedupe = createRedisDedupeStore({ redis, logger });
  const time = async (ask: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 100; i++) await ask(i);
    const start = performance.now();
    for (let i = 0; i < QUESTIONS; i++) await ask(i);
    return (performance.now() - start) / QUESTIONS;
  };
  const question = { kind: "question", text: "Wer ist Choe Ryong Hae?" } as const;
  const embeddedMs = await time((i) => embedded.handle(question, { userId: `u${i % 50}` }));
  const replicaMs = await time((i) => replica.handle(question, { userId: `u${i % 50}` }));
  const dedupeMs = await time((i) => dedupe.claim(`bench:${i}:${Math.random()}`));
  await redis.close();
  return [
    `cost per question (${QUESTIONS} in a row, one process): embedded (limit in memory) ${embeddedMs.toFixed(3)} ms, ` +
      `replica mode (limit in Redis) ${replicaMs.toFixed(3)} ms (+${(replicaMs - embeddedMs).toFixed(3)} ms); ` +
      `a Slack or webhook delivery's dedupe claim in Redis ${dedupeMs.toFixed(3)} ms`,
  ];
}

if (process.argv[1]?.endsWith("replicas.ts")) {
  const [subscribers, rate] = process.argv.slice(2).map(Number);
  for (const line of await runReplicaBenchmark({
    ...(subscribers ? { subscribers } : {}),
    ...(rate ? { allowedRate: rate } : {}),
  }))
    console.log(line);
}
