import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { toCoreArticle } from "../../adapters/feeds/feed-article.ts";
import { createFeedFetcher } from "../../adapters/feeds/feed-fetcher.ts";
import { createFeedPoller, type FeedChange, type FeedPoller } from "../../adapters/feeds/feed-poller.ts";
import type { FeedArticleStore } from "../../adapters/feeds/feed-store.ts";
import { createHostQueue } from "../../adapters/feeds/host-queue.ts";
import { openSqliteStore } from "../../adapters/store/sqlite-store.ts";
import type { Store } from "../../adapters/store/store.ts";
import type { Logger } from "../../src/index.ts";
import { type FakeFeedServer, startFakeFeedServer } from "../fakes/fake-feed-server.ts";
import {
  articlePage,
  atom,
  type FixtureItem,
  jsonFeed,
  rdf,
  rss2,
  storyParagraphs,
} from "./feed-fixtures.ts";

const START = Date.parse("2026-12-01T12:00:00Z");
const POLL_MS = 15 * 60_000;

interface Harness {
  poller: FeedPoller;
  store: FeedArticleStore;
  database: Store;
  changes: FeedChange[];
  warnings: string[];
  clock: { now: number };
  timers: ManualTimers;
}

interface ManualTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  delays(): number[];
  fireAll(): void;
}

function manualTimers(): ManualTimers {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  return {
    setTimeout(callback, ms) {
      pending.set(next, { callback, ms });
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    delays: () => [...pending.values()].map((timer) => timer.ms),
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const timer of due) timer.callback();
    },
  };
}

let site: FakeFeedServer;
let harness: Harness;

async function createHarness(urls: string[], maxAgeDays = 30): Promise<Harness> {
  const database = await openSqliteStore(":memory:");
  const store = database.feeds;
  const changes: FeedChange[] = [];
  const warnings: string[] = [];
  const clock = { now: START };
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`),
    error: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`),
  };
  const timers = manualTimers();
  const fetcher = createFeedFetcher({
    userAgent: "news-bot/test",
    timeoutMs: 2_000,
    maxBytes: 1024 * 1024,
    allowPrivate: true,
  });
  const poller = createFeedPoller({
    urls,
    store,
    fetcher,
    pollMs: POLL_MS,
    maxAgeDays,
    logger,
    onChange: (change) => changes.push(change),
    timers,
    now: () => clock.now,
    random: () => 0.5,
  });
  return { poller, store, database, changes, warnings, clock, timers };
}

const full = (id: string, title: string, topic: string, extra: Partial<FixtureItem> = {}): FixtureItem => ({
  id,
  title,
  link: `https://news.example/${id}`,
  date: "2026-12-01T08:00:00Z",
  author: "Ann Writer",
  html: storyParagraphs(topic)
    .map((p) => `<p>${p}</p>`)
    .join(""),
  ...extra,
});

beforeEach(async () => {
  site = await startFakeFeedServer();
});
afterEach(async () => {
  await harness?.poller.stop();
  await harness?.database.close();
  await site.stop();
});

describe("feed poller", () => {
  const formats = [
    ["RSS 2.0", (items: FixtureItem[]) => rss2("Daily", items, { language: "en" })],
    ["RSS 1.0", (items: FixtureItem[]) => rdf("Daily", items)],
    ["Atom", (items: FixtureItem[]) => atom("Daily", items)],
    ["JSON Feed", (items: FixtureItem[]) => jsonFeed("Daily", items)],
  ] as const;
  for (const [name, build] of formats) {
    it(`stores ${name} items as searchable articles with title, date, link, author, language and feed`, async () => {
      site.feed("/feed", build([full("s1", "Bridge repairs begin", "Bridge")]));
      harness = await createHarness([`${site.url}/feed`]);
      const state = await harness.poller.poll(`${site.url}/feed`);
      expect(state).toMatchObject({ lastStatus: "ok", items: 1, failures: 0, title: "Daily" });
      const [article] = await harness.store.list();
      expect(article).toMatchObject({
        title: "Bridge repairs begin",
        date: "2026-12-01T08:00:00.000Z",
        link: "https://news.example/s1",
        author: "Ann Writer",
        language: "en",
        feedTitle: "Daily",
      });
      const core = toCoreArticle(article ?? { id: "", markdown: "" });
      expect(core.sourceUrl).toBe("https://news.example/s1");
      expect(core.lead.text).toContain("Bridge paragraph 1 reports that the council met");
      expect(harness.changes[0]?.upserted.map((a) => a.id)).toEqual([article?.id]);
    });
  }

  it("takes the language the feed states over the one the text suggests, and detects it when none is stated", async () => {
    const german = [
      "Der Stadtrat hat am Montag beschlossen, die Brücke über den Fluss bis zum Sommer zu sanieren.",
      "Die Arbeiten sollen nach Angaben der Verwaltung rund drei Millionen Euro kosten und werden vom Land bezahlt.",
    ]
      .map((p) => `<p>${p}</p>`)
      .join("");
    site.feed("/stated", rss2("Stated", [full("g1", "Brücke", "x", { html: german })], { language: "en" }));
    site.feed("/unstated", rss2("Unstated", [full("g2", "Brücke saniert", "x", { html: german })]));
    harness = await createHarness([`${site.url}/stated`, `${site.url}/unstated`]);
    await harness.poller.poll(`${site.url}/stated`);
    await harness.poller.poll(`${site.url}/unstated`);
    const byFeed = new Map((await harness.store.list()).map((article) => [article.feedTitle, article]));
    expect(byFeed.get("Stated")?.language).toBe("en");
    expect(toCoreArticle(byFeed.get("Stated") ?? { id: "", markdown: "" }).language).toBe("en");
    expect(byFeed.get("Unstated")?.language).toBe("de");
  });

  it("fetches the page of a teaser-only item and keeps its article text without the page's chrome", async () => {
    const paragraphs = storyParagraphs("Tram");
    site.page("/tram", articlePage("Tram line extended", paragraphs));
    site.feed(
      "/feed",
      rss2("Daily", [
        {
          id: "t1",
          title: "Tram line extended",
          link: `${site.url}/tram?utm_source=rss`,
          teaser: "The tram line grows.",
        },
      ]),
    );
    harness = await createHarness([`${site.url}/feed`]);
    await harness.poller.poll(`${site.url}/feed`);
    const [article] = await harness.store.list();
    const core = toCoreArticle(article ?? { id: "", markdown: "" });
    const text = [core.lead, ...core.intro].map((p) => p.text);
    expect(text).toEqual(paragraphs);
    expect(core.captions).toEqual(["The harbour at dawn."]);
    expect(article?.markdown).not.toMatch(/Subscribe now|reader42|tracking pixel|Wire Agency/);
  });

  it("keeps one article for the same story in two feeds, by link or by text", async () => {
    const story = full("a1", "Harbour reopens", "Harbour");
    site.feed("/a", rss2("Feed A", [story]));
    site.feed(
      "/b",
      atom("Feed B", [{ ...story, id: "urn:b:1", link: "https://www.news.example/a1/?utm_campaign=x" }]),
    );
    site.feed("/c", jsonFeed("Feed C", [{ ...story, id: "c-1", link: "https://mirror.example/harbour" }]));
    harness = await createHarness([`${site.url}/a`, `${site.url}/b`, `${site.url}/c`]);
    for (const path of ["/a", "/b", "/c"]) await harness.poller.poll(`${site.url}${path}`);
    const articles = await harness.store.list();
    expect(articles.map((a) => a.feedTitle)).toEqual(["Feed A"]);
  });

  it("keeps one article for an item repeated within a feed", async () => {
    const story = full("r1", "Harbour reopens", "Harbour");
    site.feed("/a", rss2("Feed A", [story, { ...story, id: "r1-copy" }]));
    harness = await createHarness([`${site.url}/a`]);
    await harness.poller.poll(`${site.url}/a`);
    expect(await harness.store.list()).toHaveLength(1);
  });

  it("replaces an edited item's article under the same id", async () => {
    site.feed("/a", rss2("Feed A", [full("e1", "Council votes", "Council")]));
    harness = await createHarness([`${site.url}/a`]);
    await harness.poller.poll(`${site.url}/a`);
    const [before] = await harness.store.list();
    site.feed("/a", rss2("Feed A", [full("e1", "Council votes again", "Budget")]));
    harness.clock.now += POLL_MS;
    await harness.poller.poll(`${site.url}/a`);
    const after = await harness.store.list();
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before?.id);
    expect(after[0]?.title).toBe("Council votes again");
    expect(after[0]?.markdown).toContain("Budget paragraph 1");
    expect(after[0]?.firstSeen).toBe(before?.firstSeen);
    expect(harness.changes.at(-1)?.upserted.map((a) => a.title)).toEqual(["Council votes again"]);
  });

  it("sends the validators back and does nothing on 304", async () => {
    site.feed("/a", rss2("Feed A", [full("n1", "Quiet day", "Quiet")]), { etag: '"abc"' });
    harness = await createHarness([`${site.url}/a`]);
    await harness.poller.poll(`${site.url}/a`);
    const state = await harness.poller.poll(`${site.url}/a`);
    expect(site.calls().map((call) => call.status)).toEqual([200, 304]);
    expect(state).toMatchObject({ lastStatus: "not-modified", etag: '"abc"', items: 1, failures: 0 });
    expect(harness.changes).toHaveLength(1);
  });

  it("logs broken XML and an HTML page, keeping the last good state and every article", async () => {
    site.feed("/a", rss2("Feed A", [full("b1", "Storm warning", "Storm")]), { etag: '"v1"' });
    harness = await createHarness([`${site.url}/a`]);
    await harness.poller.poll(`${site.url}/a`);
    site.respond("/a", {
      body: "<rss><channel><title>Feed A</title><item><title>Half",
      headers: { "content-type": "application/xml" },
    });
    const broken = await harness.poller.poll(`${site.url}/a`);
    expect(broken).toMatchObject({
      lastStatus: "not a feed",
      failures: 1,
      title: "Feed A",
      items: 1,
      etag: '"v1"',
    });
    site.page("/a", "<!doctype html><html><body><h1>Welcome to our homepage</h1></body></html>");
    const html = await harness.poller.poll(`${site.url}/a`);
    expect(html).toMatchObject({ lastStatus: "not a feed", failures: 2 });
    expect(harness.warnings.filter((line) => line.includes("Not a feed"))).toHaveLength(2);
    expect((await harness.store.list()).map((a) => a.title)).toEqual(["Storm warning"]);
  });

  it("backs off after a 500 and waits at least as long as a 429's Retry-After", async () => {
    site.fail("/a", { status: 500 });
    harness = await createHarness([`${site.url}/a`]);
    const failed = await harness.poller.poll(`${site.url}/a`);
    expect(failed).toMatchObject({ lastStatus: "http 500", failures: 1 });
    expect(Date.parse(failed.nextFetchAt ?? "") - START).toBe(2 * POLL_MS);
    site.fail("/a", { status: 429, headers: { "retry-after": "7200" } });
    const limited = await harness.poller.poll(`${site.url}/a`);
    expect(limited).toMatchObject({ lastStatus: "http 429", failures: 2 });
    expect(Date.parse(limited.nextFetchAt ?? "") - START).toBe(7_200_000);
  });

  it("keeps a vanished feed's articles until they age out", async () => {
    site.feed("/a", rss2("Feed A", [full("v1", "Old news", "Ferry")]));
    harness = await createHarness([`${site.url}/a`], 30);
    await harness.poller.poll(`${site.url}/a`);
    site.remove("/a");
    harness.clock.now += 29 * 86_400_000;
    expect(await harness.poller.poll(`${site.url}/a`)).toMatchObject({ lastStatus: "http 404" });
    expect(await harness.store.list()).toHaveLength(1);
    harness.clock.now += 2 * 86_400_000;
    await harness.poller.poll(`${site.url}/a`);
    expect(await harness.store.list()).toHaveLength(0);
    expect(harness.changes.at(-1)?.retired).toHaveLength(1);
  });

  it("does not take items already older than the retirement age", async () => {
    site.feed("/a", rss2("Feed A", [full("o1", "Ancient", "Ancient", { date: "2026-09-01T00:00:00Z" })]));
    harness = await createHarness([`${site.url}/a`]);
    await harness.poller.poll(`${site.url}/a`);
    expect(await harness.store.list()).toHaveLength(0);
  });

  it("polls a feed once per interval when two processes share the store, each under the feed's lease", async () => {
    site.feed("/a", rss2("Feed A", [full("r1", "Replica", "Replica")]));
    harness = await createHarness([`${site.url}/a`]);
    const otherTimers = manualTimers();
    const other = createFeedPoller({
      urls: [`${site.url}/a`],
      store: harness.store,
      fetcher: createFeedFetcher({
        userAgent: "news-bot/test",
        timeoutMs: 2_000,
        maxBytes: 1 << 20,
        allowPrivate: true,
      }),
      pollMs: POLL_MS,
      maxAgeDays: 30,
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      onChange: () => {},
      timers: otherTimers,
      now: () => harness.clock.now,
    });
    try {
      harness.poller.start();
      other.start();
      await waitUntil(() => harness.timers.delays().length === 1 && otherTimers.delays().length === 1);
      // Both are due at once: one takes the lease and polls; the other finds it held, or the feed just polled.
      harness.timers.fireAll();
      otherTimers.fireAll();
      await waitUntil(() => harness.timers.delays().length === 1 && otherTimers.delays().length === 1);
      expect(site.calls().filter((call) => call.path === "/a")).toHaveLength(1);
      expect(Math.min(...harness.timers.delays(), ...otherTimers.delays())).toBeGreaterThan(0);
      // Once the interval has passed, whichever comes first polls again, and only once.
      harness.clock.now += POLL_MS;
      otherTimers.fireAll();
      harness.timers.fireAll();
      await waitUntil(() => harness.timers.delays().length === 1 && otherTimers.delays().length === 1);
      expect(site.calls().filter((call) => call.path === "/a")).toHaveLength(2);
    } finally {
      await other.stop();
    }
  });

  it("polls on its timers every interval and stops cleanly", async () => {
    site.feed("/a", rss2("Feed A", [full("p1", "Tick", "Tick")]));
    harness = await createHarness([`${site.url}/a`]);
    harness.poller.start();
    await waitUntil(() => harness.timers.delays().length === 1);
    expect(harness.timers.delays()).toEqual([0]);
    harness.timers.fireAll();
    await site.waitFor("/a");
    await waitUntil(() => harness.timers.delays()[0] === POLL_MS);
    await harness.poller.stop();
    expect(harness.timers.delays()).toEqual([]);
  });
});

describe("host queue", () => {
  it("runs one task at a time per host and hosts side by side", async () => {
    const queue = createHostQueue();
    const log: string[] = [];
    let release = () => {};
    const first = queue.run(
      "https://a.example/1",
      () =>
        new Promise<void>((resolve) => {
          log.push("a1 start");
          release = () => {
            log.push("a1 end");
            resolve();
          };
        }),
    );
    const second = queue.run("https://a.example/2", async () => {
      log.push("a2 start");
    });
    const other = queue.run("https://b.example/1", async () => {
      log.push("b1 start");
    });
    await other;
    expect(log).toEqual(["a1 start", "b1 start"]);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(["a1 start", "b1 start", "a1 end", "a2 start"]);
  });
});

/** Waits for a condition that background work makes true (the event itself), with a generous bound. */
async function waitUntil(condition: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: 10_000, interval: 5 });
}
