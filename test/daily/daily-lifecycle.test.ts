import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { telegramStarter } from "../../adapters/app.ts";
import { loadConfig } from "../../adapters/config.ts";
import { type FakeTelegram, startFakeTelegram, succeeded, textMessage } from "../fakes/fake-telegram.ts";
import { type DailyApp, startDailyApp } from "./daily-app.ts";

const SLOT = { id: "2030-01-01T07:00:00.000Z", at: new Date("2030-01-01T07:00:00Z") };

describe("daily summary start and stop", () => {
  let telegram: FakeTelegram;
  let dataDir: string;
  let app: DailyApp | undefined;
  const start = () =>
    startDailyApp({
      config: loadConfig({
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DATA_DIR: dataDir,
        DAILY_SUMMARY_CATCHUP_HOURS: "0",
      }),
      platform: telegramStarter,
      logLevel: "error",
      logs: [],
    });
  // SQLite removes the write-ahead log when the last connection to the database closes.
  const databaseOpen = () => existsSync(join(dataDir, "bot.db-wal"));

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    dataDir = mkdtempSync(join(tmpdir(), "news-daily-lifecycle-"));
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await telegram.stop();
  });

  it("keeps /subscribe working after the daily summary stopped, and closes the store last", async () => {
    const running = await start();
    await running.daily.stop();
    expect(running.daily.scheduler.nextSlot()).toBeNull();
    telegram.pushUpdate(textMessage({ chatId: 61, from: { id: 61 }, text: "/subscribe" }));
    const [answer] = await telegram.waitFor(
      (call) => succeeded("sendMessage")(call) && call.payload.chat_id === 61,
    );
    expect(String(answer?.payload.text)).toMatch(/^Abonniert!/);
    expect((await running.store.subscriptions.active("telegram")).map((s) => s.recipient)).toEqual(["61"]);
    expect(databaseOpen()).toBe(true);
    await running.stop();
    expect(databaseOpen()).toBe(false);
    await expect(running.store.subscriptions.active()).rejects.toThrow();
  });

  it("lets a delivery in flight finish before stop() resolves, then refuses new ones", async () => {
    app = await start();
    for (let chat = 100; chat < 130; chat++) {
      await app.store.subscriptions.subscribe("telegram", String(chat), { language: "de", now: new Date() });
    }
    let finished = false;
    const run = app.daily.runSlot(SLOT).finally(() => {
      finished = true;
    });
    await telegram.waitFor("sendMessage");
    await app.daily.stop();
    expect(finished).toBe(true);
    const report = await run;
    // Stopped early: the rest wait for the next start.
    expect(report.complete).toBe(false);
    expect(telegram.calls(succeeded("sendMessage")).length).toBeLessThan(30);
    await expect(app.daily.runSlot(SLOT)).rejects.toThrow(/stopped/);
    // The lease was given back: the next run starts at once and sends only what is missing.
    expect((await app.store.ledger.lease(SLOT.id, "next start", 60_000)).held).toBe(true);
  });

  it("closes the store when the platform adapter fails to start", async () => {
    telegram.fail("getMe", { error_code: 401, description: "Unauthorized" });
    await expect(start()).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(existsSync(join(dataDir, "bot.db"))).toBe(true);
    expect(databaseOpen()).toBe(false);
  });
});
