import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../adapters/app.ts";
import { loadConfig } from "../../adapters/config.ts";
import { createLogger } from "../../adapters/logger.ts";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import type { Store } from "../../adapters/store/store.ts";
import { createNewsBot, loadArticles } from "../../src/index.ts";
import { type FakeTelegram, startFakeTelegram, succeeded } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { browserMissing, launchBrowser, screenshot } from "./browser.ts";

const ADMIN_TOKEN = "operator-token-for-loopback-tests-0123456789";
const title = `operator page in Chromium${browserMissing ? ` (skipped: ${browserMissing})` : ""}`;

// A browser on a shared machine is slow to start and to answer; waits are for events, these are only bounds.
describe.skipIf(browserMissing !== null)(title, { timeout: 90_000 }, () => {
  let browser: Browser;
  let telegram: FakeTelegram;
  let app: RunningApp;
  let store: Store;
  let url: string;
  const logs: string[] = [];

  beforeAll(async () => {
    [browser, telegram] = await Promise.all([launchBrowser(), startFakeTelegram()]);
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      CONTENT_DIR: "test/fixtures/content",
      DATA_DIR: mkdtempSync(join(tmpdir(), "web-admin-")),
      PORT: "0",
      ADMIN_TOKEN,
      // No catch-up run at start-up: the test sends today's summary itself, from the operator page.
      DAILY_SUMMARY_CATCHUP_HOURS: "0",
    });
    const { articles } = await loadArticles(config.core.contentDir);
    const logger = createLogger({ level: "warn", write: (line) => logs.push(line) });
    // Opened as main.ts opens it: before the app, closed after it.
    store = await openSqliteStore(storePath(config.dataDir));
    app = await startApp({ config, bot: createNewsBot({ articles }), logger, store });
    url = `http://127.0.0.1:${app.httpPort}`;
    // Three people subscribe in their private chats, through the real Telegram adapter.
    for (const chatId of [501, 502, 503]) {
      telegram.pushUpdate(textMessage({ chatId, from: { id: chatId }, text: "/subscribe" }));
      await telegram.waitFor((call) => succeeded("sendMessage")(call) && call.payload.chat_id === chatId);
    }
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await store?.close();
    await telegram?.stop();
  });

  async function signIn(token: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${url}/admin`);
    await page.getByLabel("Admin token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("h1").waitFor();
    return page;
  }

  it("refuses a wrong token and shows nothing of the bot", async () => {
    const direct = await fetch(`${url}/admin`);
    expect(direct.status).toBe(401);
    expect(await direct.text()).not.toContain("Articles loaded");
    const page = await signIn("not-the-operator-token-0123456789");
    await page.getByRole("alert").filter({ hasText: "That is not the admin token" }).waitFor();
    expect(await page.content()).not.toContain("Articles loaded");
    expect(await page.content()).not.toContain(ADMIN_TOKEN);
    await page.close();
  });

  it("shows sent, skipped, failed and gone counts after sending today's summary from the page", async () => {
    const page = await signIn(ADMIN_TOKEN);
    expect(await page.locator("[data-figure=articles]").textContent()).toBe("1");
    const subscriptions = page.locator("table", { hasText: "Subscriptions per platform" });
    expect(
      await subscriptions.locator("tr", { hasText: "telegram" }).locator("td").first().textContent(),
    ).toBe("3");
    // One of the three blocked the bot: Telegram answers the first summary message with 403.
    telegram.fail("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await page.getByRole("button", { name: "Send today's summary now…" }).click();
    await page.getByRole("button", { name: "Yes, send it now" }).click();
    await page.locator("table", { hasText: "This run" }).waitFor();
    await page.getByRole("link", { name: "Back to the operator page" }).click();
    const runs = page.locator("table", { hasText: "Last runs" });
    await runs.waitFor();
    const cells = await runs.locator("tbody tr").first().locator("td").allTextContents();
    // State, sent, skipped, failed, gone.
    expect(cells).toEqual(["complete", "2", "0", "0", "1"]);
    await screenshot(page, "admin");
    expect(await page.content()).not.toContain(ADMIN_TOKEN);
    await page.close();
  });

  it("refuses a state change without the page's CSRF token, even with the session", async () => {
    const page = await signIn(ADMIN_TOKEN);
    const status = await page.evaluate(async () => {
      const response = await fetch("/admin/send", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "confirm=yes",
      });
      return response.status;
    });
    expect(status).toBe(403);
    await page.close();
  });
});
