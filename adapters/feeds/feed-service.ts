import { readFile } from "node:fs/promises";
import {
  type Article,
  type ArticleChange,
  describeError,
  type Logger,
  NewsBotError,
} from "../../src/index.ts";
import { toCoreArticle } from "./feed-article.ts";
import { createFeedFetcher, feedUserAgent } from "./feed-fetcher.ts";
import { createFeedPoller, type FeedChange } from "./feed-poller.ts";
import type { FeedArticleStore } from "./feed-store.ts";
import type { Timers } from "./http-fetch.ts";
import { parseOpmlFeeds } from "./parse-feed.ts";
import type { FeedSettings } from "./settings.ts";

/** Options for {@link startFeeds}. */
export interface StartFeedsOptions {
  settings: FeedSettings;
  store: FeedArticleStore;
  logger: Logger;
  /** Receives every stored feed article once at start, then what each poll added, edited or retired. */
  onChange: (change: ArticleChange) => void;
  /** Version of the bot for the User-Agent. */
  version: string;
  timers?: Timers;
  now?: () => number;
}

/** The running feed follower. */
export interface RunningFeeds {
  /** The feed URLs followed (FEEDS, then FEEDS_FILE's). */
  urls: string[];
  stop(): Promise<void>;
}

/** The feed URLs the settings name: FEEDS first, then the OPML file's, each once. */
export async function feedUrls(settings: FeedSettings): Promise<string[]> {
  const urls = [...settings.urls];
  if (settings.opmlFile) {
    let text: string;
    try {
      text = await readFile(settings.opmlFile, "utf8");
    } catch (cause) {
      throw new NewsBotError(
        "CONFIG_INVALID",
        `FEEDS_FILE ${settings.opmlFile} cannot be read: ${describeError(cause)}. Point it at an OPML file.`,
        { cause },
      );
    }
    urls.push(...parseOpmlFeeds(text).filter((url) => URL.canParse(url)));
  }
  return [...new Set(urls)];
}

/**
 * Starts following the configured feeds: hands the stored feed articles to `onChange` at once (so a restart
 * answers from the archive before the first poll), then polls each feed and hands on what each poll changed.
 */
export async function startFeeds(options: StartFeedsOptions): Promise<RunningFeeds> {
  const { settings, store, logger } = options;
  const urls = await feedUrls(settings);
  const ids = new Set<string>();
  const load = (stored: { id: string; markdown: string }[]): Article[] =>
    stored.flatMap((article) => {
      try {
        const parsed = toCoreArticle(article);
        ids.add(article.id);
        return [parsed];
      } catch (error) {
        logger.warn("Stored feed article skipped", { id: article.id, error: describeError(error) });
        return [];
      }
    });
  options.onChange({ upserted: load(await store.list()), removed: [] });
  const onChange = (change: FeedChange) => {
    for (const id of change.retired) ids.delete(id);
    const upserted = load(change.upserted);
    logger.info("Feed articles updated", {
      added: change.upserted.length,
      retired: change.retired.length,
      total: ids.size,
    });
    options.onChange({ upserted, removed: change.retired });
  };
  const poller = createFeedPoller({
    urls,
    store,
    fetcher: createFeedFetcher({
      userAgent: feedUserAgent(options.version),
      timeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
      allowPrivate: settings.allowPrivate,
      ...(options.now ? { now: options.now } : {}),
    }),
    pollMs: settings.pollMinutes * 60_000,
    maxAgeDays: settings.maxAgeDays,
    logger,
    onChange,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  poller.start();
  logger.info("Following feeds", {
    feeds: urls.length,
    stored: ids.size,
    everyMinutes: settings.pollMinutes,
  });
  return { urls, stop: () => poller.stop() };
}
