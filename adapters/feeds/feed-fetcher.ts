import { decodeText } from "./decode-text.ts";
import { extractPage } from "./extract-page.ts";
import { createHostQueue } from "./host-queue.ts";
import {
  type HttpFetchOptions,
  type HttpFetchRequest,
  type HttpFetchResult,
  httpFetch,
} from "./http-fetch.ts";
import type { FetchArticlePage } from "./ingest-item.ts";

/** What the bot sends as Accept when it asks for a feed. */
export const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5";
const PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

/** Fetches feeds and article pages, one request at a time per host. */
export interface FeedFetcher {
  fetchFeed(request: Omit<HttpFetchRequest, "accept">): Promise<HttpFetchResult>;
  /** An article page's extracted text; undefined when the page is no HTML article. Throws FEED_FETCH when the fetch fails. */
  fetchPage: FetchArticlePage;
}

/** The User-Agent the bot sends: it names the bot so a publisher knows who polls. */
export function feedUserAgent(version: string): string {
  return `news-bot/${version} (feed reader; +https://github.com/news-bot)`;
}

/** Creates a {@link FeedFetcher} over {@link httpFetch} with a per-host queue shared by feeds and pages. */
export function createFeedFetcher(options: HttpFetchOptions): FeedFetcher {
  const queue = createHostQueue();
  const fetchQueued = (request: HttpFetchRequest) =>
    queue.run(request.url, () => httpFetch(request, options));
  return {
    fetchFeed: (request) => fetchQueued({ ...request, accept: FEED_ACCEPT }),
    async fetchPage(url) {
      const result = await fetchQueued({ url, accept: PAGE_ACCEPT });
      if (result.kind !== "ok") return undefined;
      if (result.contentType && !/html/i.test(result.contentType)) return undefined;
      return extractPage(decodeText(result.body, result.contentType), result.url);
    },
  };
}
