import { LRUCache } from "lru-cache";

/**
 * Remembers which deliveries were already handled, for a while, so that a replayed or redelivered request is
 * carried out once: Slack events by event_id, slash commands by trigger_id, Telegram updates by update_id.
 * Asynchronous so that a shared store (Redis, for several replicas) can stand behind the same interface.
 */
export interface DedupeStore {
  /** True the first time `key` is claimed within the expiry, false for every repeat. */
  claim(key: string): Promise<boolean>;
}

/**
 * How long a delivery is remembered. Slack retries an event up to three times within about five minutes and
 * refuses requests stamped more than five minutes away; Telegram redelivers for as long as the webhook fails.
 * An hour covers all of these with room to spare.
 */
export const DEDUPE_TTL_MS = 60 * 60 * 1000;
/** Keys kept at most; past this the least recently seen go first, so a flood of new keys costs bounded memory. */
export const DEDUPE_CAPACITY = 50_000;

/** Options for {@link createMemoryDedupeStore}. */
export interface MemoryDedupeOptions {
  /** Default {@link DEDUPE_TTL_MS}. */
  ttlMs?: number;
  /** Default {@link DEDUPE_CAPACITY}. */
  capacity?: number;
  /** Milliseconds; default Date.now. */
  now?: () => number;
}

/** A {@link DedupeStore} in this process's memory: for one replica; expired and oldest keys are forgotten. */
export function createMemoryDedupeStore(options: MemoryDedupeOptions = {}): DedupeStore {
  const ttlMs = options.ttlMs ?? DEDUPE_TTL_MS;
  const now = options.now ?? Date.now;
  const expiries = new LRUCache<string, number>({ max: options.capacity ?? DEDUPE_CAPACITY });
  return {
    claim: async (key) => {
      const at = now();
      const until = expiries.get(key);
      if (until !== undefined && until > at) return false;
      expiries.set(key, at + ttlMs);
      return true;
    },
  };
}
