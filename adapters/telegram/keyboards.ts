import type { InlineKeyboardButton } from "grammy/types";
import { type Reply, type SectionRef, t, truncate, type UiLanguage } from "../../src/index.ts";
import { articleKey, type CallbackAction, encodeCallbackData } from "./callback-data.ts";

/** Longest label on a button; longer headings and titles are cut with an ellipsis. */
const BUTTON_TEXT_LIMIT = 60;
/** Buttons Telegram allows on one message. */
const KEYBOARD_BUTTON_LIMIT = 100;

/** Rows of inline buttons, as `reply_markup.inline_keyboard` takes them. */
export type InlineKeyboard = InlineKeyboardButton[][];

/**
 * The buttons that go with a reply: a section list (no answer, /sections, summary) shows one button per
 * section, the help shows the example questions, the article list one button per article and one for all.
 */
export function replyKeyboard(reply: Reply, language: UiLanguage): InlineKeyboard | undefined {
  switch (reply.kind) {
    case "no-answer":
    case "sections":
    case "summary":
      return rows(reply.sections.map(sectionButton));
    case "digest":
      return rows(reply.newest.sections.map(sectionButton));
    case "help":
      return rows(reply.examples.map((question, index) => button(question, { kind: "example", index })));
    case "articles":
      return rows([
        ...reply.articles.map((article) =>
          button(`${article.id === reply.selected ? "✓ " : ""}${article.title}`, {
            kind: "article",
            articleKey: articleKey(article.id),
          }),
        ),
        button(t(language, "allArticles"), { kind: "article", articleKey: null }),
      ]);
    default:
      return undefined;
  }
}

function sectionButton(section: SectionRef): InlineKeyboardButton {
  return button(section.heading, {
    kind: "section",
    articleKey: articleKey(section.articleId),
    index: section.index,
  });
}

function button(label: string, action: CallbackAction): InlineKeyboardButton {
  return { text: truncate(label, BUTTON_TEXT_LIMIT), callback_data: encodeCallbackData(action) };
}

/** One button per row, which reads best for headings and questions on a phone. */
function rows(buttons: InlineKeyboardButton[]): InlineKeyboard | undefined {
  if (buttons.length === 0) return undefined;
  return buttons.slice(0, KEYBOARD_BUTTON_LIMIT).map((entry) => [entry]);
}
