import { randomUUID } from "node:crypto";
import { describeError, type Logger, NewsBotError } from "../../src/index.ts";
import { backoffMs } from "./backoff.ts";
import type { FeedArticle } from "./feed-article.ts";
import type { FeedFetcher } from "./feed-fetcher.ts";
import type { FeedArticleStore, FeedState } from "./feed-store.ts";
import type { Timers } from "./http-fetch.ts";
import { ingestItem } from "./ingest-item.ts";
import { parseFeedBody } from "./parse-feed.ts";

const DAY_MS = 86_400_000;
/**
 * How long a feed's lease lasts unless renewed: longer than a poll of a large feed (1,000 teaser pages take about
 * 30 s); it is renewed between items after a third of it, and given back when the poll ends.
 */
export const FEED_LEASE_MS = 10 * 60_000;
/** The soonest a process asks again for a lease another holds. */
const LEASE_RETRY_MS = 1_000;

/** What one poll changed in the archive. */
export interface FeedChange {
  /** New and edited articles. */
  upserted: FeedArticle[];
  /** Ids of articles retired for age. */
  retired: string[];
}

/** Options for {@link createFeedPoller}. */
export interface FeedPollerOptions {
  urls: string[];
  store: FeedArticleStore;
  fetcher: FeedFetcher;
  pollMs: number;
  maxAgeDays: number;
  logger: Logger;
  /** Called after a poll that added, edited or retired articles; the search index takes the change. */
  onChange: (change: FeedChange) => void;
  /** Default the global timers. */
  timers?: Timers;
  /** Default Date.now. */
  now?: () => number;
  /** Jitter source; default Math.random. */
  random?: () => number;
  /** This process's name on feed leases; default a random UUID. */
  owner?: string;
  /** Default {@link FEED_LEASE_MS}. */
  leaseMs?: number;
}

/** Polls feeds on their schedule; `stop()` waits for a poll in progress. */
export interface FeedPoller {
  start(): void;
  /** Polls one feed now, outside its schedule (tests, `npm run feeds`). */
  poll(url: string): Promise<FeedState>;
  stop(): Promise<void>;
}

/**
 * Creates the feed poller: each feed is fetched every `pollMs`, conditionally, with back-off and jitter after errors
 * and at least the wait a Retry-After asks. A failed fetch or a body that is no feed is logged and keeps the last good
 * state; nothing stored is lost. Articles older than `maxAgeDays` are retired after each poll. Scheduled polls run
 * under the feed's lease in the store, and a feed another process polled since this one last looked waits for the
 * time that poll set, so replicas sharing a store poll each feed once per interval.
 */
export function createFeedPoller(options: FeedPollerOptions): FeedPoller {
  const { store, fetcher, logger } = options;
  const timers = options.timers ?? globalThis;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const handles = new Map<string, unknown>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const owner = options.owner ?? randomUUID();
  const leaseMs = options.leaseMs ?? FEED_LEASE_MS;
  /** The lastFetchAt each feed had when this process last read or wrote its state. */
  const seen = new Map<string, string | undefined>();

  const poll = async (url: string, keepLease: () => Promise<void> = async () => {}): Promise<FeedState> => {
    const started = now();
    const previous = (await store.feedState(url)) ?? { url, failures: 0 };
    const state: FeedState = { ...previous, lastFetchAt: new Date(started).toISOString() };
    const upserted: FeedArticle[] = [];
    let retryAfterMs: number | undefined;
    let failedStatus = "error";
    try {
      const result = await fetcher.fetchFeed({
        url,
        ...(previous.etag ? { etag: previous.etag } : {}),
        ...(previous.lastModified ? { lastModified: previous.lastModified } : {}),
      });
      if (result.kind === "http-error") {
        retryAfterMs = result.retryAfterMs;
        failedStatus = `http ${result.status}`;
        throw new NewsBotError("FEED_FETCH", `${url} answered HTTP ${result.status}`);
      }
      if (result.kind === "ok") {
        const feed = parseFeedBody(result.body, result.contentType);
        const context = {
          feedUrl: url,
          feed,
          store,
          fetchPage: fetcher.fetchPage,
          logger,
          now: new Date(started).toISOString(),
          notBefore: new Date(started - options.maxAgeDays * DAY_MS).toISOString(),
        };
        for (const item of feed.items) {
          await keepLease();
          const outcome = await ingestItem(item, context);
          if (outcome.kind === "added" || outcome.kind === "replaced") upserted.push(outcome.article);
        }
        state.title = feed.title;
        state.items = feed.items.length;
        if (result.etag) state.etag = result.etag;
        else delete state.etag;
        if (result.lastModified) state.lastModified = result.lastModified;
        else delete state.lastModified;
      }
      state.lastStatus = result.kind;
      state.lastSuccessAt = state.lastFetchAt;
      state.failures = 0;
      delete state.lastError;
      state.nextFetchAt = new Date(started + options.pollMs).toISOString();
      logger.info("Feed polled", {
        feed: url,
        status: result.kind,
        items: state.items,
        changed: upserted.length,
        ms: now() - started,
      });
    } catch (error) {
      state.failures = previous.failures + 1;
      state.lastStatus =
        error instanceof NewsBotError && error.code === "FEED_PARSE" ? "not a feed" : failedStatus;
      state.lastError = describeError(error);
      const delay = backoffMs({
        failures: state.failures,
        pollMs: options.pollMs,
        random,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
      state.nextFetchAt = new Date(started + delay).toISOString();
      logger.warn("Feed poll failed; keeping its articles and last good state", {
        feed: url,
        error: state.lastError,
        failures: state.failures,
        retryInMs: delay,
      });
    }
    await store.saveFeedState(state);
    seen.set(url, state.lastFetchAt);
    const retired = await store.retireBefore(new Date(now() - options.maxAgeDays * DAY_MS).toISOString());
    if (upserted.length > 0 || retired.length > 0) options.onChange({ upserted, retired });
    return state;
  };

  const untilNext = (state: Pick<FeedState, "nextFetchAt">) =>
    Math.max(0, Date.parse(state.nextFetchAt ?? "") - now()) || options.pollMs;

  /** A scheduled poll: under the feed's lease, and only when no other process polled the feed meanwhile. */
  const tick = async (url: string): Promise<number> => {
    const grant = await store.leaseFeed(url, owner, leaseMs);
    if (!grant.held) {
      logger.debug("Feed is being polled by another process", { feed: url, retryInMs: grant.remainingMs });
      return Math.min(Math.max(grant.remainingMs, LEASE_RETRY_MS), options.pollMs);
    }
    try {
      const stored = await store.feedState(url);
      const dueIn = Date.parse(stored?.nextFetchAt ?? "") - now();
      if (stored && stored.lastFetchAt !== seen.get(url) && dueIn > 0) {
        seen.set(url, stored.lastFetchAt);
        logger.debug("Feed was polled by another process", { feed: url, nextInMs: dueIn });
        return dueIn;
      }
      let renewedAt = now();
      const keepLease = async () => {
        if (now() - renewedAt < leaseMs / 3) return;
        renewedAt = now();
        // Another process took over after the lease ran out; both storing the same items harms nothing.
        if (!(await store.leaseFeed(url, owner, leaseMs)).held)
          logger.warn("Feed lease lost during a long poll; another process may poll the feed too", {
            feed: url,
          });
      };
      return untilNext(await poll(url, keepLease));
    } finally {
      await store.releaseFeed(url, owner);
    }
  };

  const schedule = (url: string, delay: number) => {
    if (stopped) return;
    handles.set(
      url,
      timers.setTimeout(() => {
        const running = tick(url)
          .catch((error: unknown) => {
            // Only the store can fail here; the feed is tried again after one interval.
            logger.error("Feed poll could not be recorded", { feed: url, error: describeError(error) });
            return options.pollMs;
          })
          .then((delayMs) => schedule(url, delayMs))
          .finally(() => inFlight.delete(running));
        inFlight.add(running);
      }, delay),
    );
  };

  return {
    start() {
      void Promise.all(
        options.urls.map(async (url) => {
          const state = await store.feedState(url).catch(() => undefined);
          seen.set(url, state?.lastFetchAt);
          // A feed in back-off stays in it across a restart; others are polled at once.
          const due = state?.nextFetchAt && state.failures > 0 ? Date.parse(state.nextFetchAt) - now() : 0;
          schedule(url, Math.max(0, due));
        }),
      );
    },
    poll: (url) => poll(url),
    async stop() {
      stopped = true;
      for (const handle of handles.values()) timers.clearTimeout(handle);
      handles.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}
