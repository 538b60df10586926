import { type Article, type ArticleChange, type NewsBot, sortNewestFirst } from "../../src/index.ts";

/** Keeps the content folder's articles and the feeds' apart, and gives the bot both, newest first. */
export interface ArticleMix {
  /** The content folder's articles, all of them: the bot's index is rebuilt. */
  setFiles(articles: Article[]): void;
  /** What a feed poll changed: only those articles enter or leave the bot's index. */
  updateFeeds(change: ArticleChange): void;
}

/** Creates an {@link ArticleMix} over `bot`, which already holds `files`. */
export function createArticleMix(
  bot: Pick<NewsBot, "replaceArticles" | "updateArticles">,
  files: Article[],
): ArticleMix {
  // A content file wins over a feed article with the same id; ids of feed articles start with "feed-".
  let fileIds = new Set(files.map((article) => article.id));
  const feedArticles = new Map<string, Article>();
  return {
    setFiles(articles) {
      fileIds = new Set(articles.map((article) => article.id));
      const feeds = [...feedArticles.values()].filter((article) => !fileIds.has(article.id));
      bot.replaceArticles(sortNewestFirst([...articles, ...feeds]));
    },
    updateFeeds({ upserted, removed }) {
      for (const id of removed) feedArticles.delete(id);
      for (const article of upserted) feedArticles.set(article.id, article);
      bot.updateArticles({
        upserted: upserted.filter((article) => !fileIds.has(article.id)),
        removed: removed.filter((id) => !fileIds.has(id)),
      });
    },
  };
}
