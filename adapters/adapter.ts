import type { Logger, NewsBot } from "../src/index.ts";
import type { HttpRoute } from "./http/http-server.ts";

/**
 * The shared services every adapter is started with, beside its own settings: the core and the logger. An
 * adapter never sees the whole app's settings; adapters/app.ts hands each one its own part.
 */
export interface CoreServices {
  bot: NewsBot;
  logger: Logger;
}

/** A started adapter: its HTTP routes, if it serves any, and how to stop it. */
export interface RunningAdapter {
  name: string;
  /** Routes for the shared HTTP server; the server starts only when some adapter has one. */
  routes: HttpRoute[];
  /** Called once the HTTP server listens (webhook registration, for instance). */
  afterListen?(): Promise<void>;
  stop(): Promise<void>;
}
