import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { telegramStarter } from "../../adapters/app.ts";
import { loadConfig } from "../../adapters/config.ts";
import { dailyText } from "../../adapters/daily/texts.ts";
import { telegramText } from "../../adapters/telegram/texts.ts";
import {
  type FakeTelegram,
  payloads,
  startFakeTelegram,
  succeeded,
  type TelegramCall,
  textMessage,
} from "../fakes/fake-telegram.ts";
import { type DailyApp, slotOn, startDailyApp } from "./daily-app.ts";

interface Sent {
  chat_id: number;
  text: string;
}

const SUMMARY_HEADING = /^(Tägliche Zusammenfassung|Daily summary), /;

describe("daily summary on Telegram, end to end", () => {
  let telegram: FakeTelegram;
  let app: DailyApp;
  const logs: string[] = [];

  /** Everyone the next slot goes to: the active subscriptions and the static chat. */
  const recipients = async () => [
    ...(await app.store.subscriptions.active("telegram")).map((s) => Number(s.recipient)),
    -100777,
  ];
  const lookups = () => telegram.calls(succeeded("getChatMember")).length;
  const countsFor = (chatIds: number[]) => chatIds.map((chatId) => summariesTo(chatId).length);

  /** The summaries a chat got, as the text Telegram shows (tags removed). */
  const summariesTo = (chatId: number) =>
    payloads<Sent>(telegram.calls(succeeded("sendMessage")))
      .map((m) => ({ ...m, text: m.text.replace(/<[^>]+>/g, "") }))
      .filter((m) => Number(m.chat_id) === chatId && SUMMARY_HEADING.test(m.text));
  const say = async (chatId: number, userId: number, text: string, languageCode?: string) => {
    const before = payloads<Sent>(telegram.calls(succeeded("sendMessage"))).filter(
      (m) => m.chat_id === chatId,
    ).length;
    telegram.pushUpdate(
      textMessage({
        chatId,
        chatType: chatId < 0 ? "group" : "private",
        from: { id: userId, ...(languageCode ? { languageCode } : {}) },
        text,
      }),
    );
    const sentThere = (call: TelegramCall) =>
      succeeded("sendMessage")(call) && call.payload.chat_id === chatId;
    const answers = await telegram.waitFor(sentThere, { count: before + 1 });
    return String(answers.at(-1)?.payload.text);
  };

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    telegram.setMember(-201, 5, "administrator");
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATA_DIR: mkdtempSync(join(tmpdir(), "news-daily-telegram-")),
      DAILY_SUMMARY_TIME: "08:00",
      DAILY_SUMMARY_TZ: "Europe/Berlin",
      DAILY_SUMMARY_TELEGRAM_CHATS: "-100777",
      DAILY_SUMMARY_CATCHUP_HOURS: "0",
    });
    app = await startDailyApp({ config, platform: telegramStarter, logLevel: "debug", logs });
  });

  afterAll(async () => {
    await app?.stop();
    await telegram?.stop();
  });

  it("subscribes a private chat with /subscribe and names the next delivery time and zone", async () => {
    const answer = await say(11, 11, "/subscribe", "en");
    const next = app.daily.scheduler.nextSlot();
    expect(next).not.toBeNull();
    expect(answer).toMatch(
      /^Subscribed! The next summary arrives on .+ at 08:00 \(Europe\/Berlin, CES?T\)\.$/,
    );
    expect(await say(12, 12, "/subscribe")).toMatch(
      /^Abonniert! Die nächste Zusammenfassung kommt am .+ um 08:00 Uhr/,
    );
    expect(await say(12, 12, "/subscribe")).toMatch(/^Die Zusammenfassung ist hier schon abonniert/);
  });

  it("lets only administrators subscribe a group", async () => {
    const before = lookups();
    expect(await say(-201, 6, "/subscribe@NewsTestBot")).toBe(telegramText("de", "adminsOnly"));
    expect(await say(-201, 5, "/subscribe@NewsTestBot")).toMatch(/^Abonniert!/);
    expect(lookups() - before).toBe(2);
    expect(await recipients()).toContain(-201);
  });

  it("ends a subscription with /unsubscribe", async () => {
    await say(13, 13, "/subscribe");
    expect(await say(13, 13, "/unsubscribe")).toBe(dailyText("de", "unsubscribed"));
    expect(await say(13, 13, "/unsubscribe")).toBe(dailyText("de", "notSubscribed"));
    expect(await recipients()).not.toContain(13);
  });

  it("sends one summary to each subscriber and static chat when a slot runs, in their language", async () => {
    await say(31, 31, "/subscribe", "en");
    await say(32, 32, "/subscribe");
    const chats = await recipients();
    const before = countsFor(chats);
    const report = await app.daily.runSlot(slotOn(1));
    expect(report.complete).toBe(true);
    expect(countsFor(chats)).toEqual(before.map((count) => count + 1));
    expect(summariesTo(33)).toHaveLength(0);
    expect(summariesTo(31).at(-1)?.text).toMatch(/^Daily summary, Tuesday, 1 January 2030/);
    expect(summariesTo(32).at(-1)?.text).toMatch(/^Tägliche Zusammenfassung, Dienstag, 1\. Januar 2030/);
    expect(summariesTo(32).at(-1)?.text).toContain("Begegnung zwischen Kim Jong Un und Putin");
    // Running the same slot again (a restart, a second process) sends nothing.
    await app.daily.runSlot(slotOn(1));
    expect(countsFor(chats)).toEqual(before.map((count) => count + 1));
  });

  it("skips a chat that blocked the bot from then on", async () => {
    await say(41, 41, "/subscribe");
    const chats = await recipients();
    const before = countsFor(chats);
    telegram.fail("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const report = await app.daily.runSlot(slotOn(2));
    const blocked = report.outcomes.filter((o) => o.status === "skipped");
    expect(blocked).toHaveLength(1);
    const blockedId = Number(blocked[0]?.recipient);
    await app.daily.runSlot(slotOn(3));
    expect(countsFor(chats)).toEqual(
      chats.map((chatId, i) => (before[i] ?? 0) + (chatId === blockedId ? 0 : 2)),
    );
    expect(await recipients()).not.toContain(blockedId);
  });

  it("pauses the whole delivery for a 429's retry_after and loses nothing", async () => {
    await say(51, 51, "/subscribe");
    const chats = await recipients();
    const before = countsFor(chats);
    const requests = telegram.calls().length;
    telegram.fail("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const report = await app.daily.runSlot(slotOn(4));
    expect(report.complete).toBe(true);
    // The delivery itself saw the 429 (no client retried it out of sight) and paused the platform.
    expect(logs.some((line) => line.includes("Daily summary paused by a 429"))).toBe(true);
    const sends = telegram
      .calls()
      .slice(requests)
      .filter((r) => r.method === "sendMessage");
    // The fake keeps answering 429 until retry_after has passed: a chat refused twice was retried too early.
    // Sends already in flight when the first 429 came back may be refused too, once each.
    const refused = sends.filter((r) => r.response?.ok === false);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((r) => r.response?.ok === false && r.response.error_code === 429)).toBe(true);
    const refusedChats = refused.map((r) => String(r.payload.chat_id));
    expect(new Set(refusedChats).size).toBe(refusedChats.length);
    expect(countsFor(chats)).toEqual(before.map((count) => count + 1));
  });

  it("marks a group gone as soon as the bot is removed from it", async () => {
    telegram.setMember(-202, 5, "creator");
    expect(await say(-202, 5, "/subscribe@NewsTestBot")).toMatch(/^Abonniert!/);
    expect(await recipients()).toContain(-202);
    const bot = { id: telegram.me.id, is_bot: true, first_name: telegram.me.first_name };
    telegram.pushUpdate({
      my_chat_member: {
        chat: { id: -202, type: "group", title: "Test group" },
        from: { id: 5, is_bot: false, first_name: "Admin" },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: "member", user: bot },
        new_chat_member: { status: "left", user: bot },
      },
    });
    await vi.waitFor(
      async () =>
        expect((await app.store.subscriptions.gone("telegram")).has("-202"), "chat -202 marked gone").toBe(
          true,
        ),
      { timeout: 10_000, interval: 20 },
    );
    expect(await recipients()).not.toContain(-202);
  });
});
