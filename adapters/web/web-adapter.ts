import type { AdapterStarter, RunningAdapter } from "../adapter.ts";
import { chatRoutes } from "./chat-routes.ts";

/**
 * The web chat: a page at `/`, the embeddable widget, and (with ADMIN_TOKEN) the operator page, on the shared
 * HTTP server. On by default, beside the console chat or the platform bots; WEB_CHAT=off turns it off.
 */
export const webChatStarter: AdapterStarter = {
  name: "Web chat",
  enabledBy: "WEB_CHAT=on",
  enabled: (config) => config.web.enabled,
  async start(context): Promise<RunningAdapter> {
    const routes = chatRoutes({ bot: context.bot, settings: context.config.web, logger: context.logger });
    return { name: "Web chat", routes, stop: async () => {} };
  },
};
