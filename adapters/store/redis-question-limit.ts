import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { describeError, type Logger, type QuestionLimit } from "../../src/index.ts";
import type { RedisConnection } from "./redis.ts";

/** Options for {@link createRedisQuestionLimit}. */
export interface RedisQuestionLimitOptions {
  redis: Pick<RedisConnection, "client" | "prefix">;
  /** Questions a person may ask per minute (QUESTIONS_PER_MINUTE). */
  perMinute: number;
  logger: Logger;
}

const WINDOW_SECONDS = 60;

/**
 * The per-person question limit shared by every replica, counted in Redis by rate-limiter-flexible (one
 * atomic INCR with expiry per question, a window of a minute from a person's first question in it). While
 * Redis is away each replica counts in its own memory instead (the library's insurance limiter), so people
 * keep getting answers, and the limit is per replica until Redis is back.
 */
export function createRedisQuestionLimit(options: RedisQuestionLimitOptions): QuestionLimit {
  const { redis, perMinute, logger } = options;
  const limiter = new RateLimiterRedis({
    storeClient: redis.client,
    keyPrefix: `${redis.prefix}questions`,
    points: perMinute,
    duration: WINDOW_SECONDS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS }),
  });
  return {
    take: async (key) => {
      try {
        await limiter.consume(key);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        // Neither Redis nor the insurance limiter could count: an answer is worth more than the limit.
        logger.warn("Question limit unavailable; answering without it", { error: describeError(error) });
        return true;
      }
    },
  };
}
