import { describe, expect, it } from "vitest";
import { loadFeedSettings } from "../../adapters/feeds/settings.ts";

describe("feed settings", () => {
  it("are off without FEEDS and FEEDS_FILE", () => {
    expect(loadFeedSettings({}, "/srv/bot")).toBeUndefined();
  });

  it("read the URLs, the OPML file relative to the working folder, and the defaults", () => {
    expect(
      loadFeedSettings(
        { FEEDS: "https://a.example/rss, https://b.example/atom", FEEDS_FILE: "feeds.opml" },
        "/srv/bot",
      ),
    ).toEqual({
      urls: ["https://a.example/rss", "https://b.example/atom"],
      opmlFile: "/srv/bot/feeds.opml",
      pollMinutes: 15,
      maxAgeDays: 30,
      allowPrivate: false,
      timeoutMs: 20_000,
      maxBytes: 5 * 1024 * 1024,
    });
  });

  it("report every bad value together, naming the variable", () => {
    const env = {
      FEEDS: "ftp://x.example/feed",
      FEED_POLL_MINUTES: "0",
      FEED_MAX_AGE_DAYS: "soon",
      FEEDS_ALLOW_PRIVATE: "yes",
    };
    expect(() => loadFeedSettings(env, "/")).toThrow(
      /FEEDS has "ftp:\/\/x.example\/feed"[\s\S]*FEED_POLL_MINUTES="0"[\s\S]*FEED_MAX_AGE_DAYS="soon"[\s\S]*FEEDS_ALLOW_PRIVATE/,
    );
  });
});
