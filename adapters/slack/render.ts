import {
  type ArticleRef,
  articleListLine,
  articleSelectedText,
  type CommandSyntax,
  type DigestArticle,
  errorText,
  latestLine,
  passageHeading,
  passageTitle,
  type Reply,
  t,
  truncate,
  type UiLanguage,
} from "../../src/index.ts";
import {
  BUTTON_TEXT_LIMIT,
  BUTTON_VALUE_LIMIT,
  bold,
  contextBlock,
  escapeMrkdwn,
  inlineCode,
  linesBlocks,
  type SlackBlock,
  type SlackMessage,
  sectionBlock,
  textBlocks,
  toMessages,
} from "./mrkdwn.ts";
import { slackText } from "./texts.ts";

/** The action id of the "Share in channel" button; its value is the question. */
export const SHARE_ACTION_ID = "share_answer";
/** The slash command named in hints when none is given. */
export const DEFAULT_SLASH_COMMAND = "/news";

/** How a reply is rendered for Slack. */
export interface SlackRenderOptions {
  /** The slash command written into hints, so "/help" reads "/news help"; default {@link DEFAULT_SLASH_COMMAND}. */
  command?: string;
  /** Adds the "Share in channel" button to an answer (ephemeral answers to a slash command). */
  shareable?: boolean;
  /** The Slack user id of who shared the answer into a channel; the question is shown with it. */
  sharedBy?: string;
}

/** Renders a core reply as Slack messages: escaped mrkdwn, within Block Kit's limits, each with a text fallback. */
export function renderSlackReply(
  reply: Reply,
  language: UiLanguage,
  options: SlackRenderOptions = {},
): SlackMessage[] {
  return toMessages(replyBlocks(reply, language, options));
}

/** How Slack writes a command in the bot's texts: a subcommand of the slash command, `/news help`. */
export function slackCommand(command = DEFAULT_SLASH_COMMAND): CommandSyntax {
  return (name, argument) => (argument ? `${command} ${name} ${argument}` : `${command} ${name}`);
}

function replyBlocks(reply: Reply, language: UiLanguage, options: SlackRenderOptions): SlackBlock[] {
  const syntax = slackCommand(options.command);
  switch (reply.kind) {
    case "answer":
      return answerBlocks(reply, language, options);
    case "no-answer":
      return reply.sections.length === 0
        ? textBlocks(t(language, "noSections"))
        : linesBlocks([
            escapeMrkdwn(t(language, "noAnswer")),
            ...reply.sections.map((section) => `• ${escapeMrkdwn(section.heading)}`),
          ]);
    case "summary":
      return [
        sectionBlock(bold(reply.article.title)),
        ...textBlocks(reply.lead),
        ...linesBlocks(reply.sentences.map((sentence) => `• ${escapeMrkdwn(sentence)}`)),
        ...(reply.sections.length > 0
          ? [
              contextBlock([
                `${escapeMrkdwn(t(language, "sectionsTitle"))}: ${reply.sections.map((s) => escapeMrkdwn(s.heading)).join(" · ")}`,
              ]),
            ]
          : []),
      ];
    case "sections":
      return linesBlocks([
        bold(`${t(language, "sectionsTitle")}: ${reply.article.title}`),
        ...reply.sections.map((section) => `${section.index + 1}. ${escapeMrkdwn(section.heading)}`),
      ]);
    case "section":
      return [
        sectionBlock(bold(reply.section.heading)),
        ...reply.paragraphs.flatMap((paragraph) => textBlocks(paragraph)),
        contextBlock([source(reply.article, language)]),
      ];
    case "latest":
      return linesBlocks([
        bold(t(language, "latestTitle")),
        ...reply.articles.map((article, index) => {
          const title = escapeMrkdwn(article.title);
          return escapeMrkdwn(latestLine(article, index)).replace(title, linkedTitle(article));
        }),
      ]);
    case "articles":
      return [
        ...linesBlocks([
          bold(t(language, "articlesTitle")),
          ...reply.articles.map((article, index) =>
            escapeMrkdwn(articleListLine(article, index, reply.selected, language)),
          ),
        ]),
        contextBlock([escapeMrkdwn(t(language, "articleHint", {}, syntax))]),
      ];
    case "article-selected":
      return textBlocks(articleSelectedText(reply.article, language));
    case "help":
      return helpBlocks(reply, language, syntax);
    case "digest":
      return digestBlocks(reply, language, options);
    case "error":
      return textBlocks(errorText(language, reply.code, syntax, reply.detail));
  }
}

/** The daily summary: a heading with the date, each article as /summary shows it, and how to ask. */
function digestBlocks(
  reply: Extract<Reply, { kind: "digest" }>,
  language: UiLanguage,
  options: SlackRenderOptions,
): SlackBlock[] {
  const command = options.command ?? DEFAULT_SLASH_COMMAND;
  const article = (entry: DigestArticle) => replyBlocks({ kind: "summary", ...entry }, language, options);
  const blocks = [
    sectionBlock(bold(t(language, "digestTitle", { date: reply.date }))),
    ...article(reply.newest),
  ];
  if (reply.added.length > 0)
    blocks.push({ type: "divider" }, sectionBlock(bold(t(language, "digestAdded"))));
  for (const group of reply.added) {
    if (group.feed !== undefined)
      blocks.push(contextBlock([escapeMrkdwn(t(language, "digestFromFeed", { feed: group.feed }))]));
    for (const entry of group.articles) blocks.push(...article(entry));
  }
  if (reply.nothingNew) blocks.push(contextBlock([escapeMrkdwn(t(language, "digestNothingNew"))]));
  if (reply.example !== "") {
    // The placeholder survives t() unfilled, so the example goes in after escaping, as code.
    const example = inlineCode(`${command} ${reply.example}`);
    blocks.push(contextBlock([escapeMrkdwn(t(language, "digestAsk")).replace("{example}", example)]));
  }
  return blocks;
}

function answerBlocks(
  reply: Extract<Reply, { kind: "answer" }>,
  language: UiLanguage,
  options: SlackRenderOptions,
): SlackBlock[] {
  const [best, ...more] = reply.passages;
  if (!best) return textBlocks(t(language, "noSections"));
  const blocks: SlackBlock[] = [];
  if (options.sharedBy !== undefined) {
    const user = /^[UW][A-Z0-9]+$/.test(options.sharedBy) ? `<@${options.sharedBy}>` : "";
    blocks.push(
      contextBlock([
        slackText(language, "asked", { user, question: escapeMrkdwn(truncate(reply.question, 500)) }).trim(),
      ]),
    );
  }
  blocks.push(sectionBlock(bold(passageHeading(best))), ...textBlocks(best.text, best.sentence));
  // A lead passage is already headed by the article's title: its context line gives only the date.
  const context =
    passageTitle(best) === null && !best.article.sourceUrl
      ? dateLine(best.article)
      : source(best.article, language);
  if (context !== "") blocks.push(contextBlock([context]));
  if (more.length > 0) {
    blocks.push(
      ...linesBlocks([
        bold(t(language, "moreAnswers")),
        ...more.map((passage) => `• ${bold(passageHeading(passage))}: ${escapeMrkdwn(passage.sentence)}`),
      ]),
    );
  }
  if (options.shareable && reply.question.length <= BUTTON_VALUE_LIMIT) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: SHARE_ACTION_ID,
          text: { type: "plain_text", text: truncate(slackText(language, "share"), BUTTON_TEXT_LIMIT) },
          value: reply.question,
        },
      ],
    });
  }
  return blocks;
}

function helpBlocks(reply: Extract<Reply, { kind: "help" }>, language: UiLanguage, syntax: CommandSyntax) {
  return linesBlocks([
    escapeMrkdwn(reply.greeting ? t(language, "greeting") : t(language, "helpIntro")),
    ...(reply.greeting ? reply.articles.map((article) => `• ${escapeMrkdwn(article.title)}`) : []),
    "",
    ...reply.commands.map(
      (entry) => `• ${inlineCode(syntax(entry.name, entry.argument))} – ${escapeMrkdwn(entry.description)}`,
    ),
    ...(reply.examples.length > 0
      ? [
          "",
          escapeMrkdwn(t(language, "examplesIntro")),
          ...reply.examples.map((example) => `• ${escapeMrkdwn(example)}`),
        ]
      : []),
  ]);
}

function dateLine(article: ArticleRef): string {
  return article.date ? escapeMrkdwn(article.date) : "";
}

/** The article's title as a Slack link to its source; unlinked when it has none or one Slack's syntax cannot hold. */
function linkedTitle(article: ArticleRef): string {
  const url = article.sourceUrl;
  const title = escapeMrkdwn(article.title);
  // "|" and ">" would end the link early; "&" is written as Slack writes it, &amp;.
  if (!url || !/^https?:\/\/[^\s|<>]+$/i.test(url)) return title;
  return `<${url.replace(/&/g, "&amp;")}|${title}>`;
}

function source(article: ArticleRef, language: UiLanguage): string {
  const date = article.date ? ` · ${escapeMrkdwn(article.date)}` : "";
  return `${escapeMrkdwn(t(language, "source"))}: ${linkedTitle(article)}${date}`;
}
