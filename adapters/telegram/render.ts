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
import { BOLD, ITALIC, linkMark, quoteMark, type Run, run, splitRuns } from "./html.ts";
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

/**
 * Renders a core reply as Telegram HTML messages with their inline buttons; all article and user text is
 * escaped. The reply is laid out as runs of plain text first and split into messages on that structure (see
 * splitRuns), so no part cuts a tag.
 */
export function renderTelegramReply(reply: Reply, language: UiLanguage): TelegramMessage {
  const keyboard = replyKeyboard(reply, language);
  const parts = splitRuns(replyRuns(reply, language), TELEGRAM_MESSAGE_LIMIT);
  return keyboard ? { parts, keyboard } : { parts };
}

/** Renders plain text (a confirmation, an apology) as escaped Telegram messages. */
export function renderTelegramText(text: string): TelegramMessage {
  return { parts: splitRuns([run(text)], TELEGRAM_MESSAGE_LIMIT) };
}

/** One passage: its section heading in bold, the paragraph quoted with the best sentence in bold, the article title. */
export function passageRuns(passage: PassageView): Run[] {
  const title = passage.section !== null || linkMark(passage.article.sourceUrl) !== null;
  return lines(
    [run(passageHeading(passage), BOLD)],
    highlight(passage.text, passage.sentence),
    // The article's title, linked to its source when it has one (feed articles always do).
    title ? [run(passage.article.title, ITALIC, linkMark(passage.article.sourceUrl))] : [],
  );
}

/** The runs of a reply, before splitting. */
function replyRuns(reply: Reply, language: UiLanguage): Run[] {
  switch (reply.kind) {
    case "answer": {
      const [best, ...more] = reply.passages;
      if (!best) return [run(t(language, "noSections"))];
      return blocks(
        passageRuns(best),
        more.length === 0
          ? []
          : lines(
              [run(t(language, "moreAnswers"), BOLD)],
              ...more.map((passage) => [
                run("• "),
                run(passageHeading(passage), BOLD),
                run(`: ${passage.sentence}`),
              ]),
            ),
      );
    }
    case "no-answer":
      return [run(t(language, reply.sections.length > 0 ? "noAnswer" : "noSections"))];
    case "summary":
      return blocks(
        [run(`${t(language, "summaryTitle")}: ${reply.article.title}`, BOLD), ...dateSuffix(reply.article)],
        [run(reply.lead)],
        [run(reply.sentences.map((sentence) => `• ${sentence}`).join("\n"))],
        reply.sections.length > 0 ? [run(t(language, "sectionsTitle"), ITALIC)] : [],
      );
    case "sections":
      return lines(
        [run(t(language, "sectionsTitle"), BOLD), run(": "), run(reply.article.title, ITALIC)],
        ...reply.sections.map((section) => [run(`${section.index + 1}. ${section.heading}`)]),
      );
    case "section":
      return blocks(
        [run(reply.section.heading, BOLD)],
        ...reply.paragraphs.map((paragraph) => [run(paragraph)]),
        [run(reply.article.title, ITALIC)],
      );
    case "latest":
      return lines(
        [run(t(language, "latestTitle"), BOLD)],
        ...reply.articles.map((article, index) => latestRuns(article, index)),
      );
    case "articles":
      return lines(
        [run(t(language, "articlesTitle"), BOLD)],
        ...reply.articles.map((article, index) => [
          run(articleListLine(article, index, reply.selected, language)),
        ]),
        [run(t(language, "articleHint", {}, telegramCommand))],
      );
    case "article-selected":
      return [run(articleSelectedText(reply.article, language))];
    case "help":
      return helpRuns(reply, language);
    case "digest":
      return digestRuns(reply, language);
    case "error":
      return [run(errorText(language, reply.code, telegramCommand, reply.detail))];
  }
}

/**
 * The daily summary: a heading with the date, each article as /summary shows it, and how to ask. Only the newest
 * article lists its sections: they are the buttons under the message.
 */
function digestRuns(reply: Extract<Reply, { kind: "digest" }>, language: UiLanguage): Run[] {
  const article = (entry: DigestArticle, newest: boolean) =>
    replyRuns({ kind: "summary", ...entry, sections: newest ? entry.sections : [] }, language);
  const parts = [[run(t(language, "digestTitle", { date: reply.date }), BOLD)], article(reply.newest, true)];
  if (reply.added.length > 0) parts.push([run(t(language, "digestAdded"), BOLD)]);
  for (const group of reply.added) {
    if (group.feed !== undefined)
      parts.push([run(t(language, "digestFromFeed", { feed: group.feed }), ITALIC)]);
    parts.push(...group.articles.map((entry) => article(entry, false)));
  }
  if (reply.nothingNew) parts.push([run(t(language, "digestNothingNew"))]);
  if (reply.example !== "") parts.push([run(t(language, "digestAsk", { example: `/ask ${reply.example}` }))]);
  return blocks(...parts);
}

function helpRuns(reply: Extract<Reply, { kind: "help" }>, language: UiLanguage): Run[] {
  const intro = [run(t(language, reply.greeting ? "greeting" : "helpIntro"))];
  if (reply.greeting) intro.push(...reply.articles.map((article) => run(`\n• ${article.title}`)));
  const commands = reply.commands
    .map((command) => `${telegramCommand(command.name, command.argument)} – ${command.description}`)
    .join("\n");
  return blocks(intro, [run(commands)], reply.examples.length > 0 ? [run(t(language, "examplesIntro"))] : []);
}

/** A /latest line with the article's title linked to its source, when it has an http(s) one. */
function latestRuns(article: ArticleRef, index: number): Run[] {
  const line = latestLine(article, index);
  const link = linkMark(article.sourceUrl);
  const at = line.indexOf(article.title);
  if (!link || at < 0 || article.title === "") return [run(line)];
  const end = at + article.title.length;
  return [run(line.slice(0, at)), run(article.title, link), run(line.slice(end))];
}

/** The paragraph, quoted, with its best sentence in bold; the paragraph alone when the sentence is not in it. */
function highlight(paragraph: string, sentence: string): Run[] {
  const quote = quoteMark();
  const parts = splitAtSentence(paragraph, sentence);
  if (!parts) return [run(paragraph, quote)];
  const [before, best, after] = parts;
  return [run(before, quote), run(best, quote, BOLD), run(after, quote)];
}

function dateSuffix(article: ArticleRef): Run[] {
  return article.date ? [run(` (${article.date})`)] : [];
}

/** Joins non-empty groups of runs with `separator`. */
function joined(separator: string, groups: Run[][]): Run[] {
  return groups
    .filter((group) => group.some((piece) => piece.text !== ""))
    .flatMap((group, index) => (index === 0 ? group : [run(separator), ...group]));
}

/** Paragraphs: groups of runs with a blank line between them. */
function blocks(...groups: Run[][]): Run[] {
  return joined("\n\n", groups);
}

/** Lines: groups of runs with a line break between them. */
function lines(...groups: Run[][]): Run[] {
  return joined("\n", groups);
}
