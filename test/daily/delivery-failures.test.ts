import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DeliveryReport } from "../../adapters/daily/delivery.ts";
import type { NewsBot } from "../../src/index.ts";
import { createDeliveryFixture, type DeliveryFixture, SLOT } from "./delivery-fixture.ts";
import { holdSends } from "./fake-sender.ts";

const TELEGRAM_CHATS = ["10", "7", "8", "9"];

describe("deliverSlot when things go wrong", () => {
  let fx: DeliveryFixture;
  const outcomeOf = (report: DeliveryReport, recipient: string) =>
    report.outcomes.find((o) => o.recipient === recipient);

  beforeEach(async () => {
    fx = await createDeliveryFixture({ slack: ["CSTATIC"] });
  });
  afterEach(() => fx.close());

  it("lets every recipient in flight finish when another one's work throws, and records that one failed", async () => {
    const render = fx.telegram.render.bind(fx.telegram);
    fx.telegram.render = (digest, language) => {
      if (language === "en") throw new Error("render broke");
      return render(digest, language);
    };
    const held = holdSends(fx.telegram, "7");
    let settled = false;
    const run = fx.run().finally(() => {
      settled = true;
    });
    await held.started;
    await vi.waitFor(() => expect(fx.logs.some((line) => line.includes("render broke"))).toBe(true));
    // Chat 10's render has thrown; the run must still wait for chat 7.
    expect(settled).toBe(false);
    held.release();
    const report = await run;
    expect(outcomeOf(report, "10")).toMatchObject({ status: "failed", detail: "Error: render broke" });
    expect(report.outcomes.filter((o) => o.status === "sent")).toHaveLength(5);
    expect(report.complete).toBe(false);
    fx.telegram.render = render;
    const again = await fx.run();
    expect(again.outcomes.filter((o) => o.status === "sent").map((o) => o.recipient)).toEqual(["10"]);
  });

  it("records nothing and leaves the slot open when there is no digest", async () => {
    const silent: NewsBot = { ...fx.bot, summary: () => ({ kind: "error", code: "unknown-article" }) };
    const report = await fx.run({ bot: silent });
    expect(report).toMatchObject({ outcomes: [], complete: false });
    expect(fx.telegram.attempts).toEqual([]);
    expect(await fx.store.ledger.slot(SLOT.id)).toBeUndefined();
    expect((await fx.store.ledger.deliveries(SLOT.id)).size).toBe(0);
    expect(fx.logs.some((line) => line.includes("no article to summarize"))).toBe(true);
  });

  it("marks nobody served when a platform renders no message", async () => {
    fx.telegram.render = () => [];
    const report = await fx.run();
    expect(TELEGRAM_CHATS.map((id) => outcomeOf(report, id)?.status)).toEqual(Array(4).fill("failed"));
    const rows = [...(await fx.store.ledger.deliveries(SLOT.id)).keys()];
    expect(rows.filter((key) => key.startsWith("telegram"))).toEqual([]);
    expect(report.complete).toBe(false);
  });

  it("stops a platform once its token is refused, tries no other chat of it, and keeps the other platform going", async () => {
    for (const id of TELEGRAM_CHATS)
      fx.telegram.script.set(id, [{ kind: "token-refused", reason: "401 Unauthorized" }]);
    const report = await fx.run({ concurrency: 1 });
    expect(fx.telegram.attempts).toHaveLength(1);
    expect(TELEGRAM_CHATS.map((id) => outcomeOf(report, id)?.status)).toEqual(Array(4).fill("failed"));
    expect(fx.slack.delivered.map((d) => d.recipient).sort()).toEqual(["C1", "CSTATIC"]);
    expect(fx.logs.filter((line) => line.includes("stopped for a platform"))).toHaveLength(1);
    expect(report.complete).toBe(false);
    fx.telegram.script.clear();
    const again = await fx.run();
    expect(again.outcomes.filter((o) => o.status === "sent")).toHaveLength(4);
    expect(again.complete).toBe(true);
  });

  it("stops a platform rather than wait out a 429 longer than the cap", async () => {
    for (const id of TELEGRAM_CHATS)
      fx.telegram.script.set(id, [{ kind: "rate-limited", retryAfterMs: 3_600_000 }]);
    const start = fx.clock.time;
    const report = await fx.run({ concurrency: 1, senders: [fx.telegram] });
    expect(fx.telegram.attempts).toHaveLength(1);
    expect(
      report.outcomes.every((o) => o.status === "failed" && o.detail === "rate limited for 3600 s"),
    ).toBe(true);
    expect(fx.clock.time - start).toBeLessThan(60_000);
  });

  it("ends a long 429 pause at once when stopped, and leaves the recipient to the next run", async () => {
    fx.telegram.script.set("10", [{ kind: "rate-limited", retryAfterMs: 50_000 }]);
    const abort = new AbortController();
    let pauseStarted = () => {};
    const paused = new Promise<void>((resolve) => {
      pauseStarted = resolve;
    });
    // The pause's sleep ends only when the run is stopped: a pause that ignored the signal would hang here.
    const sleep = (ms: number, signal?: AbortSignal) =>
      ms < 10_000
        ? fx.clock.sleep(ms)
        : new Promise<void>((resolve) => {
            signal?.addEventListener("abort", () => resolve(), { once: true });
            pauseStarted();
          });
    const run = fx.run({ sleep, signal: abort.signal, concurrency: 1 });
    await paused;
    abort.abort();
    const report = await run;
    expect(report.complete).toBe(false);
    expect((await fx.store.ledger.deliveries(SLOT.id)).get("telegram:10")?.status).toBe("failed");
    const again = await fx.run();
    expect(outcomeOf(again, "10")).toMatchObject({ status: "sent" });
  });

  it("follows a chat that moved to a new id and sends there, once", async () => {
    fx.telegram.script.set("8", [{ kind: "moved", to: "-1008", reason: "upgraded to a supergroup" }]);
    const report = await fx.run();
    expect(outcomeOf(report, "-1008")).toMatchObject({ status: "sent" });
    expect(fx.telegram.delivered.map((d) => d.recipient)).not.toContain("8");
    const subscribed = (await fx.store.subscriptions.active("telegram")).map((s) => s.recipient);
    expect(subscribed).toContain("-1008");
    expect(subscribed).not.toContain("8");
    expect(report.complete).toBe(true);
  });

  it("keeps the slot open while recipients of an unconfigured platform wait", async () => {
    const first = await fx.run({ senders: [fx.telegram] });
    expect(first).toMatchObject({ unreachable: 2, complete: false });
    const second = await fx.run();
    expect(
      second.outcomes
        .filter((o) => o.status === "sent")
        .map((o) => o.recipient)
        .sort(),
    ).toEqual(["C1", "CSTATIC"]);
    expect(second).toMatchObject({ unreachable: 0, complete: true });
  });
});
