import { type Kysely, sql } from "kysely";
import type { Schema, SqlDialectParts } from "./sql-schema.ts";
import type { LeaseGrant } from "./store.ts";

/** A table of leases: its name and the column naming what is leased (a slot, a feed). */
export interface LeaseTable {
  table: "slot_leases" | "feed_leases";
  key: "slot" | "url";
}

/** Leases in one table, timed by the database's clock so processes whose clocks disagree still agree. */
export interface LeaseQueries {
  /** Takes or renews the lease on `key` for `ttlMs`; granted when free, expired, or already the owner's. */
  lease(key: string, owner: string, ttlMs: number): Promise<LeaseGrant>;
  /** Gives the lease back so another process need not wait for it to expire. */
  release(key: string, owner: string): Promise<void>;
}

/** Lease queries on `target`, the same on SQLite and PostgreSQL; `parts` supplies the engine's clock. */
export function createLeaseQueries(
  db: Kysely<Schema>,
  parts: SqlDialectParts,
  target: LeaseTable,
): LeaseQueries {
  const table = sql.table(target.table);
  const key = sql.ref(target.key);
  const current = (column: string) => sql.ref(`${target.table}.${column}`);
  return {
    async lease(name, owner, ttlMs) {
      const expires = sql<number>`${parts.nowMs} + ${ttlMs}`;
      // One statement: of two processes asking at once, the database lets exactly one take a free lease.
      const taken = await sql<{ held: number }>`
        INSERT INTO ${table} (${key}, owner, expires_at) VALUES (${name}, ${owner}, ${expires})
        ON CONFLICT (${key}) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE ${current("owner")} = ${owner} OR ${current("expires_at")} <= ${parts.nowMs}
        RETURNING 1 AS held`.execute(db);
      if (taken.rows.length > 0) return { held: true, remainingMs: ttlMs };
      const other = await sql<{ remaining: number }>`
        SELECT expires_at - ${parts.nowMs} AS remaining FROM ${table} WHERE ${key} = ${name}`.execute(db);
      return { held: false, remainingMs: Math.max(Number(other.rows[0]?.remaining ?? 0), 0) };
    },
    async release(name, owner) {
      await sql`DELETE FROM ${table} WHERE ${key} = ${name} AND owner = ${owner}`.execute(db);
    },
  };
}
