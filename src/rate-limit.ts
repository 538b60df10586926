import { LRUCache } from "lru-cache";

/** Options for {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Requests allowed per key within the window. */
  limit: number;
  /** Window length in milliseconds; default one minute. */
  windowMs?: number;
  /** Clock, injectable for tests; default Date.now. */
  now?: () => number;
  /** Keys tracked at most; the least recently seen are forgotten first. Default 10,000. */
  maxKeys?: number;
}

/** A sliding-window limiter per key (a user, a chat). */
export interface RateLimiter {
  /** Records one request for `key`; false when the key is over its limit (the request is then not recorded). */
  take(key: string): boolean;
}

/** Creates a sliding-window rate limiter; memory stays bounded by `maxKeys`. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const history = new LRUCache<string, number[]>({ max: maxKeys });
  return {
    take(key) {
      const time = now();
      const recent = (history.get(key) ?? []).filter((at) => time - at < windowMs);
      const allowed = recent.length < options.limit;
      if (allowed) recent.push(time);
      history.set(key, recent);
      return allowed;
    },
  };
}

/**
 * The per-person question limit as the core consults it. Asynchronous so that a limit shared by several
 * replicas (Redis) can stand behind it; {@link memoryQuestionLimit} is the one-process default.
 */
export interface QuestionLimit {
  /** Counts one question for `key`; false when the key is over its limit (the question is then refused). */
  take(key: string): Promise<boolean>;
}

/** A {@link QuestionLimit} in this process's memory, over a {@link RateLimiter}. */
export function memoryQuestionLimit(limiter: RateLimiter): QuestionLimit {
  return { take: async (key) => limiter.take(key) };
}
