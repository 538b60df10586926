import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach } from "vitest";

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

/** Cleanups a test registers as it goes, run in reverse after it, and the schemas it creates among them. */
export interface TestResources {
  /** Runs `cleanup` after the current test, before the cleanups registered earlier. */
  defer(cleanup: () => Promise<void> | void): void;
  /** A fresh schema, dropped after the current test. */
  schema(): Promise<TestSchema>;
}

/** Registers an afterEach that runs the cleanups each test deferred; call once per test file. */
export function testResources(): TestResources {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    defer: (cleanup) => cleanups.push(cleanup),
    async schema() {
      const created = await createTestSchema();
      cleanups.push(() => created.drop());
      return created;
    },
  };
}
