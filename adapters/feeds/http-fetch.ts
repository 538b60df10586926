import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { pipeline, type Readable, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { describeError, NewsBotError } from "../../src/index.ts";
import { assertPublicLiteral, publicOnlyLookup } from "./address-guard.ts";

/** Redirects followed at most before a fetch fails. */
export const MAX_REDIRECTS = 5;

/** Timers a fetch uses for its timeout; tests pass their own. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options shared by every fetch of a fetcher. */
export interface HttpFetchOptions {
  /** Sent with every request; names the bot and where to learn about it. */
  userAgent: string;
  timeoutMs: number;
  /** Largest body accepted after decompression. */
  maxBytes: number;
  /** Whether loopback and private addresses may be fetched. */
  allowPrivate: boolean;
  /** Default the global timers. */
  timers?: Timers;
  /** Clock for Retry-After dates; default Date.now. */
  now?: () => number;
}

/** One conditional GET. */
export interface HttpFetchRequest {
  url: string;
  accept: string;
  etag?: string;
  lastModified?: string;
}

/** What a fetch got: a body, "not modified", or an HTTP error status with the server's wish to wait. */
export type HttpFetchResult =
  | { kind: "ok"; url: string; body: Buffer; contentType?: string; etag?: string; lastModified?: string }
  | { kind: "not-modified"; url: string }
  | { kind: "http-error"; url: string; status: number; retryAfterMs?: number };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Fetches one URL politely: conditional, compressed, redirects bounded, timed out, size capped, addresses checked. */
export async function httpFetch(
  request: HttpFetchRequest,
  options: HttpFetchOptions,
): Promise<HttpFetchResult> {
  let url = parseHttpUrl(request.url);
  for (let hop = 0; ; hop++) {
    const { response, timedOut } = await get(url, request, options);
    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode ?? 0) && location) {
      response.resume();
      if (hop >= MAX_REDIRECTS) fail(`${request.url} redirects more than ${MAX_REDIRECTS} times`);
      url = parseHttpUrl(new URL(location, url).href);
      continue;
    }
    return await toResult(url.href, response, options, timedOut);
  }
}

function parseHttpUrl(raw: string): URL {
  if (!URL.canParse(raw)) fail(`${raw} is not a URL`);
  const url = new URL(raw);
  if (url.protocol !== "http:" && url.protocol !== "https:") fail(`${raw} is not an http(s) URL`);
  return url;
}

function fail(message: string, cause?: unknown): never {
  throw new NewsBotError("FEED_FETCH", message, cause === undefined ? undefined : { cause });
}

/** A response head, and the timeout's error once it has fired. */
interface Exchange {
  response: IncomingMessage;
  timedOut: () => NewsBotError | undefined;
}

/** Sends one GET and resolves with the response head; the timeout covers the whole exchange. */
function get(url: URL, request: HttpFetchRequest, options: HttpFetchOptions): Promise<Exchange> {
  if (!options.allowPrivate) {
    try {
      assertPublicLiteral(url);
    } catch (error) {
      fail(`${url.href} refused: ${describeError(error)}`, error);
    }
  }
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const headers: Record<string, string> = {
    "user-agent": options.userAgent,
    accept: request.accept,
    "accept-encoding": "gzip, deflate, br",
  };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      headers,
      ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
    });
    const timers = options.timers ?? globalThis;
    let timeout: NewsBotError | undefined;
    const timer = timers.setTimeout(() => {
      timeout = new NewsBotError("FEED_FETCH", `${url.href} timed out after ${options.timeoutMs} ms`);
      req.destroy(timeout);
    }, options.timeoutMs);
    req.on("close", () => timers.clearTimeout(timer as never));
    req.on("error", (error) =>
      reject(
        error instanceof NewsBotError
          ? error
          : new NewsBotError("FEED_FETCH", `${url.href}: ${describeError(error)}`, { cause: error }),
      ),
    );
    req.on("response", (response) => {
      // A body that stalls after the head times out through the same timer: destroying the request ends it.
      response.on("error", () => {});
      resolve({ response, timedOut: () => timeout });
    });
    req.end();
  });
}

async function toResult(
  url: string,
  response: IncomingMessage,
  options: HttpFetchOptions,
  timedOut: () => NewsBotError | undefined,
): Promise<HttpFetchResult> {
  const status = response.statusCode ?? 0;
  if (status === 304) {
    response.resume();
    return { kind: "not-modified", url };
  }
  if (status < 200 || status > 299) {
    response.resume();
    const retryAfterMs = parseRetryAfter(header(response, "retry-after"), options.now ?? Date.now);
    return { kind: "http-error", url, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  const declared = Number(header(response, "content-length"));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.destroy();
    fail(`${url} is ${declared} bytes, over the cap of ${options.maxBytes}`);
  }
  const body = await readCapped(url, decoded(response), options.maxBytes, response, timedOut);
  const contentType = header(response, "content-type");
  const etag = header(response, "etag");
  const lastModified = header(response, "last-modified");
  return {
    kind: "ok",
    url,
    body,
    ...(contentType ? { contentType } : {}),
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decoded(response: IncomingMessage): Readable {
  const encoding = header(response, "content-encoding")?.trim().toLowerCase();
  const decoder: Transform | undefined =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return response;
  // pipeline, unlike pipe, carries an aborted response's error into the decoder the caller reads.
  pipeline(response, decoder, () => {});
  return decoder;
}

/** Reads a body up to `maxBytes` (decompressed, so a small bomb cannot grow past it) and refuses more. */
async function readCapped(
  url: string,
  body: Readable,
  maxBytes: number,
  raw: IncomingMessage,
  timedOut: () => NewsBotError | undefined,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        raw.destroy();
        fail(`${url} is over the cap of ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    if (!raw.complete) fail(`${url} ended before its body was complete`);
  } catch (error) {
    const timeout = timedOut();
    if (timeout) throw timeout;
    if (error instanceof NewsBotError) throw error;
    fail(`${url}: ${describeError(error)}`, error);
  }
  return Buffer.concat(chunks);
}

/** Milliseconds a Retry-After header asks to wait (seconds or an HTTP date); undefined when absent or invalid. */
export function parseRetryAfter(value: string | undefined, now: () => number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
