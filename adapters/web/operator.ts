import type { ArticleRef } from "../../src/index.ts";
import type { DailyOperator, RunFigures, SubscriptionFigures } from "../ports/daily.ts";

export type { DailyOperator, RunFigures, SubscriptionFigures };

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

/** Everything the operator page shows. */
export interface OperatorFigures {
  articles: ArticleRef[];
  /** Null when the daily summary is off (no platform configured). */
  daily: { subscriptions: SubscriptionFigures[]; runs: RunFigures[] } | null;
  /** Null when no feeds are followed. */
  feeds: FeedHealth[] | null;
  errors: RecentError[];
}
