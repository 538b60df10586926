import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DeliveryReport } from "../../adapters/daily/delivery.ts";
import type { NewsBot } from "../../src/index.ts";
import { createDeliveryFixture, type DeliveryFixture, SLOT } from "./delivery-fixture.ts";
import { createFakeSender, holdSends } from "./fake-sender.ts";

const TELEGRAM_CHATS = ["10", "7", "8", "9"];

describe("deliverSlot when things go wrong", () => {
  let fx: DeliveryFixture;
  const outcomeOf = (report: DeliveryReport, recipient: string) =>
    report.outcomes.find((o) => o.recipient === recipient);

  beforeEach(() => {
    fx = createDeliveryFixture({ slack: ["CSTATIC"] });
  });
  afterEach(() => fx.close());

  it("keeps a claim fresh during a long send, so a second run cannot take it over and send again", async () => {
    // Real time: the claim goes stale after 200 ms, and the send takes three times as long.
    const held = holdSends(fx.telegram, "7");
    const real = { now: Date.now, staleClaimMs: 200, recheckMs: 50, sleep: undefined };
    const first = fx.run({ ...real, senders: [fx.telegram] });
    await held.started;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const rival = createFakeSender("telegram");
    const second = await fx.run({ ...real, senders: [rival] });
    held.release();
    const report = await first;
    expect(outcomeOf(second, "7")).toMatchObject({ status: "busy" });
    expect(rival.attempts).toEqual([]);
    expect(outcomeOf(report, "7")).toMatchObject({ status: "sent" });
    expect(fx.telegram.delivered.filter((d) => d.recipient === "7")).toHaveLength(1);
  });

  it("lets every recipient in flight finish when another one's work throws, and records that one failed", async () => {
    const render = fx.telegram.render.bind(fx.telegram);
    fx.telegram.render = (digest, context) => {
      if (context.language === "en") throw new Error("render broke");
      return render(digest, context);
    };
    const held = holdSends(fx.telegram, "7");
    let settled = false;
    const run = fx.run().finally(() => {
      settled = true;
    });
    await held.started;
    // Once chat 10's failure is logged, the run must still be waiting for chat 7.
    await vi.waitFor(() => expect(fx.logs.join("\n")).toContain("Daily summary delivery failed"), {
      timeout: 10_000,
    });
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

  it("claims nobody and leaves the slot open when there is no digest", async () => {
    const silent: NewsBot = { ...fx.bot, summary: () => ({ kind: "error", code: "unknown-article" }) };
    const report = await fx.run({ bot: silent });
    expect(report).toMatchObject({ outcomes: [], complete: false });
    expect(fx.telegram.attempts).toEqual([]);
    expect(fx.store.log.slot(SLOT.id)).toBeUndefined();
    expect(fx.store.log.statuses(SLOT.id).size).toBe(0);
    expect(fx.logs.some((line) => line.includes("no article to summarize"))).toBe(true);
  });

  it("marks nobody served when a platform renders no message", async () => {
    fx.telegram.render = () => [];
    const report = await fx.run();
    expect(TELEGRAM_CHATS.map((id) => outcomeOf(report, id)?.status)).toEqual(Array(4).fill("failed"));
    expect([...fx.store.log.statuses(SLOT.id).keys()].filter((key) => key.startsWith("telegram"))).toEqual(
      [],
    );
    expect(report.complete).toBe(false);
  });

  it("stops a platform once its token is refused, tries no other chat of it, and keeps the other platform going", async () => {
    for (const id of TELEGRAM_CHATS)
      fx.telegram.script.set(id, [{ kind: "platform", reason: "401 Unauthorized" }]);
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
    const held = holdSends(fx.telegram, "10");
    fx.telegram.script.set("10", [{ kind: "rate-limited", retryAfterMs: 50_000 }]);
    const abort = new AbortController();
    // Real time: without an abortable pause this run would wait 50 s.
    const run = fx.run({ now: Date.now, sleep: undefined, signal: abort.signal, concurrency: 1 });
    await held.started;
    held.release();
    // Stop once the delivery is in the 429's pause.
    await vi.waitFor(() => expect(fx.logs.join("\n")).toContain("Daily summary paused by a 429"), {
      timeout: 10_000,
    });
    abort.abort();
    const report = await run;
    expect(report.complete).toBe(false);
    expect(fx.store.log.statuses(SLOT.id).get("telegram:10")).toBe("failed");
    const again = await fx.run();
    expect(outcomeOf(again, "10")).toMatchObject({ status: "sent" });
  });

  it("follows a chat that moved to a new id and sends there, once", async () => {
    fx.telegram.script.set("8", [{ kind: "moved", to: "-1008", reason: "upgraded to a supergroup" }]);
    const report = await fx.run();
    expect(outcomeOf(report, "-1008")).toMatchObject({ status: "sent" });
    expect(fx.telegram.delivered.map((d) => d.recipient)).not.toContain("8");
    const subscribed = fx.store.subscriptions.active("telegram").map((s) => s.recipient);
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
