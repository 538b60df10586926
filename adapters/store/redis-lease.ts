import { randomUUID } from "node:crypto";
import type { RedisConnection } from "./redis.ts";

/**
 * A named lease that one holder at a time has, with an expiry, so that a holder that dies frees it by itself.
 * Model: the Redis single-instance lock (SET NX PX, compare before renewing or deleting).
 */
export interface Lease {
  /** Who holds it when it is this process: a random id per lease object. */
  readonly holder: string;
  /** Takes the lease if it is free (or already ours) and extends it by the lease time; true when ours. */
  acquire(): Promise<boolean>;
  /** Extends the lease if it is still ours; false when it expired and someone else took it (or nobody has it). */
  renew(): Promise<boolean>;
  /** Gives the lease back if it is ours, so another holder need not wait for the expiry. */
  release(): Promise<void>;
}

/** Options for {@link createRedisLease}. */
export interface RedisLeaseOptions {
  redis: Pick<RedisConnection, "client" | "prefix">;
  /** The lease's name, e.g. `telegram-polling:<bot id>`. */
  name: string;
  /** How long the lease lasts without a renewal. */
  ttlMs: number;
}

// Compare-and-act in one step, so a holder whose lease expired cannot extend or delete its successor's.
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** A {@link Lease} in Redis; errors (Redis away) reject, and the caller decides what they mean. */
export function createRedisLease(options: RedisLeaseOptions): Lease {
  const { redis, ttlMs } = options;
  const key = `${redis.prefix}lease:${options.name}`;
  const holder = randomUUID();
  const renew = async () => (await redis.client.eval(RENEW, 1, key, holder, String(ttlMs))) === 1;
  return {
    holder,
    acquire: async () => (await redis.client.set(key, holder, "PX", ttlMs, "NX")) === "OK" || renew(),
    renew,
    release: async () => {
      await redis.client.eval(RELEASE, 1, key, holder);
    },
  };
}
