import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL server the tests may use (`.ci/run` sets it); undefined skips the tests that need one. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Why PostgreSQL tests are skipped, for the test names: vitest lists skipped tests by name. */
export const POSTGRES_SKIPPED = TEST_DATABASE_URL ? "" : " (skipped: TEST_DATABASE_URL is not set)";

/** A schema of its own for one test: a DATABASE_URL whose search_path is it, and a way to drop it. */
export interface TestSchema {
  name: string;
  /** TEST_DATABASE_URL with `options=-c search_path=<name>`: everything the bot creates lands in the schema. */
  url: string;
  /** Runs SQL as the test's admin connection (for inspecting or breaking the schema). */
  query<Row extends pg.QueryResultRow>(text: string): Promise<Row[]>;
  /** Drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** Creates a fresh schema on TEST_DATABASE_URL's server; throws when the variable is unset. */
export async function createTestSchema(): Promise<TestSchema> {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    query: async <Row extends pg.QueryResultRow>(text: string) => (await admin.query<Row>(text)).rows,
    async drop() {
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
