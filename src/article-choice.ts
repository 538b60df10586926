import { LRUCache } from "lru-cache";
import type { Article } from "./article.ts";

/** Conversations remembered at most; the least recently active are forgotten first. */
const MAX_CONVERSATIONS = 10_000;

/** Which article each conversation restricted itself to with /article. */
export interface ArticleChoice {
  /** The chosen article's id, if the conversation chose one that still exists. */
  get(conversationId: string | undefined): string | undefined;
  set(conversationId: string, articleId: string): void;
  clear(conversationId: string): void;
  /** Forgets choices of articles that are gone, after new content arrives. */
  retain(exists: (articleId: string) => boolean): void;
}

/** Creates the per-conversation article choice, bounded in memory. */
export function createArticleChoice(): ArticleChoice {
  // Reading a choice counts as activity, so a conversation that keeps asking within its article keeps it.
  const chosen = new LRUCache<string, string>({ max: MAX_CONVERSATIONS });
  return {
    get: (conversationId) => (conversationId === undefined ? undefined : chosen.get(conversationId)),
    set: (conversationId, articleId) => chosen.set(conversationId, articleId),
    clear: (conversationId) => chosen.delete(conversationId),
    retain(exists) {
      for (const [conversationId, articleId] of [...chosen.entries()])
        if (!exists(articleId)) chosen.delete(conversationId);
    },
  };
}

/** Finds an article by its 1-based position in the list (newest first) or by its id. */
export function resolveArticle(articles: Article[], reference: string): Article | undefined {
  const position = /^\d+$/.test(reference) ? Number.parseInt(reference, 10) - 1 : -1;
  return articles[position] ?? articles.find((article) => article.id === reference);
}
