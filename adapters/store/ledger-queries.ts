import { type Kysely, sql } from "kysely";
import type { Schema, SqlDialectParts } from "./sql-schema.ts";
import type { DeliveryLedger, SlotRecord } from "./store.ts";

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
