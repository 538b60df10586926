import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";

/**
 * Passes one request, whose body was already read, on to `upstream` and pipes the answer back; used by the
 * loopback fronts that tests put before a fake server. A client that goes away aborts the forwarded request.
 */
export function forwardRequest(
  upstream: URL,
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
): void {
  const forward = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: request.url,
      method: request.method,
      headers: request.headers,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  forward.on("error", () => response.destroy());
  // A long poll ends when the bot aborts it; pass that on. The response's own "close" (not the keep-alive
  // socket's, which outlives the request and would collect one listener per request) fires when the answer is
  // complete or the client went away; destroying a finished request is a no-op.
  response.once("close", () => forward.destroy());
  forward.end(body);
}
