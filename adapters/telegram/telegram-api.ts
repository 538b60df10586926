import { autoRetry } from "@grammyjs/auto-retry";
import { type APIThrottlerOptions, apiThrottler } from "@grammyjs/transformer-throttler";
import type { Api, Transformer } from "grammy";
import { describeError, type Logger } from "../../src/index.ts";

/** Retries of one request after 429 or 5xx answers before it fails. */
const MAX_RETRY_ATTEMPTS = 5;
/** A 429 asking to wait longer than this fails the request instead: nobody waits that long for an answer. */
const MAX_RETRY_DELAY_SECONDS = 300;

/** Options for {@link protectApi}. */
export interface ProtectOptions {
  logger: Logger;
  /**
   * Outgoing limits per Bottleneck; default the throttler's, which follow Telegram's: about 30 messages a
   * second overall, one a second per private chat, 20 a minute per group.
   */
  throttle?: APIThrottlerOptions;
}

/**
 * Installs the transformers every Telegram API client of the bot uses, innermost first: failure logging
 * (no token in it), auto-retry (429 retry_after, 5xx, network errors) and the throttler. The throttler is
 * outermost so that a retried message keeps its place in its chat's queue and parts stay in order.
 */
export function protectApi(api: Api, options: ProtectOptions): void {
  api.config.use(logFailures(options.logger));
  api.config.use(
    autoRetry({ maxRetryAttempts: MAX_RETRY_ATTEMPTS, maxDelaySeconds: MAX_RETRY_DELAY_SECONDS }),
  );
  api.config.use(apiThrottler(options.throttle));
}

/** Logs failed calls with the method and Telegram's description; grammY's messages never contain the token. */
function logFailures(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) {
        logger.warn("Telegram request failed", {
          method,
          code: result.error_code,
          description: result.description,
          retryAfter: result.parameters?.retry_after,
        });
      }
      return result;
    } catch (error) {
      // Stopping aborts the long poll on purpose; that is not worth a warning.
      const level = signal?.aborted ? "debug" : "warn";
      logger[level]("Telegram request failed", { method, error: describeError(error) });
      throw error;
    }
  };
}
