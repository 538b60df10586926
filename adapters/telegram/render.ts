import {
  type ArticleRef,
  articleListLine,
  articleSelectedText,
  type CommandSyntax,
  type DigestArticle,
  errorText,
  latestLine,
  type PassageView,
  passageHeading,
  type Reply,
  splitAtSentence,
  t,
  type UiLanguage,
} from "../../src/index.ts";
import { escapeHtml as esc, splitHtml, tag } from "./html.ts";
import { type InlineKeyboard, replyKeyboard } from "./keyboards.ts";

/** Telegram's limit on a message's text, in characters after entity parsing. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** How Telegram writes a command in the bot's texts: `/help`, `/article <Nummer>`. */
export const telegramCommand: CommandSyntax = (name, argument) =>
  argument ? `/${name} ${argument}` : `/${name}`;

/** A reply as Telegram messages: HTML parts sent in order, buttons under the last one. */
export interface TelegramMessage {
  /** HTML (parse_mode "HTML"), each part within {@link TELEGRAM_MESSAGE_LIMIT}. */
  parts: string[];
  keyboard?: InlineKeyboard;
}

/** Renders a core reply as Telegram HTML messages with their inline buttons; all article and user text is escaped. */
export function renderTelegramReply(reply: Reply, language: UiLanguage): TelegramMessage {
  const keyboard = replyKeyboard(reply, language);
  const parts = splitHtml(replyHtml(reply, language), TELEGRAM_MESSAGE_LIMIT);
  return keyboard ? { parts, keyboard } : { parts };
}

/** Renders plain text (a confirmation, an apology) as escaped Telegram messages. */
export function renderTelegramText(text: string): TelegramMessage {
  return { parts: splitHtml(esc(text), TELEGRAM_MESSAGE_LIMIT) };
}

/** One passage: its section heading in bold, the paragraph quoted with the best sentence in bold, the article title. */
export function passageHtml(passage: PassageView): string {
  const lines = [tag("b", esc(passageHeading(passage)))];
  lines.push(tag("blockquote", highlight(passage.text, passage.sentence)));
  const url = passage.article.sourceUrl;
  // The article's title, linked to its source when it has one (feed articles always do).
  if (url && /^https?:\/\//i.test(url))
    lines.push(tag("i", `<a href="${esc(url)}">${esc(passage.article.title)}</a>`));
  else if (passage.section !== null) lines.push(tag("i", esc(passage.article.title)));
  return lines.join("\n");
}

/** The HTML of a reply, before splitting. */
function replyHtml(reply: Reply, language: UiLanguage): string {
  switch (reply.kind) {
    case "answer": {
      const [best, ...more] = reply.passages;
      if (!best) return esc(t(language, "noSections"));
      const blocks = [passageHtml(best)];
      if (more.length > 0) {
        blocks.push(
          [
            tag("b", esc(t(language, "moreAnswers"))),
            ...more.map((passage) => `• ${tag("b", esc(passageHeading(passage)))}: ${esc(passage.sentence)}`),
          ].join("\n"),
        );
      }
      return blocks.join("\n\n");
    }
    case "no-answer":
      return esc(t(language, reply.sections.length > 0 ? "noAnswer" : "noSections"));
    case "summary":
      return [
        `${tag("b", `${esc(t(language, "summaryTitle"))}: ${esc(reply.article.title)}`)}${dateSuffix(reply.article)}`,
        esc(reply.lead),
        reply.sentences.map((sentence) => `• ${esc(sentence)}`).join("\n"),
        reply.sections.length > 0 ? tag("i", esc(t(language, "sectionsTitle"))) : "",
      ]
        .filter((block) => block !== "")
        .join("\n\n");
    case "sections":
      return [
        `${tag("b", esc(t(language, "sectionsTitle")))}: ${tag("i", esc(reply.article.title))}`,
        ...reply.sections.map((section) => `${section.index + 1}. ${esc(section.heading)}`),
      ].join("\n");
    case "section":
      return [
        tag("b", esc(reply.section.heading)),
        ...reply.paragraphs.map(esc),
        tag("i", esc(reply.article.title)),
      ].join("\n\n");
    case "latest":
      return [
        tag("b", esc(t(language, "latestTitle"))),
        ...reply.articles.map((article, index) => {
          const url = article.sourceUrl;
          const line = esc(latestLine(article, index));
          if (!url || !/^https?:\/\//i.test(url)) return line;
          const title = esc(article.title);
          return line.replace(title, `<a href="${esc(url)}">${title}</a>`);
        }),
      ].join("\n");
    case "articles":
      return [
        tag("b", esc(t(language, "articlesTitle"))),
        ...reply.articles.map((article, index) =>
          esc(articleListLine(article, index, reply.selected, language)),
        ),
        esc(t(language, "articleHint", {}, telegramCommand)),
      ].join("\n");
    case "article-selected":
      return esc(articleSelectedText(reply.article, language));
    case "help":
      return helpHtml(reply, language);
    case "digest":
      return digestHtml(reply, language);
    case "error":
      return esc(errorText(language, reply.code, telegramCommand, reply.detail));
  }
}

/**
 * The daily summary: a heading with the date, each article as /summary shows it, and how to ask. Only the newest
 * article lists its sections: they are the buttons under the message.
 */
function digestHtml(reply: Extract<Reply, { kind: "digest" }>, language: UiLanguage): string {
  const article = (entry: DigestArticle, newest: boolean) =>
    replyHtml({ kind: "summary", ...entry, sections: newest ? entry.sections : [] }, language);
  const blocks = [
    tag("b", esc(t(language, "digestTitle", { date: reply.date }))),
    article(reply.newest, true),
  ];
  if (reply.added.length > 0) blocks.push(tag("b", esc(t(language, "digestAdded"))));
  for (const group of reply.added) {
    if (group.feed !== undefined)
      blocks.push(tag("i", esc(t(language, "digestFromFeed", { feed: group.feed }))));
    blocks.push(...group.articles.map((entry) => article(entry, false)));
  }
  if (reply.nothingNew) blocks.push(esc(t(language, "digestNothingNew")));
  if (reply.example !== "") blocks.push(esc(t(language, "digestAsk", { example: `/ask ${reply.example}` })));
  return blocks.join("\n\n");
}

function helpHtml(reply: Extract<Reply, { kind: "help" }>, language: UiLanguage): string {
  const intro = [esc(t(language, reply.greeting ? "greeting" : "helpIntro"))];
  if (reply.greeting) intro.push(...reply.articles.map((article) => `• ${esc(article.title)}`));
  const commands = reply.commands.map(
    (command) => `${esc(telegramCommand(command.name, command.argument))} – ${esc(command.description)}`,
  );
  const blocks = [intro.join("\n"), commands.join("\n")];
  if (reply.examples.length > 0) blocks.push(esc(t(language, "examplesIntro")));
  return blocks.join("\n\n");
}

/** The paragraph with its best sentence in bold; the paragraph alone when the sentence is not found in it. */
function highlight(paragraph: string, sentence: string): string {
  const parts = splitAtSentence(paragraph, sentence);
  if (!parts) return esc(paragraph);
  const [before, best, after] = parts;
  return esc(before) + tag("b", esc(best)) + esc(after);
}

function dateSuffix(article: ArticleRef): string {
  return article.date ? ` (${esc(article.date)})` : "";
}
