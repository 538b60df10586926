import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFeedArticle } from "../../adapters/feeds/feed-article.ts";
import { feedStorePath } from "../../adapters/feeds/settings.ts";
import { openSqliteStore } from "../../adapters/store/sqlite-store.ts";
import { run } from "../helpers/spawn.ts";

const FEED = "https://news.example/rss.xml";
const GONE = "https://gone.example/atom.xml";
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "feeds-cli-"));
  const store = await openSqliteStore(feedStorePath(dataDir));
  await store.feeds.put(
    buildFeedArticle({
      feedUrl: FEED,
      feedTitle: "Küstenbote",
      guid: "kb-1",
      link: "https://news.example/leuchtturm",
      title: "Leuchtturm wird saniert",
      date: "2026-12-01T08:00:00.000Z",
      itemHash: "h1",
      blocks: [{ kind: "paragraph", text: "Der Leuchtturm von Westerhever wird ab Montag saniert." }],
      now: "2026-12-01T09:00:00.000Z",
    }),
  );
  await store.feeds.saveFeedState({
    url: FEED,
    title: "Küstenbote",
    lastFetchAt: "2026-12-01T09:00:00.000Z",
    lastSuccessAt: "2026-12-01T09:00:00.000Z",
    lastStatus: "ok",
    items: 12,
    failures: 0,
    nextFetchAt: "2026-12-01T09:15:00.000Z",
  });
  await store.feeds.saveFeedState({
    url: GONE,
    title: "Gone Daily",
    lastFetchAt: "2026-12-01T09:00:00.000Z",
    lastStatus: "http 404",
    lastError: "FEED_FETCH: answered HTTP 404",
    failures: 3,
  });
  await store.close();
}, 60_000);

describe("npm run feeds", () => {
  it("prints each feed's last fetch, status, items, stored articles and errors", async () => {
    const result = await run(["adapters/feeds/feeds-cli.ts"], { env: { DATA_DIR: dataDir, FEEDS: FEED } });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(`Küstenbote — ${FEED}`);
    expect(result.stdout).toContain("status ok");
    expect(result.stdout).toContain("items in feed 12, articles stored 1");
    expect(result.stdout).toContain(`Gone Daily — ${GONE}\n  no longer configured`);
    expect(result.stdout).toContain("3 failure(s) in a row: FEED_FETCH: answered HTTP 404");
    expect(result.code).toBe(0);
  });

  it("exports the stored feed articles as Markdown files the content folder takes", async () => {
    const out = join(dataDir, "export");
    const result = await run(["adapters/feeds/feeds-cli.ts", "--export", out], {
      env: { DATA_DIR: dataDir },
    });
    expect(result.stdout).toContain("Wrote 1 feed article(s)");
    const [file] = readdirSync(out);
    const markdown = readFileSync(join(out, file ?? ""), "utf8");
    expect(markdown).toContain("title: Leuchtturm wird saniert");
    expect(markdown).toContain("source: https://news.example/leuchtturm");
    expect(markdown).toContain("feed: Küstenbote");
    expect(markdown).toContain("Der Leuchtturm von Westerhever wird ab Montag saniert.");
  });

  it("refuses an unknown argument with the usage", async () => {
    const result = await run(["adapters/feeds/feeds-cli.ts", "--exprot"], { env: { DATA_DIR: dataDir } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'--exprot'");
    expect(result.stderr).toContain("Usage: npm run feeds");
  });
});
