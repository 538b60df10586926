import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blockKitError } from "./fake-slack-blocks.ts";
import {
  type FakeSlackFailure,
  parseJson,
  parseParams,
  type ResponseUrlPost,
  readBody,
  type SlackApiCall,
  slackApiAnswer,
} from "./fake-slack-parts.ts";

export type { FakeSlackFailure, ResponseUrlPost, SlackApiCall };

/**
 * A fake Slack for end-to-end tests, on 127.0.0.1 and a free port: the Web API under `apiUrl` (point
 * SLACK_API_URL or `slackApiUrl` at it) and response_url endpoints under `responseUrl(id)`. It records every
 * request, answers like Slack (auth.test, chat.postMessage, chat.postEphemeral, users.info; `{ok:true}` for any
 * other method), and fails on demand: `fail("chat.postMessage", { kind: "rate-limited", retryAfterSeconds: 1 })`.
 * Like Slack, it refuses blocks that break Block Kit's rules (see `blockKitError`): a Web API call gets
 * `{ok:false, error:"invalid_blocks"}`, a response_url post HTTP 400.
 *
 * ```ts
 * const slack = await startFakeSlack();
 * // … start the bot with SLACK_API_URL = slack.apiUrl …
 * const [post] = await slack.waitForCalls("chat.postMessage");
 * expect(post.params.channel).toBe("C1");
 * await slack.close();
 * ```
 */
export interface FakeSlack {
  /** Web API base URL, ending in "/api/". */
  readonly apiUrl: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  /** Every Web API call so far, failed ones included, oldest first. */
  readonly calls: readonly SlackApiCall[];
  /** Every post to a response_url so far, oldest first. */
  readonly responses: readonly ResponseUrlPost[];
  /** The calls of one method, such as "chat.postMessage". */
  callsTo(method: string): SlackApiCall[];
  /** A response_url on the fake; posts to it are recorded under `id`. */
  responseUrl(id?: string): string;
  /** The posts to one response_url. */
  responsesTo(id: string): ResponseUrlPost[];
  /** Makes the next `times` calls of a Web API method fail. */
  fail(method: string, failure: FakeSlackFailure, times?: number): void;
  /** Makes the next `times` posts to a response_url answer with an HTTP error status. */
  failResponseUrl(id: string, status: number, times?: number): void;
  /** The locale users.info reports for a user; none by default. */
  setLocale(userId: string, locale: string): void;
  /** Resolves with `check()`'s value once it is truthy, re-checked after every request; rejects after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  /** Waits until a method has been called `count` times (successful or not) and returns those calls. */
  waitForCalls(method: string, count?: number): Promise<SlackApiCall[]>;
  /** Waits until a response_url got `count` posts and returns them. */
  waitForResponses(id: string, count?: number): Promise<ResponseUrlPost[]>;
  /** Forgets recorded calls and posts, pending failures and locales. */
  reset(): void;
  close(): Promise<void>;
}

/** Identities the fake reports. */
export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
}

const DEFAULT_WAIT_MS = 10_000;

/** Starts a fake Slack on a free loopback port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? "UBOT";
  const botId = options.botId ?? "BBOT";
  const teamId = options.teamId ?? "T0001";
  const calls: SlackApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const failures = new Map<string, FakeSlackFailure[]>();
  const responseFailures = new Map<string, number[]>();
  const locales = new Map<string, string>();
  const waiters = new Set<() => void>();
  let messageCount = 0;
  let responseCount = 0;
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://fake");
    const raw = await readBody(request);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith("/response/")) {
      const id = decodeURIComponent(url.pathname.slice("/response/".length));
      const body = parseJson(raw);
      const failed = responseFailures.get(id)?.shift();
      const error =
        failed === undefined ? blockKitError(body.blocks) : failed === 200 ? undefined : "expired_url";
      const status = failed ?? (error ? 400 : 200);
      responses.push({ id, body, status, ...(error ? { error } : {}), at: Date.now() });
      send(status, error ? { ok: false, error } : { ok: true });
      return;
    }
    if (!url.pathname.startsWith("/api/")) return send(404, { ok: false, error: "unknown_path" });
    const method = url.pathname.slice("/api/".length);
    const params = parseParams(raw, request.headers["content-type"]);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    const token = bearer ?? (typeof params.token === "string" ? params.token : undefined);
    const failure = failures.get(method)?.shift();
    const record = (status: number, error?: string) =>
      calls.push({ method, params, token, status, ...(error ? { error } : {}), at: Date.now() });
    if (failure?.kind === "rate-limited") {
      record(429, "ratelimited");
      return send(
        429,
        { ok: false, error: "ratelimited" },
        { "retry-after": String(failure.retryAfterSeconds) },
      );
    }
    if (failure?.kind === "http") {
      record(failure.status);
      return send(failure.status, { ok: false, error: "fake_http_error" });
    }
    if (failure?.kind === "error") {
      record(200, failure.error);
      return send(200, { ok: false, error: failure.error });
    }
    const invalid = blockKitError(params.blocks);
    if (invalid) {
      record(200, invalid);
      return send(200, { ok: false, error: invalid });
    }
    record(200);
    messageCount += 1;
    send(200, slackApiAnswer(method, params, { botUserId, botId, teamId, locales, serial: messageCount }));
  };

  const server = createServer((request, response) => {
    handle(request, response)
      .catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500);
        response.end(String(error));
      })
      .finally(notify);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    apiUrl: `${origin}/api/`,
    botUserId,
    botId,
    teamId,
    calls,
    responses,
    callsTo: (method) => calls.filter((call) => call.method === method),
    responseUrl: (id) => {
      responseCount += 1;
      return `${origin}/response/${encodeURIComponent(id ?? `r${responseCount}`)}`;
    },
    responsesTo: (id) => responses.filter((post) => post.id === id),
    fail: (method, failure, times = 1) => {
      failures.set(method, [
        ...(failures.get(method) ?? []),
        ...Array.from({ length: times }, () => failure),
      ]);
    },
    failResponseUrl: (id, status, times = 1) => {
      responseFailures.set(id, [
        ...(responseFailures.get(id) ?? []),
        ...Array.from({ length: times }, () => status),
      ]);
    },
    setLocale: (userId, locale) => {
      locales.set(userId, locale);
    },
    waitFor: (check, what, timeoutMs = DEFAULT_WAIT_MS) =>
      new Promise((resolve, reject) => {
        const waiter = () => {
          const value = check();
          if (!value) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(value);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`Fake Slack: gave up waiting for ${what}`));
        }, timeoutMs);
        waiters.add(waiter);
        waiter();
      }),
    waitForCalls: (method, count = 1) =>
      fake.waitFor(() => {
        const matching = fake.callsTo(method);
        return matching.length >= count && matching;
      }, `${count} call(s) to ${method}`),
    waitForResponses: (id, count = 1) =>
      fake.waitFor(() => {
        const matching = fake.responsesTo(id);
        return matching.length >= count && matching;
      }, `${count} post(s) to response_url ${id}`),
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      failures.clear();
      responseFailures.clear();
      locales.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return fake;
}
