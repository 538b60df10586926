import { describe, expect, it } from "vitest";
import { backoffMs, MAX_BACKOFF_MS } from "../../adapters/feeds/backoff.ts";
import { contentFingerprint, normalizeLink } from "../../adapters/feeds/dedupe-keys.ts";

describe("normalizeLink", () => {
  it("treats links that differ only in tracking parameters, fragment, www, scheme and trailing slash as one", () => {
    const a = normalizeLink("https://www.Example.org/news/story/?utm_source=rss&utm_medium=feed&id=7#top");
    const b = normalizeLink("http://example.org/news/story?id=7&fbclid=abc");
    expect(a).toBe("example.org/news/story?id=7");
    expect(b).toBe(a);
  });

  it("keeps parameters that choose the content", () => {
    expect(normalizeLink("https://example.org/a?id=1")).not.toBe(normalizeLink("https://example.org/a?id=2"));
  });

  it("has no key for links that are not http(s)", () => {
    expect(normalizeLink("mailto:desk@example.org")).toBeUndefined();
    expect(normalizeLink("not a link")).toBeUndefined();
  });
});

describe("contentFingerprint", () => {
  it("ignores case, punctuation and spacing but not words", () => {
    expect(contentFingerprint("Harbour reopens", "The harbour  reopened, on Monday.")).toBe(
      contentFingerprint("HARBOUR REOPENS", "the harbour reopened on monday"),
    );
    expect(contentFingerprint("Harbour reopens", "The harbour reopened on Tuesday.")).not.toBe(
      contentFingerprint("Harbour reopens", "The harbour reopened on Monday."),
    );
  });
});

describe("backoffMs", () => {
  const pollMs = 60_000;
  it("doubles per failure within ±25 % jitter and stops at the cap", () => {
    expect(backoffMs({ failures: 1, pollMs, random: () => 0.5 })).toBe(120_000);
    expect(backoffMs({ failures: 3, pollMs, random: () => 0 })).toBe(360_000);
    expect(backoffMs({ failures: 3, pollMs, random: () => 1 })).toBe(600_000);
    expect(backoffMs({ failures: 40, pollMs, random: () => 0.5 })).toBe(MAX_BACKOFF_MS);
  });

  it("waits at least as long as Retry-After asks", () => {
    expect(backoffMs({ failures: 1, pollMs, retryAfterMs: 3_600_000, random: () => 0.5 })).toBe(3_600_000);
  });
});
