import { describeError, type Logger } from "../../src/index.ts";
import type { RedisConnection } from "../store/redis.ts";
import { DEDUPE_TTL_MS, type DedupeStore } from "./dedupe-store.ts";

/** Options for {@link createRedisDedupeStore}. */
export interface RedisDedupeOptions {
  redis: Pick<RedisConnection, "client" | "prefix">;
  logger: Logger;
  /** Default {@link DEDUPE_TTL_MS}. */
  ttlMs?: number;
}

/**
 * A {@link DedupeStore} shared by every replica: a claim is one `SET key 1 NX PX ttl`, so of two replicas that
 * receive the same delivery exactly one gets "OK". While Redis is away a claim succeeds (and is logged): a
 * redelivery might then be answered twice, which beats losing a question.
 */
export function createRedisDedupeStore(options: RedisDedupeOptions): DedupeStore {
  const { redis, logger } = options;
  const ttlMs = options.ttlMs ?? DEDUPE_TTL_MS;
  return {
    claim: async (key) => {
      try {
        return (await redis.client.set(`${redis.prefix}dedupe:${key}`, "1", "PX", ttlMs, "NX")) === "OK";
      } catch (error) {
        logger.warn("Dedupe store unavailable; handling the delivery without the check", {
          key,
          error: describeError(error),
        });
        return true;
      }
    },
  };
}
