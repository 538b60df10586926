import type { Logger, NewsBot } from "../src/index.ts";
import type { AppConfig } from "./config.ts";
import type { HttpRoute } from "./http/http-server.ts";
import type { SubscriptionDesk } from "./ports/daily.ts";
import type { Store } from "./store/store.ts";

/** What every adapter gets when it starts. */
export interface AdapterContext {
  config: AppConfig;
  bot: NewsBot;
  logger: Logger;
  /** The bot's state; set when a platform is configured (main.ts opens it). */
  store?: Store;
  /** The daily summary's subscriptions, for platforms that offer /subscribe; set with the store. */
  subscriptions?: SubscriptionDesk;
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

/** An adapter the app can start, and the setting that turns it on; adapters/app.ts lists them in STARTERS. */
export interface AdapterStarter<Running extends RunningAdapter = RunningAdapter> {
  name: string;
  /** The settings that turn it on, for the start-up banner ("set … to turn it on"). */
  enabledBy: string;
  enabled(config: AppConfig): boolean;
  start(context: AdapterContext): Promise<Running>;
}
