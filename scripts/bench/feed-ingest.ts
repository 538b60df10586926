import { createArticleMix } from "../../adapters/feeds/article-mix.ts";
import { toCoreArticle } from "../../adapters/feeds/feed-article.ts";
import { createFeedFetcher } from "../../adapters/feeds/feed-fetcher.ts";
import { createFeedPoller } from "../../adapters/feeds/feed-poller.ts";
import { httpFetch } from "../../adapters/feeds/http-fetch.ts";
import { openSqliteStore } from "../../adapters/store/sqlite-store.ts";
import { createNewsBot, type Logger, loadArticles } from "../../src/index.ts";
import { startFakeFeedServer } from "../../test/fakes/fake-feed-server.ts";
import { articlePage, rss2 } from "../../test/feeds/feed-fixtures.ts";

const ITEMS = 1000;
const QUESTION_EVERY_MS = 25;
const FETCH = {
  userAgent: "news-bot/bench",
  timeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  allowPrivate: true,
};
const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** A distinct story per item, so no two are taken for the same one. */
function story(i: number): string[] {
  const town = `Ort${i}`;
  return [
    `In ${town} hat der Gemeinderat am Dienstag beschlossen, die Brücke Nummer ${i} bis zum Herbst zu erneuern.`,
    `Die Bürgermeisterin von ${town} sagte, die Arbeiten an Brücke ${i} kosteten rund ${i + 100} tausend Euro.`,
    `Während der Bauzeit wird der Verkehr in ${town} über die Umleitung ${i % 17} geführt, teilte die Verwaltung mit.`,
    `Anwohner aus ${town} können sich bei einer Versammlung im Rathaus über die Pläne für Brücke ${i} informieren.`,
  ];
}

/**
 * Ingests a feed of 1,000 teaser items whose pages carry the full text: time until all are searchable, memory, and
 * question latency while the ingestion runs. Anchor: fetching the feed and every page alone, with no parsing,
 * extraction, storing or indexing.
 */
export async function runFeedIngestBenchmark(): Promise<string[]> {
  const site = await startFakeFeedServer();
  const now = Date.now();
  const items = Array.from({ length: ITEMS }, (_, i) => {
    site.page(`/a/${i}`, articlePage(`Brücke ${i} wird erneuert`, story(i), "de"));
    return {
      id: `item-${i}`,
      title: `Brücke ${i} wird erneuert`,
      link: `${site.url}/a/${i}`,
      date: new Date(now - i * 60_000).toISOString(),
      teaser: `Die Brücke ${i} wird erneuert.`,
    };
  });
  site.feed("/feed.xml", rss2("Bench", items, { language: "de" }));
  try {
    const anchorStart = performance.now();
    await httpFetch({ url: `${site.url}/feed.xml`, accept: "*/*" }, FETCH);
    for (let i = 0; i < ITEMS; i++) await httpFetch({ url: `${site.url}/a/${i}`, accept: "*/*" }, FETCH);
    const anchorMs = performance.now() - anchorStart;

    const { articles } = await loadArticles("content");
    const bot = createNewsBot({ articles });
    const mix = createArticleMix(bot, articles);
    const store = await openSqliteStore(":memory:");
    const rssBefore = process.memoryUsage().rss;
    let searchableAt = 0;
    const poller = createFeedPoller({
      urls: [`${site.url}/feed.xml`],
      store: store.feeds,
      fetcher: createFeedFetcher(FETCH),
      pollMs: 60 * 60_000,
      maxAgeDays: 30,
      logger: quiet,
      onChange: (change) => {
        mix.updateFeeds({ upserted: change.upserted.map(toCoreArticle), removed: change.retired });
        searchableAt = performance.now();
      },
    });
    const latencies: number[] = [];
    const asker = setInterval(() => {
      const start = performance.now();
      void bot
        .handle({ kind: "question", text: "Wer ist der Kreml-Sprecher?" })
        .then(() => latencies.push(performance.now() - start));
    }, QUESTION_EVERY_MS);
    const start = performance.now();
    await poller.poll(`${site.url}/feed.xml`);
    clearInterval(asker);
    const ingestMs = searchableAt - start;
    const rssAfter = process.memoryUsage().rss;
    const probe = await bot.handle({
      kind: "question",
      text: "Worüber können sich Anwohner aus Ort777 informieren?",
    });
    const found = probe.kind === "answer" && probe.passages[0]?.article.title === "Brücke 777 wird erneuert";
    await poller.stop();
    await store.close();
    return [
      `${ITEMS} teaser items, each page fetched and extracted: searchable after ${(ingestMs / 1000).toFixed(1)} s ` +
        `(${(ingestMs / ITEMS).toFixed(1)} ms per item)`,
      `anchor (feed and pages fetched only): ${(anchorMs / 1000).toFixed(1)} s; ingestion is ${(ingestMs / anchorMs).toFixed(1)}× the anchor`,
      `RSS ${mb(rssBefore)} MB before, ${mb(rssAfter)} MB after (+${mb(rssAfter - rssBefore)} MB)`,
      `question latency during ingestion (${latencies.length} questions): p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${Math.max(0, ...latencies).toFixed(1)} ms`,
      `a question about item 777 answered from it afterwards: ${found ? "PASS" : "FAIL"}`,
    ];
  } finally {
    await site.stop();
  }
}
