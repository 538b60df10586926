import type { IncomingMessage } from "node:http";
import type { Update, UserFromGetMe } from "grammy/types";
import { parseTelegramHtml } from "./fake-telegram-html.ts";
import { chat } from "./fake-telegram-updates.ts";

/** Telegram's limits, enforced like the real server does. */
const MESSAGE_LIMIT = 4096;
const CALLBACK_DATA_LIMIT = 64;
const KEYBOARD_BUTTON_LIMIT = 100;
const INLINE_RESULT_LIMIT = 50;

/** The fake server's state that the methods read and change. */
export interface FakeState {
  me: UserFromGetMe;
  /** Updates not yet confirmed by a getUpdates offset. */
  updates: Update[];
  /** Waiting long polls; each is called when an update arrives or the server stops. */
  pollers: Set<() => void>;
  /** Ends each waiting long poll with 409, as Telegram does when a second getUpdates arrives. */
  conflicts: Set<() => void>;
  nextUpdateId: number;
  nextMessageId: number;
  webhook?: { url: string; secret_token?: string };
  stopped?: boolean;
  /** Member statuses by `chatId:userId`, for getChatMember; anyone else is a plain member. */
  members: Map<string, string>;
}

type Payload = Record<string, unknown>;
type Method = (payload: Payload, request: IncomingMessage) => unknown;

/** The Bot API methods the fake implements; a method answers its result or throws an ApiError object. */
export function createMethods(state: FakeState): Record<string, Method> {
  return {
    getMe: () => state.me,
    getUpdates: (payload, request) => getUpdates(state, payload, request),
    sendMessage: (payload) => ({
      message_id: state.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chat(Number(required(payload, "chat_id"))),
      from: { id: state.me.id, is_bot: true, first_name: state.me.first_name, username: state.me.username },
      text: messageText(payload.text, payload.parse_mode),
      ...(payload.reply_markup ? { reply_markup: keyboard(payload.reply_markup) } : {}),
    }),
    answerCallbackQuery: (payload) => Boolean(required(payload, "callback_query_id")),
    answerInlineQuery: (payload) => {
      required(payload, "inline_query_id");
      inlineResults(payload.results);
      return true;
    },
    setMyCommands: (payload) => {
      botCommands(payload.commands);
      return true;
    },
    deleteMyCommands: () => true,
    getChatMember: (payload) => {
      const userId = Number(required(payload, "user_id"));
      const status = state.members.get(`${required(payload, "chat_id")}:${userId}`) ?? "member";
      return { status, user: { id: userId, is_bot: false, first_name: "Member" } };
    },
    sendChatAction: () => true,
    setWebhook: (payload) => {
      const url = String(required(payload, "url"));
      state.webhook =
        typeof payload.secret_token === "string" ? { url, secret_token: payload.secret_token } : { url };
      return true;
    },
    deleteWebhook: (payload) => {
      delete state.webhook;
      if (payload.drop_pending_updates === true) state.updates = [];
      return true;
    },
    getWebhookInfo: () => ({
      url: state.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: state.updates.length,
    }),
  };
}

function getUpdates(
  state: FakeState,
  payload: Payload,
  request: IncomingMessage,
): Update[] | Promise<Update[]> {
  if (state.webhook) {
    throw apiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  // Telegram lets one poller in: a new getUpdates ends the one waiting with 409 Conflict.
  for (const conflict of [...state.conflicts]) conflict();
  const offset = Number(payload.offset ?? 0);
  const limit = Number(payload.limit ?? 100);
  const timeout = Number(payload.timeout ?? 0);
  const allowed = Array.isArray(payload.allowed_updates) ? (payload.allowed_updates as string[]) : [];
  // An offset confirms every update before it; updates of kinds the bot did not ask for are never delivered.
  state.updates = state.updates.filter(
    (update) =>
      update.update_id >= offset &&
      (allowed.length === 0 || Object.keys(update).some((key) => allowed.includes(key))),
  );
  const ready = () => state.updates.slice(0, limit);
  if (ready().length > 0 || timeout <= 0 || state.stopped) return ready();
  return new Promise((resolve, reject) => {
    const socket = request.socket;
    const forget = () => {
      clearTimeout(timer);
      state.pollers.delete(wake);
      state.conflicts.delete(conflict);
      socket.off("close", finish);
    };
    const finish = () => {
      forget();
      resolve(ready());
    };
    const conflict = () => {
      forget();
      reject(
        apiError(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        ),
      );
    };
    state.conflicts.add(conflict);
    const wake = () => {
      if (ready().length > 0 || state.stopped) finish();
    };
    const timer = setTimeout(finish, timeout * 1000);
    state.pollers.add(wake);
    // The bot aborts its long poll when it stops; forget the poll then.
    socket.once("close", finish);
  });
}

/** The visible text of a message, validated like Telegram: parsable HTML, 1–4096 characters. */
export function messageText(text: unknown, parseMode: unknown): string {
  if (typeof text !== "string") throw apiError(400, "Bad Request: message text is empty");
  let visible = text;
  if (parseMode === "HTML") {
    try {
      visible = parseTelegramHtml(text);
    } catch (error) {
      throw apiError(400, (error as Error).message);
    }
  }
  if (visible.trim() === "") throw apiError(400, "Bad Request: message text is empty");
  if (visible.length > MESSAGE_LIMIT) throw apiError(400, "Bad Request: message is too long");
  return visible;
}

function keyboard(markup: unknown): unknown {
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows)) return markup;
  const buttons = rows.flat() as { text?: unknown; callback_data?: unknown }[];
  if (buttons.length > KEYBOARD_BUTTON_LIMIT) throw apiError(400, "Bad Request: too many buttons");
  for (const button of buttons) {
    if (typeof button.text !== "string" || button.text === "")
      throw apiError(400, "Bad Request: BUTTON_TEXT_EMPTY");
    const data = button.callback_data;
    if (data !== undefined) {
      const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
      if (bytes < 1 || bytes > CALLBACK_DATA_LIMIT) throw apiError(400, "Bad Request: BUTTON_DATA_INVALID");
    }
  }
  return markup;
}

function inlineResults(results: unknown): void {
  if (!Array.isArray(results) || results.length > INLINE_RESULT_LIMIT) {
    throw apiError(400, "Bad Request: RESULTS_TOO_MUCH");
  }
  const ids = new Set<string>();
  for (const result of results as { id?: unknown; title?: unknown; input_message_content?: Payload }[]) {
    const id = String(result.id ?? "");
    if (id === "" || Buffer.byteLength(id) > 64 || ids.has(id))
      throw apiError(400, "Bad Request: RESULT_ID_INVALID");
    ids.add(id);
    if (typeof result.title !== "string" || result.title === "")
      throw apiError(400, "Bad Request: RESULT_TITLE_EMPTY");
    const content = result.input_message_content ?? {};
    messageText(content.message_text, content.parse_mode);
  }
}

function botCommands(commands: unknown): void {
  if (!Array.isArray(commands) || commands.length > 100)
    throw apiError(400, "Bad Request: BOT_COMMANDS_TOO_MUCH");
  for (const command of commands as { command?: unknown; description?: unknown }[]) {
    if (typeof command.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
      throw apiError(400, "Bad Request: BOT_COMMAND_INVALID");
    }
    const description = typeof command.description === "string" ? command.description : "";
    if (description.length < 1 || description.length > 256) {
      throw apiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
}

function required(payload: Payload, field: string): unknown {
  const value = payload[field];
  if (value === undefined || value === null || value === "")
    throw apiError(400, `Bad Request: ${field} is empty`);
  return value;
}

function apiError(error_code: number, description: string): { error_code: number; description: string } {
  return { error_code, description };
}
