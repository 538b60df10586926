import { Composer, type Context } from "grammy";
import type { Message } from "grammy/types";
import {
  isCommandName,
  type NewsBot,
  type Reply,
  splitCommand,
  t,
  type UiLanguage,
  uiLanguage,
} from "../../src/index.ts";
import { addressedText } from "./addressing.ts";
import { type CallbackAction, decodeCallbackData, findArticle } from "./callback-data.ts";
import type { TelegramCommand } from "./commands.ts";
import { INLINE_CACHE_SECONDS, inlineResults } from "./inline.ts";
import { sendTelegramReply, sendTelegramText, type TelegramTarget } from "./send.ts";

/** Options for {@link createHandlers}. */
export interface HandlerOptions {
  bot: NewsBot;
  /** Extra commands, checked before the core's. */
  commands: TelegramCommand[];
}

/** Who asks, for the core's per-conversation article choice, per-person limit and UI language. */
interface Asker {
  conversationId: string;
  userId?: string;
  language: UiLanguage;
}

/** The bot's update handlers: messages (private chats and the group rules), button taps and inline queries. */
export function createHandlers(options: HandlerOptions): Composer<Context> {
  const { bot } = options;
  const extra = new Map(options.commands.map((command) => [command.name, command]));
  const isKnownCommand = (name: string) => isCommandName(name) || extra.has(name);
  const composer = new Composer<Context>();

  composer.on("message", async (ctx) => {
    const message = ctx.message;
    const text = addressedText(message, ctx.me, isKnownCommand);
    if (text === null) return;
    const language = uiLanguage(ctx.from?.language_code);
    const target = replyTarget(message);
    const command = splitCommand(text);
    const handler = command ? extra.get(command.name) : undefined;
    if (command && handler) {
      const answer = await handler.handle({
        chatId: message.chat.id,
        chatType: message.chat.type,
        userId: ctx.from?.id,
        language,
        args: command.args,
      });
      await sendTelegramText(ctx.api, target, answer);
      return;
    }
    const reply = bot.handle({ text, ...asker(message.chat.id, ctx.from?.id, language) });
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
    const reply = actionReply(bot, action, asker(chat.id, ctx.from.id, language));
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
      button: { text: t(language, "inlineButton"), start_parameter: "inline" },
    });
  });

  return composer;
}

function asker(chatId: number, userId: number | undefined, language: UiLanguage): Asker {
  return userId === undefined
    ? { conversationId: String(chatId), language }
    : { conversationId: String(chatId), userId: String(userId), language };
}

/** What a button asks the core; a button from an older version of the content gets a polite error. */
function actionReply(bot: NewsBot, action: CallbackAction, who: Asker): Reply {
  switch (action.kind) {
    case "example": {
      const help = bot.help(who.language);
      const question = help.kind === "help" ? help.examples[action.index] : undefined;
      return question === undefined ? help : bot.handle({ text: question, ...who });
    }
    case "section": {
      const article = findArticle(action.articleKey, bot.articles());
      return article ? bot.section(article.id, action.index) : { kind: "error", code: "unknown-section" };
    }
    case "article": {
      if (action.articleKey === null) return bot.handle({ text: "/article all", ...who });
      const articles = bot.articles();
      const article = findArticle(action.articleKey, articles);
      // By position: the core reads an all-digit argument as a position, whatever the id looks like.
      return article
        ? bot.handle({ text: `/article ${articles.indexOf(article) + 1}`, ...who })
        : { kind: "error", code: "unknown-article" };
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
