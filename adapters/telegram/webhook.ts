import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { describeError, type Logger } from "../../src/index.ts";
import type { DedupeStore } from "../dedupe/dedupe-store.ts";
import type { HttpRoute } from "../http/http-server.ts";
import { answerPlain, BodyTooLargeError, readBody } from "../http/read-body.ts";
import { sameSecret } from "../http/same-secret.ts";

/** Updates accepted and not yet handled, at most; beyond this the webhook answers 503 and Telegram retries later. */
export const MAX_PENDING_UPDATES = 5_000;
/** How long `stop()` waits for accepted updates to be handled. */
export const WEBHOOK_DRAIN_MS = 10_000;

/** Options for {@link createWebhookRoute}. */
export interface WebhookRouteOptions {
  bot: Bot;
  /** The path of TELEGRAM_WEBHOOK_URL. */
  path: string;
  /** TELEGRAM_WEBHOOK_SECRET, which Telegram sends in X-Telegram-Bot-Api-Secret-Token. */
  secret: string | undefined;
  dedupe: DedupeStore;
  logger: Logger;
}

/** The webhook's route, and a way to wait for the updates it accepted. */
export interface WebhookRoute {
  route: HttpRoute;
  /** Waits (at most {@link WEBHOOK_DRAIN_MS}) until every accepted update has been handled. */
  drain(): Promise<void>;
}

/**
 * Telegram's webhook: checks the secret header (401) before reading a byte, reads at most 1 MiB (413), refuses
 * what is not an update (400 and a warning), drops an update_id already handled (Telegram redelivers when an
 * answer is slow or lost), and answers 200 as soon as an update is accepted. The update is handled afterwards;
 * grammY's sequentialize (registered on the bot) keeps the updates of one chat in the order they arrived.
 */
export function createWebhookRoute(options: WebhookRouteOptions): WebhookRoute {
  const { bot, logger } = options;
  const pending = new Set<Promise<void>>();

  const refuse = (response: ServerResponse, status: number, reason: string) => {
    logger.warn("Refused a Telegram webhook request", { status, reason });
    answerPlain(response, status);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== "POST") {
      response.writeHead(405, { allow: "POST" }).end();
      return;
    }
    if (!secretMatches(options.secret, request.headers["x-telegram-bot-api-secret-token"]))
      return refuse(response, 401, "missing or wrong secret token");
    let raw: Buffer;
    try {
      raw = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(response, 413, error.message);
      throw error;
    }
    const update = parseUpdate(raw);
    if (typeof update === "string") return refuse(response, 400, update);
    if (pending.size >= MAX_PENDING_UPDATES) return refuse(response, 503, "too many updates in progress");
    if (!(await options.dedupe.claim(`telegram:${update.update_id}`))) {
      logger.info("Ignored a repeated Telegram update", { update: update.update_id });
      return answerPlain(response, 200);
    }
    answerPlain(response, 200);
    const work = bot
      .handleUpdate(update)
      .catch((error: unknown) =>
        logger.error("Telegram update failed", { update: update.update_id, error: describeError(error) }),
      )
      .finally(() => pending.delete(work));
    pending.add(work);
  };

  return {
    route: {
      path: options.path,
      handler: (request, response) =>
        handle(request, response).catch((error: unknown) => {
          logger.error("Telegram webhook request failed", { error: describeError(error) });
          answerPlain(response, 500);
        }),
    },
    drain: async () => {
      if (pending.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, WEBHOOK_DRAIN_MS);
      });
      await Promise.race([Promise.allSettled([...pending]), timeout]);
      clearTimeout(timer);
      if (pending.size > 0) logger.warn("Stopped with Telegram updates unhandled", { updates: pending.size });
    },
  };
}

/** The update in a body, or why it is none: Telegram always sends a JSON object with an integer update_id. */
function parseUpdate(raw: Buffer): Update | string {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    return raw.length === 0 ? "an empty body" : "the body is not JSON";
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "the body is not an object";
  const { update_id: id } = body as { update_id?: unknown };
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) return "an update without an update_id";
  return body as Update;
}

function secretMatches(expected: string | undefined, given: string | string[] | undefined): boolean {
  if (expected === undefined) return true;
  if (typeof given !== "string") return false;
  return sameSecret(given, expected);
}
