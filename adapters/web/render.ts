import {
  type ArticleRef,
  articleListLine,
  articleSelectedText,
  type CommandSyntax,
  errorText,
  type PassageView,
  passageHeading,
  passageTitle,
  type Reply,
  splitAtSentence,
  t,
  type UiLanguage,
} from "../../src/index.ts";
import { html, type SafeHtml, safeHref } from "./html.ts";
import { webText } from "./texts.ts";

/** How the web chat writes a command in the bot's texts, as its text box reads them: `/help`, `/article 2`. */
export const webCommand: CommandSyntax = (name, argument) => (argument ? `/${name} ${argument}` : `/${name}`);

/**
 * Renders a reply as an HTML fragment for the chat transcript. Everything the person or an article says is
 * escaped; commands, sections, articles and examples become buttons (`data-command`, `data-args`,
 * `data-question`) that the page's script sends back as requests.
 */
export function renderWebReply(reply: Reply, language: UiLanguage): SafeHtml {
  switch (reply.kind) {
    case "answer": {
      const [best, ...more] = reply.passages;
      if (!best) return paragraph(t(language, "noSections"));
      return html`${renderPassage(best, language)}${
        more.length > 0
          ? html`<p class="more-title">${t(language, "moreAnswers")}:</p><ul class="more">${more.map(
              (passage) =>
                html`<li><strong>${passageHeading(passage)}:</strong> ${passage.sentence}${
                  passage.article.id === best.article.id
                    ? null
                    : html` (${articleLink(passage.article, passage.article.title)})`
                }</li>`,
            )}</ul>`
          : null
      }`;
    }
    case "no-answer":
      return reply.sections.length === 0
        ? paragraph(t(language, "noSections"))
        : html`<p>${t(language, "noAnswer")}</p>${sectionButtons(reply.sections, language)}`;
    case "summary":
      return html`<h2>${t(language, "summaryTitle")}: ${reply.article.title}</h2><p>${reply.lead}</p><ul>${reply.sentences.map(
        (sentence) => html`<li>${sentence}</li>`,
      )}</ul>${articleLink(reply.article, webText(language, "readArticle"))}${sectionButtons(reply.sections, language)}`;
    case "sections":
      return html`<h2>${t(language, "sectionsTitle")}: ${reply.article.title}</h2>${sectionButtons(reply.sections, language)}`;
    case "section":
      return html`<h2>${reply.section.heading}</h2>${reply.paragraphs.map((text) => html`<p>${text}</p>`)}${articleLink(
        reply.article,
        reply.article.title,
      )}`;
    case "latest":
      return html`<h2>${t(language, "latestTitle")}</h2><ol>${reply.articles.map(
        (article) =>
          html`<li>${articleLink(article, article.title)}${article.date ? ` (${article.date})` : ""}</li>`,
      )}</ol>`;
    case "articles":
      return html`<h2>${t(language, "articlesTitle")}</h2><ul class="choices">${reply.articles.map(
        (article, index) =>
          html`<li><button type="button" data-command="article" data-args="${article.id}" aria-pressed="${String(
            article.id === reply.selected,
          )}">${articleListLine(article, index, reply.selected, language)}</button></li>`,
      )}<li><button type="button" data-command="article" data-args="all" aria-pressed="${String(
        reply.selected === null,
      )}">${t(language, "allArticles")}</button></li></ul>`;
    case "article-selected":
      return paragraph(articleSelectedText(reply.article, language));
    case "help":
      return html`<p>${reply.greeting ? t(language, "greeting") : t(language, "helpIntro")}</p>${
        reply.greeting
          ? html`<ul>${reply.articles.map((article) => html`<li>${article.title}</li>`)}</ul>`
          : null
      }<ul class="choices">${reply.commands
        .filter((command) => command.name !== "ask")
        .map(
          (command) =>
            html`<li><button type="button" data-command="${command.name}">${command.description}</button></li>`,
        )}</ul>${
        reply.examples.length > 0
          ? html`<p>${t(language, "examplesIntro")}</p><ul class="choices">${reply.examples.map(
              (example) =>
                html`<li><button type="button" data-question="${example}">${example}</button></li>`,
            )}</ul>`
          : null
      }`;
    case "digest":
      return html`<h2>${t(language, "digestTitle", { date: reply.date })}</h2>${[
        reply.newest,
        ...reply.added.flatMap((group) => group.articles),
      ].map((entry) => renderWebReply({ kind: "summary", ...entry }, language))}`;
    case "error":
      return html`<p class="error">${errorText(language, reply.code, webCommand, reply.detail)}</p>`;
  }
}

function paragraph(text: string): SafeHtml {
  return html`<p>${text}</p>`;
}

/**
 * The best passage: its heading, the paragraph with the answering sentence marked, and where it comes from; a lead
 * passage is headed by its article's title, so that title is the heading (linked) and not repeated below.
 */
function renderPassage(passage: PassageView, language: UiLanguage): SafeHtml {
  const parts = splitAtSentence(passage.text, passage.sentence);
  const body = parts ? html`${parts[0]}<mark>${parts[1]}</mark>${parts[2]}` : html`${passage.text}`;
  const title = passageTitle(passage);
  if (title === null)
    return html`<h2>${articleLink(passage.article, passage.article.title)}</h2><p>${body}</p>`;
  return html`<h2>${passageHeading(passage)}</h2><p>${body}</p><p class="source">${t(language, "source")}: ${articleLink(
    passage.article,
    title,
  )}</p>`;
}

/** The article's title, linked to its source when it has an http(s) one. */
function articleLink(article: ArticleRef, label: string): SafeHtml {
  const href = safeHref(article.sourceUrl);
  return href
    ? html`<a href="${href}" target="_blank" rel="noopener noreferrer">${label}</a>`
    : html`<cite>${article.title}</cite>`;
}

function sectionButtons(sections: { index: number; heading: string }[], language: UiLanguage): SafeHtml {
  return html`<ul class="choices">${sections.map(
    (section) =>
      html`<li><button type="button" data-command="section" data-args="${section.index + 1}" aria-label="${webText(
        language,
        "sectionButton",
        { number: section.index + 1 },
      )}: ${section.heading}">${section.index + 1}. ${section.heading}</button></li>`,
  )}</ul>`;
}
