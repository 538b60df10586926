import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DeliveryOptions, type DeliveryReport, deliverSlot } from "../../adapters/daily/delivery.ts";
import { openStore, type Store, storePath } from "../../adapters/daily/store.ts";
import { createLogger, createNewsBot, type NewsBot } from "../../src/index.ts";
import { realArticle } from "../helpers/articles.ts";
import { createFakeSender, type FakeSender, fakeClock, holdSends } from "./fake-sender.ts";

const SLOT = { id: "2025-01-15T07:00:00.000Z", at: new Date("2025-01-15T07:00:00Z") };
const TELEGRAM_CHATS = ["10", "7", "8", "9"];

describe("deliverSlot when things go wrong", () => {
  let store: Store;
  let telegram: FakeSender;
  let slack: FakeSender;
  let clock: ReturnType<typeof fakeClock>;
  let logs: string[];
  const bot = createNewsBot({ articles: [realArticle()] });
  const options = (overrides: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
    slot: SLOT,
    store,
    bot,
    senders: [telegram, slack],
    staticRecipients: { slack: ["CSTATIC"] },
    timeZone: "Europe/Berlin",
    logger: createLogger({ level: "debug", write: (line) => logs.push(line) }),
    now: clock.now,
    sleep: clock.sleep,
    ...overrides,
  });
  const outcomeOf = (report: DeliveryReport, recipient: string) =>
    report.outcomes.find((o) => o.recipient === recipient);

  beforeEach(() => {
    store = openStore(storePath(mkdtempSync(join(tmpdir(), "news-delivery-failures-"))));
    telegram = createFakeSender("telegram");
    slack = createFakeSender("slack");
    clock = fakeClock();
    logs = [];
    const now = new Date(clock.time);
    for (const id of ["7", "8", "9"]) store.subscriptions.subscribe("telegram", id, { language: "de", now });
    store.subscriptions.subscribe("telegram", "10", { language: "en", now });
    store.subscriptions.subscribe("slack", "C1", { language: "de", now });
  });
  afterEach(() => store.close());

  it("keeps a claim fresh during a long send, so a second run cannot take it over and send again", async () => {
    // Real time: the claim goes stale after 200 ms, and the send takes three times as long.
    const held = holdSends(telegram, "7");
    const real = { now: Date.now, staleClaimMs: 200, recheckMs: 50, sleep: undefined };
    const first = deliverSlot(options({ ...real, senders: [telegram] }));
    await held.started;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const rival = createFakeSender("telegram");
    const second = await deliverSlot(options({ ...real, senders: [rival] }));
    held.release();
    const report = await first;
    expect(outcomeOf(second, "7")).toMatchObject({ status: "busy" });
    expect(rival.attempts).toEqual([]);
    expect(outcomeOf(report, "7")).toMatchObject({ status: "sent" });
    expect(telegram.delivered.filter((d) => d.recipient === "7")).toHaveLength(1);
  });

  it("lets every recipient in flight finish when another one's work throws, and records that one failed", async () => {
    const render = telegram.render.bind(telegram);
    telegram.render = (digest, context) => {
      if (context.language === "en") throw new Error("render broke");
      return render(digest, context);
    };
    const held = holdSends(telegram, "7");
    let settled = false;
    const run = deliverSlot(options()).finally(() => {
      settled = true;
    });
    await held.started;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Chat 10's render has thrown by now; the run must still wait for chat 7.
    expect(settled).toBe(false);
    held.release();
    const report = await run;
    expect(outcomeOf(report, "10")).toMatchObject({ status: "failed", detail: "Error: render broke" });
    expect(report.outcomes.filter((o) => o.status === "sent")).toHaveLength(5);
    expect(report.complete).toBe(false);
    telegram.render = render;
    const again = await deliverSlot(options());
    expect(again.outcomes.filter((o) => o.status === "sent").map((o) => o.recipient)).toEqual(["10"]);
  });

  it("claims nobody and leaves the slot open when there is no digest", async () => {
    const silent: NewsBot = { ...bot, summary: () => ({ kind: "error", code: "unknown-article" }) };
    const report = await deliverSlot(options({ bot: silent }));
    expect(report).toMatchObject({ outcomes: [], complete: false });
    expect(telegram.attempts).toEqual([]);
    expect(store.log.slot(SLOT.id)).toBeUndefined();
    expect(store.log.statuses(SLOT.id).size).toBe(0);
    expect(logs.some((line) => line.includes("no article to summarize"))).toBe(true);
  });

  it("marks nobody served when a platform renders no message", async () => {
    telegram.render = () => [];
    const report = await deliverSlot(options());
    expect(TELEGRAM_CHATS.map((id) => outcomeOf(report, id)?.status)).toEqual(Array(4).fill("failed"));
    expect([...store.log.statuses(SLOT.id).keys()].filter((key) => key.startsWith("telegram"))).toEqual([]);
    expect(report.complete).toBe(false);
  });

  it("stops a platform once its token is refused, tries no other chat of it, and keeps the other platform going", async () => {
    for (const id of TELEGRAM_CHATS)
      telegram.script.set(id, [{ kind: "platform", reason: "401 Unauthorized" }]);
    const report = await deliverSlot(options({ concurrency: 1 }));
    expect(telegram.attempts).toHaveLength(1);
    expect(TELEGRAM_CHATS.map((id) => outcomeOf(report, id)?.status)).toEqual(Array(4).fill("failed"));
    expect(slack.delivered.map((d) => d.recipient).sort()).toEqual(["C1", "CSTATIC"]);
    expect(logs.filter((line) => line.includes("stopped for a platform"))).toHaveLength(1);
    expect(report.complete).toBe(false);
    telegram.script.clear();
    const again = await deliverSlot(options());
    expect(again.outcomes.filter((o) => o.status === "sent")).toHaveLength(4);
    expect(again.complete).toBe(true);
  });

  it("stops a platform rather than wait out a 429 longer than the cap", async () => {
    for (const id of TELEGRAM_CHATS)
      telegram.script.set(id, [{ kind: "rate-limited", retryAfterMs: 3_600_000 }]);
    const start = clock.time;
    const report = await deliverSlot(options({ concurrency: 1, senders: [telegram] }));
    expect(telegram.attempts).toHaveLength(1);
    expect(
      report.outcomes.every((o) => o.status === "failed" && o.detail === "rate limited for 3600 s"),
    ).toBe(true);
    expect(clock.time - start).toBeLessThan(60_000);
  });

  it("ends a long 429 pause at once when stopped, and leaves the recipient to the next run", async () => {
    const held = holdSends(telegram, "10");
    telegram.script.set("10", [{ kind: "rate-limited", retryAfterMs: 50_000 }]);
    const abort = new AbortController();
    // Real time: without an abortable pause this run would wait 50 s.
    const run = deliverSlot(
      options({ now: Date.now, sleep: undefined, signal: abort.signal, concurrency: 1 }),
    );
    await held.started;
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    abort.abort();
    const report = await run;
    expect(report.complete).toBe(false);
    expect(store.log.statuses(SLOT.id).get("telegram:10")).toBe("failed");
    const again = await deliverSlot(options());
    expect(outcomeOf(again, "10")).toMatchObject({ status: "sent" });
  });

  it("follows a chat that moved to a new id and sends there, once", async () => {
    telegram.script.set("8", [{ kind: "moved", to: "-1008", reason: "upgraded to a supergroup" }]);
    const report = await deliverSlot(options());
    expect(outcomeOf(report, "-1008")).toMatchObject({ status: "sent" });
    expect(telegram.delivered.map((d) => d.recipient)).not.toContain("8");
    const subscribed = store.subscriptions.active("telegram").map((s) => s.recipient);
    expect(subscribed).toContain("-1008");
    expect(subscribed).not.toContain("8");
    expect(report.complete).toBe(true);
  });

  it("keeps the slot open while recipients of an unconfigured platform wait", async () => {
    const first = await deliverSlot(options({ senders: [telegram] }));
    expect(first).toMatchObject({ unreachable: 2, complete: false });
    const second = await deliverSlot(options());
    expect(
      second.outcomes
        .filter((o) => o.status === "sent")
        .map((o) => o.recipient)
        .sort(),
    ).toEqual(["C1", "CSTATIC"]);
    expect(second).toMatchObject({ unreachable: 0, complete: true });
  });
});
