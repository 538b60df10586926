import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeFeedServer, startFakeFeedServer } from "../fakes/fake-feed-server.ts";
import { type FakeTelegram, startFakeTelegram, type TelegramCall } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { type AppProcess, spawnApp } from "../helpers/spawn.ts";
import { articlePage, rss2 } from "./feed-fixtures.ts";

/** The poll interval the app runs with: 0.02 minutes, 1.2 seconds. */
const POLL_MINUTES = "0.02";
/** The daily summary every four seconds, so the test sees the summaries before and after an item arrives. */
const SUMMARY_CRON = "*/4 * * * * *";
/** The chat that always gets the daily summary. */
const SUMMARY_CHAT = 777;
/** Bound on waits for the child process's events. */
const STARTUP_MS = 90_000;
const FERRY = [
  "Die Fähre nach Pellworm fährt ab Mittwoch wieder nach dem Sommerfahrplan, teilte die Reederei mit.",
  "Wegen des niedrigen Wasserstands waren in der vergangenen Woche mehrere Fahrten ausgefallen.",
  "Fahrgäste sollen sich vor der Abfahrt auf der Internetseite der Reederei über Änderungen informieren.",
];
const LIGHTHOUSE = [
  "Der Leuchtturm von Westerhever wird ab Montag von der Ingenieurin Frauke Tiedemann saniert.",
  "Die Arbeiten an dem rot-weißen Turm auf der Halbinsel Eiderstedt sollen bis zum Spätsommer dauern.",
  "Während der Sanierung bleibt der Leuchtturm für Besucherinnen und Besucher geschlossen, teilte die Gemeinde mit.",
  "Die Kosten von rund 1,8 Millionen Euro übernehmen der Bund und das Land Schleswig-Holstein gemeinsam.",
];

let site: FakeFeedServer;
let telegram: FakeTelegram;
let app: AppProcess;

beforeAll(async () => {
  site = await startFakeFeedServer();
  site.feed("/news.xml", rss2("Küstenbote", [], { language: "de" }));
  telegram = await startFakeTelegram();
  app = spawnApp({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    CONTENT_DIR: "content",
    PORT: "0",
    DATA_DIR: mkdtempSync(join(tmpdir(), "feeds-app-data-")),
    LOG_LEVEL: "info",
    FEEDS: `${site.url}/news.xml`,
    FEED_POLL_MINUTES: POLL_MINUTES,
    FEEDS_ALLOW_PRIVATE: "true",
    DAILY_SUMMARY_CRON: SUMMARY_CRON,
    DAILY_SUMMARY_TELEGRAM_CHATS: String(SUMMARY_CHAT),
  });
});

afterAll(async () => {
  app.kill();
  await telegram.stop();
  await site.stop();
});

describe("feeds: the whole app", { timeout: 4 * STARTUP_MS }, () => {
  it("answers a question about an item published on a feed after the next poll, with its source linked", async () => {
    // Start-up on a loaded machine can take long; the waits end with the events, so generous bounds cost nothing.
    await app.beforeExit(telegram.waitFor("getUpdates", { timeoutMs: STARTUP_MS }));
    await app.beforeExit(site.waitFor("/news.xml", { timeoutMs: STARTUP_MS }));
    // Published after the first poll: the next poll, one interval later, must bring it in with its page's full text.
    site.page("/leuchtturm", articlePage("Leuchtturm wird saniert", LIGHTHOUSE, "de"));
    site.page("/faehre", articlePage("Fähre fährt wieder", FERRY, "de"));
    const pollsSoFar = site.calls().filter((call) => call.path === "/news.xml").length;
    site.feed(
      "/news.xml",
      rss2(
        "Küstenbote",
        [
          // The newest article leads the daily summary; the lighthouse, an hour older, is listed under its feed.
          {
            id: "kb-2",
            title: "Fähre nach Pellworm fährt wieder",
            link: `${site.url}/faehre`,
            date: new Date().toISOString(),
            teaser: "Der Sommerfahrplan gilt wieder.",
          },
          {
            id: "kb-1",
            title: "Leuchtturm Westerhever wird saniert",
            link: `${site.url}/leuchtturm?utm_source=rss`,
            date: new Date(Date.now() - 3_600_000).toISOString(),
            teaser: "Der Leuchtturm schließt für Bauarbeiten.",
          },
        ],
        { language: "de" },
      ),
    );
    await app.beforeExit(site.waitFor("/news.xml", { count: pollsSoFar + 1, timeoutMs: STARTUP_MS }));
    await app.beforeExit(site.waitFor("/leuchtturm", { timeoutMs: STARTUP_MS }));
    await app.waitForLog("Feed articles updated");

    telegram.pushUpdate(
      textMessage({ chatId: 512, from: { id: 512 }, text: "Wer saniert den Leuchtturm von Westerhever?" }),
    );
    const [answer] = await app.beforeExit(
      telegram.waitFor((call) => call.method === "sendMessage" && call.payload.chat_id === 512, {
        timeoutMs: STARTUP_MS,
      }),
    );
    const text = String(answer?.payload.text);
    expect(text).toContain("Frauke Tiedemann");
    expect(text).toContain(
      `<a href="${site.url}/leuchtturm?utm_source=rss">Leuchtturm Westerhever wird saniert</a>`,
    );
    expect(text).not.toMatch(/Subscribe now|reader42|tracking pixel/);
    expect(site.calls().find((call) => call.path === "/news.xml")?.headers["user-agent"]).toMatch(
      /^news-bot\//,
    );
  });

  it("lists the arrivals in the next daily summary under their feed, and the one after says nothing is new", async () => {
    const summaryTo = (text: string) => (call: TelegramCall) =>
      call.method === "sendMessage" &&
      call.payload.chat_id === SUMMARY_CHAT &&
      String(call.payload.text).includes(text);
    const [listed] = await app.beforeExit(
      telegram.waitFor(summaryTo("<i>Aus Küstenbote</i>"), { timeoutMs: STARTUP_MS }),
    );
    const digest = String(listed.payload.text);
    expect(digest).toContain("Zusammenfassung: Fähre nach Pellworm fährt wieder");
    expect(digest).toMatch(
      /<b>Neu seit der letzten Zusammenfassung<\/b>[\s\S]*<i>Aus Küstenbote<\/i>\n\n<b>Zusammenfassung: Leuchtturm Westerhever wird saniert<\/b>/,
    );
    const listedAt = telegram.calls().indexOf(listed);
    await app.beforeExit(
      telegram.waitFor(
        (call) =>
          summaryTo("kein neuer Artikel dazugekommen")(call) && telegram.calls().indexOf(call) > listedAt,
        { timeoutMs: STARTUP_MS },
      ),
    );
  });

  it("reports the feed's health on /metrics, read from the store", async () => {
    const port = /"port":(\d+)[^\n]*HTTP server listening/.exec(app.log())?.[1];
    if (!port) throw new Error(`no port in the log:\n${app.log()}`);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain(`newsbot_feed_up{feed="${site.url}/news.xml"} 1`);
    expect(metrics).toContain(`newsbot_feed_items{feed="${site.url}/news.xml"} 2`);
    expect(metrics).toContain(`newsbot_feed_failures{feed="${site.url}/news.xml"} 0`);
  });

  it("stops cleanly on SIGTERM, its log naming the feeds and their polls", async () => {
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.log()).toContain("Following feeds");
    expect(app.log()).toContain("Feed polled");
  });
});
