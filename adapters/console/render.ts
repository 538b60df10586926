import {
  articleListLine,
  articleSelectedText,
  type CommandSyntax,
  type DigestArticle,
  errorText,
  latestLine,
  type PassageView,
  passageHeading,
  passageTitle,
  type Reply,
  separateSentence,
  splitAtSentence,
  t,
  type UiLanguage,
} from "../../src/index.ts";

/** How the console chat writes a command in the bot's texts, as it reads them: `/help`, `/article 2`. */
export const consoleCommand: CommandSyntax = (name, argument) =>
  argument ? `/${name} ${argument}` : `/${name}`;

/** How the console marks the answering sentence; plain text by default, bold on a terminal. */
export interface ConsoleStyle {
  emphasize(text: string): string;
}

/** No markup at all, for pipes and files. */
export const PLAIN_STYLE: ConsoleStyle = { emphasize: (text) => text };
/** ANSI bold, for an interactive terminal. */
export const TERMINAL_STYLE: ConsoleStyle = { emphasize: (text) => `\u001b[1m${text}\u001b[22m` };

/** Renders a reply as plain text for the terminal. */
export function renderConsoleReply(
  reply: Reply,
  language: UiLanguage,
  style: ConsoleStyle = PLAIN_STYLE,
): string {
  switch (reply.kind) {
    case "answer": {
      const [best, ...more] = reply.passages;
      if (!best) return t(language, "noSections");
      const lines = [renderPassage(best, style)];
      if (more.length > 0) {
        lines.push("", `${t(language, "moreAnswers")}:`);
        for (const passage of more) lines.push(`- ${passageHeading(passage)}: ${passage.sentence}`);
      }
      return lines.join("\n");
    }
    case "no-answer":
      return reply.sections.length === 0
        ? t(language, "noSections")
        : [t(language, "noAnswer"), ...reply.sections.map((section) => `- ${section.heading}`)].join("\n");
    case "summary":
      return [
        `${style.emphasize(reply.article.title)}`,
        "",
        reply.lead,
        "",
        ...reply.sentences.map((sentence) => `- ${sentence}`),
        "",
        `${t(language, "sectionsTitle")}: ${reply.sections.map((section) => section.heading).join(" · ")}`,
      ].join("\n");
    case "sections":
      return [
        `${t(language, "sectionsTitle")}: ${reply.article.title}`,
        ...reply.sections.map((section) => `${section.index + 1}. ${section.heading}`),
      ].join("\n");
    case "section":
      return [style.emphasize(reply.section.heading), "", ...reply.paragraphs.flatMap((p) => [p, ""])]
        .join("\n")
        .trimEnd();
    case "latest":
      return [
        `${t(language, "latestTitle")}:`,
        ...reply.articles.flatMap((article, index) => [
          latestLine(article, index),
          ...(article.sourceUrl ? [`   ${article.sourceUrl}`] : []),
        ]),
      ].join("\n");
    case "articles":
      return [
        `${t(language, "articlesTitle")}:`,
        ...reply.articles.map((article, index) => articleListLine(article, index, reply.selected, language)),
        t(language, "articleHint", {}, consoleCommand),
      ].join("\n");
    case "article-selected":
      return articleSelectedText(reply.article, language);
    case "help":
      return [
        reply.greeting ? t(language, "greeting") : t(language, "helpIntro"),
        ...(reply.greeting ? reply.articles.map((article) => `- ${article.title}`) : []),
        "",
        ...reply.commands.map(
          (command) => `${consoleCommand(command.name, command.argument)} – ${command.description}`,
        ),
        ...(reply.examples.length > 0
          ? ["", t(language, "examplesIntro"), ...reply.examples.map((e) => `- ${e}`)]
          : []),
      ].join("\n");
    case "digest":
      return digestText(reply, language, style);
    case "error":
      return errorText(language, reply.code, consoleCommand, reply.detail);
  }
}

/** The daily summary: a heading with the date, each article as /summary shows it, and how to ask. */
function digestText(
  reply: Extract<Reply, { kind: "digest" }>,
  language: UiLanguage,
  style: ConsoleStyle,
): string {
  const article = (entry: DigestArticle) =>
    renderConsoleReply({ kind: "summary", ...entry }, language, style);
  const blocks = [style.emphasize(t(language, "digestTitle", { date: reply.date })), article(reply.newest)];
  if (reply.added.length > 0) blocks.push(style.emphasize(t(language, "digestAdded")));
  for (const group of reply.added) {
    if (group.feed !== undefined) blocks.push(t(language, "digestFromFeed", { feed: group.feed }));
    blocks.push(...group.articles.map(article));
  }
  if (reply.nothingNew) blocks.push(t(language, "digestNothingNew"));
  if (reply.example !== "") blocks.push(t(language, "digestAsk", { example: reply.example }));
  return blocks.join("\n\n");
}

/** Heading (and the title beside a section), the best sentence on its own line, the paragraph: each shown once. */
function renderPassage(passage: PassageView, style: ConsoleStyle): string {
  const title = passageTitle(passage);
  const sentence = separateSentence(passage);
  const parts = splitAtSentence(passage.text, passage.sentence);
  const paragraph = parts ? `${parts[0]}${style.emphasize(parts[1])}${parts[2]}` : passage.text;
  return [
    `${style.emphasize(passageHeading(passage))}${title === null ? "" : ` (${title})`}`,
    ...(sentence === null ? [] : [`» ${sentence}`]),
    "",
    paragraph,
    ...(passage.article.sourceUrl ? ["", `→ ${passage.article.sourceUrl}`] : []),
  ].join("\n");
}
