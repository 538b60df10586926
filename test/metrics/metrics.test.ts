import { describe, expect, it } from "vitest";
import { instrumentBot, instrumentSender } from "../../adapters/metrics/instrument.ts";
import { createMetrics } from "../../adapters/metrics/metrics.ts";
import { createNewsBot } from "../../src/index.ts";
import { createFakeSender } from "../daily/fake-sender.ts";
import { realArticle } from "../helpers/articles.ts";

/** One sample of a metric as /metrics shows it, or undefined when absent. */
async function sample(metrics: ReturnType<typeof createMetrics>, line: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const found = text.split("\n").find((row) => row.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe("metrics", () => {
  it("counts and times questions by outcome: answered, no answer, refused by the limit", async () => {
    const metrics = createMetrics();
    let clock = 0;
    const bot = instrumentBot(
      createNewsBot({ articles: [realArticle()], questionsPerMinute: 2 }),
      metrics,
      () => clock,
    );
    const from = { userId: "u1", conversationId: "telegram:1" };
    const ask = async (text: string) => {
      const reply = bot.handle({ kind: "question", text }, from);
      clock += 30;
      return reply;
    };
    expect((await ask("Wer ist Choe Ryong Hae?")).kind).toBe("answer");
    expect((await ask("Wann spielt Bayern München?")).kind).toBe("no-answer");
    expect((await ask("Wer ist Choe Ryong Hae?")).kind).toBe("error");
    await bot.handle({ kind: "command", name: "help", args: "" }, from);
    expect(await sample(metrics, 'newsbot_questions_total{outcome="answered"}')).toBe(1);
    expect(await sample(metrics, 'newsbot_questions_total{outcome="no-answer"}')).toBe(1);
    expect(await sample(metrics, 'newsbot_questions_total{outcome="refused"}')).toBe(1);
    expect(await sample(metrics, 'newsbot_answer_seconds_count{outcome="answered"}')).toBe(1);
    // The fake clock moved 30 ms during the answer: the 0.05 s bucket holds it, the 0.025 s one does not.
    expect(await sample(metrics, 'newsbot_answer_seconds_bucket{le="0.025",outcome="answered"}')).toBe(0);
    expect(await sample(metrics, 'newsbot_answer_seconds_bucket{le="0.05",outcome="answered"}')).toBe(1);
  });

  it("counts sends by platform and outcome, and 429 answers apart", async () => {
    const metrics = createMetrics();
    const fake = createFakeSender("telegram");
    fake.script.set("2", [{ kind: "rate-limited", retryAfterMs: 1000 }]);
    fake.script.set("3", [{ kind: "gone", reason: "blocked" }]);
    const sender = instrumentSender(fake, metrics);
    await sender.send("1", "hello");
    await expect(sender.send("2", "hello")).rejects.toThrow("rate-limited");
    await expect(sender.send("3", "hello")).rejects.toThrow("gone");
    expect(await sample(metrics, 'newsbot_sends_total{platform="telegram",outcome="sent"}')).toBe(1);
    expect(await sample(metrics, 'newsbot_sends_total{platform="telegram",outcome="rate-limited"}')).toBe(1);
    expect(await sample(metrics, 'newsbot_sends_total{platform="telegram",outcome="gone"}')).toBe(1);
    expect(await sample(metrics, 'newsbot_rate_limited_total{platform="telegram"}')).toBe(1);
  });

  it("reads the ledger lag at each scrape: seconds since the oldest open slot of the last day, 0 when none", async () => {
    let open: string | undefined = "2030-01-01T07:00:00.000Z";
    const asked: string[] = [];
    const metrics = createMetrics({
      oldestOpenSlot: async (since) => {
        asked.push(since.toISOString());
        return open;
      },
      now: () => Date.parse("2030-01-01T07:02:30.000Z"),
    });
    expect(await sample(metrics, "newsbot_ledger_lag_seconds")).toBe(150);
    // Only the last day's slots count.
    expect(asked).toEqual(["2029-12-31T07:02:30.000Z"]);
    open = undefined;
    expect(await sample(metrics, "newsbot_ledger_lag_seconds")).toBe(0);
  });

  it("keeps the last ledger lag when the look-up fails, and serves the queue depth its owner sets", async () => {
    let fail = false;
    const metrics = createMetrics({
      oldestOpenSlot: async () => {
        if (fail) throw new Error("database away");
        return "2030-01-01T07:00:00.000Z";
      },
      now: () => Date.parse("2030-01-01T07:00:10.000Z"),
    });
    expect(await sample(metrics, "newsbot_ledger_lag_seconds")).toBe(10);
    fail = true;
    expect(await sample(metrics, "newsbot_ledger_lag_seconds")).toBe(10);
    metrics.queueDepth.set({ queue: "daily" }, 42);
    expect(await sample(metrics, 'newsbot_queue_depth{queue="daily"}')).toBe(42);
  });

  it("reports each feed's health from the store at scrape time, its address without the query", async () => {
    let reads = 0;
    const metrics = createMetrics({
      now: () => 0,
      feedStates: async () => {
        reads += 1;
        return [
          {
            url: "https://news.example/rss?key=secret",
            failures: 0,
            items: 12,
            lastSuccessAt: "2026-12-01T10:00:00.000Z",
          },
          { url: "https://down.example/feed", failures: 3, lastError: "http 500" },
        ];
      },
    });
    const text = await metrics.registry.metrics();
    expect(text).not.toContain("secret");
    expect(await sample(metrics, 'newsbot_feed_up{feed="https://news.example/rss?…"}')).toBe(1);
    expect(await sample(metrics, 'newsbot_feed_items{feed="https://news.example/rss?…"}')).toBe(12);
    expect(
      await sample(metrics, 'newsbot_feed_last_success_timestamp_seconds{feed="https://news.example/rss?…"}'),
    ).toBe(Date.parse("2026-12-01T10:00:00.000Z") / 1000);
    expect(await sample(metrics, 'newsbot_feed_up{feed="https://down.example/feed"}')).toBe(0);
    expect(await sample(metrics, 'newsbot_feed_failures{feed="https://down.example/feed"}')).toBe(3);
    // One read of the store serves the gauges of scrapes within a second (the clock stands still here).
    expect(reads).toBe(1);
  });
});
