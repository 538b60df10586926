import { LRUCache } from "lru-cache";
import type { Article } from "./article.ts";

/** Conversations remembered at most; the least recently active are forgotten first. */
const MAX_CONVERSATIONS = 10_000;

/**
 * Where each conversation's article choice (the article command) is kept: a port, so that the store main.ts
 * opens can hold it for every platform and replica, and the core keeps no state of its own. A choice of an
 * article that is gone counts as none (the core checks when it reads one).
 */
export interface ArticleChoices {
  get(conversationId: string): Promise<string | undefined>;
  set(conversationId: string, articleId: string, now: Date): Promise<void>;
  clear(conversationId: string): Promise<void>;
}

/** Article choices bounded in memory, for a bot without a store (the console chat, tools, tests). */
export function memoryArticleChoices(): ArticleChoices {
  // Reading a choice counts as activity, so a conversation that keeps asking within its article keeps it.
  const chosen = new LRUCache<string, string>({ max: MAX_CONVERSATIONS });
  return {
    get: async (conversationId) => chosen.get(conversationId),
    set: async (conversationId, articleId) => {
      chosen.set(conversationId, articleId);
    },
    clear: async (conversationId) => {
      chosen.delete(conversationId);
    },
  };
}

/** Finds an article by its 1-based position in the list (newest first) or by its id. */
export function resolveArticle(articles: Article[], reference: string): Article | undefined {
  const position = /^\d+$/.test(reference) ? Number.parseInt(reference, 10) - 1 : -1;
  return articles[position] ?? articles.find((article) => article.id === reference);
}
