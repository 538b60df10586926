import type { IncomingMessage, ServerResponse } from "node:http";

/** Bodies larger than this are refused with 413; a question is at most a few kilobytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Reads a request body up to `limit` bytes; null when it is larger (the rest is not read). */
export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | null> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The client's address: the socket's, or behind a trusted proxy the last X-Forwarded-For hop. */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string") {
    const last = forwarded.split(",").at(-1)?.trim();
    if (last) return last;
  }
  return request.socket.remoteAddress ?? "unknown";
}

/** The origin the request was addressed to, as the browser sees it (scheme from the proxy when trusted). */
export function ownOrigin(request: IncomingMessage, trustProxy: boolean): string {
  const proto = trustProxy
    ? String(request.headers["x-forwarded-proto"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  const scheme = proto === "https" || proto === "http" ? proto : "http";
  return `${scheme}://${request.headers.host ?? "localhost"}`;
}

/** Options for {@link pageHeaders}. */
export interface PageHeaderOptions {
  /** Who may frame the page: CSP frame-ancestors sources; default none. */
  frameAncestors?: string[];
}

/**
 * The headers every page and answer carries: a strict Content-Security-Policy (scripts and styles only from
 * this server, no inline code, nothing framed unless allowed), no MIME sniffing, no referrer to other sites, no caching.
 */
export function pageHeaders(options: PageHeaderOptions = {}): Record<string, string> {
  const ancestors = options.frameAncestors?.length ? options.frameAncestors.join(" ") : "'none'";
  return {
    "content-security-policy": [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      `frame-ancestors ${ancestors}`,
    ].join("; "),
    "x-content-type-options": "nosniff",
    // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts, and the
    // same-origin check of the forms needs the real origin; article links still get no referrer.
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
    ...(options.frameAncestors?.length ? {} : { "x-frame-options": "DENY" }),
  };
}

/** Sends an HTML page with the strict headers. */
export function sendHtml(
  response: ServerResponse,
  status: number,
  body: string,
  options: PageHeaderOptions & { headers?: Record<string, string> } = {},
): void {
  response.writeHead(status, {
    ...pageHeaders(options),
    "content-type": "text/html; charset=utf-8",
    ...options.headers,
  });
  response.end(body);
}

/** Sends JSON with the strict headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...pageHeaders(), "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}
