import { describe, expect, it } from "vitest";
import { createArticleMix } from "../../adapters/feeds/article-mix.ts";
import type { Article, ArticleChange } from "../../src/index.ts";
import { parseArticle } from "../../src/index.ts";

const article = (id: string, date: string): Article => ({
  ...parseArticle(`---\ndate: ${date}\n---\n# ${id}\n\nText über ${id}.\n`, `${id}.md`),
  id,
});

/** A bot that records how it was changed. */
function recordingBot() {
  const calls: ({ replaced: string[] } | ArticleChange)[] = [];
  return {
    calls,
    replaceArticles: (articles: Article[]) => void calls.push({ replaced: articles.map((a) => a.id) }),
    updateArticles: (change: ArticleChange) => void calls.push(change),
  };
}

describe("article mix", () => {
  it("hands a feed poll's change on as it is, without rebuilding the bot's articles", () => {
    const bot = recordingBot();
    const mix = createArticleMix(bot, [article("file-a", "2026-01-01")]);
    const added = article("feed-1", "2026-02-01");
    mix.updateFeeds({ upserted: [added], removed: ["feed-0"] });
    expect(bot.calls).toEqual([{ upserted: [added], removed: ["feed-0"] }]);
  });

  it("lets a content file win over a feed article with the same id", () => {
    const bot = recordingBot();
    const mix = createArticleMix(bot, [article("same", "2026-01-01")]);
    mix.updateFeeds({ upserted: [article("same", "2026-03-01")], removed: ["same"] });
    expect(bot.calls).toEqual([{ upserted: [], removed: [] }]);
  });

  it("rebuilds with the feeds' articles kept, newest first, when the content folder changes", () => {
    const bot = recordingBot();
    const mix = createArticleMix(bot, [article("file-a", "2026-01-01")]);
    mix.updateFeeds({
      upserted: [article("feed-1", "2026-02-01"), article("feed-2", "2025-12-01")],
      removed: [],
    });
    mix.updateFeeds({ upserted: [], removed: ["feed-2"] });
    mix.setFiles([article("file-b", "2026-03-01")]);
    expect(bot.calls.at(-1)).toEqual({ replaced: ["file-b", "feed-1"] });
  });
});
