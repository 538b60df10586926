import type { AdapterStarter, RunningAdapter } from "../adapter.ts";
import { adminRoutes } from "./admin-routes.ts";
import { chatRoutes } from "./chat-routes.ts";
import type { DailyOperator, FeedHealth, RecentError } from "./operator.ts";

/** What the web chat needs beyond the adapter context: the operator page's sources. */
export interface WebChatSources {
  /** The running daily summary's figures; undefined while it is off. */
  daily: () => DailyOperator | undefined;
  /** The app's latest warnings and errors. */
  recentErrors: () => RecentError[];
  /** The followed feeds' health; absent when no feeds are followed. */
  feeds?: () => Promise<FeedHealth[]>;
}

/**
 * The web chat: a page at `/`, the embeddable widget, and (with ADMIN_TOKEN) the operator page, on the shared
 * HTTP server. On by default, beside the console chat or the platform bots; WEB_CHAT=off turns it off.
 */
export function createWebChatStarter(sources: WebChatSources): AdapterStarter {
  return {
    name: "Web chat",
    enabledBy: "WEB_CHAT=on",
    enabled: (config) => config.web.enabled,
    async start(context): Promise<RunningAdapter> {
      const { bot, logger } = context;
      const settings = context.config.web;
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
    },
  };
}

/** Runs the operator page lists. */
const RECENT_RUNS = 7;
