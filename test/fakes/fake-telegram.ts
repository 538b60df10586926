/**
 * A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests, on the shared loopback base: point grammY at
 * `apiRoot` (or set TELEGRAM_API_ROOT) and use `token`. It records every request, serves queued updates to
 * getUpdates (long polling included), answers the methods the bots call, validates messages like Telegram does
 * (HTML parse mode, 4,096 characters, callback data of 64 bytes) and fails or holds calls on demand. A failure
 * with `parameters.retry_after` keeps that method answering 429 for that chat until the time is up, as
 * Telegram's flood control does (see retry-windows.ts).
 *
 *   const telegram = await startFakeTelegram();
 *   telegram.pushUpdate(textMessage({ chatId: 42, from: { id: 42 }, text: "Wer ist …?" }));
 *   const [answer] = await telegram.waitFor("sendMessage");
 *   telegram.fail("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
 *   await telegram.stop();
 */
import type { Update, UserFromGetMe } from "grammy/types";
import { createMethods, type FakeState } from "./fake-telegram-methods.ts";
import type { NewUpdate } from "./fake-telegram-updates.ts";
import { type LoopbackCall, type LoopbackServer, startLoopbackServer } from "./loopback-server.ts";
import { createRetryWindows } from "./retry-windows.ts";

export * from "./fake-telegram-updates.ts";

/** A Bot API error, as Telegram sends it (`parameters.retry_after` with 429). */
export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** What the server answered. */
export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & ApiError);

/** One request the bot made; `response` is set once answered (a long poll answers later, a held call never). */
export interface TelegramCall extends LoopbackCall {
  response?: ApiResponse;
}

/** Options for {@link startFakeTelegram}. */
export interface FakeTelegramOptions {
  /** Default a valid-looking token, 123456789:AA…. */
  token?: string;
  /** Default "NewsTestBot". */
  username?: string;
  /**
   * Flood control on sendMessage like Telegram's: at most this many accepted messages in any second for the
   * token, and one a second per chat; beyond, 429 with retry_after. Off by default.
   */
  messagesPerSecond?: number;
}

/**
 * A running fake Bot API server: the shared verbs (`calls`, `waitFor`, `fail` with an {@link ApiError}, `hold`,
 * `reset`, `stop`) plus Telegram's own. A getUpdates counts for `waitFor` as soon as it arrives, since a long
 * poll is answered only when updates come; other calls once answered.
 */
export interface FakeTelegram extends LoopbackServer<TelegramCall, ApiError> {
  /** Base URL for grammY's `client.apiRoot` / TELEGRAM_API_ROOT, e.g. http://127.0.0.1:40123. */
  apiRoot: string;
  token: string;
  /** What getMe returns. */
  me: UserFromGetMe;
  /** When each sendMessage was accepted (ms, performance.now()), and how many were refused by flood control. */
  flood(): { acceptedAt: number[]; refused: number };
  /** Queues an update for getUpdates and returns its update_id. */
  pushUpdate(update: NewUpdate): number;
  /** The webhook set with setWebhook, if any. */
  webhook(): { url: string; secret_token?: string } | undefined;
  /** Sets a user's status in a chat for getChatMember; everyone else is a plain member. */
  setMember(chatId: number, userId: number, status: "creator" | "administrator" | "member"): void;
}

const DEFAULT_TOKEN = "123456789:AAFakeTokenForLoopbackTestsOnly_0123456";

/** Matches the calls of a method that Telegram answered with `ok: true`. */
export function succeeded(method: string): (call: TelegramCall) => boolean {
  return (call) => call.method === method && call.response?.ok === true;
}

/** The payloads of calls, typed as the test reads them. */
export function payloads<T = Record<string, unknown>>(calls: readonly TelegramCall[]): T[] {
  return calls.map((call) => call.payload as T);
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? DEFAULT_TOKEN;
  const state: FakeState = {
    me: {
      id: Number(token.split(":")[0]),
      is_bot: true,
      first_name: "News Test Bot",
      username: options.username ?? "NewsTestBot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
    updates: [],
    pollers: new Set(),
    conflicts: new Set(),
    nextUpdateId: 1,
    nextMessageId: 1,
    members: new Map(),
  };
  const methods = createMethods(state);
  const windows = createRetryWindows();
  /** A queued failure, or Telegram's own 429 while the chat's retry_after has not passed. */
  const failureFor = (call: TelegramCall, queued: ApiError | undefined): ApiError | undefined => {
    const key = `${call.method}:${String(call.payload.chat_id ?? "")}`;
    const retryAfter = queued?.parameters?.retry_after;
    if (retryAfter !== undefined) windows.open(key, retryAfter);
    if (queued) return queued;
    const seconds = windows.secondsLeft(key);
    if (seconds === undefined) return undefined;
    const description = `Too Many Requests: retry after ${seconds}`;
    return { error_code: 429, description, parameters: { retry_after: seconds } };
  };
  const acceptedAt: number[] = [];
  const chatLast = new Map<string, number>();
  let refused = 0;
  /** Telegram's flood control, when asked for: the token's rate over a sliding second, one a second per chat. */
  const flooded = (call: TelegramCall): ApiError | undefined => {
    const limit = options.messagesPerSecond;
    if (limit === undefined || call.method !== "sendMessage") return undefined;
    const now = performance.now();
    const chatKey = String(call.payload.chat_id ?? "");
    let inWindow = 0;
    for (let i = acceptedAt.length - 1; i >= 0 && (acceptedAt[i] as number) > now - 1000; i--) inWindow += 1;
    if (inWindow >= limit || now - (chatLast.get(chatKey) ?? Number.NEGATIVE_INFINITY) < 1000) {
      refused += 1;
      return {
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      };
    }
    acceptedAt.push(now);
    chatLast.set(chatKey, now);
    return undefined;
  };
  const wakePollers = () => {
    for (const poller of [...state.pollers]) poller();
  };

  const base = await startLoopbackServer<TelegramCall, ApiError>({
    name: "Fake Telegram",
    counts: (call) => call.response !== undefined || call.held === true || call.method === "getUpdates",
    beforeStop() {
      state.stopped = true;
      wakePollers();
    },
    async handle({ request, url, body, respond }, { record, takeFailure }) {
      const send = (response: ApiResponse) => respond(response.ok ? 200 : response.error_code, response);
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
      if (!match || match[1] !== token)
        return send({ ok: false, error_code: 401, description: "Unauthorized" });
      const payload = parseJson(body);
      if (!payload) return send({ ok: false, error_code: 400, description: "Bad Request: invalid JSON" });
      const call: TelegramCall = { method: match[2] ?? "", payload };
      if (record(call).held) return;
      const failure = failureFor(call, takeFailure(call.method)) ?? flooded(call);
      const handler = methods[call.method];
      let response: ApiResponse;
      if (failure) response = { ok: false, ...failure };
      else if (!handler)
        response = { ok: false, error_code: 404, description: "Not Found: method not found" };
      else {
        try {
          response = { ok: true, result: await handler(payload, request) };
        } catch (error) {
          response = isApiError(error)
            ? { ok: false, ...error }
            : { ok: false, error_code: 400, description: `Bad Request: ${String(error)}` };
        }
      }
      call.response = response;
      call.status = response.ok ? 200 : response.error_code;
      send(response);
    },
  });

  return {
    ...base,
    apiRoot: base.origin,
    token,
    me: state.me,
    flood: () => ({ acceptedAt: [...acceptedAt], refused }),
    pushUpdate(update) {
      const full = { ...update, update_id: state.nextUpdateId++ } as Update;
      state.updates.push(full);
      wakePollers();
      return full.update_id;
    },
    reset() {
      base.reset();
      windows.clear();
    },
    webhook: () => state.webhook,
    setMember: (chatId, userId, status) => void state.members.set(`${chatId}:${userId}`, status),
  };
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && "error_code" in value && "description" in value;
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    return body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch {
    return undefined;
  }
}
