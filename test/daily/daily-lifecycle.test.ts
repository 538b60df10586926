import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AdapterContext } from "../../adapters/adapter.ts";
import { loadConfig } from "../../adapters/config.ts";
import { dailyContextOf } from "../../adapters/daily/daily-context.ts";
import { dailySummaryStarter, telegramWithSubscriptions } from "../../adapters/daily/daily-starters.ts";
import type { Store } from "../../adapters/daily/store.ts";
import { createLogger } from "../../adapters/logger.ts";
import { createNewsBot } from "../../src/index.ts";
import { type FakeTelegram, startFakeTelegram, succeeded, textMessage } from "../fakes/fake-telegram.ts";
import { realArticle } from "../helpers/articles.ts";

const SLOT = { id: "2030-01-01T07:00:00.000Z", at: new Date("2030-01-01T07:00:00Z") };

describe("daily summary start and stop", () => {
  let telegram: FakeTelegram;
  let dataDir: string;
  const bot = createNewsBot({ articles: [realArticle()] });
  const newContext = (): AdapterContext => ({
    config: loadConfig({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATA_DIR: dataDir,
      DAILY_SUMMARY_CATCHUP_HOURS: "0",
    }),
    bot,
    logger: createLogger({ level: "error", write: () => {} }),
  });
  const storeOf = (context: AdapterContext): Store => {
    const daily = dailyContextOf(context);
    if (!daily) throw new Error("no daily context");
    return daily.store;
  };
  // SQLite removes the write-ahead log when the last connection to the database closes.
  const databaseOpen = () => existsSync(join(dataDir, "bot.db-wal"));

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    dataDir = mkdtempSync(join(tmpdir(), "news-daily-lifecycle-"));
  });
  afterEach(async () => {
    await telegram.stop();
  });

  it("closes the store only after every adapter using it has stopped, whatever the order", async () => {
    const context = newContext();
    const adapter = await telegramWithSubscriptions.start(context);
    const daily = await dailySummaryStarter.start(context);
    const store = storeOf(context);
    await daily.stop();
    expect(daily.scheduler.nextSlot()).toBeNull();
    // The bot still runs, and its /subscribe still reaches the store.
    telegram.pushUpdate(textMessage({ chatId: 61, from: { id: 61 }, text: "/subscribe" }));
    const [answer] = await telegram.waitFor(
      (call) => call.method === "sendMessage" && call.payload.chat_id === 61,
    );
    expect(String(answer?.payload.text)).toMatch(/^Abonniert!/);
    expect(store.subscriptions.active("telegram").map((s) => s.recipient)).toEqual(["61"]);
    expect(databaseOpen()).toBe(true);
    await adapter.stop();
    expect(dailyContextOf(context)).toBeUndefined();
    expect(() => store.subscriptions.active()).toThrow(/not open/);
    expect(databaseOpen()).toBe(false);
  });

  it("lets a delivery in flight finish before stop() resolves, then refuses new ones", async () => {
    const context = newContext();
    const daily = await dailySummaryStarter.start(context);
    const store = storeOf(context);
    for (let chat = 100; chat < 130; chat++) {
      store.subscriptions.subscribe("telegram", String(chat), { language: "de", now: new Date() });
    }
    let finished = false;
    const run = daily.runSlot(SLOT).finally(() => {
      finished = true;
    });
    await telegram.waitFor("sendMessage");
    await daily.stop();
    expect(finished).toBe(true);
    const report = await run;
    // Stopped early: the rest wait for the next start, unclaimed.
    expect(report.complete).toBe(false);
    expect(telegram.calls(succeeded("sendMessage")).length).toBeLessThan(30);
    expect(databaseOpen()).toBe(false);
    await expect(daily.runSlot(SLOT)).rejects.toThrow(/stopped/);
  });

  it("closes the store when an adapter holding it fails to start", async () => {
    telegram.fail("getMe", { error_code: 401, description: "Unauthorized" });
    const context = newContext();
    await expect(telegramWithSubscriptions.start(context)).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(dailyContextOf(context)).toBeUndefined();
    expect(existsSync(join(dataDir, "bot.db"))).toBe(true);
    expect(databaseOpen()).toBe(false);
  });
});
