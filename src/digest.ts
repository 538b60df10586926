import type { UiLanguage } from "./i18n.ts";
import type { NewsBot } from "./news-bot.ts";
import type { DigestArticle, DigestGroup, Reply } from "./reply.ts";

/** Options for {@link planDigest}. */
export interface PlanDigestOptions {
  bot: Pick<NewsBot, "articles" | "summary" | "help">;
  /** Article ids known at the previous delivery; null or absent for the first delivery, which lists none as new. */
  since?: readonly string[] | null;
  /** Language of the example question; default German. */
  language?: UiLanguage;
  /** The slot's date as the heading shows it. */
  date: string;
}

/**
 * Plans the daily summary as a reply: the newest article's summary and sections, plus each article new since
 * `since` grouped by its feed, and an example question. Null when there is no article to summarize.
 */
export function planDigest(options: PlanDigestOptions): Extract<Reply, { kind: "digest" }> | null {
  const { bot } = options;
  const articles = bot.articles();
  const [newestRef] = articles;
  const newest = newestRef ? digestArticle(bot, newestRef.id) : null;
  if (!newest) return null;
  const known = options.since ? new Set(options.since) : null;
  const added = known
    ? articles
        .slice(1)
        .filter((article) => !known.has(article.id))
        .map((article) => digestArticle(bot, article.id))
        .filter((article): article is DigestArticle => article !== null)
    : [];
  const help = bot.help(options.language ?? "de", false);
  const example = help.kind === "help" ? (help.examples[0] ?? "") : "";
  const nothingNew = (known?.has(newest.article.id) ?? false) && added.length === 0;
  return { kind: "digest", date: options.date, newest, added: groupByFeed(added), nothingNew, example };
}

/**
 * Groups articles by feed, keeping their order inside a group; the content folder's group (no heading) comes first,
 * then the feeds by their newest article.
 */
function groupByFeed(articles: DigestArticle[]): DigestGroup[] {
  const groups = new Map<string, DigestGroup>();
  for (const entry of articles) {
    const feed = entry.article.feed;
    const key = feed === undefined ? "" : `feed:${feed}`;
    let group = groups.get(key);
    if (!group) {
      group = { ...(feed === undefined ? {} : { feed }), articles: [] };
      groups.set(key, group);
    }
    group.articles.push(entry);
  }
  return [...groups.values()].sort((a, b) => Number(a.feed !== undefined) - Number(b.feed !== undefined));
}

function digestArticle(bot: PlanDigestOptions["bot"], articleId: string): DigestArticle | null {
  const reply = bot.summary(articleId);
  if (reply.kind !== "summary") return null;
  return { article: reply.article, lead: reply.lead, sentences: reply.sentences, sections: reply.sections };
}
