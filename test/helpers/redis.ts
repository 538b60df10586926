import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

/** TEST_REDIS_URL, or undefined: tests that need Redis are then skipped with the reason in their title. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL?.trim() || undefined;
/** The suffix of a Redis test's title: the reason it was skipped, when it was. */
export const REDIS_SKIP_REASON = TEST_REDIS_URL ? "" : " (skipped: TEST_REDIS_URL is not set)";

/** A key prefix of the test's own, so tests sharing one Redis never see each other's keys. */
export function testPrefix(): string {
  return `news-bot-test:${randomUUID()}:`;
}

/** Deletes every key under `prefix` (SCAN, not KEYS, as on a shared server). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true });
  await client.connect();
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== "0");
  await client.quit();
}
