import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeError, type Logger, type NewsBot, type Reply } from "../../src/index.ts";
import type { HttpRoute } from "../http/http-server.ts";
import { clientAddress, ownOrigin, readBody, sendHtml, sendJson } from "./http-io.ts";
import { ASSET_PATHS, renderChatPage } from "./page.ts";
import { renderWebReply } from "./render.ts";
import type { WebSettings } from "./settings.ts";
import { preferredLanguage } from "./texts.ts";
import {
  answerWebRequest,
  chosenArticle,
  parseConversationBody,
  parseWebRequest,
  type WebAsker,
} from "./web-request.ts";

/** Options for {@link chatRoutes}. */
export interface ChatRoutesOptions {
  bot: NewsBot;
  settings: WebSettings;
  logger: Logger;
}

const ASSETS_DIR = new URL("./assets/", import.meta.url);

/** A file of the page, read once at start-up. */
function asset(name: string, type: string, headers: Record<string, string> = {}): HttpRoute["handler"] {
  const body = readFileSync(new URL(name, ASSETS_DIR));
  return (request, response) => {
    if (!allowMethod(request, response, ["GET", "HEAD"])) return;
    response.writeHead(200, {
      "content-type": type,
      "content-length": String(body.length),
      "x-content-type-options": "nosniff",
      "cache-control": "no-cache",
      ...headers,
    });
    response.end(request.method === "HEAD" ? undefined : body);
  };
}

function allowMethod(request: IncomingMessage, response: ServerResponse, methods: string[]): boolean {
  if (methods.includes(request.method ?? "")) return true;
  response
    .writeHead(405, { allow: methods.join(", "), "content-type": "text/plain" })
    .end("Method not allowed");
  return false;
}

/**
 * The chat's routes on the shared server: the page at `/`, the widget's frame at `/embed`, the answers at
 * `/web/ask`, the conversation's article choice at `/web/state`, and the page's script, style and widget.
 */
export function chatRoutes(options: ChatRoutesOptions): HttpRoute[] {
  const { bot, settings, logger } = options;
  const asker = (request: IncomingMessage): WebAsker => ({
    address: clientAddress(request, settings.trustProxy),
    language: preferredLanguage(request.headers["accept-language"]),
  });
  const answer = async (request: IncomingMessage, run: () => Promise<Reply>): Promise<Reply> => {
    try {
      return await run();
    } catch (error) {
      logger.error("Web answer failed", { error: describeError(error), address: asker(request).address });
      return { kind: "error", code: "internal" };
    }
  };

  const page =
    (embedded: boolean): HttpRoute["handler"] =>
    async (request, response) => {
      if (!allowMethod(request, response, ["GET", "HEAD"])) return;
      const who = asker(request);
      const question = new URL(request.url ?? "/", "http://localhost").searchParams.get("q");
      // Without the script, the form's GET asks here; the answer is rendered into the page.
      const exchange =
        question === null
          ? undefined
          : {
              question,
              answer: renderWebReply(
                await answer(request, () =>
                  answerWebRequest(bot, { input: { kind: "text", text: question } }, who),
                ),
                who.language,
              ),
            };
      const help = bot.help(who.language);
      const body = renderChatPage({
        language: who.language,
        examples: help.kind === "help" ? help.examples : [],
        articles: bot.articles(),
        embedded,
        ...(exchange ? { exchange } : {}),
      });
      sendHtml(response, 200, body, {
        // The page itself is never framed; the widget's frame only by the allowed sites (and this server).
        ...(embedded ? { frameAncestors: ["'self'", ...settings.allowedOrigins] } : {}),
        headers: { "content-language": who.language, vary: "Accept-Language" },
      });
    };

  /** Reads and checks a POST from the page: JSON, from this origin, within the size limit. */
  const readRequest = async <Parsed extends object>(
    request: IncomingMessage,
    response: ServerResponse,
    parse: (body: string) => Parsed | { problem: string },
  ): Promise<Parsed | undefined> => {
    if (!allowMethod(request, response, ["POST"])) return undefined;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(request, settings.trustProxy)) {
      sendJson(response, 403, { error: "cross-origin request refused" });
      return undefined;
    }
    if (!String(request.headers["content-type"] ?? "").startsWith("application/json")) {
      sendJson(response, 415, { error: "expected application/json" });
      return undefined;
    }
    const body = await readBody(request);
    if (body === null) {
      sendJson(response, 413, { error: "request too large" });
      return undefined;
    }
    const parsed = parse(body);
    if ("problem" in parsed) {
      logger.warn("Malformed web chat request", { problem: parsed.problem });
      sendJson(response, 400, { error: parsed.problem });
      return undefined;
    }
    return parsed;
  };

  return [
    { path: "/", handler: page(false) },
    { path: "/embed", handler: page(true) },
    {
      path: "/web/ask",
      handler: async (request, response) => {
        const parsed = await readRequest(request, response, parseWebRequest);
        if (!parsed) return;
        const who = asker(request);
        const reply = await answer(request, () => answerWebRequest(bot, parsed, who));
        sendJson(response, reply.kind === "error" && reply.code === "rate-limited" ? 429 : 200, {
          html: renderWebReply(reply, who.language).html,
          ...(reply.kind === "article-selected" ? { selected: reply.article?.id ?? null } : {}),
        });
      },
    },
    {
      path: "/web/state",
      handler: async (request, response) => {
        const parsed = await readRequest(request, response, parseConversationBody);
        if (!parsed) return;
        sendJson(response, 200, { selected: await chosenArticle(bot, parsed.conversation) });
      },
    },
    { path: ASSET_PATHS.script, handler: asset("chat.js", "text/javascript; charset=utf-8") },
    { path: ASSET_PATHS.style, handler: asset("chat.css", "text/css; charset=utf-8") },
    {
      path: ASSET_PATHS.widget,
      // News sites load this from their own pages.
      handler: asset("widget.js", "text/javascript; charset=utf-8", {
        "cross-origin-resource-policy": "cross-origin",
      }),
    },
  ];
}
