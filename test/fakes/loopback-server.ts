import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/**
 * The loopback base every fake server in the tests is built on: an HTTP server on 127.0.0.1 and a free port
 * that reads each request's body, hands it to the fake's handler, records the calls the handler reports, and
 * gives every fake the same verbs: `calls`, `waitFor` (with a timeout), `fail`, `hold`, `reset`, `stop`.
 *
 *   const base = await startLoopbackServer<MyCall, MyFailure>({ name: "Fake X", handle: async (exchange) => … });
 *   const [call] = await base.waitFor("chat.postMessage", { timeoutMs: 5_000 });
 */

/** What every fake records about one call; fakes add their own fields. */
export interface LoopbackCall {
  /** What was called: a Bot API method, a Web API method, a response_url, … */
  method: string;
  /** The request's parsed body. */
  payload: Record<string, unknown>;
  /** The HTTP status answered; undefined while the call is pending (a long poll) or held. */
  status?: number;
  /** True when the call was held by {@link LoopbackServer.hold} and will never be answered. */
  held?: boolean;
}

/** A request whose body has been read, with a way to answer it. */
export interface Exchange {
  request: IncomingMessage;
  url: URL;
  /** The body as UTF-8. */
  body: string;
  /** Answers with a JSON body; ignored once the client has gone. */
  respond(status: number, body: unknown, headers?: Record<string, string>): void;
  /** The raw response, for fakes that answer other than JSON: a feed, a page, a stream that never ends. */
  response: ServerResponse;
}

/** Which calls a wait or a hold is about: a method's name, or a test of the call. */
export type CallMatch<Call extends LoopbackCall> = string | ((call: Call) => boolean);

/** Options for {@link LoopbackServer.waitFor}. */
export interface WaitOptions {
  /** How many matching calls to wait for; default 1. */
  count?: number;
  /** Rejects after this long; default {@link DEFAULT_WAIT_MS}. */
  timeoutMs?: number;
}

/** The verbs every fake server shares. */
export interface LoopbackServer<Call extends LoopbackCall, Failure> {
  /** http://127.0.0.1:<port>. */
  readonly origin: string;
  /** Every recorded call, or those matching `match`, oldest first. */
  calls(match?: CallMatch<Call>): Call[];
  /** Resolves with the first `count` matching calls that count (see `counts`); rejects after `timeoutMs`. */
  waitFor(match: CallMatch<Call>, options?: WaitOptions): Promise<[Call, ...Call[]]>;
  /** Makes the next `times` calls of a method fail with `failure` (each fake says what a failure is). */
  fail(method: string, failure: Failure, times?: number): void;
  /** Holds every matching request after the first `after` (default 0): recorded, never answered, until stop. */
  hold(match: CallMatch<Call>, options?: { after?: number }): void;
  /** Forgets recorded calls, pending failures and holds. */
  reset(): void;
  /** Closes the server and every connection, held ones included. */
  stop(): Promise<void>;
}

/** What a fake's handler gets besides the exchange; waiters are re-checked when the handler is done. */
export interface HandlerContext<Call extends LoopbackCall, Failure> {
  /** Records a call (and holds the request if a hold matches: then the handler must not answer). */
  record(call: Call): { held: boolean };
  /** The next queued failure of a method, if any. */
  takeFailure(method: string): Failure | undefined;
}

/** Options for {@link startLoopbackServer}. */
export interface LoopbackOptions<Call extends LoopbackCall, Failure> {
  /** Named in timeout errors, e.g. "Fake Telegram". */
  name: string;
  /** Answers one request; a throw answers HTTP 500 with the error's text. */
  handle(exchange: Exchange, context: HandlerContext<Call, Failure>): Promise<void> | void;
  /** Whether a recorded call counts for `waitFor`; default: once answered or held. */
  counts?(call: Call): boolean;
  /** Runs first in `stop()`, e.g. to end long polls. */
  beforeStop?(): void;
  /** Takes HTTP upgrade requests (a WebSocket fake); without it they are refused. */
  upgrade?(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    context: HandlerContext<Call, Failure>,
  ): void;
}

/**
 * How long `waitFor` waits by default: generous, since the machines running the tests are shared, and under
 * vitest's 30-second test timeout, so a test that waits in vain names what it waited for.
 */
export const DEFAULT_WAIT_MS = 25_000;

/** Starts a loopback server on a free port of 127.0.0.1. */
export async function startLoopbackServer<Call extends LoopbackCall, Failure>(
  options: LoopbackOptions<Call, Failure>,
): Promise<LoopbackServer<Call, Failure>> {
  const recorded: Call[] = [];
  const failures = new Map<string, Failure[]>();
  const holds: { match: CallMatch<Call>; after: number; seen: number }[] = [];
  const waiters = new Set<() => void>();
  const counts = options.counts ?? ((call: Call) => call.status !== undefined || call.held === true);
  const changed = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const context: HandlerContext<Call, Failure> = {
    record(call) {
      const hold = holds.find((candidate) => matches(candidate.match, call));
      if (hold && hold.seen++ >= hold.after) call.held = true;
      recorded.push(call);
      changed();
      return { held: call.held === true };
    },
    takeFailure: (method) => failures.get(method)?.shift(),
  };

  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => {
        const exchange: Exchange = {
          request,
          url: new URL(request.url ?? "/", "http://loopback"),
          body,
          respond: (status, json, headers = {}) => respond(response, status, json, headers),
          response,
        };
        return Promise.resolve(options.handle(exchange, context))
          .catch((error: unknown) => respond(response, 500, { ok: false, error: String(error) }))
          .finally(changed);
      },
      () => response.destroy(),
    );
  });
  const { upgrade } = options;
  if (upgrade) server.on("upgrade", (request, socket, head) => upgrade(request, socket, head, context));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const select = (match?: CallMatch<Call>) =>
    match === undefined ? [...recorded] : recorded.filter((call) => matches(match, call));

  return {
    origin,
    calls: select,
    waitFor(match, { count = 1, timeoutMs = DEFAULT_WAIT_MS } = {}) {
      return new Promise((resolve, reject) => {
        const waiter = () => {
          const found = recorded.filter((call) => counts(call) && matches(match, call));
          const [first, ...rest] = found;
          if (first === undefined || found.length < count) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve([first, ...rest.slice(0, count - 1)]);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const what = typeof match === "string" ? match : "matching call(s)";
          reject(new Error(`${options.name}: gave up after ${timeoutMs} ms waiting for ${count} ${what}`));
        }, timeoutMs);
        waiters.add(waiter);
        waiter();
      });
    },
    fail(method, failure, times = 1) {
      failures.set(method, [
        ...(failures.get(method) ?? []),
        ...Array.from({ length: times }, () => failure),
      ]);
    },
    hold(match, { after = 0 } = {}) {
      holds.push({ match, after, seen: 0 });
    },
    reset() {
      recorded.length = 0;
      failures.clear();
      holds.length = 0;
    },
    stop() {
      options.beforeStop?.();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function matches<Call extends LoopbackCall>(match: CallMatch<Call>, call: Call): boolean {
  return typeof match === "string" ? call.method === match : match(call);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("error", reject);
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function respond(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.writableEnded || response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}
