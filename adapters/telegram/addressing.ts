import type { Message, MessageEntity } from "grammy/types";
import { splitCommand } from "../../src/index.ts";

/** Message kinds without text that still deserve an answer in a private chat (a hint how to ask). */
const MEDIA_KEYS = ["sticker", "photo", "voice", "video", "video_note", "animation", "audio", "document"];

/** Who the bot is, as the addressing rules need it (grammY's `ctx.me`). */
export interface BotIdentity {
  id: number;
  username: string;
}

/**
 * The text of a message the bot should answer, or null when it should stay quiet. In a private chat every
 * message is for the bot (media without a caption gives "", which the core answers with a hint). In groups
 * only commands the bot knows or that name it (`/ask@BotName`), messages that mention it (the mention is
 * removed) and replies to its own messages are, so it works with privacy mode on and never floods a group.
 */
export function addressedText(
  message: Message,
  me: BotIdentity,
  isKnownCommand: (name: string) => boolean,
): string | null {
  const text = message.text ?? message.caption;
  if (message.chat.type === "private") {
    if (text !== undefined) return text;
    return MEDIA_KEYS.some((key) => key in message) ? "" : null;
  }
  if ((message.chat.type !== "group" && message.chat.type !== "supergroup") || text === undefined)
    return null;
  const command = splitCommand(text);
  if (command) {
    if (command.botName !== undefined) return sameName(command.botName, me.username) ? text : null;
    return isKnownCommand(command.name) ? text : null;
  }
  const entities = message.entities ?? message.caption_entities ?? [];
  const mentions = entities.filter((entity) => mentionsBot(entity, text, me));
  if (mentions.length > 0) return removeRanges(text, mentions);
  if (message.reply_to_message?.from?.id === me.id) return text;
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
