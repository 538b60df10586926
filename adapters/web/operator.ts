import type { ArticleRef } from "../../src/index.ts";

/** One daily-summary slot as the operator page shows it. */
export interface RunFigures {
  /** The slot's id: its scheduled instant in ISO 8601. */
  slot: string;
  /** Every recipient has its message (or is gone). */
  completed: boolean;
  sent: number;
  skipped: number;
  failed: number;
  /** Recipients the platform reported as blocked or removed. */
  gone: number;
}

/** Subscriptions of one platform. */
export interface SubscriptionFigures {
  platform: string;
  active: number;
  gone: number;
}

/** A warning or error the app logged, as the operator page lists it (secrets already redacted). */
export interface RecentError {
  at: string;
  level: "warn" | "error";
  message: string;
}

/** One followed feed's health, as the operator page shows it. */
export interface FeedHealth {
  url: string;
  title?: string;
  /** ISO time of the last response that parsed. */
  lastSuccessAt?: string;
  /** "ok", "not-modified", "http 500", "error" … */
  lastStatus?: string;
  /** Items in the last feed that parsed. */
  items?: number;
  lastError?: string;
  /** Failed polls in a row. */
  failures: number;
}

/** What the daily summary tells the operator page, and the one thing the page may ask of it. */
export interface DailyOperator {
  subscriptions(): Promise<SubscriptionFigures[]>;
  /** The newest slots first, today's included even when it is still to come. */
  recentRuns(limit: number): Promise<RunFigures[]>;
  /** Delivers today's slot now, as the scheduler would when it falls due; recipients served already are not sent to again. */
  sendToday(): Promise<RunFigures>;
}

/** Everything the operator page shows. */
export interface OperatorFigures {
  articles: ArticleRef[];
  /** Null when the daily summary is off (no platform configured). */
  daily: { subscriptions: SubscriptionFigures[]; runs: RunFigures[] } | null;
  /** Null when no feeds are followed. */
  feeds: FeedHealth[] | null;
  errors: RecentError[];
}
