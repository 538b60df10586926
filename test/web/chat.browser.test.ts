import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, launchBrowser, screenshot } from "./browser.ts";
import { startWebChat, type WebChatServer } from "./web-fixture.ts";

const title = `web chat in Chromium${browserMissing ? ` (skipped: ${browserMissing})` : ""}`;

describe.skipIf(browserMissing !== null)(title, () => {
  let browser: Browser;
  let chat: WebChatServer;

  beforeAll(async () => {
    [browser, chat] = await Promise.all([launchBrowser(), startWebChat()]);
  });
  afterAll(async () => {
    await browser?.close();
    await chat?.stop();
  });

  /** A fresh browser profile-like context (own storage) in German, with the chat's script ready. */
  async function openChat(options: { locale?: string; context?: BrowserContext } = {}): Promise<Page> {
    const context = options.context ?? (await browser.newContext({ locale: options.locale ?? "de-DE" }));
    const page = await context.newPage();
    await page.goto(`${chat.url}/`);
    await page.locator(".chat.ready").waitFor();
    return page;
  }

  it("answers a typed question with the paragraph, its best sentence marked, and the article", async () => {
    const page = await openChat();
    await page.getByLabel("Deine Frage").fill("Wer ist Dmitri Peskow?");
    await page.getByRole("button", { name: "Fragen", exact: true }).click();
    const answer = page.locator(".from-bot .reply").last();
    await answer.locator("mark").waitFor();
    expect(await answer.locator("h2").textContent()).toBe("Ein Treffen könnte schon bald stattfinden");
    expect(await answer.locator("mark").textContent()).toContain("Kreml-Sprecher Dmitri Peskow");
    expect(await answer.locator(".source cite").textContent()).toBe(
      "Begegnung zwischen Kim Jong Un und Putin",
    );
    await screenshot(page, "chat-answer");
    await page.context().close();
  });

  it("asks an example question when its button is tapped", async () => {
    const context = await browser.newContext({
      locale: "de-DE",
      hasTouch: true,
      isMobile: true,
      viewport: { width: 390, height: 844 },
    });
    const page = await openChat({ context });
    const example = page.locator(".examples button").first();
    const question = (await example.textContent()) ?? "";
    expect(question).toMatch(/^Wer ist /);
    await example.tap();
    await page.locator(".from-person p", { hasText: question }).waitFor();
    await page.locator(".from-bot .reply mark").first().waitFor();
    await screenshot(page, "chat-phone");
    await context.close();
  });

  it("shows an answer holding <script> and & as text and runs nothing", async () => {
    const page = await openChat();
    await page.getByLabel("Deine Frage").fill("Was enthält die neue Satzung?");
    await page.keyboard.press("Enter");
    const answer = page.locator(".from-bot .reply").last();
    await answer.locator("mark").waitFor();
    expect(await answer.locator("mark").textContent()).toContain('<script>document.title="pwned"</script> &');
    expect(await answer.locator("h2").textContent()).toBe("Die Satzung <b>neu</b>");
    expect(await answer.locator("script, b").count()).toBe(0);
    const link = answer.locator(".source a");
    expect(await link.textContent()).toBe("Tom & Jerry <script>alert(1)</script> im Rathaus");
    expect(await link.getAttribute("href")).toBe("https://news.example/rathaus?tom=1&jerry=2");
    expect(await page.title()).toBe("Nachrichten-Chat");
    await page.context().close();
  });

  it("keeps the article choice across a reload", async () => {
    const page = await openChat();
    const select = page.getByLabel("Fragen an");
    await select.selectOption("001_markup");
    await page.locator(".from-bot .reply", { hasText: "Fragen gehen jetzt an" }).waitFor();
    await page.reload();
    await page.locator(".chat.ready").waitFor();
    await page.locator("#article option[value='001_markup']:checked").waitFor({ state: "attached" });
    await page.getByRole("button", { name: "Zusammenfassung", exact: true }).click();
    await page.locator(".from-bot .reply h2", { hasText: "Zusammenfassung: Tom & Jerry" }).waitFor();
    await page.context().close();
  });

  it("speaks English to an English browser", async () => {
    const page = await openChat({ locale: "en-GB" });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("button", { name: "Help", exact: true }).click();
    await page.locator(".from-bot .reply", { hasText: "Just ask me a question about the news" }).waitFor();
    await page.context().close();
  });
});
