import { type Api, type Composer, type Context, GrammyError, HttpError } from "grammy";
import { type DigestArticle, describeError, t, type UiLanguage } from "../../src/index.ts";
import type { TelegramCommand } from "../telegram/commands.ts";
import { escapeHtml as esc, splitHtml, tag } from "../telegram/html.ts";
import { type InlineKeyboard, replyKeyboard } from "../telegram/keyboards.ts";
import { renderTelegramReply, TELEGRAM_MESSAGE_LIMIT } from "../telegram/render.ts";
import { sendTelegramMessage, TelegramBlockedError } from "../telegram/send.ts";
import { type DigestMarkup, digestText } from "./render-digest.ts";
import type { DailySender, SendFailure } from "./sender.ts";
import { type SubscribeContext, subscribeAnswer, unsubscribeAnswer } from "./subscribe-commands.ts";

/** Telegram's broadcast limit: about 30 messages a second over all chats. */
export const TELEGRAM_GLOBAL_RATE = 30;
/** Telegram's limit per group: 20 messages a minute. */
const GROUP_INTERVAL_MS = 3_000;
/** Telegram's advice per private chat: about one message a second. */
const PRIVATE_INTERVAL_MS = 1_000;
/** The user id Telegram shows for an anonymous group administrator; only administrators can post that way. */
const ANONYMOUS_ADMIN_ID = 1087968824;
const ADMIN_STATUSES = new Set(["creator", "administrator"]);

/** One Telegram message of the daily summary: HTML, and the section buttons under the last part. */
export interface TelegramDigestPart {
  html: string;
  keyboard?: InlineKeyboard;
}

/** Options for {@link createTelegramSender}. */
export interface TelegramSenderOptions {
  api: Api;
  /** Messages per second over all chats; default {@link TELEGRAM_GLOBAL_RATE}. */
  globalRate?: number;
}

const TELEGRAM_MARKUP: DigestMarkup = {
  escape: esc,
  heading: (text) => tag("b", esc(text)),
  article: articleHtml,
  askPrefix: "/ask ",
};

/** The daily summary's Telegram sender: HTML parts within Telegram's limit, its rates, its errors. */
export function createTelegramSender(options: TelegramSenderOptions): DailySender<TelegramDigestPart> {
  return {
    platform: "telegram",
    globalRate: options.globalRate ?? TELEGRAM_GLOBAL_RATE,
    // Group and channel ids are negative.
    recipientIntervalMs: (chatId) => (chatId.startsWith("-") ? GROUP_INTERVAL_MS : PRIVATE_INTERVAL_MS),
    render(digest, context) {
      const parts = splitHtml(digestText(digest, context, TELEGRAM_MARKUP), TELEGRAM_MESSAGE_LIMIT);
      const keyboard = replyKeyboard({ kind: "summary", ...digest.newest }, context.language);
      return parts.map((html, index) =>
        keyboard && index === parts.length - 1 ? { html, keyboard } : { html },
      );
    },
    async send(chatId, part) {
      await sendTelegramMessage(
        options.api,
        // Numeric ids go out as numbers, as Telegram gives them; "@channelname" stays a string.
        { chatId: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId },
        part.keyboard ? { parts: [part.html], keyboard: part.keyboard } : { parts: [part.html] },
      );
    },
    classify: classifyTelegramError,
    describe: (part) => `${part.html.length} characters`,
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
      return { kind: "platform", reason: `${error.error_code} ${error.description}` };
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

/** Options for {@link telegramSubscribeCommands}. */
export interface TelegramSubscribeOptions extends SubscribeContext {
  /** Checks group membership with getChatMember. */
  api: Api;
}

/** /subscribe and /unsubscribe for the Telegram adapter; in groups only administrators may use them. */
export function telegramSubscribeCommands(options: TelegramSubscribeOptions): TelegramCommand[] {
  const guarded =
    (answer: typeof subscribeAnswer): TelegramCommand["handle"] =>
    async (input) => {
      const group = input.chatType === "group" || input.chatType === "supergroup";
      if (group && !(await isAdministrator(options.api, input.chatId, input.userId))) {
        return t(input.language, "adminsOnly");
      }
      return answer(options, {
        platform: "telegram",
        recipient: String(input.chatId),
        language: input.language,
      });
    };
  return [
    {
      name: "subscribe",
      description: (language) => t(language, "cmdSubscribe"),
      handle: guarded(subscribeAnswer),
    },
    {
      name: "unsubscribe",
      description: (language) => t(language, "cmdUnsubscribe"),
      handle: guarded(unsubscribeAnswer),
    },
  ];
}

/**
 * Watches the bot's own membership (my_chat_member): removed from a group or blocked in a private chat, the chat
 * is marked gone at once rather than at the next summary; added back, it may get static summaries again.
 */
export function watchMembership(
  composer: Composer<Context>,
  context: Pick<SubscribeContext, "store" | "now">,
): void {
  composer.on("my_chat_member", async (ctx, next) => {
    const chat = String(ctx.myChatMember.chat.id);
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "left" || status === "kicked") {
      context.store.subscriptions.markGone("telegram", chat, { reason: `bot ${status}`, now: context.now() });
    } else {
      context.store.subscriptions.clearGone("telegram", chat);
    }
    await next();
  });
}

async function isAdministrator(api: Api, chatId: number, userId: number | undefined): Promise<boolean> {
  if (userId === undefined || userId === ANONYMOUS_ADMIN_ID) return true;
  const member = await api.getChatMember(chatId, userId);
  return ADMIN_STATUSES.has(member.status);
}

/**
 * One article exactly as the bot answers /summary. Only the newest article's sections are listed: they are the
 * buttons under the message; an added article's would be a label without buttons.
 */
function articleHtml(article: DigestArticle, context: { language: UiLanguage }, newest: boolean): string {
  const reply = { kind: "summary" as const, ...article, sections: newest ? article.sections : [] };
  return renderTelegramReply(reply, context.language).parts.join("\n\n");
}
