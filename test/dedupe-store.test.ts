import { describe, expect, it } from "vitest";
import { createMemoryDedupeStore } from "../adapters/dedupe/dedupe-store.ts";

describe("the in-memory dedupe store", () => {
  it("claims a key once, and again only after the expiry", async () => {
    let now = 1_000;
    const store = createMemoryDedupeStore({ ttlMs: 60_000, now: () => now });
    expect(await store.claim("event:E1")).toBe(true);
    expect(await store.claim("event:E1")).toBe(false);
    expect(await store.claim("event:E2")).toBe(true);
    now += 59_999;
    expect(await store.claim("event:E1")).toBe(false);
    now += 1;
    expect(await store.claim("event:E1")).toBe(true);
  });

  it("forgets the oldest keys beyond its capacity, so a flood of keys costs bounded memory", async () => {
    const store = createMemoryDedupeStore({ capacity: 2 });
    await store.claim("a");
    await store.claim("b");
    await store.claim("c");
    expect(await store.claim("c")).toBe(false);
    expect(await store.claim("a")).toBe(true);
  });
});
