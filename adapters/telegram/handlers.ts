import { Composer, type Context } from "grammy";
import type { Message } from "grammy/types";
import {
  commandRequest,
  isCommandName,
  type NewsBot,
  type Request,
  type Requester,
  type UiLanguage,
  uiLanguage,
} from "../../src/index.ts";
import { readTelegramInput } from "./addressing.ts";
import { type CallbackAction, decodeCallbackData, findArticle } from "./callback-data.ts";
import type { TelegramCommand } from "./commands.ts";
import { INLINE_CACHE_SECONDS, inlineResults } from "./inline.ts";
import { sendTelegramReply, sendTelegramText, type TelegramTarget } from "./send.ts";
import { telegramText } from "./texts.ts";

/** Options for {@link createHandlers}. */
export interface HandlerOptions {
  bot: NewsBot;
  /** Extra commands, checked before the core's. */
  commands: TelegramCommand[];
}

/** Who asks, for the core's per-conversation article choice, per-person limit and UI language. */
type Asker = Requester & { language: UiLanguage };

/** The bot's update handlers: messages (private chats and the group rules), button taps and inline queries. */
export function createHandlers(options: HandlerOptions): Composer<Context> {
  const { bot } = options;
  const extra = new Map(options.commands.map((command) => [command.name, command]));
  const isKnownCommand = (name: string) => isCommandName(name) || extra.has(name);
  const composer = new Composer<Context>();

  composer.on("message", async (ctx) => {
    const message = ctx.message;
    const input = readTelegramInput(message, ctx.me, isKnownCommand);
    if (input === null) return;
    const language = uiLanguage(ctx.from?.language_code);
    const target = replyTarget(message);
    const handler = input.kind === "command" ? extra.get(input.name) : undefined;
    if (input.kind === "command" && handler) {
      const answer = await handler.handle({
        chatId: message.chat.id,
        chatType: message.chat.type,
        userId: ctx.from?.id,
        language,
        args: input.args,
        api: ctx.api,
      });
      await sendTelegramText(ctx.api, target, answer);
      return;
    }
    const request: Request =
      input.kind === "command"
        ? commandRequest(input.name, input.args)
        : { kind: "question", text: input.text };
    const reply = await bot.handle(request, asker(message.chat.id, ctx.from?.id, language));
    await sendTelegramReply(ctx.api, target, reply, language);
  });

  composer.on("callback_query:data", async (ctx) => {
    // Answer first: the button's spinner stops at once, whatever follows. A tap from before a restart may be
    // too old to answer; it still gets its reply.
    await ctx.answerCallbackQuery().catch(() => undefined);
    const action = decodeCallbackData(ctx.callbackQuery.data);
    const chat = ctx.chat;
    if (!action || !chat) return;
    const language = uiLanguage(ctx.from.language_code);
    const who = asker(chat.id, ctx.from.id, language);
    const reply = await bot.handle(actionRequest(bot, action, language), who);
    const source = ctx.callbackQuery.message;
    const inTopic = source && "is_topic_message" in source && source.is_topic_message;
    await sendTelegramReply(
      ctx.api,
      inTopic && source.message_thread_id !== undefined
        ? { chatId: chat.id, threadId: source.message_thread_id }
        : { chatId: chat.id },
      reply,
      language,
    );
  });

  composer.on("inline_query", async (ctx) => {
    const language = uiLanguage(ctx.from.language_code);
    await ctx.answerInlineQuery(inlineResults(bot, ctx.inlineQuery.query), {
      cache_time: INLINE_CACHE_SECONDS,
      button: { text: telegramText(language, "inlineButton"), start_parameter: "inline" },
    });
  });

  return composer;
}

function asker(chatId: number, userId: number | undefined, language: UiLanguage): Asker {
  return userId === undefined
    ? { conversationId: `telegram:${chatId}`, language }
    : { conversationId: `telegram:${chatId}`, userId: String(userId), language };
}

/**
 * What a button asks the core for, by article id; a button from an older version of the content names an
 * article that is gone, which the core answers as unknown.
 */
function actionRequest(bot: NewsBot, action: CallbackAction, language: UiLanguage): Request {
  switch (action.kind) {
    case "example": {
      const help = bot.help(language);
      const question = help.kind === "help" ? help.examples[action.index] : undefined;
      return question === undefined
        ? { kind: "command", name: "help", args: "" }
        : { kind: "question", text: question };
    }
    case "section": {
      const article = findArticle(action.articleKey, bot.articles());
      return { kind: "section", articleId: article?.id ?? action.articleKey, index: action.index };
    }
    case "article": {
      if (action.articleKey === null) return { kind: "choose-article", articleId: null };
      const article = findArticle(action.articleKey, bot.articles());
      return { kind: "choose-article", articleId: article?.id ?? action.articleKey };
    }
  }
}

/** Private chats get plain answers; in groups the bot quotes the message it answers, in its forum topic. */
function replyTarget(message: Message): TelegramTarget {
  if (message.chat.type === "private") return { chatId: message.chat.id };
  const target: TelegramTarget = { chatId: message.chat.id, replyTo: message.message_id };
  if (message.is_topic_message && message.message_thread_id !== undefined) {
    target.threadId = message.message_thread_id;
  }
  return target;
}
