/**
 * A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests: point grammY at `apiRoot` (or set
 * TELEGRAM_API_ROOT) and use `token`. It records every request, serves queued updates to getUpdates (long
 * polling included), answers the methods the bots call, validates messages like Telegram does (HTML parse
 * mode, 4,096 characters, callback data of 64 bytes) and can fail the next calls of a method on demand.
 *
 *   const telegram = await startFakeTelegram();
 *   telegram.pushUpdate(textMessage({ chatId: 42, from: { id: 42 }, text: "Wer ist …?" }));
 *   const [answer] = await telegram.waitFor("sendMessage");
 *   telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
 *   await telegram.stop();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";
import { createMethods, type FakeState } from "./fake-telegram-methods.ts";
import type { NewUpdate } from "./fake-telegram-updates.ts";

export * from "./fake-telegram-updates.ts";

/** A Bot API error, as Telegram sends it (`parameters.retry_after` with 429). */
export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** What the server answered. */
export type ApiResponse = { ok: true; result: unknown } | ({ ok: false } & ApiError);

/** One request the bot made; `response` is set once answered (a long poll answers later). */
export interface RecordedRequest {
  method: string;
  payload: Record<string, unknown>;
  response?: ApiResponse;
  /** Date.now() when it arrived. */
  at: number;
}

/** Options for {@link startFakeTelegram}. */
export interface FakeTelegramOptions {
  /** Default a valid-looking token, 123456789:AA…. */
  token?: string;
  /** Default "NewsTestBot". */
  username?: string;
}

/** A running fake Bot API server. */
export interface FakeTelegram {
  /** Base URL for grammY's `client.apiRoot` / TELEGRAM_API_ROOT, e.g. http://127.0.0.1:40123. */
  apiRoot: string;
  token: string;
  /** What getMe returns. */
  me: UserFromGetMe;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Queues an update for getUpdates and returns its update_id. */
  pushUpdate(update: NewUpdate): number;
  /** Payloads of the successful calls of a method, in order. */
  sent<T = Record<string, unknown>>(method: string): T[];
  /**
   * Resolves with the first `count` answered calls of a method (matching `where`) once there are that many.
   * A getUpdates counts as soon as it arrives, since a long poll is answered only when updates come.
   */
  waitFor(
    method: string,
    options?: { count?: number; where?: (request: RecordedRequest) => boolean },
  ): Promise<RecordedRequest[]>;
  /** Fails the next `times` calls of a method with this error (HTTP status = error_code), then behaves. */
  failNext(method: string, error: ApiError, times?: number): void;
  /** The webhook set with setWebhook, if any. */
  webhook(): { url: string; secret_token?: string } | undefined;
  stop(): Promise<void>;
}

const DEFAULT_TOKEN = "123456789:AAFakeTokenForLoopbackTestsOnly_0123456";

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
    nextUpdateId: 1,
    nextMessageId: 1,
  };
  const methods = createMethods(state);
  const requests: RecordedRequest[] = [];
  const failures = new Map<string, ApiError[]>();
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const watcher of [...watchers]) watcher();
  };

  const answer = async (method: string, payload: Record<string, unknown>, request: IncomingMessage) => {
    const failure = failures.get(method)?.shift();
    if (failure) return { ok: false as const, ...failure };
    const handler = methods[method];
    if (!handler) return { ok: false as const, error_code: 404, description: "Not Found: method not found" };
    try {
      return { ok: true as const, result: await handler(payload, request) };
    } catch (error) {
      if (isApiError(error)) return { ok: false as const, ...error };
      return { ok: false as const, error_code: 400, description: `Bad Request: ${String(error)}` };
    }
  };

  const server = createServer((request, response) => {
    readJson(request).then(
      async (payload) => {
        const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url?.split("?")[0] ?? "");
        if (!match || match[1] !== token) {
          send(response, { ok: false, error_code: 401, description: "Unauthorized" });
          return;
        }
        const record: RecordedRequest = { method: match[2] ?? "", payload, at: Date.now() };
        requests.push(record);
        notify();
        record.response = await answer(record.method, payload, request);
        send(response, record.response);
        notify();
      },
      () => send(response, { ok: false, error_code: 400, description: "Bad Request: invalid JSON" }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const succeeded = (method: string) =>
    requests.filter((request) => request.method === method && request.response?.ok === true);

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    me: state.me,
    requests,
    pushUpdate(update) {
      const full = { ...update, update_id: state.nextUpdateId++ } as Update;
      state.updates.push(full);
      for (const poller of [...state.pollers]) poller();
      return full.update_id;
    },
    sent: <T>(method: string) => succeeded(method).map((request) => request.payload as T),
    waitFor(method, waitOptions = {}) {
      const count = waitOptions.count ?? 1;
      const where = waitOptions.where ?? (() => true);
      return new Promise((resolve) => {
        const check = () => {
          const found = requests.filter((r) => r.method === method && isSettled(r) && where(r));
          if (found.length < count) return;
          watchers.delete(check);
          resolve(found.slice(0, count));
        };
        watchers.add(check);
        check();
      });
    },
    failNext(method, error, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => error)]);
    },
    webhook: () => state.webhook,
    async stop() {
      state.stopped = true;
      for (const poller of [...state.pollers]) poller();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function isSettled(request: RecordedRequest): boolean {
  return request.response !== undefined || request.method === "getUpdates";
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && "error_code" in value && "description" in value;
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("error", reject);
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(body === "" ? {} : (JSON.parse(body) as Record<string, unknown>));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function send(response: ServerResponse, body: ApiResponse): void {
  if (response.writableEnded || response.destroyed) return;
  const status = body.ok ? 200 : body.error_code;
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
