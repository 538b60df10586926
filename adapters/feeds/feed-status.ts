import type { FeedArticle } from "./feed-article.ts";
import type { FeedState } from "./feed-store.ts";

/** A feed's address without its query or credentials, for pages and metrics: a feed URL may carry an API key there. */
export function shownFeedUrl(url: string): string {
  if (!URL.canParse(url)) return "(invalid URL)";
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search ? "?…" : ""}`;
}

/**
 * The feeds' health as `npm run feeds` prints it: one block per feed (configured ones first, then feeds that are
 * no longer configured but still have state), with last fetch, status, items, stored articles, errors and next poll.
 */
export function renderFeedStates(options: {
  configured: string[];
  states: FeedState[];
  articles: Pick<FeedArticle, "feedUrl">[];
}): string {
  const byUrl = new Map(options.states.map((state) => [state.url, state]));
  const stored = new Map<string, number>();
  for (const article of options.articles) stored.set(article.feedUrl, (stored.get(article.feedUrl) ?? 0) + 1);
  const urls = [...new Set([...options.configured, ...byUrl.keys()])];
  if (urls.length === 0) return "No feeds configured or polled.";
  return urls
    .map((url) => {
      const state = byUrl.get(url);
      const lines = [`${state?.title ?? "(not polled yet)"} — ${url}`];
      if (!options.configured.includes(url))
        lines.push("  no longer configured; its articles stay until they age out");
      if (state) {
        lines.push(
          `  last fetch ${state.lastFetchAt ?? "never"}, status ${state.lastStatus ?? "–"}, last success ${state.lastSuccessAt ?? "never"}`,
          `  items in feed ${state.items ?? "–"}, articles stored ${stored.get(url) ?? 0}, next poll ${state.nextFetchAt ?? "–"}`,
        );
        if (state.failures > 0)
          lines.push(`  ${state.failures} failure(s) in a row: ${state.lastError ?? ""}`);
      }
      return lines.join("\n");
    })
    .join("\n\n");
}
