import { readFileSync } from "node:fs";
import { startHttpServer } from "../../adapters/http/http-server.ts";
import { createLogger } from "../../adapters/logger.ts";
import { chatRoutes } from "../../adapters/web/chat-routes.ts";
import type { WebSettings } from "../../adapters/web/settings.ts";
import { createNewsBot, loadArticles, type NewsBot } from "../../src/index.ts";
import { ARTICLE_FILE, tempContent } from "../helpers/articles.ts";

/** The fixture article whose title and text carry `<script>` and `&`. */
export const MARKUP_ARTICLE = "test/fixtures/web/001_markup.md";

/** A running web chat on loopback over the real article and the markup fixture. */
export interface WebChatServer {
  url: string;
  bot: NewsBot;
  logs: string[];
  stop(): Promise<void>;
}

/** Starts the web chat's routes on the shared HTTP server, on a free loopback port. */
export async function startWebChat(settings: Partial<WebSettings> = {}): Promise<WebChatServer> {
  const dir = tempContent({
    "000_real.txt": readFileSync(ARTICLE_FILE, "utf8"),
    "001_markup.md": readFileSync(MARKUP_ARTICLE, "utf8"),
  });
  const { articles } = await loadArticles(dir);
  const logs: string[] = [];
  const logger = createLogger({ level: "warn", write: (line) => logs.push(line) });
  const bot = createNewsBot({ articles });
  const server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    routes: chatRoutes({
      bot,
      logger,
      settings: { enabled: true, allowedOrigins: [], trustProxy: false, ...settings },
    }),
    isHealthy: () => true,
    logger,
  });
  return { url: `http://127.0.0.1:${server.port}`, bot, logs, stop: () => server.stop() };
}
