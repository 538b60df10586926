import { createHash } from "node:crypto";
import { describeError, type Logger } from "../../src/index.ts";
import { normalizeLink } from "./dedupe-keys.ts";
import { buildFeedArticle, type FeedArticle, feedArticleId } from "./feed-article.ts";
import type { FeedArticleStore } from "./feed-store.ts";
import { type HtmlBlock, htmlToBlocks, wordCount } from "./html-blocks.ts";
import type { FeedItem, ParsedFeed } from "./parse-feed.ts";

/** An item whose text has fewer words than this is a teaser, and its page is fetched for the full text. */
export const FULL_TEXT_MIN_WORDS = 150;

/** A page the item links to, with its article extracted; undefined when it could not be fetched or read. */
export type FetchArticlePage = (
  url: string,
) => Promise<{ blocks: HtmlBlock[]; author?: string; language?: string } | undefined>;

/** What ingesting an item did. */
export type IngestOutcome =
  | { kind: "added" | "replaced"; article: FeedArticle }
  | { kind: "unchanged" | "duplicate" | "empty" | "too-old" };

/** Everything {@link ingestItem} works with. */
export interface IngestContext {
  feedUrl: string;
  feed: ParsedFeed;
  store: FeedArticleStore;
  fetchPage: FetchArticlePage;
  logger: Logger;
  /** ISO time of this poll. */
  now: string;
  /** Items published before this ISO time are not taken. */
  notBefore: string;
}

/**
 * Takes one feed item into the store: skips it when the feed delivered it unchanged, or when another feed already
 * brought the same story (same normalised link or same text); otherwise fetches the full text if the item is only a
 * teaser, and adds the article or replaces its earlier version.
 */
export async function ingestItem(item: FeedItem, context: IngestContext): Promise<IngestOutcome> {
  const { feedUrl, store } = context;
  if (item.date && item.date < context.notBefore) return { kind: "too-old" };
  const itemHash = hashItem(item);
  const id = feedArticleId(feedUrl, item.guid, item.link);
  const linkKey = item.link ? normalizeLink(item.link) : undefined;
  const earlier = (await store.get(id)) ?? (linkKey ? await store.findByLinkKey(linkKey) : undefined);
  if (earlier && earlier.feedUrl !== feedUrl) return { kind: "duplicate" };
  if (earlier?.itemHash === itemHash) return { kind: "unchanged" };
  const text = await fullText(item, context);
  if (wordCount(text.blocks) === 0) return { kind: "empty" };
  const declaredLanguage = item.language ?? context.feed.language ?? text.language;
  const author = item.author ?? text.author;
  const built = buildFeedArticle({
    feedUrl,
    feedTitle: context.feed.title,
    ...(item.guid ? { guid: item.guid } : {}),
    ...(item.link ? { link: item.link } : {}),
    title: item.title || (text.blocks.find((block) => block.kind === "paragraph")?.text.slice(0, 80) ?? ""),
    ...(item.date ? { date: item.date } : {}),
    ...(author ? { author } : {}),
    ...(declaredLanguage ? { declaredLanguage } : {}),
    itemHash,
    blocks: text.blocks,
    now: context.now,
  });
  // An article edited under its own id keeps its id and first-seen time; a new id with known text is a copy.
  const article = earlier ? { ...built, id: earlier.id, firstSeen: earlier.firstSeen } : built;
  if (!earlier) {
    const copy = await store.findByFingerprint(article.fingerprint);
    if (copy) return { kind: "duplicate" };
  }
  await store.put(article);
  return { kind: earlier ? "replaced" : "added", article };
}

/** An item's text: the feed's own, or its page's when the feed carries only a teaser. */
interface ItemText {
  blocks: HtmlBlock[];
  author?: string;
  language?: string;
}

async function fullText(item: FeedItem, context: IngestContext): Promise<ItemText> {
  const own = htmlToBlocks(item.html ?? item.summary ?? "");
  const ownWords = wordCount(own);
  if (ownWords >= FULL_TEXT_MIN_WORDS || !item.link) return { blocks: own };
  try {
    const page = await context.fetchPage(item.link);
    if (page && wordCount(page.blocks) > ownWords) return page;
  } catch (error) {
    context.logger.warn("Feed item page not fetched; keeping the feed's text", {
      feed: context.feedUrl,
      link: item.link,
      error: describeError(error),
    });
  }
  return { blocks: own };
}

function hashItem(item: FeedItem): string {
  const parts = [item.title, item.link, item.date, item.author, item.html, item.summary].map(
    (part) => part ?? "",
  );
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}
