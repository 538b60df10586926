import type { Composer, Context } from "grammy";
import type { SubscriptionDesk } from "../ports/daily.ts";
import type { TelegramCommand, TelegramCommandInput } from "./commands.ts";
import { telegramText } from "./texts.ts";

/** The user id Telegram shows for an anonymous group administrator; only administrators can post that way. */
const ANONYMOUS_ADMIN_ID = 1087968824;
const ADMIN_STATUSES = new Set(["creator", "administrator"]);

/**
 * /subscribe and /unsubscribe for the daily summary: Telegram decides who may ask (in groups only
 * administrators, checked with getChatMember), the desk stores the request and words the answer.
 */
export function subscribeCommands(desk: SubscriptionDesk): TelegramCommand[] {
  const guarded =
    (action: "subscribe" | "unsubscribe"): TelegramCommand["handle"] =>
    async (input) => {
      const group = input.chatType === "group" || input.chatType === "supergroup";
      if (group && !(await isAdministrator(input))) return telegramText(input.language, "adminsOnly");
      return desk[action]({
        platform: "telegram",
        recipient: String(input.chatId),
        language: input.language,
      });
    };
  return [
    {
      name: "subscribe",
      description: (language) => telegramText(language, "cmdSubscribe"),
      handle: guarded("subscribe"),
    },
    {
      name: "unsubscribe",
      description: (language) => telegramText(language, "cmdUnsubscribe"),
      handle: guarded("unsubscribe"),
    },
  ];
}

/**
 * Watches the bot's own membership (my_chat_member): removed from a group or blocked in a private chat, the chat
 * is marked gone at once rather than at the next summary; added back, it may get static summaries again.
 */
export function watchMembership(composer: Composer<Context>, desk: SubscriptionDesk): void {
  composer.on("my_chat_member", async (ctx, next) => {
    const chat = String(ctx.myChatMember.chat.id);
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "left" || status === "kicked") await desk.markGone("telegram", chat, `bot ${status}`);
    else await desk.clearGone("telegram", chat);
    await next();
  });
}

async function isAdministrator(input: TelegramCommandInput): Promise<boolean> {
  if (input.userId === undefined || input.userId === ANONYMOUS_ADMIN_ID) return true;
  const member = await input.api.getChatMember(input.chatId, input.userId);
  return ADMIN_STATUSES.has(member.status);
}
