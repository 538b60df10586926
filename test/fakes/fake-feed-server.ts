/**
 * A fake news site on 127.0.0.1 for the feed tests: serves feeds and article pages the test sets, answers
 * conditional requests with 304, compresses on request, and can fail, redirect, hang or flood on demand.
 *
 *   const site = await startFakeFeedServer();
 *   site.feed("/rss.xml", rssXml, { etag: '"v1"' });
 *   site.page("/a1", html);
 *   site.fail("/rss.xml", { status: 429, headers: { "retry-after": "120" } });
 *   await site.waitFor("/rss.xml");
 *   await site.stop();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/** One request the site received. */
export interface FeedServerCall {
  path: string;
  headers: IncomingMessage["headers"];
  /** The status it was answered with; undefined while a hanging response is open. */
  status?: number;
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

/** A running fake site. */
export interface FakeFeedServer {
  /** Base URL, e.g. http://127.0.0.1:40123. */
  url: string;
  calls: FeedServerCall[];
  /** Serves a feed at `path` (Content-Type by the body's look unless given). */
  feed(path: string, body: string | Buffer, options?: Omit<FakeResponse, "body">): void;
  /** Serves an HTML page at `path`. */
  page(path: string, html: string): void;
  /** Sets any response for `path`: a redirect, an error, a hang, a flood. */
  respond(path: string, response: FakeResponse): void;
  /** Answers `path` with an error (default 500) from now on. */
  fail(path: string, response?: FakeResponse): void;
  /** Makes `path` answer 404, as a feed that was taken down. */
  remove(path: string): void;
  /** Resolves with the `count`-th call to `path` (counting all so far), or rejects after `timeoutMs`. */
  waitFor(path: string, options?: { count?: number; timeoutMs?: number }): Promise<FeedServerCall>;
  stop(): Promise<void>;
}

/** Starts a fake site on a free loopback port. */
export async function startFakeFeedServer(): Promise<FakeFeedServer> {
  const routes = new Map<string, FakeResponse>();
  const calls: FeedServerCall[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    const call: FeedServerCall = { path: request.url ?? "/", headers: request.headers };
    calls.push(call);
    for (const wake of waiters) wake();
    const route = routes.get(path) ?? { status: 404, body: "not found" };
    answer(request, response, route, call);
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    calls,
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
    fail(path, response = {}) {
      routes.set(path, { status: 500, body: "server error", ...response });
    },
    remove(path) {
      routes.delete(path);
    },
    waitFor(path, options = {}) {
      const count = options.count ?? 1;
      return new Promise((resolve, reject) => {
        const check = () => {
          const matching = calls.filter((call) => call.path.split("?")[0] === path);
          const found = matching[count - 1];
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No request #${count} to ${path} within ${options.timeoutMs ?? 10_000} ms`));
        }, options.timeoutMs ?? 10_000);
        if (!check()) waiters.add(check);
      });
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
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
