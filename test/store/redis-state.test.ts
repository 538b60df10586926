import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisDedupeStore } from "../../adapters/dedupe/redis-dedupe-store.ts";
import { createLogger } from "../../adapters/logger.ts";
import { openRedis, type RedisConnection } from "../../adapters/store/redis.ts";
import { createRedisLease } from "../../adapters/store/redis-lease.ts";
import { createRedisQuestionLimit } from "../../adapters/store/redis-question-limit.ts";
import { deleteKeys, REDIS_SKIP_REASON, TEST_REDIS_URL, testPrefix } from "../helpers/redis.ts";

const logs: string[] = [];
const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });

describe("opening Redis", () => {
  it("stops with a message naming REDIS_URL, without the password, when nothing listens", async () => {
    const opening = openRedis({ url: "redis://bot:hunter2secret@127.0.0.1:1/0", prefix: "x:" }, logger);
    const error = await opening.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(String(error)).toContain("REDIS_URL");
    expect(String(error)).toContain("127.0.0.1:1");
    expect(String(error)).not.toContain("hunter2secret");
  });
});

describe.skipIf(!TEST_REDIS_URL)(`shared state in Redis${REDIS_SKIP_REASON}`, () => {
  const url = TEST_REDIS_URL ?? "";
  const prefix = testPrefix();
  let one: RedisConnection;
  let two: RedisConnection;
  beforeAll(async () => {
    one = await openRedis({ url, prefix }, logger);
    two = await openRedis({ url, prefix }, logger);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await deleteKeys(url, prefix);
  });

  it("refuses a user and password Redis does not know, naming REDIS_URL and not the password", async () => {
    const withPassword = new URL(url);
    withPassword.username = "no-such-user";
    withPassword.password = "not-the-password-4711";
    const error = await openRedis({ url: withPassword.toString(), prefix }, logger).then(
      async (connection) => {
        await connection.close();
        return undefined;
      },
      (caught: unknown) => caught,
    );
    expect(String(error)).toContain("REDIS_URL");
    expect(String(error)).toContain("refused the user name or password");
    expect(String(error)).not.toContain("not-the-password-4711");
  });

  it("is ready while Redis answers", async () => {
    expect(await one.isReady()).toBe(true);
  });

  it("lets exactly one of two replicas claim a delivery", async () => {
    const first = createRedisDedupeStore({ redis: one, logger });
    const second = createRedisDedupeStore({ redis: two, logger });
    const claims = await Promise.all([first.claim("slack:Ev1"), second.claim("slack:Ev1")]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await first.claim("slack:Ev2")).toBe(true);
    expect(await one.client.pttl(`${prefix}dedupe:slack:Ev2`)).toBeGreaterThan(0);
  });

  it("counts one person's questions once over several replicas", async () => {
    const limits = [one, two, one].map((redis) => createRedisQuestionLimit({ redis, perMinute: 3, logger }));
    const answers: boolean[] = [];
    for (let i = 0; i < 5; i++)
      answers.push(await (limits[i % 3]?.take("telegram:42") ?? Promise.resolve(false)));
    expect(answers).toEqual([true, true, true, false, false]);
    expect(await limits[1]?.take("telegram:43")).toBe(true);
  });

  it("gives a lease to one holder at a time, with an expiry, and hands it on when released", async () => {
    const a = createRedisLease({ redis: one, name: "polling", ttlMs: 60_000 });
    const b = createRedisLease({ redis: two, name: "polling", ttlMs: 60_000 });
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await b.renew()).toBe(false);
    expect(await a.renew()).toBe(true);
    const ttl = await one.client.pttl(`${prefix}lease:polling`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await b.release();
    expect(await a.acquire()).toBe(true);
    await a.release();
    expect(await b.acquire()).toBe(true);
    expect(await a.renew()).toBe(false);
  });

  it("a lease whose holder died (its key expired) goes to the next", async () => {
    const a = createRedisLease({ redis: one, name: "expiring", ttlMs: 60_000 });
    const b = createRedisLease({ redis: two, name: "expiring", ttlMs: 60_000 });
    expect(await a.acquire()).toBe(true);
    // What the expiry does when the holder stops renewing.
    await one.client.del(`${prefix}lease:expiring`);
    expect(await b.acquire()).toBe(true);
    expect(await a.renew()).toBe(false);
  });

  it("keeps answering when Redis is away: the limit falls back to memory, dedupe lets the delivery through", async () => {
    const away = await openRedis({ url, prefix }, logger);
    away.client.disconnect();
    const limit = createRedisQuestionLimit({ redis: away, perMinute: 1, logger });
    expect(await limit.take("web:1")).toBe(true);
    expect(await limit.take("web:1")).toBe(false);
    expect(await createRedisDedupeStore({ redis: away, logger }).claim("telegram:update:1")).toBe(true);
    expect(logs.join("\n")).toContain("Dedupe store unavailable");
    expect(await away.isReady()).toBe(false);
  });
});
