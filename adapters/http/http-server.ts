import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describeError, type Logger, NewsBotError } from "../../src/index.ts";

/** A path the server hands to one adapter, matched exactly (query strings ignored). */
export interface HttpRoute {
  path: string;
  handler: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
}

/** Options for {@link startHttpServer}. */
export interface HttpServerOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind; default all. */
  host?: string;
  routes: HttpRoute[];
  /** Answers /healthz: 200 when true, 503 otherwise. */
  isHealthy: () => boolean;
  logger: Logger;
}

/** The bot's one HTTP server, shared by Slack's events and Telegram's webhook. */
export interface RunningHttpServer {
  port: number;
  stop(): Promise<void>;
}

/** How long stop() lets requests in flight finish before it closes their connections. */
const REQUEST_DRAIN_MS = 5_000;

/** Starts the shared HTTP server: /healthz plus each adapter's routes; anything else is 404. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const routes = new Map<string, HttpRoute["handler"]>();
  for (const route of options.routes) {
    // Two adapters on one path, or one on /healthz, would silently shadow each other.
    if (route.path === "/healthz" || routes.has(route.path)) {
      throw new NewsBotError(
        "CONFIG_INVALID",
        `Two handlers for the HTTP path ${route.path}; change one of the URLs.`,
      );
    }
    routes.set(route.path, route.handler);
  }
  const listener: RequestListener = (request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz") {
      const healthy = options.isHealthy();
      response.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: healthy ? "ok" : "unavailable" }));
      return;
    }
    const handler = routes.get(path);
    if (!handler) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    Promise.resolve()
      .then(() => handler(request, response))
      .catch((error: unknown) => {
        options.logger.error("HTTP handler failed", { path, error: describeError(error) });
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
        if (!response.writableEnded) response.end("Internal error");
      });
  };
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(listenError(error, options.port));
    server.once("error", fail);
    server.listen(options.port, options.host, () => {
      server.off("error", fail);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info("HTTP server listening", { port, routes: [...routes.keys()].join(",") });
  return {
    port,
    // Requests in flight get their answers (within REQUEST_DRAIN_MS); idle keep-alive connections close now.
    stop: () =>
      new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), REQUEST_DRAIN_MS);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** Names the setting to change when the port cannot be had; other errors stay as they are. */
function listenError(error: Error, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    return new NewsBotError(
      "CONFIG_INVALID",
      `PORT=${port} is already in use by another program. Stop that program, or set PORT to a free port.`,
      { cause: error },
    );
  }
  if (code === "EACCES") {
    return new NewsBotError(
      "CONFIG_INVALID",
      `PORT=${port} needs privileges this process does not have. Set PORT to 1024 or above.`,
      { cause: error },
    );
  }
  return error;
}
