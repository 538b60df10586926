import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import type { App, Receiver } from "@slack/bolt";
import { describeError, type Logger } from "../../src/index.ts";
import type { HttpRoute } from "../http/http-server.ts";
import { answerPlain, BodyTooLargeError, readBody } from "../http/read-body.ts";
import { createWorkQueue } from "../http/work-queue.ts";
import { checkSlackBody } from "./request-check.ts";
import { isSignedBySlack } from "./request-signature.ts";

/** Slack's replay window: a request stamped further than this from now, either way, is refused. */
export const SLACK_TIMESTAMP_WINDOW_S = 5 * 60;

/** Requests answered at once; more wait their turn (they are acknowledged already). */
export const SLACK_CONCURRENT_REQUESTS = 8;
/** Requests acknowledged and not yet answered, at most; beyond, 503. */
export const SLACK_PENDING_REQUESTS = 5_000;
/** Follow-up work waits until requests have stopped arriving for this long, so a burst is acknowledged first. */
export const SLACK_QUIET_MS = 5;
/** Follow-up work waits for quiet at most this long; then it goes on one request at a time. */
export const SLACK_MAX_DEFER_MS = 500;

/** Options for {@link createSlackReceiver}. */
export interface SlackReceiverOptions {
  /** The path Slack posts to. */
  path: string;
  signingSecret: string;
  logger: Logger;
  /** Milliseconds; default Date.now. */
  now?: () => number;
  /**
   * Answers the slash command `name` without Bolt: a command needs none of its middleware (the body is checked
   * here, the answer goes to the response_url), and under a burst Bolt's chain cost a good part of the CPU per
   * command. `key` identifies the delivery, for the replay check. Other requests go through Bolt.
   */
  commands?: { name: string; handle(body: Record<string, unknown>, key: string): Promise<void> };
}

/** Bolt's receiver for HTTP mode, and the route that feeds it on the shared server. */
export interface SlackReceiver extends Receiver {
  route: HttpRoute;
}

/**
 * Receives Slack's HTTP requests in place of Bolt's HTTPReceiver, for three reasons: it refuses timestamps
 * from the future as well as the past (Bolt checks only the past), it answers bodies the handlers cannot use
 * with 400 instead of passing them on, and it acknowledges every accepted request before any other work, so
 * that an acknowledgement never waits for the follow-up work of earlier requests. The bot never acknowledges
 * with a body (no modals, no options), so nothing is lost by answering first; url_verification and ssl_check
 * are answered here.
 */
export function createSlackReceiver(options: SlackReceiverOptions): SlackReceiver {
  const now = options.now ?? Date.now;
  const { logger } = options;
  let app: App | undefined;
  const work = createWorkQueue({
    concurrency: SLACK_CONCURRENT_REQUESTS,
    capacity: SLACK_PENDING_REQUESTS,
    quietMs: SLACK_QUIET_MS,
    maxDeferMs: SLACK_MAX_DEFER_MS,
    onError: (error) => logger.error("Slack request failed", { error: describeError(error) }),
  });

  const refuse = (response: ServerResponse, status: number, reason: string) => {
    logger.warn("Refused a Slack request", { status, reason });
    answerPlain(response, status);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== "POST") {
      response.writeHead(405, { allow: "POST" }).end();
      return;
    }
    work.arrived();
    let raw: string;
    try {
      raw = (await readBody(request)).toString("utf8");
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(response, 413, error.message);
      throw error;
    }
    const form = isForm(request);
    // Slack checks the certificate with an unsigned ssl_check; it carries nothing to act on.
    if (form && parseQuery(raw).ssl_check === "1") return answerPlain(response, 200);
    const timestamp = Number(header(request, "x-slack-request-timestamp"));
    if (!Number.isInteger(timestamp) || Math.abs(now() / 1000 - timestamp) > SLACK_TIMESTAMP_WINDOW_S)
      return refuse(response, 401, "stale or future timestamp");
    const signature = header(request, "x-slack-signature") ?? "";
    if (!isSignedBySlack(options.signingSecret, { body: raw, timestamp, signature }))
      return refuse(response, 401, "signature mismatch");
    let body: unknown;
    try {
      body = parseBody(raw, form);
    } catch {
      return refuse(response, 400, "the body is not valid JSON or form data");
    }
    const check = checkSlackBody(body);
    if (check.kind === "invalid") return refuse(response, 400, check.reason);
    // Slack shows a 503 to the person (and retries events) instead of an acknowledged request never answered.
    if (work.size >= SLACK_PENDING_REQUESTS) return refuse(response, 503, "too many requests in progress");
    if (check.kind === "url-verification") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ challenge: check.challenge }));
      return;
    }
    answerPlain(response, 200);
    if (check.kind === "unused") {
      logger.warn("Ignored a Slack request the bot does not handle", { type: check.type });
      return;
    }
    const retryNum = Number(header(request, "x-slack-retry-num"));
    const retryReason = header(request, "x-slack-retry-reason");
    const event = {
      body: body as Record<string, unknown>,
      // Already answered above; a listener's ack() has nothing left to do.
      ack: async () => {},
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
    };
    // Answered already: the work waits in the queue, so it never delays another request's acknowledgement.
    const { commands } = options;
    if (commands && check.kind === "command" && event.body.command === commands.name) {
      const { key } = check;
      work.push(() => commands.handle(event.body, key));
      return;
    }
    work.push(async () => {
      await app?.processEvent(event);
    });
  };

  return {
    init: (boltApp) => {
      app = boltApp;
    },
    // The shared HTTP server listens and closes; the receiver holds nothing of its own.
    start: async () => {},
    stop: () => work.drain(),
    route: {
      path: options.path,
      handler: (request, response) =>
        handle(request, response).catch((error: unknown) => {
          logger.error("Slack request failed", { error: describeError(error) });
          answerPlain(response, 500);
        }),
    },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

function isForm(request: IncomingMessage): boolean {
  return (header(request, "content-type") ?? "").startsWith("application/x-www-form-urlencoded");
}

/** Slash commands are form fields; interactivity is a form with one JSON `payload`; events are JSON. */
function parseBody(raw: string, form: boolean): unknown {
  if (!form) return JSON.parse(raw);
  const fields = parseQuery(raw);
  if (typeof fields.payload === "string") return JSON.parse(fields.payload);
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === "string"));
}
