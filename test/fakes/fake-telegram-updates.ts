import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";

/** An update before the fake server numbers it. */
export type NewUpdate = Omit<Update, "update_id">;

/** Who sends a message: a Telegram user id and the app language of their client. */
export interface Sender {
  id: number;
  /** IETF tag as Telegram sends it, e.g. "de" or "en-GB"; none by default. */
  languageCode?: string;
}

/** Options for {@link textMessage}. */
export interface TextMessageOptions {
  /** Positive for private chats; negative for groups (-100… for supergroups). */
  chatId: number;
  /** Default: private for positive chat ids, supergroup for negative ones. */
  chatType?: "private" | "group" | "supergroup";
  from: Sender;
  text: string;
  /** The message this one answers, e.g. one the bot sent (from a recorded response). */
  replyTo?: Message;
}

let nextMessageId = 1_000;
let nextQueryId = 1;

/** A Telegram user object for a sender. */
export function user(sender: Sender): User {
  return {
    id: sender.id,
    is_bot: false,
    first_name: `User ${sender.id}`,
    ...(sender.languageCode ? { language_code: sender.languageCode } : {}),
  };
}

/** A chat object; the type follows the id's sign unless given. */
export function chat(
  id: number,
  type?: "private" | "group" | "supergroup",
): Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat {
  const kind = type ?? (id > 0 ? "private" : "supergroup");
  if (kind === "private") return { id, type: "private", first_name: `User ${id}` };
  return kind === "group"
    ? { id, type: "group", title: "Test group" }
    : { id, type: "supergroup", title: "Test group" };
}

/**
 * A text message update with the entities Telegram would add: a `bot_command` for a leading /command and a
 * `mention` for every @username.
 */
export function textMessage(options: TextMessageOptions): NewUpdate {
  const message = {
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: chat(options.chatId, options.chatType),
    from: user(options.from),
    text: options.text,
    ...(options.replyTo ? { reply_to_message: withoutReply(options.replyTo) } : {}),
  };
  const entities = entitiesOf(options.text);
  return { message: entities.length > 0 ? { ...message, entities } : message };
}

/** A tap on an inline button under one of the bot's messages. */
export function callbackQuery(options: { from: Sender; data: string; message: Message }): NewUpdate {
  return {
    callback_query: {
      id: `cq-${nextQueryId++}`,
      from: user(options.from),
      chat_instance: `instance-${options.message.chat.id}`,
      data: options.data,
      message: options.message,
    },
  };
}

/** An inline query: someone typed "@BotName <query>" in any chat. */
export function inlineQuery(options: { from: Sender; query: string }): NewUpdate {
  return {
    inline_query: { id: `iq-${nextQueryId++}`, from: user(options.from), query: options.query, offset: "" },
  };
}

/** Telegram never nests replies: the message replied to comes without its own reply_to_message. */
function withoutReply(message: Message): NonNullable<Message["reply_to_message"]> {
  const { reply_to_message: _nested, ...rest } = message;
  return rest as NonNullable<Message["reply_to_message"]>;
}

function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(?:@\w+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/(?<![\w@])@\w{5,32}/g)) {
    entities.push({ type: "mention", offset: mention.index ?? 0, length: mention[0].length });
  }
  return entities;
}
