import type { InlineQueryResultArticle } from "grammy/types";
import { type NewsBot, passageHeading, truncate } from "../../src/index.ts";
import { splitRuns } from "./html.ts";
import { passageRuns, TELEGRAM_MESSAGE_LIMIT } from "./render.ts";

/** Passages offered for one inline query. */
const INLINE_RESULT_LIMIT = 5;
/** Longest description under a result's title. */
const DESCRIPTION_LIMIT = 200;
/** Telegram caches results per query this long; the articles change rarely. */
export const INLINE_CACHE_SECONDS = 300;

/**
 * The top passages for an inline query as article results; choosing one posts the passage (heading, quoted
 * paragraph, title) into the chat. Empty for an empty query or when nothing answers it.
 */
export function inlineResults(bot: NewsBot, query: string): InlineQueryResultArticle[] {
  const question = query.trim();
  if (question === "") return [];
  const reply = bot.ask(question, { limit: INLINE_RESULT_LIMIT });
  if (reply.kind !== "answer") return [];
  return reply.passages.map((passage, index) => ({
    type: "article",
    id: String(index),
    title: passageHeading(passage),
    description: truncate(passage.sentence, DESCRIPTION_LIMIT),
    input_message_content: {
      // A passage longer than one message is cut at a sentence; the inline result is a quote, not the article.
      message_text: splitRuns(passageRuns(passage), TELEGRAM_MESSAGE_LIMIT)[0] ?? "",
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    },
  }));
}
