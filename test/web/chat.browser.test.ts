import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, launchBrowser, screenshot } from "./browser.ts";
import { startWebChat, type WebChatServer } from "./web-fixture.ts";

/** Presses a key until the target has the focus; fails after as many presses as the page has controls. */
async function pressUntilFocused(page: Page, key: string, target: Locator): Promise<void> {
  const limit = await page.locator("button, select, input, a[href]").count();
  for (let i = 0; i <= limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached the control`);
}

const title = `web chat in Chromium${browserMissing ? ` (skipped: ${browserMissing})` : ""}`;

// A browser on a shared machine is slow to start and to answer; waits are for events, these are only bounds.
describe.skipIf(browserMissing !== null)(title, { timeout: 90_000 }, () => {
  let browser: Browser;
  let chat: WebChatServer;

  beforeAll(async () => {
    [browser, chat] = await Promise.all([launchBrowser(), startWebChat()]);
  }, 90_000);
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

  it("follows the system's dark mode", async () => {
    const context = await browser.newContext({ locale: "de-DE", colorScheme: "dark" });
    const page = await openChat({ context });
    const colors = await page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
    }));
    expect(colors).toEqual({ background: "rgb(18, 18, 18)", text: "rgb(236, 236, 236)" });
    await page.getByRole("button", { name: "Hilfe", exact: true }).click();
    await page.locator(".from-bot .reply button[data-command]").first().waitFor();
    await screenshot(page, "chat-dark");
    await context.close();
  });

  it("speaks English to an English browser", async () => {
    const page = await openChat({ locale: "en-GB" });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("button", { name: "Help", exact: true }).click();
    await page.locator(".from-bot .reply", { hasText: "Just ask me a question about the news" }).waitFor();
    await page.context().close();
  });

  it("reaches every control by keyboard alone, with visible focus, and works them with Enter", async () => {
    const page = await openChat();
    /** Numbers the controls now on the page; returns how many there are. */
    const numberControls = () =>
      page.locator("main").evaluate((main) => {
        const controls = [...main.querySelectorAll<HTMLElement>("button, select, input, a[href]")];
        controls.forEach((control, index) => {
          control.dataset.kb = String(index);
        });
        return controls.length;
      });
    /** Tabs once; returns the focused control's number and whether its focus ring shows. */
    const tab = async () => {
      await page.keyboard.press("Tab");
      return page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        return { kb: active?.dataset.kb, outline: active ? getComputedStyle(active).outlineStyle : "none" };
      });
    };
    const total = await numberControls();
    const reached = new Set<string>();
    for (let i = 0; i < total; i++) {
      const focused = await tab();
      expect(focused.outline).not.toBe("none");
      if (focused.kb !== undefined) reached.add(focused.kb);
    }
    expect(reached.size).toBe(total);
    // Shift+Tab back to the sections button, and Enter asks for the sections.
    const sections = page.getByRole("button", { name: "Abschnitte", exact: true });
    await pressUntilFocused(page, "Shift+Tab", sections);
    await page.keyboard.press("Enter");
    const reply = page.locator(".from-bot .reply").last();
    await reply.locator("button[data-command=section]").first().waitFor();
    // The buttons inside the answer are reachable too: Tab to the first section and open it with Enter.
    const first = reply.locator("button[data-command=section]").first();
    await pressUntilFocused(page, "Tab", first);
    await page.keyboard.press("Enter");
    await page.locator(".from-bot .reply h2", { hasText: "Die Satzung <b>neu</b>" }).waitFor();
    await screenshot(page, "chat-keyboard");
    await page.context().close();
  });
});
