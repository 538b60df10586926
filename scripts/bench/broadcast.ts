import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deliverSlot } from "../../adapters/daily/delivery.ts";
import { createLogger } from "../../adapters/logger.ts";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import { createTelegramDigestSender } from "../../adapters/telegram/digest-sender.ts";
import { createNewsBot, parseArticle } from "../../src/index.ts";
import { startRateLimitedTelegram } from "./rate-limited-telegram.ts";

const ARTICLE = "test/fixtures/content/000_81e12a227075c4f1.txt";
/** The sender paces itself this far under the allowed rate, so timer jitter does not cross the limit. */
const HEADROOM = 0.99;
/** Sends in flight at once: enough to hide the loopback round trip at 1,000 messages a second. */
const CONCURRENCY = 48;
const TARGET_RATIO = 0.9;

/** Options for {@link runBroadcastBenchmark}. */
export interface BroadcastBenchmarkOptions {
  /** Telegram subscribers; default 10,000. */
  subscribers?: number;
  /** Messages per second the fake server accepts before answering 429; default 1,000. */
  allowedRate?: number;
}

/**
 * Broadcasts one daily summary to `subscribers` Telegram chats through the real delivery (the slot lease, per-recipient
 * ledger rows in SQLite, the pacer, and the production daily client: grammY without auto-retry or throttler) against a fake
 * Bot API that allows `allowedRate` messages a second and answers 429 with retry_after above it. Two settings
 * differ from production, because production's are Telegram's: the sender's rate (99% of the allowed one instead
 * of 30/s) and the sends in flight (48 instead of 8). Returns the lines it prints: delivered, duplicates, lost, achieved rate and its
 * ratio to the allowed rate, and the verdict against the target (all delivered once, ≥ 90% of the rate).
 */
export async function runBroadcastBenchmark(options: BroadcastBenchmarkOptions = {}): Promise<string[]> {
  const subscribers = options.subscribers ?? 10_000;
  const allowedRate = options.allowedRate ?? 1_000;
  const senderRate = Math.floor(allowedRate * HEADROOM);
  const server = await startRateLimitedTelegram(allowedRate);
  const dataDir = mkdtempSync(join(tmpdir(), "news-bench-broadcast-"));
  const store = await openSqliteStore(storePath(dataDir));
  try {
    const now = new Date();
    const chats = Array.from({ length: subscribers }, (_, i) => String(100_000 + i));
    for (const chat of chats) await store.subscriptions.subscribe("telegram", chat, { language: "de", now });
    const bot = createNewsBot({ articles: [parseArticle(readFileSync(ARTICLE, "utf8"), ARTICLE)] });
    const started = performance.now();
    const report = await deliverSlot({
      slot: { id: now.toISOString(), at: now },
      store,
      bot,
      senders: [
        createTelegramDigestSender({
          config: { token: server.token, apiRoot: server.apiRoot },
          globalRate: senderRate,
        }),
      ],
      timeZone: "Europe/Berlin",
      logger: createLogger({ level: "error" }),
      concurrency: CONCURRENCY,
    });
    const seconds = (performance.now() - started) / 1000;
    const stats = await server.stats();
    const delivered = chats.filter((chat) => (stats.accepted[chat] ?? 0) > 0).length;
    const duplicates = Object.values(stats.accepted).reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    const lost = subscribers - delivered;
    const rate = delivered / seconds;
    const ratio = rate / allowedRate;
    const ok = delivered === subscribers && duplicates === 0 && lost === 0 && ratio >= TARGET_RATIO;
    const sentInLog = report.outcomes.filter((o) => o.status === "sent").length;
    return [
      `Broadcast: ${subscribers} Telegram subscribers, fake Bot API in its own process allowing ${allowedRate} messages/s (429 with retry_after above).`,
      `  production daily client and delivery; sender rate ${senderRate}/s (${Math.round(HEADROOM * 100)}% of the allowed rate, production: 30/s), ${CONCURRENCY} sends in flight (production: 8), SQLite ledger in ${dataDir.startsWith(tmpdir()) ? "a temp DATA_DIR" : dataDir}`,
      `  delivered ${delivered}, duplicates ${duplicates}, lost ${lost}, 429 answers ${stats.refused}, marked sent in the log ${sentInLog}`,
      `  ${seconds.toFixed(2)} s, achieved ${rate.toFixed(0)} messages/s = ${(ratio * 100).toFixed(1)}% of the allowed rate`,
      `  target all ${subscribers} delivered once, 0 lost, ≥ ${TARGET_RATIO * 100}% of the allowed rate: ${ok ? "PASS" : "FAIL"}`,
    ];
  } finally {
    await store.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("broadcast.ts")) {
  for (const line of await runBroadcastBenchmark()) console.log(line);
}
