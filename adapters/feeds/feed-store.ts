import type { LeaseGrant } from "../store/store.ts";
import type { FeedArticle } from "./feed-article.ts";

/** A feed's health as the poller last saw it; `npm run feeds` prints it. */
export interface FeedState {
  url: string;
  title?: string;
  etag?: string;
  lastModified?: string;
  /** ISO time of the last request, whatever came of it. */
  lastFetchAt?: string;
  /** ISO time of the last response that parsed (or 304). */
  lastSuccessAt?: string;
  /** "ok", "not-modified", "http 500", "error" … */
  lastStatus?: string;
  /** Items in the last feed that parsed. */
  items?: number;
  lastError?: string;
  /** Failed polls in a row; the back-off grows with it. */
  failures: number;
  /** ISO time the next poll is due. */
  nextFetchAt?: string;
}

/**
 * Where feed articles and feed states live (the port between the feed poller and the store). Implementations:
 * SQLite now; PostgreSQL with the replicas. Every method may reject when the database is gone.
 */
export interface FeedArticleStore {
  get(id: string): Promise<FeedArticle | undefined>;
  /** The article whose normalised link is `linkKey`, from any feed. */
  findByLinkKey(linkKey: string): Promise<FeedArticle | undefined>;
  /** The article with this text fingerprint, from any feed. */
  findByFingerprint(fingerprint: string): Promise<FeedArticle | undefined>;
  /** Adds an article or replaces the one with its id. */
  put(article: FeedArticle): Promise<void>;
  /** Articles newest first (by date); with `since`, only those first seen after it; at most `limit`. */
  list(options?: { since?: string; limit?: number }): Promise<FeedArticle[]>;
  /** Deletes articles dated before `cutoff` (ISO) and returns their ids. */
  retireBefore(cutoff: string): Promise<string[]>;
  feedStates(): Promise<FeedState[]>;
  feedState(url: string): Promise<FeedState | undefined>;
  saveFeedState(state: FeedState): Promise<void>;
  /**
   * Takes or renews the lease on polling a feed for `ttlMs`, by the database's clock, so that of the replicas
   * sharing the store one polls a given feed at a time; granted when free, expired, or already the owner's.
   */
  leaseFeed(url: string, owner: string, ttlMs: number): Promise<LeaseGrant>;
  /** Gives a feed's lease back once its poll is done. */
  releaseFeed(url: string, owner: string): Promise<void>;
}
