import { describe, expect, it } from "vitest";
import { MIGRATION_NAMES } from "../../adapters/store/migrations.ts";
import { openPostgresStore } from "../../adapters/store/postgres-store.ts";
import { NewsBotError } from "../../src/index.ts";
import { POSTGRES_SKIPPED, TEST_DATABASE_URL, testResources } from "../helpers/postgres.ts";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.ts";
import { STORE_TABLES } from "./store-tables.ts";

const PASSWORD = "pa55-w0rd-secret";
const resources = testResources();
const schema = () => resources.schema();
const open = async (url: string, options: Parameters<typeof openPostgresStore>[1] = {}) => {
  const store = await openPostgresStore(url, options);
  resources.defer(() => store.close());
  return store;
};
const proxy = async (url: string): Promise<TcpProxy> => {
  const { hostname, port } = new URL(url);
  const started = await startTcpProxy({ host: hostname, port: Number(port || 5432) });
  resources.defer(() => started.stop());
  return started;
};
/** The URL with another port (a proxy's), keeping its database and search_path. */
const throughPort = (url: string, port: number) => {
  const changed = new URL(url);
  changed.hostname = "127.0.0.1";
  changed.port = String(port);
  return changed.toString();
};

async function openError(url: string): Promise<NewsBotError> {
  const error = await openPostgresStore(url).then(
    () => new Error("opened"),
    (thrown: unknown) => thrown,
  );
  if (error instanceof NewsBotError) return error;
  throw new Error(`expected NewsBotError(STORE_OPEN), got ${String(error)}`);
}

describe("PostgreSQL store: start-up errors name DATABASE_URL, never its password", () => {
  it("stops on a refused port", async () => {
    const error = await openError(`postgres://bot:${PASSWORD}@127.0.0.1:1/news`);
    expect(error.code).toBe("STORE_OPEN");
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).toContain("postgres://bot:***@127.0.0.1:1/news");
    expect(error.message).not.toContain(PASSWORD);
  });

  it("stops on a malformed URL", async () => {
    for (const url of ["not a url", `http://bot:${PASSWORD}@127.0.0.1/news`, `postgres://:${PASSWORD}@`]) {
      const error = await openError(url);
      expect(error.message).toMatch(/DATABASE_URL is not a valid PostgreSQL URL/);
      expect(error.message).not.toContain(PASSWORD);
    }
  });

  it.skipIf(!TEST_DATABASE_URL)(`stops on a database that does not exist${POSTGRES_SKIPPED}`, async () => {
    const url = new URL(TEST_DATABASE_URL ?? "");
    url.password = PASSWORD;
    url.pathname = "/no_such_database_for_the_bot";
    const error = await openError(url.toString());
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toMatch(/database "no_such_database_for_the_bot" does not exist/);
    expect(error.message).not.toContain(PASSWORD);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(`PostgreSQL store: migrations${POSTGRES_SKIPPED}`, () => {
  it("creates every table in the connection's schema, and nothing elsewhere", async () => {
    const { url, name, query } = await schema();
    const store = await open(url);
    expect(store.location).toContain(`(schema ${name})`);
    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = '${name}' ORDER BY table_name`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(STORE_TABLES);
    await expect(store.checkReady()).resolves.toBeUndefined();
  });

  it("migrates once when several replicas start together", async () => {
    const { url, name, query } = await schema();
    // Five stores open at once on one empty schema. A step run twice would fail (its CREATE TABLE has no
    // IF NOT EXISTS), so every open succeeding, with each step recorded once, shows the lock held.
    const stores = await Promise.all(Array.from({ length: 5 }, () => open(url)));
    const steps = await query<{ name: string }>(`SELECT name FROM ${name}.kysely_migration ORDER BY name`);
    expect(steps.map((row) => row.name)).toEqual(MIGRATION_NAMES);
    const now = new Date();
    await Promise.all(
      stores.map((store, i) => store.subscriptions.subscribe("slack", `C${i}`, { language: "de", now })),
    );
    expect(await stores[0]?.subscriptions.active()).toHaveLength(5);
  });

  it("opens while other schemas of the database are created and dropped", async () => {
    const { url, query } = await schema();
    // Other tenants (here: schemas made and dropped meanwhile) must not disturb looking up the bot's tables.
    let churning = true;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const other = `churn_${process.pid}_${i}`;
        await query(`CREATE SCHEMA ${other}; CREATE TABLE ${other}.t (id serial PRIMARY KEY, note text)`);
        await query(`DROP SCHEMA ${other} CASCADE`);
      }
    })();
    try {
      for (let round = 0; round < 3; round++) {
        const stores = await Promise.all(Array.from({ length: 3 }, () => openPostgresStore(url)));
        for (const store of stores) await store.close();
      }
    } finally {
      churning = false;
      await churn;
    }
  });

  it("refuses a database written by a newer version of the bot and leaves it unchanged", async () => {
    const { url, name, query } = await schema();
    await (await openPostgresStore(url)).close();
    await query(`INSERT INTO ${name}.kysely_migration (name, timestamp) VALUES ('999-future', 'x')`);
    const error = await openError(url);
    expect(error.message).toMatch(/newer version of the bot/);
    expect(error.message).toContain("DATABASE_URL");
    const steps = await query<{ name: string }>(`SELECT name FROM ${name}.kysely_migration`);
    expect(steps).toHaveLength(MIGRATION_NAMES.length + 1);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(`PostgreSQL store: the server going away${POSTGRES_SKIPPED}`, () => {
  it("fails readiness and queries while the server is away, and keeps every row when it is back", async () => {
    const { url } = await schema();
    const relay = await proxy(url);
    const lost: Error[] = [];
    const store = await open(throughPort(url, relay.port), {
      onConnectionError: (error) => lost.push(error),
    });
    const now = new Date();
    await store.subscriptions.subscribe("telegram", "1", { language: "en", now });

    await relay.cut();
    await expect(store.checkReady()).rejects.toThrow();
    await expect(store.subscriptions.subscribe("telegram", "2", { language: "en", now })).rejects.toThrow();
    // The pooled connection's error went to the listener, not to the process's uncaught-error handler.
    expect(lost.length).toBeGreaterThan(0);

    await relay.restore();
    await expect(store.checkReady()).resolves.toBeUndefined();
    await store.subscriptions.subscribe("telegram", "2", { language: "en", now });
    expect((await store.subscriptions.active()).map((s) => s.recipient)).toEqual(["1", "2"]);
  });
});
