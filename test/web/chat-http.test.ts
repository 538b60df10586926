import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../adapters/web/http-io.ts";
import { startWebChat, type WebChatServer } from "./web-fixture.ts";

let chat: WebChatServer;
beforeAll(async () => {
  chat = await startWebChat({ allowedOrigins: ["https://news.example"] });
});
afterAll(() => chat.stop());

const CONVERSATION = "test-conversation-0001";

function ask(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${chat.url}/web/ask`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("web chat over HTTP", () => {
  it("serves the page with a strict CSP and never lets it be framed", async () => {
    const response = await fetch(`${chat.url}/`, { headers: { "accept-language": "en" } });
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const page = await response.text();
    expect(page).toContain('<html lang="en">');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page).not.toMatch(/\sstyle=|\son\w+=/);
  });

  it("keeps a conversation's article choice for the page to read back after a reload (/web/state)", async () => {
    const state = async (conversation: string) =>
      (await (
        await fetch(`${chat.url}/web/state`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ conversation }),
        })
      ).json()) as { selected: string | null };
    const chosen = await ask({ conversation: CONVERSATION, command: "article", args: "001_markup" });
    expect(await chosen.json()).toMatchObject({ selected: "001_markup" });
    expect(await state(CONVERSATION)).toEqual({ selected: "001_markup" });
    expect(await state("another-conversation-01")).toEqual({ selected: null });
    await ask({ conversation: CONVERSATION, command: "article", args: "all" });
    expect(await state(CONVERSATION)).toEqual({ selected: null });
  });

  it("lets only the allowed sites frame the widget's page", async () => {
    const response = await fetch(`${chat.url}/embed`);
    expect(response.headers.get("content-security-policy")).toContain(
      "frame-ancestors 'self' https://news.example",
    );
    expect(response.headers.get("x-frame-options")).toBeNull();
    const widget = await fetch(`${chat.url}/web/widget.js`);
    expect(widget.headers.get("content-type")).toContain("javascript");
    expect(widget.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("answers a question as escaped HTML", async () => {
    const response = await ask({ conversation: CONVERSATION, text: "Was enthält die neue Satzung?" });
    expect(response.status).toBe(200);
    const { html } = (await response.json()) as { html: string };
    expect(html).toContain("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt; &amp;");
    expect(html).not.toContain("<script");
  });

  it("answers without the script too, through the form's GET", async () => {
    const response = await fetch(`${chat.url}/?q=${encodeURIComponent("Wer ist Dmitri Peskow?")}`);
    const page = await response.text();
    expect(page).toContain("<mark>Dass die Vorbereitungen dazu bereits in vollem Gange sind");
  });

  it("refuses requests from other origins, of other types, too large or malformed", async () => {
    expect(
      (await ask({ conversation: CONVERSATION, text: "x" }, { origin: "https://evil.example" })).status,
    ).toBe(403);
    const form = await fetch(`${chat.url}/web/ask`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "text=x",
    });
    expect(form.status).toBe(415);
    const large = await ask({ conversation: CONVERSATION, text: "x".repeat(MAX_BODY_BYTES) });
    expect(large.status).toBe(413);
    expect((await ask("{nope")).status).toBe(400);
    expect((await ask({ conversation: "short", text: "x" })).status).toBe(400);
    expect((await ask({ conversation: CONVERSATION, command: "subscribe" })).status).toBe(400);
    expect((await fetch(`${chat.url}/web/ask`)).status).toBe(405);
  });

  it("limits questions per address, whatever conversation ids the client makes up", async () => {
    // A server of its own, so the other tests' questions do not count.
    const own = await startWebChat();
    const ask = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${own.url}/web/ask`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await ask({
        conversation: `made-up-conversation-${String(i).padStart(4, "0")}`,
        text: "Putin",
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    const last = await ask({ conversation: CONVERSATION, text: "Putin" }, { "accept-language": "en" });
    expect(((await last.json()) as { html: string }).html).toContain("That was a lot of questions");
    await own.stop();
  });
});
