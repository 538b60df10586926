import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPublicAddress, publicOnlyLookup } from "../../adapters/feeds/address-guard.ts";
import { type HttpFetchOptions, httpFetch, parseRetryAfter } from "../../adapters/feeds/http-fetch.ts";
import { type FakeFeedServer, startFakeFeedServer } from "../fakes/fake-feed-server.ts";
import { rss2 } from "./feed-fixtures.ts";

const OPTIONS: HttpFetchOptions = {
  userAgent: "news-bot/test (feed reader)",
  // Generous, so a loaded machine never times out a normal exchange; the hang test sets a short one.
  timeoutMs: 30_000,
  maxBytes: 64 * 1024,
  allowPrivate: true,
};
const FEED = rss2("Example", [{ id: "1", title: "One", html: "<p>One.</p>" }]);

let site: FakeFeedServer;
beforeEach(async () => {
  site = await startFakeFeedServer();
});
afterEach(async () => {
  await site.stop();
});

const get = (path: string, extra: Partial<Parameters<typeof httpFetch>[0]> = {}, options = OPTIONS) =>
  httpFetch({ url: `${site.url}${path}`, accept: "application/rss+xml", ...extra }, options);

describe("httpFetch", () => {
  it("sends the bot's User-Agent and asks for compression, and decompresses the body", async () => {
    site.feed("/rss.xml", FEED);
    const result = await get("/rss.xml");
    expect(result.kind).toBe("ok");
    expect(result.kind === "ok" && result.body.toString()).toBe(FEED);
    expect(site.calls()[0]?.headers["user-agent"]).toBe("news-bot/test (feed reader)");
    expect(site.calls()[0]?.headers["accept-encoding"]).toContain("gzip");
  });

  it("sends the ETag and Last-Modified it got back and takes a 304 as not modified", async () => {
    site.feed("/rss.xml", FEED, { etag: '"v1"', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" });
    const first = await get("/rss.xml");
    if (first.kind !== "ok") throw new Error("expected a body");
    expect(first.etag).toBe('"v1"');
    const second = await get("/rss.xml", { etag: first.etag, lastModified: first.lastModified });
    expect(second.kind).toBe("not-modified");
    expect(site.calls()[1]?.headers["if-none-match"]).toBe('"v1"');
    expect(site.calls()[1]?.headers["if-modified-since"]).toBe("Tue, 01 Dec 2026 10:00:00 GMT");
  });

  it("follows up to five redirects and reports the final URL", async () => {
    for (let i = 0; i < 5; i++) site.respond(`/r${i}`, { status: 301, headers: { location: `/r${i + 1}` } });
    site.feed("/r5", FEED);
    const result = await get("/r0");
    expect(result.kind).toBe("ok");
    expect(result.url).toBe(`${site.url}/r5`);
  });

  it("gives up on a redirect loop", async () => {
    site.respond("/a", { status: 302, headers: { location: "/b" } });
    site.respond("/b", { status: 307, headers: { location: "/a" } });
    await expect(get("/a")).rejects.toThrow(/redirects more than 5 times/);
    expect(site.calls()).toHaveLength(6);
  });

  it("times out a response that never ends", async () => {
    site.respond("/slow", { hang: true, headers: { "content-type": "application/xml" } });
    await expect(get("/slow", {}, { ...OPTIONS, timeoutMs: 300 })).rejects.toThrow(/timed out after 300 ms/);
  });

  it("refuses a body declared over the size cap without reading it", async () => {
    site.respond("/big", { body: Buffer.alloc(OPTIONS.maxBytes + 1, "x") });
    await expect(get("/big")).rejects.toThrow(/over the cap/);
  });

  it("cuts off a streamed body far over the size cap", async () => {
    site.respond("/flood", { floodBytes: 50 * 1024 * 1024 });
    await expect(get("/flood")).rejects.toThrow(/over the cap of 65536 bytes/);
  });

  it("returns server errors with the wait Retry-After asks for", async () => {
    site.fail("/rss.xml", { status: 429, headers: { "retry-after": "120" } });
    expect(await get("/rss.xml")).toEqual({
      kind: "http-error",
      url: `${site.url}/rss.xml`,
      status: 429,
      retryAfterMs: 120_000,
    });
    site.fail("/down", { status: 500 });
    expect(await get("/down")).toMatchObject({ kind: "http-error", status: 500 });
  });

  it("refuses loopback and private addresses unless they are allowed", async () => {
    site.feed("/rss.xml", FEED);
    const strict = { ...OPTIONS, allowPrivate: false };
    await expect(get("/rss.xml", {}, strict)).rejects.toThrow(/not a public address/);
    const byName = site.url.replace("127.0.0.1", "localhost");
    await expect(httpFetch({ url: `${byName}/rss.xml`, accept: "*/*" }, strict)).rejects.toThrow(
      /not a public/,
    );
    expect(site.calls()).toHaveLength(0);
  });

  it("refuses an IPv4-mapped IPv6 literal of a loopback address", async () => {
    const strict = { ...OPTIONS, allowPrivate: false };
    await expect(httpFetch({ url: "http://[::ffff:127.0.0.1]/x", accept: "*/*" }, strict)).rejects.toThrow(
      /not a public address/,
    );
  });

  it("checks every redirect hop's scheme", async () => {
    site.respond("/out", { status: 302, headers: { location: "file:///etc/passwd" } });
    await expect(get("/out")).rejects.toThrow(/not an http\(s\) URL/);
  });

  it("refuses schemes other than http(s)", async () => {
    await expect(httpFetch({ url: "file:///etc/passwd", accept: "*/*" }, OPTIONS)).rejects.toThrow(
      /not an http\(s\) URL/,
    );
  });
});

describe("isPublicAddress", () => {
  it("accepts public addresses and refuses loopback, private, link-local and mapped ones", () => {
    expect(["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"].map(isPublicAddress)).toEqual([
      true,
      true,
    ]);
    const refused = [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
    ];
    expect(refused.filter(isPublicAddress)).toEqual([]);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores nonsense", () => {
    const now = () => Date.parse("2026-12-01T10:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 10:02:00 GMT", now)).toBe(120_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});

describe("publicOnlyLookup", () => {
  it("refuses a host name that resolves to loopback, so the resolved address is what counts", async () => {
    const error = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup("localhost", {}, (failure) => resolve(failure)),
    );
    expect(error?.message).toMatch(/resolves to a non-public address/);
  });
});
