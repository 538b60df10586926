import { createHash } from "node:crypto";
import { type Article, type Language, parseArticle } from "../../src/index.ts";
import { contentFingerprint, normalizeLink } from "./dedupe-keys.ts";
import type { HtmlBlock } from "./html-blocks.ts";

/** A feed article as the store keeps it: its text as Markdown (what the core parses and the export writes) and metadata. */
export interface FeedArticle {
  /** Stable across edits: derived from the feed and the item's guid, or its link. */
  id: string;
  feedUrl: string;
  feedTitle: string;
  guid?: string;
  link?: string;
  /** {@link normalizeLink} of the link, for recognising the same story under tracking parameters. */
  linkKey?: string;
  /** {@link contentFingerprint} of title and text, for the same story under another link. */
  fingerprint: string;
  /** Hash of the item as the feed delivered it; unchanged items are skipped without fetching their page. */
  itemHash: string;
  title: string;
  /** Publication date, ISO 8601; the time first seen when the feed gives none. */
  date: string;
  author?: string;
  language: Language;
  /** The article as Markdown with front matter. */
  markdown: string;
  /** When the bot first stored the story, ISO 8601; the daily summary lists what arrived since the last one. */
  firstSeen: string;
  updatedAt: string;
}

/** What {@link buildFeedArticle} needs to know about an item beyond its text. */
export interface FeedArticleInput {
  feedUrl: string;
  feedTitle: string;
  guid?: string;
  link?: string;
  title: string;
  date?: string;
  author?: string;
  /** The feed's or page's declared language (BCP 47); the text decides when it says nothing. */
  declaredLanguage?: string;
  itemHash: string;
  blocks: HtmlBlock[];
  now: string;
}

/** A stable id for an item of a feed: its guid within that feed, or else its normalised link. */
export function feedArticleId(feedUrl: string, guid: string | undefined, link: string | undefined): string {
  const identity = guid ? `${feedUrl}\n${guid}` : (normalizeLink(link ?? "") ?? link ?? feedUrl);
  return `feed-${createHash("sha256").update(identity).digest("hex").slice(0, 12)}`;
}

/** Builds a feed article from an item's text blocks; throws CONTENT_PARSE when there is no paragraph to search. */
export function buildFeedArticle(input: FeedArticleInput): FeedArticle {
  const id = feedArticleId(input.feedUrl, input.guid, input.link);
  const date = input.date ?? input.now;
  const declared = input.declaredLanguage?.toLowerCase();
  const markdown = renderFeedMarkdown({
    title: input.title,
    date,
    ...(input.link ? { source: input.link } : {}),
    ...(declared?.startsWith("en") || declared?.startsWith("de") ? { language: declared.slice(0, 2) } : {}),
    ...(input.author ? { author: input.author } : {}),
    feed: input.feedTitle,
    blocks: input.blocks,
  });
  const article = toCoreArticle({ id, markdown });
  const text = input.blocks
    .filter((block) => block.kind !== "caption")
    .map((block) => block.text)
    .join(" ");
  const linkKey = input.link ? normalizeLink(input.link) : undefined;
  return {
    id,
    feedUrl: input.feedUrl,
    feedTitle: input.feedTitle,
    ...(input.guid ? { guid: input.guid } : {}),
    ...(input.link ? { link: input.link } : {}),
    ...(linkKey ? { linkKey } : {}),
    fingerprint: contentFingerprint(input.title, text),
    itemHash: input.itemHash,
    title: article.title,
    date,
    ...(input.author ? { author: input.author } : {}),
    language: article.language,
    markdown,
    firstSeen: input.now,
    updatedAt: input.now,
  };
}

/** The core article a stored feed article stands for; its `file` names the article's source link. */
export function toCoreArticle(article: Pick<FeedArticle, "id" | "markdown">): Article {
  return { ...parseArticle(article.markdown, `${article.id}.md`), id: article.id };
}

interface MarkdownFields {
  title: string;
  date: string;
  source?: string;
  language?: string;
  author?: string;
  feed: string;
  blocks: HtmlBlock[];
}

/** Writes a feed article as the Markdown the content folder takes: front matter, title, sections, captions. */
export function renderFeedMarkdown(fields: MarkdownFields): string {
  const meta = [
    `title: ${oneLine(fields.title)}`,
    `date: ${fields.date}`,
    ...(fields.source ? [`source: ${oneLine(fields.source)}`] : []),
    ...(fields.language ? [`language: ${fields.language}`] : []),
    ...(fields.author ? [`author: ${oneLine(fields.author)}`] : []),
    `feed: ${oneLine(fields.feed)}`,
  ];
  const body = fields.blocks.map((block) => {
    const text = oneLine(block.text);
    if (block.kind === "heading") return `## ${text}`;
    // An image line with an empty target is how the Markdown parser recognises a caption.
    if (block.kind === "caption") return `![${text.replace(/[[\]]/g, "")}]()`;
    // A paragraph must not read as a heading, an image or a list to the Markdown parser.
    return text.replace(/^[#!]+\s*/, "");
  });
  return `---\n${meta.join("\n")}\n---\n\n# ${oneLine(fields.title)}\n\n${body.join("\n\n")}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
