import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserMissing, launchBrowser, screenshot } from "./browser.ts";
import { startWebChat, type WebChatServer } from "./web-fixture.ts";

/** A news site on its own loopback origin whose page embeds the widget, with styles that try to reach it. */
async function startNewsSite(botUrl: () => string): Promise<{ origin: string; stop(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html lang="de"><head><title>News site</title>
<style>* { font-size: 40px !important; color: red !important; } button { background: red !important; }</style></head>
<body><h1>Lokalnachrichten</h1><p>Ein Artikel.</p>
<script src="${botUrl()}/web/widget.js" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const title = `embeddable widget in Chromium${browserMissing ? ` (skipped: ${browserMissing})` : ""}`;

// A browser on a shared machine is slow to start and to answer; waits are for events, these are only bounds.
describe.skipIf(browserMissing !== null)(title, { timeout: 90_000 }, () => {
  let browser: Browser;
  let chat: WebChatServer;
  let allowed: { origin: string; stop(): Promise<void> };
  let other: { origin: string; stop(): Promise<void> };

  beforeAll(async () => {
    const botUrl = () => chat.url;
    [browser, allowed, other] = await Promise.all([
      launchBrowser(),
      startNewsSite(botUrl),
      startNewsSite(botUrl),
    ]);
    chat = await startWebChat({ allowedOrigins: [allowed.origin] });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await chat?.stop();
    await allowed?.stop();
    await other?.stop();
  });

  /** Opens the news site and the widget; resolves once the frame's document has loaded, chat or error page. */
  async function openWidget(origin: string): Promise<Page> {
    const page = await browser.newPage({ locale: "de-DE" });
    await page.goto(origin);
    const toggle = page.getByRole("button", { name: "Nachrichten-Chat öffnen" });
    const loaded = page.waitForEvent("framenavigated", (frame) => frame !== page.mainFrame());
    await toggle.click();
    await loaded;
    return page;
  }

  it("shows the chat in a corner of an allowed site, untouched by its styles, and answers", async () => {
    const page = await openWidget(allowed.origin);
    const toggle = page.getByRole("button", { name: "Chat schließen" });
    expect(await toggle.evaluate((button) => getComputedStyle(button).fontSize)).toBe("24px");
    const frame = page.frameLocator("news-chat-widget iframe");
    await frame.locator(".chat.ready").waitFor();
    await frame.getByLabel("Deine Frage").fill("Wer ist Dmitri Peskow?");
    await frame.getByRole("button", { name: "Fragen", exact: true }).click();
    await frame.locator(".from-bot .reply mark").waitFor();
    expect(await frame.locator(".from-bot .reply mark").textContent()).toContain("Dmitri Peskow");
    await screenshot(page, "widget");
    await toggle.click();
    await page.getByRole("button", { name: "Nachrichten-Chat öffnen" }).waitFor();
    await page.close();
  });

  it("is refused inside a site that is not allowed", async () => {
    const page = await openWidget(other.origin);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(frame).toBeDefined();
    // Chromium replaces a frame that frame-ancestors forbids with its error page; the chat never loads.
    expect(frame?.url()).not.toContain("/embed");
    expect(await frame?.locator(".chat").count()).toBe(0);
    await page.close();
  });
});
