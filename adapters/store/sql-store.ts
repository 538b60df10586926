import { type Kysely, type RawBuilder, sql } from "kysely";
import { uiLanguage } from "../../src/index.ts";
import type { FeedSchema } from "./feed-queries.ts";
import type {
  ArticleChoiceStore,
  DeliveryLedger,
  DeliveryStatus,
  SlotRecord,
  SubscriptionStore,
} from "./store.ts";

/** The tables as Kysely sees them; see migrations.ts. */
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

/** One subscription row written whatever was there: `active` 1 subscribes, 0 ends (with a reason when gone). */
type SubscriptionWrite = {
  platform: string;
  recipient: string;
  language: string;
  now: Date;
  gone: string | null;
};

function upsertSubscription(db: Kysely<Schema>, row: SubscriptionWrite, active: 0 | 1) {
  const at = row.now.toISOString();
  return db
    .insertInto("subscriptions")
    .values({ ...pick(row), active, added_at: at, updated_at: at, gone_reason: row.gone })
    .onConflict((conflict) =>
      conflict.columns(["platform", "recipient"]).doUpdateSet({
        active,
        // Ending a subscription keeps the language it had.
        ...(active === 1 ? { language: row.language } : {}),
        updated_at: at,
        gone_reason: row.gone,
      }),
    )
    .execute();
}

const pick = (row: SubscriptionWrite) => ({
  platform: row.platform,
  recipient: row.recipient,
  language: row.language,
});

/** Subscription queries. */
export function createSubscriptionStore(db: Kysely<Schema>): SubscriptionStore {
  const find = (platform: string, recipient: string) =>
    db
      .selectFrom("subscriptions")
      .select(["active", "gone_reason", "language"])
      .where("platform", "=", platform)
      .where("recipient", "=", recipient)
      .executeTakeFirst();
  return {
    async subscribe(platform, recipient, { language, now }) {
      const existing = await find(platform, recipient);
      await upsertSubscription(db, { platform, recipient, language, now, gone: null }, 1);
      if (!existing) return "added";
      return existing.active === 1 && existing.gone_reason === null ? "already" : "renewed";
    },
    async unsubscribe(platform, recipient, now) {
      const existing = await find(platform, recipient);
      if (!existing || existing.active === 0) return false;
      await upsertSubscription(db, { platform, recipient, language: existing.language, now, gone: null }, 0);
      return true;
    },
    async markGone(platform, recipient, { reason, now }) {
      await upsertSubscription(db, { platform, recipient, language: "de", now, gone: reason }, 0);
    },
    async move(platform, from, to, now) {
      const language = (await find(platform, from))?.language ?? "de";
      await db.transaction().execute(async (trx) => {
        await upsertSubscription(trx, { platform, recipient: to, language, now, gone: null }, 1);
        await upsertSubscription(
          trx,
          { platform, recipient: from, language, now, gone: `moved to ${to}` },
          0,
        );
      });
    },
    async clearGone(platform, recipient) {
      await db
        .updateTable("subscriptions")
        .set({ gone_reason: null })
        .where("platform", "=", platform)
        .where("recipient", "=", recipient)
        .where("active", "=", 0)
        .execute();
    },
    async gone(platform) {
      const rows = await db
        .selectFrom("subscriptions")
        .select("recipient")
        .where("platform", "=", platform)
        .where("gone_reason", "is not", null)
        .execute();
      return new Set(rows.map((row) => row.recipient));
    },
    async active(platform) {
      let query = db
        .selectFrom("subscriptions")
        .select(["platform", "recipient", "language", "added_at"])
        .where("active", "=", 1);
      if (platform !== undefined) query = query.where("platform", "=", platform);
      const rows = await query.orderBy("added_at").orderBy("recipient").execute();
      return rows.map((row) => ({
        platform: row.platform,
        recipient: row.recipient,
        language: uiLanguage(row.language),
        addedAt: row.added_at,
      }));
    },
  };
}

/** Delivery-ledger queries; `parts` supplies the engine's clock for leases. */
export function createDeliveryLedger(db: Kysely<Schema>, parts: SqlDialectParts): DeliveryLedger {
  const ids = (json: string | null) => (json === null ? null : (JSON.parse(json) as string[]));
  const slotRecord = async (slot: string): Promise<SlotRecord | undefined> => {
    const row = await db.selectFrom("slots").selectAll().where("slot", "=", slot).executeTakeFirst();
    if (!row) return undefined;
    return {
      sinceIds: ids(row.since_ids),
      articleIds: ids(row.article_ids) ?? [],
      completed: row.completed_at !== null,
    };
  };
  const previousIds = async (slot: string) => {
    const row = await db
      .selectFrom("slots")
      .select("article_ids")
      .where("slot", "<", slot)
      .orderBy("slot", "desc")
      .limit(1)
      .executeTakeFirst();
    return ids(row?.article_ids ?? null);
  };
  return {
    async lease(slot, owner, ttlMs) {
      const expires = sql<number>`${parts.nowMs} + ${ttlMs}`;
      // One statement: of two processes asking at once, the database lets exactly one take a free lease.
      const taken = await db
        .insertInto("slot_leases")
        .values({ slot, owner, expires_at: expires })
        .onConflict((conflict) =>
          conflict
            .column("slot")
            .doUpdateSet({ owner, expires_at: expires })
            .where((eb) =>
              eb.or([eb("slot_leases.owner", "=", owner), eb("slot_leases.expires_at", "<=", parts.nowMs)]),
            ),
        )
        .returning(sql<number>`${ttlMs}`.as("remaining"))
        .executeTakeFirst();
      if (taken) return { held: true, remainingMs: ttlMs };
      const other = await db
        .selectFrom("slot_leases")
        .select(sql<number>`expires_at - ${parts.nowMs}`.as("remaining"))
        .where("slot", "=", slot)
        .executeTakeFirst();
      return { held: false, remainingMs: Math.max(Number(other?.remaining ?? 0), 0) };
    },
    async release(slot, owner) {
      await db.deleteFrom("slot_leases").where("slot", "=", slot).where("owner", "=", owner).execute();
    },
    async beginSlot(slot, articleIds, now) {
      const since = await previousIds(slot);
      await db
        .insertInto("slots")
        .values({
          slot,
          since_ids: since === null ? null : JSON.stringify(since),
          article_ids: JSON.stringify(articleIds),
          started_at: now.toISOString(),
        })
        .onConflict((conflict) => conflict.column("slot").doNothing())
        .execute();
      const record = await slotRecord(slot);
      if (!record) throw new Error(`The slot ${slot} was not recorded`);
      return record;
    },
    slot: slotRecord,
    sinceFor: async (slot) => (await slotRecord(slot))?.sinceIds ?? (await previousIds(slot)),
    async completeSlot(slot, now) {
      await db
        .updateTable("slots")
        .set({ completed_at: now.toISOString() })
        .where("slot", "=", slot)
        .execute();
    },
    async deliveries(slot) {
      const rows = await db
        .selectFrom("deliveries")
        .select(["platform", "recipient", "status", "parts_sent"])
        .where("slot", "=", slot)
        .execute();
      return new Map(
        rows.map((row) => [
          `${row.platform}:${row.recipient}`,
          { status: row.status, partsSent: Number(row.parts_sent) },
        ]),
      );
    },
    async record(key, row) {
      const values = {
        status: row.status,
        parts_sent: row.partsSent,
        error: row.error ?? null,
        updated_at: row.now.toISOString(),
      };
      await db
        .insertInto("deliveries")
        .values({ ...key, ...values })
        .onConflict((conflict) => conflict.columns(["slot", "platform", "recipient"]).doUpdateSet(values))
        .execute();
    },
    async prune(before) {
      const old = db.selectFrom("slots").select("slot").where("started_at", "<", before.toISOString());
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("deliveries").where("slot", "in", old).execute();
        await trx.deleteFrom("slot_leases").where("slot", "in", old).execute();
        await trx.deleteFrom("slots").where("started_at", "<", before.toISOString()).execute();
      });
    },
  };
}

/** Article-choice queries. */
export function createArticleChoiceStore(db: Kysely<Schema>): ArticleChoiceStore {
  return {
    async get(conversation) {
      const row = await db
        .selectFrom("article_choices")
        .select("article_id")
        .where("conversation", "=", conversation)
        .executeTakeFirst();
      return row?.article_id;
    },
    async set(conversation, articleId, now) {
      const values = { article_id: articleId, updated_at: now.toISOString() };
      await db
        .insertInto("article_choices")
        .values({ conversation, ...values })
        .onConflict((conflict) => conflict.column("conversation").doUpdateSet(values))
        .execute();
    },
    async clear(conversation) {
      await db.deleteFrom("article_choices").where("conversation", "=", conversation).execute();
    },
  };
}
