import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openPostgresStore } from "../../adapters/store/postgres-store.ts";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import type { Store } from "../../adapters/store/store.ts";
import { commandRequest, createNewsBot, parseArticle } from "../../src/index.ts";
import { realArticle } from "../helpers/articles.ts";
import { createTestSchema, POSTGRES_SKIPPED, type TestSchema } from "../helpers/postgres.ts";

/**
 * The store's behaviour, the same on both engines: SQLite always; PostgreSQL when TEST_DATABASE_URL is set, each
 * test in a schema of its own, dropped after the file.
 */
interface EngineUnderTest {
  name: string;
  /** "" when the engine runs here, else the reason it is skipped, for the test names. */
  skipped: string;
  /** A new, empty place for a store: a file path, or a URL whose search_path is a fresh schema. */
  place(): Promise<string>;
  open(place: string): Promise<Store>;
}

const schemas: TestSchema[] = [];
const ENGINES: EngineUnderTest[] = [
  {
    name: "SQLite",
    skipped: "",
    place: async () => storePath(mkdtempSync(join(tmpdir(), "news-store-"))),
    open: (path) => openSqliteStore(path),
  },
  {
    name: "PostgreSQL",
    skipped: POSTGRES_SKIPPED,
    async place() {
      const schema = await createTestSchema();
      schemas.push(schema);
      return schema.url;
    },
    open: (url) => openPostgresStore(url),
  },
];

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(async () => {
  for (const schema of schemas.splice(0)) await schema.drop();
});

for (const engine of ENGINES) {
  const open = async (place: string) => {
    const store = await engine.open(place);
    opened.push(store);
    return store;
  };

  describe.skipIf(engine.skipped !== "")(`${engine.name} store${engine.skipped}: subscriptions`, () => {
    it("subscribes, reports a repeat, unsubscribes, and renews", async () => {
      const { subscriptions } = await open(await engine.place());
      const now = new Date("2030-01-01T00:00:00Z");
      expect(await subscriptions.subscribe("telegram", "1", { language: "de", now })).toBe("added");
      expect(await subscriptions.subscribe("telegram", "1", { language: "de", now })).toBe("already");
      expect(await subscriptions.unsubscribe("telegram", "1", now)).toBe(true);
      expect(await subscriptions.unsubscribe("telegram", "1", now)).toBe(false);
      expect(await subscriptions.active()).toEqual([]);
      expect(await subscriptions.subscribe("telegram", "1", { language: "en", now })).toBe("renewed");
      expect((await subscriptions.active("telegram")).map((s) => s.language)).toEqual(["en"]);
      expect(await subscriptions.active("slack")).toEqual([]);
    });

    it("marks a recipient gone until it subscribes again, and moves a chat to its new id", async () => {
      const { subscriptions } = await open(await engine.place());
      const now = new Date();
      await subscriptions.subscribe("telegram", "-1", { language: "en", now });
      await subscriptions.markGone("telegram", "-1", { reason: "bot kicked", now });
      expect(await subscriptions.gone("telegram")).toEqual(new Set(["-1"]));
      expect(await subscriptions.active()).toEqual([]);
      await subscriptions.clearGone("telegram", "-1");
      expect(await subscriptions.gone("telegram")).toEqual(new Set());
      await subscriptions.subscribe("telegram", "-1", { language: "en", now });
      await subscriptions.move("telegram", "-1", "-100", now);
      const active = await subscriptions.active();
      expect(active.map((s) => [s.recipient, s.language])).toEqual([["-100", "en"]]);
      expect(await subscriptions.gone("telegram")).toEqual(new Set(["-1"]));
    });
  });

  describe.skipIf(engine.skipped !== "")(`${engine.name} store${engine.skipped}: feed leases`, () => {
    const FEED = "https://news.example/feed.xml";

    it("grants a feed's lease to one owner at a time until released or expired by the database's clock", async () => {
      const { feeds } = await open(await engine.place());
      expect(await feeds.leaseFeed(FEED, "a", 60_000)).toEqual({ held: true, remainingMs: 60_000 });
      const refused = await feeds.leaseFeed(FEED, "b", 60_000);
      expect(refused.held).toBe(false);
      expect(refused.remainingMs).toBeGreaterThan(0);
      expect((await feeds.leaseFeed("https://other.example/feed", "b", 60_000)).held).toBe(true);
      await feeds.releaseFeed(FEED, "a");
      expect((await feeds.leaseFeed(FEED, "b", 0)).held).toBe(true);
      expect((await feeds.leaseFeed(FEED, "a", 60_000)).held).toBe(true);
    });
  });

  describe.skipIf(engine.skipped !== "")(`${engine.name} store${engine.skipped}: the delivery ledger`, () => {
    const SLOT = "2030-01-01T07:00:00.000Z";

    it("grants a slot's lease to one owner at a time, renews it for the owner, and frees it on release", async () => {
      const { ledger } = await open(await engine.place());
      expect(await ledger.lease(SLOT, "a", 60_000)).toEqual({ held: true, remainingMs: 60_000 });
      const refused = await ledger.lease(SLOT, "b", 60_000);
      expect(refused.held).toBe(false);
      expect(refused.remainingMs).toBeGreaterThan(0);
      expect(refused.remainingMs).toBeLessThanOrEqual(60_000);
      expect((await ledger.lease(SLOT, "a", 60_000)).held).toBe(true);
      await ledger.release(SLOT, "b");
      expect((await ledger.lease(SLOT, "b", 60_000)).held).toBe(false);
      await ledger.release(SLOT, "a");
      expect((await ledger.lease(SLOT, "b", 60_000)).held).toBe(true);
    });

    it("lets another owner take a lease once it expired by the database's clock", async () => {
      const { ledger } = await open(await engine.place());
      expect((await ledger.lease(SLOT, "a", 0)).held).toBe(true);
      expect((await ledger.lease(SLOT, "b", 60_000)).held).toBe(true);
      expect((await ledger.lease(SLOT, "a", 60_000)).held).toBe(false);
    });

    it("keeps one row per recipient and slot, overwritten as the delivery moves on", async () => {
      const { ledger } = await open(await engine.place());
      const key = { slot: SLOT, platform: "slack", recipient: "C1" };
      const now = new Date();
      await ledger.record(key, { status: "sending", partsSent: 0, now });
      await ledger.record(key, { status: "sent", partsSent: 2, now });
      expect(await ledger.deliveries(SLOT)).toEqual(
        new Map([["slack:C1", { status: "sent", partsSent: 2 }]]),
      );
      expect(await ledger.deliveries("2030-01-02T07:00:00.000Z")).toEqual(new Map());
    });

    it("remembers each slot's articles and gives the next slot the previous one's as `since`", async () => {
      const { ledger } = await open(await engine.place());
      const now = new Date();
      expect(await ledger.sinceFor(SLOT)).toBeNull();
      expect(await ledger.beginSlot(SLOT, ["a", "b"], now)).toEqual({
        sinceIds: null,
        articleIds: ["a", "b"],
        completed: false,
      });
      // The first caller wins: a second begin keeps the recorded articles.
      expect((await ledger.beginSlot(SLOT, ["c"], now)).articleIds).toEqual(["a", "b"]);
      const next = "2030-01-02T07:00:00.000Z";
      expect(await ledger.sinceFor(next)).toEqual(["a", "b"]);
      expect((await ledger.beginSlot(next, ["a", "b", "c"], now)).sinceIds).toEqual(["a", "b"]);
      await ledger.completeSlot(SLOT, now);
      expect((await ledger.slot(SLOT))?.completed).toBe(true);
    });

    it("names the oldest begun slot not completed, for the ledger lag", async () => {
      const { ledger } = await open(await engine.place());
      const now = new Date();
      const next = "2030-01-02T07:00:00.000Z";
      const since = new Date("2029-12-31T07:00:00.000Z");
      expect(await ledger.oldestOpenSlot(since)).toBeUndefined();
      await ledger.beginSlot("2029-12-30T07:00:00.000Z", ["a"], now);
      await ledger.beginSlot(next, ["a"], now);
      await ledger.beginSlot(SLOT, ["a"], now);
      expect(await ledger.oldestOpenSlot(since)).toBe(SLOT);
      await ledger.completeSlot(SLOT, now);
      expect(await ledger.oldestOpenSlot(since)).toBe(next);
      await ledger.completeSlot(next, now);
      // The slot before `since` is still open, but outside the window.
      expect(await ledger.oldestOpenSlot(since)).toBeUndefined();
    });

    it("forgets slots older than the given date, with their rows", async () => {
      const { ledger } = await open(await engine.place());
      await ledger.beginSlot(SLOT, ["a"], new Date("2030-01-01T07:00:00Z"));
      await ledger.record(
        { slot: SLOT, platform: "slack", recipient: "C1" },
        { status: "sent", partsSent: 1, now: new Date() },
      );
      await ledger.prune(new Date("2030-02-01T00:00:00Z"));
      expect(await ledger.slot(SLOT)).toBeUndefined();
      expect(await ledger.deliveries(SLOT)).toEqual(new Map());
    });
  });

  describe.skipIf(engine.skipped !== "")(`${engine.name} store${engine.skipped}: article choices`, () => {
    it("remembers a conversation's article until cleared, across a reopen", async () => {
      const path = await engine.place();
      const first = await engine.open(path);
      await first.articleChoices.set("telegram:1", "a", new Date());
      await first.articleChoices.set("telegram:1", "b", new Date());
      await first.close();
      const { articleChoices } = await open(path);
      expect(await articleChoices.get("telegram:1")).toBe("b");
      expect(await articleChoices.get("slack:C1")).toBeUndefined();
      await articleChoices.clear("telegram:1");
      expect(await articleChoices.get("telegram:1")).toBeUndefined();
    });

    it("holds the core's article choice, so a restarted bot (or another replica) keeps the conversation's article", async () => {
      const path = await engine.place();
      const newest = parseArticle("# Wahl in Berlin\n\nDie Wahl in Berlin gewann die Partei A.\n", "wahl.md");
      const articles = [newest, realArticle()];
      const chosen = realArticle().id;
      const before = await engine.open(path);
      const first = createNewsBot({ articles, articleChoices: before.articleChoices });
      await first.handle(commandRequest("article", "2"), { conversationId: "telegram:7" });
      await before.close();
      const after = await open(path);
      expect(await after.articleChoices.get("telegram:7")).toBe(chosen);
      const second = createNewsBot({ articles, articleChoices: after.articleChoices });
      const sectionsIn = (conversationId: string) =>
        second.handle(commandRequest("sections"), { conversationId });
      expect(await sectionsIn("telegram:7")).toMatchObject({ kind: "sections", article: { id: chosen } });
      expect(await sectionsIn("telegram:8")).toMatchObject({ kind: "sections", article: { id: newest.id } });
    });
  });
}
