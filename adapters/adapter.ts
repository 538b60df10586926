import type { Logger, NewsBot } from "../src/index.ts";
import type { AppConfig } from "./config.ts";
import type { HttpRoute } from "./http/http-server.ts";

/** What every adapter gets when it starts. */
export interface AdapterContext {
  config: AppConfig;
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
