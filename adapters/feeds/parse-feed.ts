import { type AnyFeed, parseFeed as parseAnyFeed, parseOpml } from "feedsmith";
import { describeError, NewsBotError } from "../../src/index.ts";
import { decodeText } from "./decode-text.ts";

/** One entry of a feed, the same shape whatever the format. */
export interface FeedItem {
  /** The feed's own id for the item (RSS guid, Atom id, JSON Feed id, RDF about), when it gives one. */
  guid?: string;
  link?: string;
  title: string;
  /** ISO 8601. */
  date?: string;
  author?: string;
  /** The item's body as HTML: content:encoded, Atom content, content_html; may be only a teaser. */
  html?: string;
  /** The description or summary, often a teaser. */
  summary?: string;
  /** BCP 47 tag the item or its feed declares. */
  language?: string;
}

/** A parsed feed. */
export interface ParsedFeed {
  format: AnyFeed["format"];
  title: string;
  link?: string;
  language?: string;
  items: FeedItem[];
}

/** Decodes a feed's bytes (BOM, Content-Type charset or XML declaration) and parses RSS 2.0, RSS 1.0, Atom or JSON Feed. */
export function parseFeedBody(body: Buffer, contentType?: string): ParsedFeed {
  const text = decodeText(body, contentType);
  let parsed: AnyFeed;
  try {
    parsed = parseAnyFeed(text.trimStart().startsWith("{") ? JSON.parse(text) : text);
  } catch (cause) {
    throw new NewsBotError("FEED_PARSE", `Not a feed: ${describeError(cause)}`, { cause });
  }
  return normalize(parsed);
}

/** The feed URLs an OPML file names, nested outlines included, each once. */
export function parseOpmlFeeds(text: string): string[] {
  let outlines: { xmlUrl?: string; outlines?: unknown[] }[];
  try {
    outlines = parseOpml(text.replace(/^\uFEFF/, "")).body?.outlines ?? [];
  } catch (cause) {
    throw new NewsBotError("FEED_PARSE", `Not an OPML file: ${describeError(cause)}`, { cause });
  }
  const urls: string[] = [];
  const visit = (list: { xmlUrl?: string; outlines?: unknown[] }[]) => {
    for (const outline of list) {
      if (outline.xmlUrl) urls.push(outline.xmlUrl.trim());
      visit((outline.outlines ?? []) as typeof list);
    }
  };
  visit(outlines);
  return [...new Set(urls)];
}

function normalize(parsed: AnyFeed): ParsedFeed {
  switch (parsed.format) {
    case "rss": {
      const feed = parsed.feed;
      const language = feed.language ?? feed.dc?.languages?.[0];
      return feedOf(
        "rss",
        feed.title,
        feed.link,
        language,
        (feed.items ?? []).map((item) => ({
          guid: item.guid?.value,
          link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
          title: item.title ?? item.dc?.titles?.[0],
          date: item.pubDate ?? item.dc?.dates?.[0],
          author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? item.authors?.[0]?.email,
          html: item.content?.encoded,
          summary: item.description,
          language: item.dc?.languages?.[0],
        })),
      );
    }
    case "rdf": {
      const feed = parsed.feed;
      return feedOf(
        "rdf",
        feed.title,
        feed.link,
        feed.dc?.languages?.[0],
        (feed.items ?? []).map((item) => ({
          guid: item.rdf?.about,
          link: item.link,
          title: item.title,
          date: item.dc?.dates?.[0],
          author: item.dc?.creators?.[0],
          html: item.content?.encoded,
          summary: item.description,
          language: item.dc?.languages?.[0],
        })),
      );
    }
    case "atom": {
      const feed = parsed.feed;
      const alternate = (links?: { href?: string; rel?: string }[]) =>
        (links ?? []).find((link) => (link.rel ?? "alternate") === "alternate")?.href;
      return feedOf(
        "atom",
        feed.title?.value,
        alternate(feed.links),
        feed.xml?.lang,
        (feed.entries ?? []).map((entry) => ({
          guid: entry.id,
          link: alternate(entry.links),
          title: textOf(entry.title),
          date: entry.published ?? entry.updated,
          author: entry.authors?.[0]?.name,
          html:
            entry.content?.value && entry.content.type !== "text"
              ? entry.content.value
              : escapeText(entry.content?.value),
          summary: entry.summary?.value,
          language: entry.xml?.lang,
        })),
      );
    }
    case "json": {
      const feed = parsed.feed;
      return feedOf(
        "json",
        feed.title,
        feed.home_page_url,
        feed.language,
        (feed.items ?? []).map((item) => ({
          guid: item.id,
          link: item.url ?? item.external_url,
          title: item.title,
          date: item.date_published ?? item.date_modified,
          author: item.authors?.[0]?.name ?? feed.authors?.[0]?.name,
          html: item.content_html ?? escapeText(item.content_text),
          summary: item.summary,
          language: item.language,
        })),
      );
    }
  }
}

type RawItem = { [K in keyof FeedItem]?: FeedItem[K] | undefined };

function feedOf(
  format: AnyFeed["format"],
  title: string | undefined,
  link: string | undefined,
  language: string | undefined,
  items: RawItem[],
): ParsedFeed {
  return {
    format,
    title: stripTags(title ?? "").trim() || link || "Untitled feed",
    ...(link ? { link } : {}),
    ...(language ? { language } : {}),
    items: items.flatMap((raw) => {
      const item = clean(raw);
      return item ? [item] : [];
    }),
  };
}

/** Drops empty fields and dates that do not parse; an item with neither title nor link nor body is no article. */
function clean(raw: RawItem): FeedItem | undefined {
  const title = stripTags(raw.title ?? "").trim();
  const date = raw.date && !Number.isNaN(Date.parse(raw.date)) ? new Date(raw.date).toISOString() : undefined;
  if (title === "" && !raw.html && !raw.summary) return undefined;
  const item: FeedItem = { title };
  for (const key of ["guid", "link", "author", "html", "summary", "language"] as const) {
    const value = raw[key]?.trim();
    if (value) item[key] = value;
  }
  if (date) item.date = date;
  return item;
}

function textOf(text: { value?: string; type?: string } | undefined): string | undefined {
  return text?.value;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, "");
}

function escapeText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
    .join("");
}
