import type { Kysely } from "kysely";
import { uiLanguage } from "../../src/index.ts";
import type { Schema } from "./sql-schema.ts";
import type { SubscriptionStore } from "./store.ts";

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
