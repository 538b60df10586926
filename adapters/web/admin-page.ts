import { shownFeedUrl } from "../feeds/feed-status.ts";
import { html, type SafeHtml } from "./html.ts";
import type { FeedHealth, OperatorFigures, RunFigures } from "./operator.ts";
import { ASSET_PATHS } from "./page.ts";

/** The operator page's texts are English: it is a tool for the person who runs the bot. */
function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${title} – News bot</title>
<link rel="stylesheet" href="${ASSET_PATHS.style}">
</head>
<body class="admin">
<main class="chat">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.html;
}

/** The sign-in form; shows nothing about the bot. */
export function renderLoginPage(problem?: string): string {
  return layout(
    "Operator sign-in",
    html`${problem ? html`<p class="error" role="alert">${problem}</p>` : null}
<form method="post" action="/admin/login" class="ask">
<label for="token">Admin token</label>
<div class="ask-row">
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</div>
</form>`,
  );
}

function runRow(run: RunFigures): SafeHtml {
  return html`<tr><th scope="row">${run.slot}</th><td>${run.completed ? "complete" : "open"}</td><td>${run.sent}</td><td>${run.skipped}</td><td>${run.failed}</td><td>${run.gone}</td></tr>`;
}

function runsTable(runs: RunFigures[], caption: string): SafeHtml {
  return html`<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Slot (UTC)</th><th scope="col">State</th><th scope="col">Sent</th><th scope="col">Skipped</th><th scope="col">Failed</th><th scope="col">Gone</th></tr></thead>
<tbody>${runs.map(runRow)}</tbody>
</table>`;
}

/** Hides the queries of the URLs inside a message, for the same reason. */
function hideQueries(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#"']+)\?[^\s"']*/g, "$1?…");
}

function feedsTable(feeds: FeedHealth[]): SafeHtml {
  return html`<section aria-labelledby="feeds-title">
<h2 id="feeds-title">Feeds: <span class="figure" data-figure="feeds">${feeds.length}</span></h2>
<table>
<caption>Feed health</caption>
<thead><tr><th scope="col">Feed</th><th scope="col">Last success</th><th scope="col">Status</th><th scope="col">Items</th><th scope="col">Failures in a row</th><th scope="col">Last error</th></tr></thead>
<tbody>${feeds.map(
    (feed) =>
      html`<tr><th scope="row">${feed.title ? html`${feed.title}<br>` : null}<span class="source">${shownFeedUrl(feed.url)}</span></th><td>${feed.lastSuccessAt ?? "never"}</td><td>${feed.lastStatus ?? "–"}</td><td>${feed.items ?? "–"}</td><td>${feed.failures}</td><td>${hideQueries(feed.lastError ?? "")}</td></tr>`,
  )}</tbody>
</table>
</section>`;
}

/** The dashboard: articles, subscriptions, the last daily runs, recent errors, and the send-now entry. */
export function renderAdminPage(figures: OperatorFigures, csrf: string): string {
  const { daily } = figures;
  return layout(
    "Operator",
    html`<section aria-labelledby="articles-title">
<h2 id="articles-title">Articles loaded: <span class="figure" data-figure="articles">${figures.articles.length}</span></h2>
<ol>${figures.articles.map((article) => html`<li>${article.title}${article.date ? html` <span class="source">(${article.date})</span>` : null}</li>`)}</ol>
</section>
<section aria-labelledby="daily-title">
<h2 id="daily-title">Daily summary</h2>
${
  daily
    ? html`<table>
<caption>Subscriptions per platform</caption>
<thead><tr><th scope="col">Platform</th><th scope="col">Active</th><th scope="col">Gone</th></tr></thead>
<tbody>${daily.subscriptions.map((row) => html`<tr><th scope="row">${row.platform}</th><td>${row.active}</td><td>${row.gone}</td></tr>`)}</tbody>
</table>
${daily.runs.length > 0 ? runsTable(daily.runs, "Last runs, newest first") : html`<p>No runs yet.</p>`}
<form method="get" action="/admin/send"><button type="submit">Send today's summary now…</button></form>`
    : html`<p>The daily summary is off: set TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN to turn it on.</p>`
}
</section>
${figures.feeds ? feedsTable(figures.feeds) : null}
<section aria-labelledby="errors-title">
<h2 id="errors-title">Recent warnings and errors</h2>
${
  figures.errors.length > 0
    ? html`<ul class="errors">${figures.errors.map((entry) => html`<li><time datetime="${entry.at}">${entry.at}</time> <strong>${entry.level}</strong> ${entry.message}</li>`)}</ul>`
    : html`<p>None since the start.</p>`
}
</section>
<form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">Sign out</button></form>`,
  );
}

/** Asks before sending: the summary goes to every subscriber at once. */
export function renderConfirmPage(recipients: number, csrf: string): string {
  return layout(
    "Send today's summary now?",
    html`<p>Today's summary goes to ${recipients} subscribed chats and channels now, instead of at its scheduled time. Recipients who already have it are not sent to again.</p>
<form method="post" action="/admin/send">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="confirm" value="yes">
<div class="controls"><button type="submit">Yes, send it now</button> <a href="/admin">Cancel</a></div>
</form>`,
  );
}

/** What a send-now run did. */
export function renderSentPage(run: RunFigures): string {
  return layout(
    "Today's summary",
    html`${runsTable([run], "This run")}<p><a href="/admin">Back to the operator page</a></p>`,
  );
}
