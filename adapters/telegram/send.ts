import { type Api, GrammyError } from "grammy";
import type { Message } from "grammy/types";
import { NewsBotError, type Reply, type UiLanguage } from "../../src/index.ts";
import { renderTelegramReply, renderTelegramText, type TelegramMessage } from "./render.ts";

/** Where a message goes. */
export interface TelegramTarget {
  chatId: number | string;
  /** Quote this message (groups, so people see whom the bot answers); sent anyway if it is gone. */
  replyTo?: number;
  /** Forum topic of a supergroup. */
  threadId?: number;
}

/**
 * Telegram refused with 403: the person blocked the bot, the bot was removed from the group, or the account
 * is gone. Retrying is pointless; a subscription to this chat should end.
 */
export class TelegramBlockedError extends NewsBotError {
  constructor(
    readonly chatId: number | string,
    readonly description: string,
    options?: { cause?: unknown },
  ) {
    super(
      "PLATFORM",
      `Telegram chat ${chatId} does not accept messages from the bot: ${description}`,
      options,
    );
  }
}

/**
 * Sends rendered messages in order: HTML parse mode, link previews off, the buttons under the last part.
 * Goes through whatever transformers the given api has (the bot's: throttler and auto-retry). A 403 becomes {@link TelegramBlockedError};
 * other failures are grammY's errors.
 */
export async function sendTelegramMessage(
  api: Api,
  target: TelegramTarget,
  message: TelegramMessage,
): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [index, part] of message.parts.entries()) {
    const last = index === message.parts.length - 1;
    try {
      sent.push(
        await api.sendMessage(target.chatId, part, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(target.threadId !== undefined ? { message_thread_id: target.threadId } : {}),
          ...(index === 0 && target.replyTo !== undefined
            ? { reply_parameters: { message_id: target.replyTo, allow_sending_without_reply: true } }
            : {}),
          ...(last && message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 403) {
        throw new TelegramBlockedError(target.chatId, error.description, { cause: error });
      }
      throw error;
    }
  }
  return sent;
}

/** Renders a core reply for Telegram and sends it; see {@link sendTelegramMessage}. */
export function sendTelegramReply(
  api: Api,
  target: TelegramTarget,
  reply: Reply,
  language: UiLanguage,
): Promise<Message.TextMessage[]> {
  return sendTelegramMessage(api, target, renderTelegramReply(reply, language));
}

/** Escapes plain text and sends it; see {@link sendTelegramMessage}. */
export function sendTelegramText(
  api: Api,
  target: TelegramTarget,
  text: string,
): Promise<Message.TextMessage[]> {
  return sendTelegramMessage(api, target, renderTelegramText(text));
}
