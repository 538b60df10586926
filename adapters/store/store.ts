import type { ArticleChoices, UiLanguage } from "../../src/index.ts";
import type { FeedArticleStore } from "../feeds/feed-store.ts";

/** A chat or channel that asked for the daily summary. */
export interface Subscription {
  /** The platform's name as its adapter writes it ("telegram", "slack"). */
  platform: string;
  recipient: string;
  language: UiLanguage;
  addedAt: string;
}

/** What a subscribe request did. */
export type SubscribeOutcome = "added" | "renewed" | "already";

/** Subscriptions, and recipients the platforms reported as gone. */
export interface SubscriptionStore {
  subscribe(
    platform: string,
    recipient: string,
    options: { language: UiLanguage; now: Date },
  ): Promise<SubscribeOutcome>;
  /** Ends a subscription; false when there was none. */
  unsubscribe(platform: string, recipient: string, now: Date): Promise<boolean>;
  /** Records that the bot was blocked or removed; the recipient is skipped until it subscribes again. */
  markGone(platform: string, recipient: string, options: { reason: string; now: Date }): Promise<void>;
  /** Moves a chat to its new id (a group that became a supergroup): the new id gets its subscription. */
  move(platform: string, from: string, to: string, now: Date): Promise<void>;
  /** Forgets that a recipient was gone (the bot was added back); its subscription stays as it was. */
  clearGone(platform: string, recipient: string): Promise<void>;
  /** Recipients marked gone on a platform. */
  gone(platform: string): Promise<Set<string>>;
  /** Active subscriptions, oldest first; of one platform or of all. */
  active(platform?: string): Promise<Subscription[]>;
}

/** A slot as the ledger remembers it. */
export interface SlotRecord {
  /** Article ids known at the previous slot; null for the first slot. */
  sinceIds: string[] | null;
  articleIds: string[];
  completed: boolean;
}

/** One recipient of one slot. */
export interface DeliveryKey {
  slot: string;
  platform: string;
  recipient: string;
}

/**
 * Where a recipient's delivery stands. sending: a request may be in flight (the one ambiguous state after a
 * crash); sent and skipped: final; failed: a later run of the slot tries again.
 */
export type DeliveryStatus = "sending" | "sent" | "failed" | "skipped";

/** A recipient's row in the ledger. */
export interface DeliveryRow {
  status: DeliveryStatus;
  /** Parts of a multi-part summary the platform accepted. */
  partsSent: number;
}

/** The outcome of asking for a slot's lease. */
export interface LeaseGrant {
  /** True when the caller holds the lease now. */
  held: boolean;
  /** Until the lease ends, by the database's clock: the caller's if held, else the other holder's. */
  remainingMs: number;
}

/**
 * The daily summary's ledger: one lease per slot (so one process delivers it at a time), the slot's articles,
 * and one row per recipient. Lease times come from the database's clock, so processes on machines whose clocks
 * disagree still agree on who holds a slot.
 */
export interface DeliveryLedger {
  /** Takes or renews the slot's lease for `ttlMs`; granted when free, expired, or already the owner's. */
  lease(slot: string, owner: string, ttlMs: number): Promise<LeaseGrant>;
  /** Gives the lease back so another process need not wait for it to expire. */
  release(slot: string, owner: string): Promise<void>;
  /** Records a slot's start (the first caller wins) and returns the record every run of it then uses. */
  beginSlot(slot: string, articleIds: string[], now: Date): Promise<SlotRecord>;
  slot(slot: string): Promise<SlotRecord | undefined>;
  /** The article ids a slot's digest counts as known: its own record's, else the latest earlier slot's. */
  sinceFor(slot: string): Promise<string[] | null>;
  completeSlot(slot: string, now: Date): Promise<void>;
  /**
   * The oldest slot scheduled at or after `since` that began and is not completed (for the ledger-lag metric);
   * undefined when none.
   */
  oldestOpenSlot(since: Date): Promise<string | undefined>;
  /** Every recipient row of a slot, by `platform:recipient`. */
  deliveries(slot: string): Promise<Map<string, DeliveryRow>>;
  /** One recipient's row of a slot, if it has one (the daily fan-out's workers read it before each message). */
  delivery(key: DeliveryKey): Promise<DeliveryRow | undefined>;
  /** Writes a recipient's row; only the lease holder writes a slot's rows. */
  record(key: DeliveryKey, row: DeliveryRow & { error?: string | null; now: Date }): Promise<void>;
  /** Deletes slots (and their rows) that started before `before`. */
  prune(before: Date): Promise<void>;
}

/**
 * Which article each conversation narrowed its questions to: the core's port, filled by the store so that every
 * platform and replica shares it. Conversation ids carry their platform ("telegram:42", "slack:C1", "web:…").
 */
export type ArticleChoiceStore = ArticleChoices;

/**
 * The bot's state behind one interface: SQLite by default (sqlite-store.ts), PostgreSQL when DATABASE_URL is set
 * (postgres-store.ts); both run the same queries (the *-queries.ts modules, built by sql-engine.ts).
 */
export interface Store {
  /** Where the state lives, for logs ("/srv/data/bot.db"); never a password. */
  location: string;
  subscriptions: SubscriptionStore;
  ledger: DeliveryLedger;
  articleChoices: ArticleChoiceStore;
  /** Articles from news feeds and each feed's state, so every replica sees one archive. */
  feeds: FeedArticleStore;
  /**
   * Resolves when the database answers and has every schema step (for /readyz); rejects with the reason when
   * not. Never throws synchronously.
   */
  checkReady(): Promise<void>;
  /** Closes the connection; call last, after everything that uses the store has stopped. */
  close(): Promise<void>;
}
