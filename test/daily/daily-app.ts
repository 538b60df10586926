import type { RunningAdapter } from "../../adapters/adapter.ts";
import {
  type AdapterStarter,
  type AppServices,
  createAppServices,
  createDailySummaryStarter,
} from "../../adapters/app.ts";
import type { AppConfig } from "../../adapters/config.ts";
import type { RunningDailySummary } from "../../adapters/daily/daily-summary.ts";
import { createLogger } from "../../adapters/logger.ts";
import { openSqliteStore, storePath } from "../../adapters/store/sqlite-store.ts";
import type { Store } from "../../adapters/store/store.ts";
import { createNewsBot, type LogLevel, loadArticles } from "../../src/index.ts";

/** The slot due at 07:00 UTC on a day of January 2030, for running slots by hand. */
export function slotOn(day: number): { id: string; at: Date } {
  const at = new Date(Date.UTC(2030, 0, day, 7));
  return { id: at.toISOString(), at };
}

/** A platform adapter with subscriptions and the daily summary, started on one set of services as the app starts them. */
export interface DailyApp {
  services: AppServices;
  adapter: RunningAdapter;
  daily: RunningDailySummary;
  /** The store the running adapters share, opened in DATA_DIR as main.ts opens it. */
  store: Store;
  /** Stops the platform adapter, then the daily summary, then closes the store, in the app's order. */
  stop(): Promise<void>;
}

/** Options for {@link startDailyApp}. */
export interface StartDailyAppOptions {
  config: AppConfig;
  /** The platform adapter, which offers /subscribe when the services have subscriptions. */
  platform: AdapterStarter;
  logLevel: LogLevel;
  /** Receives every log line at `logLevel` or above. */
  logs: string[];
}

/** Opens the store, starts the platform adapter and then the daily summary on the real articles, as the app does. */
export async function startDailyApp(options: StartDailyAppOptions): Promise<DailyApp> {
  const { articles } = await loadArticles("content");
  const logger = createLogger({ level: options.logLevel, write: (line) => options.logs.push(line) });
  const store = await openSqliteStore(storePath(options.config.dataDir));
  const services = createAppServices({
    config: options.config,
    bot: createNewsBot({ articles }),
    logger,
    store,
  });
  let adapter: RunningAdapter | undefined;
  let daily: RunningDailySummary;
  try {
    adapter = await options.platform.start(options.config, services);
    daily = await createDailySummaryStarter().start(options.config, services);
  } catch (error) {
    await adapter?.stop();
    await store.close();
    throw error;
  }
  const started = adapter;
  return {
    services,
    adapter: started,
    daily,
    store,
    async stop() {
      try {
        await started.stop();
        await daily.stop();
      } finally {
        await store.close();
      }
    },
  };
}
