import { webApi } from "@slack/bolt";
import type { Logger, LogLevel } from "../../src/index.ts";
import { createBoltLogger } from "./bolt-logger.ts";
import type { SlackSettings } from "./settings.ts";

/**
 * Retries for Web API calls: a 429 waits its Retry-After, then retries; network errors and 5xx back off from
 * half a second. Three retries keep an answer from waiting minutes (Slack's default policy retries for 30).
 */
export const SLACK_RETRY_POLICY: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 10_000,
  randomize: true,
};
/** A Web API request that takes longer than this fails (and may be retried). */
export const SLACK_REQUEST_TIMEOUT_MS = 10_000;
/** Lookups that only improve an answer (the person's language) get this long, once. */
export const SLACK_LOOKUP_TIMEOUT_MS = 2_000;

/** Web API client settings for the bot: the API URL from the config, the retry policy, the app's logger. */
export function slackClientOptions(
  config: SlackSettings,
  logger: Logger,
  level: LogLevel = "info",
): webApi.WebClientOptions {
  return {
    slackApiUrl: config.apiUrl,
    retryConfig: SLACK_RETRY_POLICY,
    timeout: SLACK_REQUEST_TIMEOUT_MS,
    logger: createBoltLogger(logger, level),
  };
}

/** A Web API client with the bot token and Slack's retry policy (429s waited out), for posting outside a request. */
export function createSlackClient(
  config: SlackSettings,
  logger: Logger,
  level: LogLevel = "info",
): webApi.WebClient {
  return new webApi.WebClient(config.botToken, slackClientOptions(config, logger, level));
}

/**
 * A Web API client that fails fast: no retries, and a 429 rejects with its Retry-After instead of being waited
 * out inside the client, so the caller decides (a lookup does without; the daily summary pauses the platform).
 */
export function createFailFastClient(
  config: SlackSettings,
  logger: Logger,
  options: { timeoutMs: number; level?: LogLevel },
): webApi.WebClient {
  return new webApi.WebClient(config.botToken, {
    ...slackClientOptions(config, logger, options.level ?? "info"),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs,
  });
}

/** The `error` of a Web API call that Slack answered with `ok: false`, such as "channel_not_found". */
export function platformErrorOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === webApi.ErrorCode.PlatformError && typeof data?.error === "string" ? data.error : undefined;
}
