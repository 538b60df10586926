import type { ArticleRef } from "./article.ts";
import { t, type UiLanguage } from "./i18n.ts";
import type { PassageView } from "./reply.ts";

/** The heading a passage is shown under: its section, or the article's title for the lead and intro. */
export function passageHeading(passage: PassageView): string {
  return passage.section ?? passage.article.title;
}

/** The article title to show beside a passage: none for the lead and intro, whose heading already is the title. */
export function passageTitle(passage: PassageView): string | null {
  return passage.section === null ? null : passage.article.title;
}

/**
 * The best sentence to show apart from its paragraph, for renderers that cannot mark it inside: null when the
 * paragraph is that one sentence, so it is not shown twice.
 */
export function separateSentence(passage: PassageView): string | null {
  const sentence = passage.sentence.trim();
  return sentence === "" || sentence === passage.text.trim() ? null : sentence;
}

/**
 * Cuts a paragraph around its best sentence, so a renderer can emphasise the middle piece in its own markup;
 * null when the sentence is not found verbatim (then the renderer shows the paragraph as it is).
 */
export function splitAtSentence(
  text: string,
  sentence: string,
): [before: string, sentence: string, after: string] | null {
  const start = sentence === "" ? -1 : text.indexOf(sentence);
  if (start < 0) return null;
  return [text.slice(0, start), sentence, text.slice(start + sentence.length)];
}

/** One line of the /article list as plain text: number, title, date, and a mark on the chosen one. */
export function articleListLine(
  article: ArticleRef,
  index: number,
  selected: string | null,
  language: UiLanguage,
): string {
  const date = article.date ? ` (${article.date})` : "";
  const mark = article.id === selected ? ` ${t(language, "selectedMark")}` : "";
  return `${index + 1}. ${article.title}${date}${mark}`;
}

/** One line of the /latest list as plain text: number, title and date; renderers link the title their way. */
export function latestLine(article: ArticleRef, index: number): string {
  return `${index + 1}. ${article.title}${article.date ? ` (${article.date})` : ""}`;
}

/** What the bot says after /article: the article questions now go to, or all of them. */
export function articleSelectedText(article: ArticleRef | null, language: UiLanguage): string {
  return article ? t(language, "articleSelected", { title: article.title }) : t(language, "articleCleared");
}
