import type { AdapterContext, AdapterStarter, RunningAdapter } from "../../adapters/adapter.ts";
import type { AppConfig } from "../../adapters/config.ts";
import { dailyContextOf } from "../../adapters/daily/daily-context.ts";
import { dailySummaryStarter, type RunningDailySummary } from "../../adapters/daily/daily-starters.ts";
import type { Store } from "../../adapters/daily/store.ts";
import { createLogger } from "../../adapters/logger.ts";
import { createNewsBot, type LogLevel, loadArticles } from "../../src/index.ts";

/** The slot due at 07:00 UTC on a day of January 2030, for running slots by hand. */
export function slotOn(day: number): { id: string; at: Date } {
  const at = new Date(Date.UTC(2030, 0, day, 7));
  return { id: at.toISOString(), at };
}

/** A platform adapter with subscriptions and the daily summary, started on one context as the app starts them. */
export interface DailyApp {
  context: AdapterContext;
  adapter: RunningAdapter;
  daily: RunningDailySummary;
  /** The subscriptions and delivery log the running adapters share; throws once they have stopped. */
  store(): Store;
  /** Stops the platform adapter, then the daily summary, in the app's order. */
  stop(): Promise<void>;
}

/** Options for {@link startDailyApp}. */
export interface StartDailyAppOptions {
  config: AppConfig;
  /** The platform adapter with /subscribe and /unsubscribe. */
  platform: AdapterStarter;
  logLevel: LogLevel;
  /** Receives every log line at `logLevel` or above. */
  logs: string[];
}

/** Starts the platform adapter and then the daily summary on the real article, as adapters/app.ts does. */
export async function startDailyApp(options: StartDailyAppOptions): Promise<DailyApp> {
  const { articles } = await loadArticles("content");
  const logger = createLogger({ level: options.logLevel, write: (line) => options.logs.push(line) });
  const context: AdapterContext = { config: options.config, bot: createNewsBot({ articles }), logger };
  const adapter = await options.platform.start(context);
  let daily: RunningDailySummary;
  try {
    daily = await dailySummaryStarter.start(context);
  } catch (error) {
    await adapter.stop();
    throw error;
  }
  return {
    context,
    adapter,
    daily,
    store() {
      const shared = dailyContextOf(context);
      if (!shared) throw new Error("the daily context is closed");
      return shared.store;
    },
    async stop() {
      try {
        await adapter.stop();
      } finally {
        await daily.stop();
      }
    },
  };
}
