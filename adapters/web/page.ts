import { type ArticleRef, articleListLine, t, type UiLanguage } from "../../src/index.ts";
import { html, type SafeHtml } from "./html.ts";
import { webText } from "./texts.ts";

/** Where the page's own files are served; the CSP allows scripts and styles from this server only. */
export const ASSET_PATHS = {
  script: "/web/chat.js",
  style: "/web/chat.css",
  widget: "/web/widget.js",
} as const;

/** What the chat page shows. */
export interface ChatPageOptions {
  language: UiLanguage;
  /** Example questions, shown as buttons. */
  examples: string[];
  /** The articles a conversation can restrict its questions to; the choice is offered from two on. */
  articles: ArticleRef[];
  /** Inside the widget's frame: a compact layout. */
  embedded?: boolean;
  /** A question asked without the script (the form's GET) and its rendered answer. */
  exchange?: { question: string; answer: SafeHtml };
}

/**
 * Renders the chat page: commands, the article choice and example questions as controls, the conversation as
 * a live region, and a labelled question field. No inline script or style; `/web/chat.js` does the talking.
 */
export function renderChatPage(options: ChatPageOptions): string {
  const { language } = options;
  const text = (key: Parameters<typeof webText>[1]) => webText(language, key);
  const page = html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${text("title")}</title>
<link rel="stylesheet" href="${ASSET_PATHS.style}">
<script src="${ASSET_PATHS.script}" defer></script>
</head>
<body class="${options.embedded ? "embedded" : "standalone"}">
<main class="chat" data-failed="${text("failed")}" data-thinking="${text("thinking")}" data-you="${text("you")}" data-bot="${text("bot")}">
<header>
<h1>${text("title")}</h1>
<p>${text("intro")}</p>
</header>
<nav class="controls" aria-label="${text("commands")}">
<button type="button" data-command="help">${text("help")}</button>
<button type="button" data-command="summary">${text("summary")}</button>
<button type="button" data-command="sections">${text("sections")}</button>
${articleChoice(options.articles, language)}
</nav>
${
  options.examples.length > 0
    ? html`<section class="examples" aria-labelledby="examples-title">
<h2 id="examples-title">${text("examples")}</h2>
<ul>${options.examples.map((example) => html`<li><button type="button" data-question="${example}">${example}</button></li>`)}</ul>
</section>`
    : null
}
<h2 class="visually-hidden" id="transcript-title">${text("transcript")}</h2>
<ol class="transcript" id="transcript" role="log" aria-live="polite" aria-labelledby="transcript-title">${
    options.exchange
      ? html`<li class="message from-person"><span class="who">${text("you")}:</span> <p>${options.exchange.question}</p></li><li class="message from-bot"><span class="who">${text("bot")}:</span> ${options.exchange.answer}</li>`
      : null
  }</ol>
<form class="ask" id="ask" action="${options.embedded ? "/embed" : "/"}" method="get">
<label for="question">${text("questionLabel")}</label>
<div class="ask-row">
<input id="question" name="q" type="text" maxlength="1000" autocomplete="off" enterkeyhint="send" placeholder="${text("placeholder")}">
<button type="submit">${text("send")}</button>
</div>
</form>
<noscript><p class="error">${text("noScript")}</p></noscript>
</main>
</body>
</html>
`;
  return page.html;
}

/** The article selector; one article needs no choice. */
function articleChoice(articles: ArticleRef[], language: UiLanguage): SafeHtml | null {
  if (articles.length < 2) return null;
  return html`<span class="article-choice">
<label for="article">${webText(language, "article")}</label>
<select id="article" name="article">
<option value="all">${t(language, "allArticles")}</option>
${articles.map((article, index) => html`<option value="${article.id}">${articleListLine(article, index, null, language)}</option>`)}
</select>
</span>`;
}
