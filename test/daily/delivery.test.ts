import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDeliveryFixture, type DeliveryFixture, SLOT } from "./delivery-fixture.ts";
import { createFakeSender } from "./fake-sender.ts";

const NEXT_SLOT = { id: "2025-01-16T07:00:00.000Z", at: new Date("2025-01-16T07:00:00Z") };

describe("deliverSlot", () => {
  let fx: DeliveryFixture;

  beforeEach(async () => {
    fx = await createDeliveryFixture({ telegram: ["-100500", "7"], slack: ["CSTATIC"] });
  });
  afterEach(() => fx.close());

  it("sends one message to every subscriber and static recipient, each once", async () => {
    const report = await fx.run();
    expect(fx.telegram.delivered.map((d) => d.recipient).sort()).toEqual(["-100500", "10", "7", "8", "9"]);
    expect(fx.slack.delivered.map((d) => d.recipient).sort()).toEqual(["C1", "CSTATIC"]);
    expect(fx.telegram.delivered.find((d) => d.recipient === "10")?.message).toMatch(/^en:/);
    expect(report.complete).toBe(true);
    expect(report.outcomes.every((o) => o.status === "sent" && o.messages === 1)).toBe(true);
    expect((await fx.store.ledger.slot(SLOT.id))?.completed).toBe(true);
  });

  it("summarizes the articles once per language, not once per platform and language", async () => {
    const summarized: (string | undefined)[] = [];
    const summary = (id?: string) => {
      summarized.push(id);
      return fx.bot.summary(id);
    };
    const report = await fx.run({ bot: { ...fx.bot, summary } });
    expect(report.complete).toBe(true);
    // German on both platforms and English on Telegram: the German plan that checked the digest serves both.
    expect(summarized).toHaveLength(2);
    expect(fx.telegram.delivered.find((d) => d.recipient === "10")?.message).toMatch(/^en:/);
  });

  it("sends nothing twice when the slot runs again", async () => {
    await fx.run();
    const before = fx.clock.time;
    const again = await fx.run();
    // Served recipients are skipped without waiting for the pacer.
    expect(fx.clock.time).toBe(before);
    expect(fx.telegram.delivered).toHaveLength(5);
    expect(fx.slack.delivered).toHaveLength(2);
    expect(again.outcomes.every((o) => o.status === "already")).toBe(true);
  });

  it("marks a recipient that blocked the bot as gone and skips it from then on", async () => {
    fx.telegram.script.set("8", [{ kind: "gone", reason: "Forbidden: bot was blocked by the user" }]);
    fx.slack.script.set("CSTATIC", [{ kind: "gone", reason: "is_archived" }]);
    const first = await fx.run();
    expect(first.outcomes.find((o) => o.recipient === "8")).toMatchObject({ status: "skipped" });
    expect(first.complete).toBe(true);
    const second = await fx.run({ slot: NEXT_SLOT });
    expect(second.outcomes.map((o) => o.recipient).sort()).toEqual(["-100500", "10", "7", "9", "C1"]);
    expect(fx.telegram.attempts.filter((id) => id === "8")).toHaveLength(1);
    expect(fx.slack.attempts.filter((id) => id === "CSTATIC")).toHaveLength(1);
  });

  it("retries transient errors with growing back-off", async () => {
    fx.telegram.script.set("9", [
      { kind: "transient", reason: "HTTP 502" },
      { kind: "transient", reason: "ECONNRESET" },
    ]);
    const report = await fx.run({ backoffMs: 1000, concurrency: 1 });
    expect(report.outcomes.find((o) => o.recipient === "9")).toMatchObject({ status: "sent", messages: 1 });
    expect(fx.telegram.attempts.filter((id) => id === "9")).toHaveLength(3);
    const backoffs = fx.clock.slept.filter((ms) => ms >= 750);
    expect(backoffs).toHaveLength(2);
    expect(backoffs[1]).toBeGreaterThan(backoffs[0] as number);
  });

  it("never lets one failing recipient stop the others, and a later run retries only that one", async () => {
    fx.telegram.script.set(
      "8",
      Array.from({ length: 5 }, () => ({ kind: "transient" as const, reason: "HTTP 500" })),
    );
    const first = await fx.run({ maxAttempts: 5 });
    expect(first.outcomes.find((o) => o.recipient === "8")).toMatchObject({
      status: "failed",
      detail: "HTTP 500",
    });
    expect(fx.telegram.delivered.map((d) => d.recipient).sort()).toEqual(["-100500", "10", "7", "9"]);
    expect(first.complete).toBe(false);
    const second = await fx.run();
    expect(second.outcomes.filter((o) => o.status === "sent").map((o) => o.recipient)).toEqual(["8"]);
    expect(fx.telegram.delivered).toHaveLength(5);
    expect(second.complete).toBe(true);
  });

  it("honours a 429's retry_after for the whole platform and loses nothing", async () => {
    fx.telegram.script.set("7", [{ kind: "rate-limited", retryAfterMs: 5000 }]);
    const start = fx.clock.time;
    const report = await fx.run({ concurrency: 1 });
    expect(report.outcomes.filter((o) => o.status === "sent")).toHaveLength(7);
    expect(fx.telegram.delivered.filter((d) => d.recipient === "7")).toHaveLength(1);
    expect(fx.clock.time - start).toBeGreaterThanOrEqual(5000);
  });

  it("gives a permanent error up at once", async () => {
    fx.telegram.script.set("9", [{ kind: "permanent", reason: "Bad Request: can't parse entities" }]);
    const report = await fx.run();
    expect(report.outcomes.find((o) => o.recipient === "9")).toMatchObject({ status: "failed" });
    expect(fx.telegram.attempts.filter((id) => id === "9")).toHaveLength(1);
  });

  it("resumes a multi-part summary after the parts already sent", async () => {
    const parts = createFakeSender("telegram", { parts: 3 });
    const send = parts.send.bind(parts);
    let failed = false;
    parts.send = async (recipient, message) => {
      // Part 2 to chat 7 fails once, after part 1 went out; with one try per run the run gives up on it.
      if (recipient === "7" && message.endsWith("#2") && !failed) {
        failed = true;
        throw new Error("connection reset");
      }
      await send(recipient, message);
    };
    const first = await fx.run({ senders: [parts], maxAttempts: 1, staticRecipients: {} });
    expect(first.outcomes.find((o) => o.recipient === "7")).toMatchObject({ status: "failed", messages: 1 });
    await fx.run({ senders: [parts], staticRecipients: {} });
    const toSeven = parts.delivered.filter((d) => d.recipient === "7").map((d) => d.message.slice(-2));
    expect(toSeven).toEqual(["#1", "#2", "#3"]);
  });

  it("waits while another process holds the slot's lease, then serves only what that one left", async () => {
    await fx.store.ledger.lease(SLOT.id, "elsewhere", 60_000);
    const now = new Date(fx.clock.time);
    await fx.store.ledger.record(
      { slot: SLOT.id, platform: "telegram", recipient: "9" },
      { status: "sent", partsSent: 1, now },
    );
    let waits = 0;
    const report = await fx.run({
      // The other process finishes while this one waits: it releases the lease.
      sleep: async (ms) => {
        waits += 1;
        await fx.clock.sleep(ms);
        if (waits === 1) await fx.store.ledger.release(SLOT.id, "elsewhere");
      },
    });
    expect(waits).toBeGreaterThanOrEqual(1);
    expect(fx.logs.some((line) => line.includes("being delivered by another process"))).toBe(true);
    expect(report.outcomes.find((o) => o.recipient === "9")).toMatchObject({ status: "already" });
    expect(fx.telegram.delivered.map((d) => d.recipient)).not.toContain("9");
    expect(report.complete).toBe(true);
  });

  it("takes over the lease of a process that died once it expires, resending its cut-off message with a warning", async () => {
    // A lease of 0 ms has expired by the database's clock as soon as it was taken.
    await fx.store.ledger.lease(SLOT.id, "died", 0);
    const now = new Date(fx.clock.time);
    await fx.store.ledger.record(
      { slot: SLOT.id, platform: "telegram", recipient: "9" },
      { status: "sending", partsSent: 0, now },
    );
    const report = await fx.run();
    expect(report.outcomes.find((o) => o.recipient === "9")).toMatchObject({ status: "sent" });
    expect(fx.logs.filter((line) => line.includes("may arrive twice"))).toHaveLength(1);
    expect(fx.logs.some((line) => line.includes('recipient="9"') && line.includes("may arrive twice"))).toBe(
      true,
    );
    expect(fx.telegram.delivered.filter((d) => d.recipient === "9")).toHaveLength(1);
  });

  it("stops sending as soon as another process has taken its lease", async () => {
    const sender = createFakeSender("telegram");
    const send = sender.send.bind(sender);
    sender.send = async (recipient, message) => {
      await send(recipient, message);
      // Renewed at every send (a lease of 0 ms), so it is free for another process right after one.
      if (sender.delivered.length === 1) await fx.store.ledger.lease(SLOT.id, "rival", 60_000);
    };
    const report = await fx.run({ senders: [sender], staticRecipients: {}, leaseMs: 0, concurrency: 1 });
    expect(sender.delivered).toHaveLength(1);
    expect(report.complete).toBe(false);
    expect(fx.logs.filter((line) => line.includes("lost its slot lease"))).toHaveLength(1);
    // The rival's lease stays: the run gives back only its own.
    expect((await fx.store.ledger.lease(SLOT.id, "third", 60_000)).held).toBe(false);
  });

  it("stops taking recipients once aborted, leaving them for the next run", async () => {
    const abort = new AbortController();
    const sender = createFakeSender("telegram");
    const send = sender.send.bind(sender);
    sender.send = async (recipient, message) => {
      await send(recipient, message);
      if (sender.delivered.length === 2) abort.abort();
    };
    const first = await fx.run({
      senders: [sender],
      concurrency: 1,
      signal: abort.signal,
      staticRecipients: {},
    });
    expect(first.complete).toBe(false);
    expect(sender.delivered).toHaveLength(2);
    const second = await fx.run({ senders: [sender], staticRecipients: {} });
    expect(second.outcomes.filter((o) => o.status === "sent")).toHaveLength(2);
    expect(new Set(sender.delivered.map((d) => d.recipient)).size).toBe(4);
  });
});
