/**
 * A fake news site on 127.0.0.1 for the feed tests, on the shared loopback base: serves feeds and article pages
 * the test sets, answers conditional requests with 304, compresses on request, and can fail, redirect, hang or
 * flood on demand. A call's `method` is the requested path without its query.
 *
 *   const site = await startFakeFeedServer();
 *   site.feed("/rss.xml", rssXml, { etag: '"v1"' });
 *   site.page("/a1", html);
 *   site.fail("/rss.xml", { status: 429, headers: { "retry-after": "120" } });
 *   await site.waitFor("/rss.xml");
 *   await site.stop();
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { type LoopbackCall, type LoopbackServer, startLoopbackServer } from "./loopback-server.ts";

/** One request the site received. */
export interface FeedServerCall extends LoopbackCall {
  /** The path with its query, as requested. */
  path: string;
  headers: IncomingMessage["headers"];
}

/** A canned response for a path. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Answers If-None-Match with 304 when it equals this. */
  etag?: string;
  /** Answers If-Modified-Since with 304 when it equals this. */
  lastModified?: string;
  /** Sends the head and part of the body, then never finishes. */
  hang?: boolean;
  /** Streams this many bytes of filler without a Content-Length. */
  floodBytes?: number;
}

/**
 * A running fake site: the shared verbs (`calls`, `waitFor` by path, `fail` the next calls of a path with a
 * {@link FakeResponse}, default 500, `stop`) and the site's own.
 */
export interface FakeFeedServer extends LoopbackServer<FeedServerCall, FakeResponse> {
  /** Base URL, e.g. http://127.0.0.1:40123. */
  url: string;
  /** Serves a feed at `path` (Content-Type by the body's look unless given). */
  feed(path: string, body: string | Buffer, options?: Omit<FakeResponse, "body">): void;
  /** Serves an HTML page at `path`. */
  page(path: string, html: string): void;
  /** Sets any response for `path`: a redirect, an error, a hang, a flood. */
  respond(path: string, response: FakeResponse): void;
  /** Makes `path` answer 404, as a feed that was taken down. */
  remove(path: string): void;
}

/** What `fail` answers when given no status. */
const DEFAULT_FAILURE: FakeResponse = { status: 500, body: "server error" };

/** Starts a fake site on a free loopback port. */
export async function startFakeFeedServer(): Promise<FakeFeedServer> {
  const routes = new Map<string, FakeResponse>();
  const base = await startLoopbackServer<FeedServerCall, FakeResponse>({
    name: "Fake feed site",
    handle({ request, response }, context) {
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      const call: FeedServerCall = {
        method: path,
        payload: {},
        path: request.url ?? "/",
        headers: request.headers,
      };
      context.record(call);
      const failure = context.takeFailure(path);
      const route = failure
        ? { ...DEFAULT_FAILURE, ...failure }
        : (routes.get(path) ?? { status: 404, body: "not found" });
      answer(request, response, route, call);
    },
    // A request counts when it arrives: a hanging response is never answered.
    counts: () => true,
  });
  return {
    ...base,
    url: base.origin,
    feed(path, body, options = {}) {
      const text = body.toString();
      const type = text.trimStart().startsWith("{") ? "application/feed+json" : "application/xml";
      routes.set(path, { ...options, body, headers: { "content-type": type, ...options.headers } });
    },
    page(path, html) {
      routes.set(path, { body: html, headers: { "content-type": "text/html; charset=utf-8" } });
    },
    respond(path, response) {
      routes.set(path, response);
    },
    remove(path) {
      routes.delete(path);
    },
  };
}

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  route: FakeResponse,
  call: FeedServerCall,
) {
  const notModified =
    (route.etag !== undefined && request.headers["if-none-match"] === route.etag) ||
    (route.lastModified !== undefined && request.headers["if-modified-since"] === route.lastModified);
  const headers: Record<string, string> = { ...route.headers };
  if (route.etag) headers.etag = route.etag;
  if (route.lastModified) headers["last-modified"] = route.lastModified;
  if (notModified) {
    call.status = 304;
    response.writeHead(304, headers).end();
    return;
  }
  const status = route.status ?? 200;
  if (route.hang) {
    response.writeHead(status, headers);
    response.write("<?xml version='1.0'?><rss><channel>");
    return;
  }
  call.status = status;
  if (route.floodBytes !== undefined) {
    response.writeHead(status, headers);
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    const pump = () => {
      while (sent < (route.floodBytes ?? 0)) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      response.end();
    };
    response.on("close", () => {
      sent = Number.POSITIVE_INFINITY;
    });
    pump();
    return;
  }
  let body = typeof route.body === "string" ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
  if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "") && body.length > 0 && status === 200) {
    body = gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  response.writeHead(status, { ...headers, "content-length": String(body.length) }).end(body);
}
