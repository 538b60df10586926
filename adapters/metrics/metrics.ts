import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { FeedState } from "../feeds/feed-store.ts";
import { registerFeedMetrics } from "./feed-metrics.ts";

/** What became of a question: an answer, "nothing relevant", refused by the question limit, or a failure. */
export type QuestionOutcome = "answered" | "no-answer" | "refused" | "failed";

/**
 * The bot's Prometheus metrics, one registry per process (served at /metrics). Created by {@link createMetrics}
 * in main.ts and handed to whatever counts: the answering core's wrapper, the digest senders' wrapper, the
 * daily fan-out's queue. Names carry the `newsbot_` prefix and their unit.
 */
export interface Metrics {
  registry: Registry;
  /** Questions by outcome. */
  questions: Counter<"outcome">;
  /** Seconds from a question's arrival at the core to its reply, by outcome. */
  answerSeconds: Histogram<"outcome">;
  /** Daily-summary messages handed to a platform, by platform and outcome ("sent", or the failure's kind). */
  sends: Counter<"platform" | "outcome">;
  /** 429 answers (slow down) from a platform, by platform. */
  rateLimited: Counter<"platform">;
  /** Jobs waiting in a queue, by queue; the queue's owner sets it. */
  queueDepth: Gauge<"queue">;
  /**
   * Seconds since the scheduled time of the oldest daily-summary slot of the last {@link LEDGER_LAG_WINDOW_MS}
   * that began and is not completed; 0 when every such slot is completed. Read from the ledger at each scrape when {@link MetricsOptions} gives the
   * look-up.
   */
  ledgerLagSeconds: Gauge;
}

/**
 * Answer times in seconds: the core answers in milliseconds, a shared limit or store adds a round trip, a slow
 * machine adds more.
 */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
  /** The scheduled time (ISO 8601) of the oldest begun slot since `since` not completed; absent without a store. */
  oldestOpenSlot?: (since: Date) => Promise<string | undefined>;
  /** The followed feeds' states, for their health (see registerFeedMetrics); absent without feeds. */
  feedStates?: () => Promise<FeedState[]>;
  /** Clock for the ledger lag; default Date.now. */
  now?: () => number;
}

/**
 * The ledger lag looks at the slots of the last day: an older slot left incomplete (a recipient that kept
 * failing) is past its catch-up and superseded by the next day's, and would otherwise hold the gauge up for the 90
 * days the ledger keeps it. Its failed sends are counted in newsbot_sends_total.
 */
export const LEDGER_LAG_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Creates the process's registry with the bot's metrics and Node's defaults (CPU, memory, event-loop lag). */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const { oldestOpenSlot, now = Date.now } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  if (options.feedStates) registerFeedMetrics(registry, options.feedStates, now);
  return {
    registry,
    questions: new Counter({
      name: "newsbot_questions_total",
      help: "Questions by outcome: answered, no-answer, refused (question limit), failed.",
      labelNames: ["outcome"],
      registers,
    }),
    answerSeconds: new Histogram({
      name: "newsbot_answer_seconds",
      help: "Seconds from a question reaching the core to its reply.",
      labelNames: ["outcome"],
      buckets: ANSWER_BUCKETS,
      registers,
    }),
    sends: new Counter({
      name: "newsbot_sends_total",
      help: "Daily-summary messages handed to a platform, by platform and outcome (sent, or the failure's kind).",
      labelNames: ["platform", "outcome"],
      registers,
    }),
    rateLimited: new Counter({
      name: "newsbot_rate_limited_total",
      help: "429 (slow down) answers from a platform, by platform.",
      labelNames: ["platform"],
      registers,
    }),
    queueDepth: new Gauge({
      name: "newsbot_queue_depth",
      help: "Jobs waiting in a queue, by queue.",
      labelNames: ["queue"],
      registers,
    }),
    ledgerLagSeconds: new Gauge({
      name: "newsbot_ledger_lag_seconds",
      help: "Seconds since the scheduled time of the oldest daily-summary slot of the last day begun and not completed; 0 when none.",
      registers,
      // Read at each scrape. A failed look-up (the database is away) keeps the last value; /readyz reports it.
      async collect() {
        if (!oldestOpenSlot) return;
        const slot = await oldestOpenSlot(new Date(now() - LEDGER_LAG_WINDOW_MS)).catch(() => null);
        if (slot === null) return;
        this.set(slot === undefined ? 0 : Math.max(0, (now() - Date.parse(slot)) / 1000));
      },
    }),
  };
}
