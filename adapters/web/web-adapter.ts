import type { CoreServices, RunningAdapter } from "../adapter.ts";
import { adminRoutes } from "./admin-routes.ts";
import { chatRoutes } from "./chat-routes.ts";
import type { DailyOperator, FeedHealth, RecentError } from "./operator.ts";
import type { WebSettings } from "./settings.ts";

/** The operator page's sources, which the app wires in. */
export interface WebChatSources {
  /** The running daily summary's figures; undefined while it is off. */
  daily: () => DailyOperator | undefined;
  /** The app's latest warnings and errors. */
  recentErrors: () => RecentError[];
  /** The followed feeds' health; absent when no feeds are followed. */
  feeds?: () => Promise<FeedHealth[]>;
}

/** Options for {@link startWebChat}: its settings, the shared services and the operator page's sources. */
export interface WebChatOptions extends CoreServices {
  settings: WebSettings;
  sources: WebChatSources;
}

/**
 * The web chat: a page at `/`, the embeddable widget, and (with ADMIN_TOKEN) the operator page, on the shared
 * HTTP server. On by default, beside the console chat or the platform bots; WEB_CHAT=off turns it off.
 */
export async function startWebChat(options: WebChatOptions): Promise<RunningAdapter> {
  const { bot, logger, settings, sources } = options;
  const routes = chatRoutes({ bot, settings, logger });
  if (settings.adminToken) {
    routes.push(
      ...adminRoutes({
        token: settings.adminToken,
        trustProxy: settings.trustProxy,
        logger,
        daily: sources.daily,
        async figures() {
          const daily = sources.daily();
          return {
            articles: bot.articles(),
            daily: daily
              ? { subscriptions: await daily.subscriptions(), runs: await daily.recentRuns(RECENT_RUNS) }
              : null,
            feeds: sources.feeds ? await sources.feeds() : null,
            errors: sources.recentErrors(),
          };
        },
      }),
    );
  }
  return { name: "Web chat", routes, stop: async () => {} };
}

/** Runs the operator page lists. */
const RECENT_RUNS = 7;
