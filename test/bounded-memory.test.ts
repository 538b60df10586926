import { describe, expect, it } from "vitest";
import { createMemoryDedupeStore } from "../adapters/dedupe/dedupe-store.ts";
import { createLogger } from "../adapters/logger.ts";
import { createLanguageLookup, LANGUAGE_CACHE_MS } from "../adapters/slack/user-language.ts";
import { memoryArticleChoices } from "../src/article-choice.ts";
import { createRateLimiter } from "../src/rate-limit.ts";

describe("memory that stays bounded, forgetting the least recently used first", () => {
  it("keeps the article choice of a conversation that keeps reading it, past 10,000 newer ones", async () => {
    const choice = memoryArticleChoices();
    const now = new Date(0);
    await choice.set("reader", "a1", now);
    for (let i = 0; i < 9_999; i += 1) await choice.set(`c${i}`, "a2", now);
    expect(await choice.get("reader")).toBe("a1");
    await choice.set("one-more", "a3", now);
    expect(await choice.get("reader")).toBe("a1");
    expect(await choice.get("c0")).toBeUndefined();
    expect(await choice.get("c1")).toBe("a2");
  });

  it("forgets the rate-limit history of the key seen least recently once it tracks too many", () => {
    const limiter = createRateLimiter({ limit: 1, maxKeys: 2, now: () => 0 });
    expect(limiter.take("a")).toBe(true);
    expect(limiter.take("b")).toBe(true);
    expect(limiter.take("a")).toBe(false);
    expect(limiter.take("c")).toBe(true);
    expect(limiter.take("a")).toBe(false);
    expect(limiter.take("b")).toBe(true);
  });

  it("keeps a redelivered key that keeps coming back, forgetting the key seen least recently", async () => {
    const store = createMemoryDedupeStore({ capacity: 2 });
    expect(await store.claim("a")).toBe(true);
    expect(await store.claim("b")).toBe(true);
    expect(await store.claim("a")).toBe(false);
    expect(await store.claim("c")).toBe(true);
    expect(await store.claim("a")).toBe(false);
    expect(await store.claim("b")).toBe(true);
  });

  it("remembers a Slack user's language for an hour of the injected clock, then asks again", async () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    let time = start;
    const asked: string[] = [];
    const readLocale = async (user: string) => {
      asked.push(user);
      return asked.length === 1 ? "en-US" : "de-DE";
    };
    const languageOf = createLanguageLookup({
      readLocale,
      logger: createLogger({ write: () => {} }),
      now: () => time,
    });
    expect(await languageOf("U1")).toBe("en");
    time = start + LANGUAGE_CACHE_MS - 1;
    expect(await languageOf("U1")).toBe("en");
    time = start + LANGUAGE_CACHE_MS + 1;
    expect(await languageOf("U1")).toBe("de");
    expect(asked).toEqual(["U1", "U1"]);
  });
});
