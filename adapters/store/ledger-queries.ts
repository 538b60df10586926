import type { Kysely } from "kysely";
import { createLeaseQueries } from "./lease-queries.ts";
import type { Schema, SqlDialectParts } from "./sql-schema.ts";
import type { DeliveryLedger, SlotRecord } from "./store.ts";

/** Delivery-ledger queries; `parts` supplies the engine's clock for leases. */
export function createDeliveryLedger(db: Kysely<Schema>, parts: SqlDialectParts): DeliveryLedger {
  const leases = createLeaseQueries(db, parts, { table: "slot_leases", key: "slot" });
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
    lease: (slot, owner, ttlMs) => leases.lease(slot, owner, ttlMs),
    release: (slot, owner) => leases.release(slot, owner),
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
    async oldestOpenSlot(since) {
      const row = await db
        .selectFrom("slots")
        .select("slot")
        .where("completed_at", "is", null)
        .where("slot", ">=", since.toISOString())
        .orderBy("slot")
        .limit(1)
        .executeTakeFirst();
      return row?.slot;
    },
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
    async delivery(key) {
      const row = await db
        .selectFrom("deliveries")
        .select(["status", "parts_sent"])
        .where("slot", "=", key.slot)
        .where("platform", "=", key.platform)
        .where("recipient", "=", key.recipient)
        .executeTakeFirst();
      return row ? { status: row.status, partsSent: Number(row.parts_sent) } : undefined;
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
