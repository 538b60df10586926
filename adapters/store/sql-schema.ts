import type { RawBuilder } from "kysely";
import type { FeedSchema } from "./feed-queries.ts";
import type { DeliveryStatus } from "./store.ts";

/** The tables as Kysely sees them, shared by the query modules of every engine; see migrations.ts. */
export interface Schema extends FeedSchema {
  subscriptions: {
    platform: string;
    recipient: string;
    active: number;
    language: string;
    added_at: string;
    updated_at: string;
    gone_reason: string | null;
  };
  slots: {
    slot: string;
    since_ids: string | null;
    article_ids: string;
    started_at: string;
    completed_at: string | null;
  };
  slot_leases: { slot: string; owner: string; expires_at: number };
  deliveries: {
    slot: string;
    platform: string;
    recipient: string;
    status: DeliveryStatus;
    parts_sent: number;
    error: string | null;
    updated_at: string;
  };
  article_choices: { conversation: string; article_id: string; updated_at: string };
}

/** What differs between SQL engines; everything else is one set of queries. */
export interface SqlDialectParts {
  /** The database's clock in milliseconds since the epoch, as an integer expression. */
  nowMs: RawBuilder<number>;
}
