import type { Message, MessageEntity } from "grammy/types";

/** Message kinds without text that still deserve an answer in a private chat (a hint how to ask). */
const MEDIA_KEYS = ["sticker", "photo", "voice", "video", "video_note", "animation", "audio", "document"];

/** Who the bot is, as the addressing rules need it (grammY's `ctx.me`). */
export interface BotIdentity {
  id: number;
  username: string;
}

/** What a message says to the bot, read once: a command with the text after it, or text (a question). */
export type TelegramInput = { kind: "command"; name: string; args: string } | { kind: "text"; text: string };

/** "/name", optionally "@BotName" as Telegram appends in groups, then the arguments; names as Telegram allows. */
const COMMAND_SYNTAX = /^\/([A-Za-z0-9_]{1,32})(?:@(\w+))?(?:\s+([\s\S]*))?$/;

/** The parts of a command message, whatever the name: "/ask@NewsBot Wer?" → ask, NewsBot, "Wer?". */
export function splitCommand(text: string): { name: string; botName?: string; args: string } | null {
  const match = COMMAND_SYNTAX.exec(text.trim());
  if (!match) return null;
  const name = (match[1] ?? "").toLowerCase();
  const args = (match[3] ?? "").trim();
  return match[2] ? { name, botName: match[2], args } : { name, args };
}

/**
 * What a message asks of the bot, or null when it should stay quiet. A command addressed to another bot
 * (`/summary@OtherBot`) is never for this one, in a private chat as in a group. Otherwise, in a private chat
 * every message is for the bot (media without a caption gives "", which the core answers with a hint). In
 * groups only commands the bot knows or that name it (`/ask@BotName`), messages that mention it (the mention is
 * removed) and replies to its own messages are, so it works with privacy mode on and never floods a group.
 */
export function readTelegramInput(
  message: Message,
  me: BotIdentity,
  isKnownCommand: (name: string) => boolean,
): TelegramInput | null {
  const chatType = message.chat.type;
  if (chatType !== "private" && chatType !== "group" && chatType !== "supergroup") return null;
  const inPrivate = chatType === "private";
  const text = message.text ?? message.caption;
  const command = text === undefined ? null : splitCommand(text);
  if (command?.botName !== undefined && !sameName(command.botName, me.username)) return null;
  if (command) {
    if (inPrivate || command.botName !== undefined || isKnownCommand(command.name)) {
      return { kind: "command", name: command.name, args: command.args };
    }
    return null;
  }
  if (inPrivate) {
    if (text !== undefined) return { kind: "text", text };
    return MEDIA_KEYS.some((key) => key in message) ? { kind: "text", text: "" } : null;
  }
  if (text === undefined) return null;
  const entities = message.entities ?? message.caption_entities ?? [];
  const mentions = entities.filter((entity) => mentionsBot(entity, text, me));
  if (mentions.length > 0) return { kind: "text", text: removeRanges(text, mentions) };
  if (message.reply_to_message?.from?.id === me.id) return { kind: "text", text };
  return null;
}

function mentionsBot(entity: MessageEntity, text: string, me: BotIdentity): boolean {
  if (entity.type === "text_mention") return entity.user.id === me.id;
  if (entity.type !== "mention") return false;
  return sameName(text.slice(entity.offset + 1, entity.offset + entity.length), me.username);
}

/** Telegram user names are case-insensitive. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Cuts the entities out (offsets are UTF-16 units, as JavaScript strings count) and tidies the spaces. */
function removeRanges(text: string, entities: MessageEntity[]): string {
  let result = text;
  for (const entity of [...entities].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, entity.offset) + result.slice(entity.offset + entity.length);
  }
  return result
    .replace(/[ \t]+/g, " ")
    .replace(/ ([,;:.!?])/g, "$1")
    .replace(/^[\s,:;]+/, "")
    .trim();
}
