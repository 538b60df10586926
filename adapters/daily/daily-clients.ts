import type { webApi } from "@slack/bolt";
import { Api } from "grammy";
import type { Logger, LogLevel } from "../../src/index.ts";
import type { SlackSettings } from "../slack/settings.ts";
import { createFailFastClient } from "../slack/slack-client.ts";
import type { TelegramSettings } from "../telegram/settings.ts";

/**
 * One request of the daily summary gives up after this long. The delivery retries with back-off and keeps its
 * claim fresh meanwhile, so a slow platform costs time, never a second message.
 */
export const DAILY_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The daily summary's Telegram client: no auto-retry and no throttler, unlike the bot's. The delivery is the one
 * layer that paces messages and handles 429s (pausing the whole platform for retry_after), so neither may be
 * hidden inside a request. Also used for the getChatMember check of /subscribe in groups.
 */
export function createDailyTelegramApi(config: TelegramSettings): Api {
  return new Api(config.token, {
    apiRoot: config.apiRoot,
    timeoutSeconds: DAILY_REQUEST_TIMEOUT_MS / 1000,
  });
}

/** The daily summary's Slack client: fail-fast, so the delivery sees every 429 and pauses the platform. */
export function createDailySlackClient(
  config: SlackSettings,
  logger: Logger,
  level: LogLevel = "info",
): webApi.WebClient {
  return createFailFastClient(config, logger, { timeoutMs: DAILY_REQUEST_TIMEOUT_MS, level });
}
