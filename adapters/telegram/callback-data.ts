import { createHash } from "node:crypto";
import type { ArticleRef } from "../../src/index.ts";

/** Telegram's limit on a button's callback_data, in UTF-8 bytes. */
export const CALLBACK_DATA_LIMIT = 64;
/** Article ids up to this many bytes travel as they are; longer ones as a short hash. */
const MAX_PLAIN_KEY_BYTES = 48;
const HASH_PREFIX = "#";
const ALL_ARTICLES = "*";

/** What an inline button asks for; articles are named by {@link articleKey}. */
export type CallbackAction =
  | { kind: "example"; index: number }
  | { kind: "section"; articleKey: string; index: number }
  | { kind: "article"; articleKey: string | null };

/** A key for an article that fits into callback data: its id, or a hash of a long id. */
export function articleKey(articleId: string): string {
  const plain =
    Buffer.byteLength(articleId, "utf8") <= MAX_PLAIN_KEY_BYTES &&
    !articleId.startsWith(HASH_PREFIX) &&
    articleId !== ALL_ARTICLES;
  if (plain) return articleId;
  return HASH_PREFIX + createHash("sha256").update(articleId).digest("base64url").slice(0, 16);
}

/** Finds the article a key stands for among the loaded ones. */
export function findArticle(key: string, articles: ArticleRef[]): ArticleRef | undefined {
  return articles.find((article) => article.id === key || articleKey(article.id) === key);
}

/** Encodes an action as callback data of at most {@link CALLBACK_DATA_LIMIT} bytes. */
export function encodeCallbackData(action: CallbackAction): string {
  switch (action.kind) {
    case "example":
      return `ex:${action.index}`;
    case "section":
      return `sec:${action.index}:${action.articleKey}`;
    case "article":
      return `art:${action.articleKey ?? ALL_ARTICLES}`;
  }
}

/** Decodes callback data; null for data this bot did not write (old buttons, other versions). */
export function decodeCallbackData(data: string): CallbackAction | null {
  const example = /^ex:(\d{1,3})$/.exec(data);
  if (example) return { kind: "example", index: Number(example[1]) };
  const section = /^sec:(\d{1,4}):(.+)$/.exec(data);
  if (section) return { kind: "section", index: Number(section[1]), articleKey: section[2] ?? "" };
  const article = /^art:(.+)$/.exec(data);
  if (article) {
    const key = article[1] ?? ALL_ARTICLES;
    return { kind: "article", articleKey: key === ALL_ARTICLES ? null : key };
  }
  return null;
}
