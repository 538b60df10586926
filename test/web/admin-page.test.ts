import { describe, expect, it } from "vitest";
import { createAdminAuth, SESSION_COOKIE, SESSION_MS } from "../../adapters/web/admin-auth.ts";
import { renderAdminPage } from "../../adapters/web/admin-page.ts";
import type { OperatorFigures } from "../../adapters/web/operator.ts";

const TOKEN = "operator-token-for-unit-tests-0123456789";

function requestWith(headers: Record<string, string>) {
  return { headers } as unknown as Parameters<ReturnType<typeof createAdminAuth>["session"]>[0];
}

describe("operator page sign-in", () => {
  it("accepts only the token, and sessions only until they expire", () => {
    let now = 1_000_000;
    const auth = createAdminAuth(TOKEN, () => now);
    expect(auth.isToken(TOKEN)).toBe(true);
    expect(auth.isToken(`${TOKEN}x`)).toBe(false);
    expect(auth.isToken("")).toBe(false);
    const session = auth.newSession();
    expect(session).not.toContain(TOKEN);
    const withCookie = requestWith({ cookie: `other=1; ${SESSION_COOKIE}=${session}` });
    expect(auth.session(withCookie)).toBe(session);
    now += SESSION_MS;
    expect(auth.session(withCookie)).toBeNull();
  });

  it("refuses forged sessions and takes the token as a Bearer header", () => {
    const auth = createAdminAuth(TOKEN);
    const forged = createAdminAuth("another-token-of-another-bot-000000").newSession();
    expect(auth.session(requestWith({ cookie: `${SESSION_COOKIE}=${forged}` }))).toBeNull();
    expect(auth.session(requestWith({ authorization: `Bearer ${TOKEN}` }))).toBe("bearer");
    expect(auth.session(requestWith({ authorization: "Bearer wrong" }))).toBeNull();
  });

  it("binds CSRF tokens to their session", () => {
    const auth = createAdminAuth(TOKEN);
    const first = auth.newSession();
    const csrf = auth.csrfToken(first);
    expect(auth.isCsrfToken(first, csrf)).toBe(true);
    expect(auth.isCsrfToken(`${first}0`, csrf)).toBe(false);
    expect(auth.isCsrfToken(first, "")).toBe(false);
  });
});

describe("operator page", () => {
  const figures: OperatorFigures = {
    articles: [{ id: "a", title: "Tom & <Jerry>" }],
    daily: {
      subscriptions: [{ platform: "telegram", active: 3, gone: 1 }],
      runs: [{ slot: "2030-01-02T07:00:00.000Z", completed: true, sent: 2, skipped: 0, failed: 0, gone: 1 }],
    },
    feeds: [
      {
        url: "https://feeds.example/news.xml?api_key=s3cr3t-key",
        title: "<b>Feed</b>",
        lastStatus: "http 500",
        failures: 2,
        lastError: "HTTP 500 from https://feeds.example/news.xml?api_key=s3cr3t-key",
      },
    ],
    errors: [{ at: "2030-01-02T07:00:01.000Z", level: "error", message: "Something <failed>" }],
  };

  it("shows the figures escaped and never a feed's query", () => {
    const page = renderAdminPage(figures, "csrf-value");
    expect(page).toContain("Tom &amp; &lt;Jerry&gt;");
    expect(page).toContain("&lt;b&gt;Feed&lt;/b&gt;");
    expect(page).toContain("https://feeds.example/news.xml?…");
    expect(page).not.toContain("s3cr3t-key");
    expect(page).toContain("Something &lt;failed&gt;");
    expect(page).toContain('<input type="hidden" name="csrf" value="csrf-value">');
    expect(page).not.toMatch(/<script/);
  });

  it("says how to turn the daily summary on when it is off", () => {
    const page = renderAdminPage({ ...figures, daily: null, feeds: null }, "c");
    expect(page).toContain("set TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN");
    expect(page).not.toContain("Send today's summary now");
    expect(page).not.toContain("Feed health");
  });
});
