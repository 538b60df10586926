import { type Article, type NewsBot, sortNewestFirst } from "../../src/index.ts";

/** Keeps the content folder's articles and the feeds' apart, and gives the bot both, newest first. */
export interface ArticleMix {
  setFiles(articles: Article[]): void;
  setFeeds(articles: Article[]): void;
}

/** Creates an {@link ArticleMix} that swaps the combined set into `bot` on every change. */
export function createArticleMix(bot: Pick<NewsBot, "replaceArticles">, files: Article[]): ArticleMix {
  let fileArticles = files;
  let feedArticles: Article[] = [];
  const publish = () => {
    // A content file wins over a feed article with the same id; ids of feed articles start with "feed-".
    const fileIds = new Set(fileArticles.map((article) => article.id));
    bot.replaceArticles(
      sortNewestFirst([...fileArticles, ...feedArticles.filter((article) => !fileIds.has(article.id))]),
    );
  };
  return {
    setFiles(articles) {
      fileArticles = articles;
      publish();
    },
    setFeeds(articles) {
      feedArticles = articles;
      publish();
    },
  };
}
