import { type Digest, type DigestArticle, t } from "../../src/index.ts";
import { PLAIN_STYLE, renderConsoleReply } from "../console/render.ts";
import type { DigestContext } from "./sender.ts";

/** How one platform writes the parts of a digest; text-based platforms (console, Telegram) share the layout. */
export interface DigestMarkup {
  /** Escapes UI text for the platform. */
  escape(text: string): string;
  /** A heading from raw text. */
  heading(text: string): string;
  /** One article: title, lead, key sentences, sections; `newest` is the one the summary is about. */
  article(article: DigestArticle, context: DigestContext, newest: boolean): string;
  /** How a question is asked on the platform, before the example ("/ask "); empty for plain questions. */
  askPrefix: string;
}

/**
 * Lays out the daily summary: a heading with the date, the newest article, the articles new since the previous
 * summary, and a line on how to ask questions. Blocks are separated by blank lines, so splitters cut between them.
 */
export function digestText(digest: Digest, context: DigestContext, markup: DigestMarkup): string {
  const { language } = context;
  const blocks = [markup.heading(t(language, "digestTitle", { date: context.date }))];
  blocks.push(markup.article(digest.newest, context, true));
  if (digest.added.length > 0) {
    blocks.push(markup.heading(t(language, "digestAdded")));
    for (const article of digest.added) blocks.push(markup.article(article, context, false));
  }
  if (digest.example !== "") {
    blocks.push(markup.escape(t(language, "digestAsk", { example: `${markup.askPrefix}${digest.example}` })));
  }
  return blocks.join("\n\n");
}

/** The console's markup: plain text, each article exactly as the console chat shows a summary. */
export const CONSOLE_DIGEST_MARKUP: DigestMarkup = {
  escape: (text) => text,
  heading: (text) => PLAIN_STYLE.emphasize(text),
  article: (article, context) => renderConsoleReply({ kind: "summary", ...article }, context.language),
  askPrefix: "",
};

/** The daily summary as the console shows it, for `npm run summary`. */
export function renderConsoleDigest(digest: Digest, context: DigestContext): string {
  return digestText(digest, context, CONSOLE_DIGEST_MARKUP);
}
