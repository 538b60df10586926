import type { ArticleRef, SectionRef } from "./article.ts";
import type { UiLanguage } from "./i18n.ts";
import type { NewsBot } from "./news-bot.ts";

/** One article as the daily summary shows it: its summary from the core and its sections. */
export interface DigestArticle {
  article: ArticleRef;
  lead: string;
  sentences: string[];
  sections: SectionRef[];
}

/** The daily summary message as data; each platform renders it in its own markup. */
export interface Digest {
  /** The newest article, always shown first. */
  newest: DigestArticle;
  /** Articles added since the previous delivery other than the newest, newest first; empty on the first one. */
  added: DigestArticle[];
  /** A question the search answers, for the line on how to ask; empty when the core found none. */
  example: string;
  /** Every article id known when the digest was planned: the `since` of the next delivery. */
  articleIds: string[];
}

/** Options for {@link planDigest}. */
export interface PlanDigestOptions {
  bot: Pick<NewsBot, "articles" | "summary" | "help">;
  /** Article ids known at the previous delivery; null or absent for the first delivery, which lists none as new. */
  since?: readonly string[] | null;
  /** Language of the example question; default German. */
  language?: UiLanguage;
}

/** Plans the daily summary: the newest article's summary and sections, plus each article new since `since`. */
export function planDigest(options: PlanDigestOptions): Digest | null {
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
  return { newest, added, example, articleIds: articles.map((article) => article.id) };
}

function digestArticle(bot: PlanDigestOptions["bot"], articleId: string): DigestArticle | null {
  const reply = bot.summary(articleId);
  if (reply.kind !== "summary") return null;
  return { article: reply.article, lead: reply.lead, sentences: reply.sentences, sections: reply.sections };
}
