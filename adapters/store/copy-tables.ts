import type { Kysely } from "kysely";
import { NewsBotError } from "../../src/index.ts";
import type { Schema } from "./sql-schema.ts";

/**
 * The tables a copy carries, each with its primary key, in an order that never needs a row before its slot.
 * Leases (slot_leases, feed_leases) stay behind: they last seconds and their times are the old database's clock.
 */
export const COPIED_TABLES = {
  subscriptions: ["platform", "recipient"],
  slots: ["slot"],
  deliveries: ["slot", "platform", "recipient"],
  article_choices: ["conversation"],
  feed_articles: ["id"],
  feed_states: ["url"],
} as const satisfies Partial<Record<keyof Schema, readonly string[]>>;

/** A table the copy carries. */
export type CopiedTable = keyof typeof COPIED_TABLES;

/** Rows per INSERT: well below PostgreSQL's 65,535 parameters at the widest table's 7 columns. */
const BATCH_ROWS = 500;

/** What a copy did: rows per table in the source, and in the target afterwards. */
export interface CopyReport {
  tables: { table: CopiedTable; source: number; target: number }[];
}

/** Options for {@link copyTables}. */
export interface CopyOptions {
  /**
   * Copies into a target that already has rows: a row whose key exists there is overwritten by the source's,
   * others are kept. Without it a target with any row is refused and left unchanged.
   */
  force?: boolean;
}

/** The tables seen without their column types: a copy moves rows as they are. */
type Tables = Record<string, Record<string, unknown>>;

/**
 * Copies every row of {@link COPIED_TABLES} from one migrated database to another (SQLite's bot.db into
 * PostgreSQL) in one transaction of the target, so a failure leaves it as it was. Running it again with `force`
 * changes nothing more: rows are written by their keys. A non-empty target without `force` throws
 * NewsBotError("STORE_OPEN") with its row counts.
 */
export async function copyTables(
  source: Kysely<Schema>,
  target: Kysely<Schema>,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const from = source as unknown as Kysely<Tables>;
  const to = target as unknown as Kysely<Tables>;
  const tables = Object.keys(COPIED_TABLES) as CopiedTable[];
  if (!options.force) {
    const filled = (
      await Promise.all(tables.map(async (table) => ({ table, rows: await count(to, table) })))
    ).filter((entry) => entry.rows > 0);
    if (filled.length > 0) {
      const counts = filled.map((entry) => `${entry.table}: ${entry.rows}`).join(", ");
      throw new NewsBotError(
        "STORE_OPEN",
        `The target database already has rows (${counts}); nothing was copied. Point DATABASE_URL at an empty database, or add --force to write the copy over it (rows with the same key are replaced, others kept).`,
      );
    }
  }
  const sourceCounts = new Map<CopiedTable, number>();
  await to.transaction().execute(async (trx) => {
    for (const table of tables) {
      const keys: readonly string[] = COPIED_TABLES[table];
      const rows = await from.selectFrom(table).selectAll().execute();
      sourceCounts.set(table, rows.length);
      for (let start = 0; start < rows.length; start += BATCH_ROWS) {
        const batch = rows.slice(start, start + BATCH_ROWS);
        const columns = Object.keys(batch[0] ?? {}).filter((column) => !keys.includes(column));
        await trx
          .insertInto(table)
          .values(batch)
          .onConflict((conflict) =>
            conflict
              .columns([...keys])
              .doUpdateSet((eb) =>
                Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)])),
              ),
          )
          .execute();
      }
    }
  });
  const report: CopyReport = { tables: [] };
  for (const table of tables) {
    report.tables.push({ table, source: sourceCounts.get(table) ?? 0, target: await count(to, table) });
  }
  return report;
}

async function count(db: Kysely<Tables>, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("rows"))
    .executeTakeFirst();
  return Number(row?.rows ?? 0);
}
