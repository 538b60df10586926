import { Api, GrammyError, HttpError } from "grammy";
import { describeError } from "../../src/index.ts";
import type { DigestSender, SendFailure } from "../ports/daily.ts";
import { renderTelegramReply, type TelegramMessage } from "./render.ts";
import { sendTelegramMessage, TelegramBlockedError } from "./send.ts";
import type { TelegramSettings as TelegramConfig } from "./settings.ts";

/** Telegram's broadcast limit: about 30 messages a second over all chats. */
export const TELEGRAM_GLOBAL_RATE = 30;
/** Telegram's limit per group: 20 messages a minute. */
const GROUP_INTERVAL_MS = 3_000;
/** Telegram's advice per private chat: about one message a second. */
const PRIVATE_INTERVAL_MS = 1_000;
/**
 * One request of the daily summary gives up after this long; the delivery retries with back-off, well inside
 * its slot lease.
 */
export const DIGEST_REQUEST_TIMEOUT_MS = 30_000;

/** Options for {@link createTelegramDigestSender}. */
export interface TelegramDigestSenderOptions {
  config: Pick<TelegramConfig, "token" | "apiRoot">;
  /** Messages per second over all chats; default {@link TELEGRAM_GLOBAL_RATE}. */
  globalRate?: number;
}

/**
 * The daily summary's port on Telegram: the digest rendered by render.ts, one message per part, Telegram's
 * rates, and its errors in neutral terms. Its client has no auto-retry and no throttler, unlike the bot's: the
 * delivery is the one layer that paces messages and waits out 429s (pausing every chat for retry_after), so
 * neither may hide inside a request.
 */
export function createTelegramDigestSender(
  options: TelegramDigestSenderOptions,
): DigestSender<TelegramMessage> {
  const api = new Api(options.config.token, {
    apiRoot: options.config.apiRoot,
    timeoutSeconds: DIGEST_REQUEST_TIMEOUT_MS / 1000,
  });
  return {
    platform: "telegram",
    globalRate: options.globalRate ?? TELEGRAM_GLOBAL_RATE,
    // Group and channel ids are negative.
    recipientIntervalMs: (chatId) => (chatId.startsWith("-") ? GROUP_INTERVAL_MS : PRIVATE_INTERVAL_MS),
    render(digest, language) {
      const { parts, keyboard } = renderTelegramReply(digest, language);
      return parts.map((part, index) =>
        keyboard && index === parts.length - 1 ? { parts: [part], keyboard } : { parts: [part] },
      );
    },
    async send(chatId, message) {
      // Numeric ids go out as numbers, as Telegram gives them; "@channelname" stays a string.
      await sendTelegramMessage(api, { chatId: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId }, message);
    },
    classify: classifyTelegramError,
  };
}

/** Maps grammY's errors onto what the delivery does next. */
export function classifyTelegramError(error: unknown): SendFailure {
  if (error instanceof TelegramBlockedError) return { kind: "gone", reason: error.description };
  if (error instanceof GrammyError) {
    if (error.error_code === 429) {
      return { kind: "rate-limited", retryAfterMs: (error.parameters.retry_after ?? 1) * 1000 };
    }
    // A refused token (401; 404 for one Telegram cannot even parse) fails every chat alike.
    if (error.error_code === 401 || error.error_code === 404) {
      return { kind: "token-refused", reason: `${error.error_code} ${error.description}` };
    }
    // A group that became a supergroup: the same chat under a new id.
    const movedTo = error.parameters.migrate_to_chat_id;
    if (movedTo !== undefined) return { kind: "moved", to: String(movedTo), reason: error.description };
    // A deleted chat: nothing will reach it.
    if (/chat not found|upgraded to a supergroup|chat_id is empty/i.test(error.description)) {
      return { kind: "gone", reason: error.description };
    }
    if (error.error_code >= 500) return { kind: "transient", reason: error.description };
    return { kind: "permanent", reason: error.description };
  }
  if (error instanceof HttpError) return { kind: "transient", reason: describeError(error.error) };
  return { kind: "transient", reason: describeError(error) };
}
