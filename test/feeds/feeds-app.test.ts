import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeFeedServer, startFakeFeedServer } from "../fakes/fake-feed-server.ts";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { type AppProcess, spawnApp } from "../helpers/spawn.ts";
import { articlePage, rss2 } from "./feed-fixtures.ts";

/** The poll interval the app runs with: 0.02 minutes, 1.2 seconds. */
const POLL_MINUTES = "0.02";
/** Bound on waits for the child process's events. */
const STARTUP_MS = 90_000;
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
    const pollsSoFar = site.calls.filter((call) => call.path === "/news.xml").length;
    site.feed(
      "/news.xml",
      rss2(
        "Küstenbote",
        [
          {
            id: "kb-1",
            title: "Leuchtturm Westerhever wird saniert",
            link: `${site.url}/leuchtturm?utm_source=rss`,
            date: new Date().toISOString(),
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
    expect(site.calls.find((call) => call.path === "/news.xml")?.headers["user-agent"]).toMatch(
      /^news-bot\//,
    );

    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.log()).toContain("Following feeds");
    expect(app.log()).toContain("Feed polled");
  });
});
