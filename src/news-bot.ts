import { type Article, type ArticleRef, sectionRefs, toArticleRef } from "./article.ts";
import { type ArticleChoices, memoryArticleChoices, resolveArticle } from "./article-choice.ts";
import { sortNewestFirst } from "./content/load.ts";
import { NewsBotError } from "./errors.ts";
import { recurringNames } from "./examples.ts";
import { helpCommands, t, type UiLanguage } from "./i18n.ts";
import { DEFAULT_QUESTIONS_PER_MINUTE, MAX_QUESTION_LENGTH } from "./limits.ts";
import { createRateLimiter, memoryQuestionLimit, type QuestionLimit } from "./rate-limit.ts";
import type { PassageView, Reply } from "./reply.ts";
import type { CoreCommandName, Request } from "./request.ts";
import { type Passage, rankPassages } from "./search/rank.ts";
import { buildSearchIndex, type SearchIndex } from "./search/search-index.ts";
import { type ArticleSummary, summarizeArticle } from "./summary.ts";

/** Who a request comes from, as every adapter hands it to the core along with the {@link Request}. */
export interface Requester {
  /** The chat, channel or DM; the article chosen with the article command applies per conversation. */
  conversationId?: string;
  /** The person, for the per-person question limit; no limit applies without one (console). */
  userId?: string;
  /** Language of the bot's own texts; German by default. */
  language?: UiLanguage;
}

/** Options for {@link createNewsBot}. */
export interface NewsBotOptions {
  articles: Article[];
  /** Questions per person per minute; default {@link DEFAULT_QUESTIONS_PER_MINUTE}. */
  questionsPerMinute?: number;
  /** Clock for the rate limit and the article choices' time stamps; default Date.now. */
  now?: () => number;
  /** The per-person question limit; default one in memory allowing `questionsPerMinute`. */
  questionLimit?: QuestionLimit;
  /** Where each conversation's chosen article is kept; default in memory (main.ts passes the store's). */
  articleChoices?: ArticleChoices;
}

/** Options for one search. */
export interface AskOptions {
  articleId?: string;
  /** Passages at most; default 3. */
  limit?: number;
}

/** The platform-neutral news bot: answers messages with {@link Reply} data that adapters render. */
export interface NewsBot {
  /**
   * Answers one request: a question, a command, a chosen article or section. "Nothing relevant" is a reply.
   * Asynchronous only for the question limit, which may be shared between replicas.
   */
  handle(request: Request, from?: Requester): Promise<Reply>;
  /** Searches all articles, or one, for a question. */
  ask(question: string, options?: AskOptions): Reply;
  /** The extractive summary of an article; the newest by default. */
  summary(articleId?: string): Reply;
  /** The sections of an article; the newest by default. */
  sections(articleId?: string): Reply;
  /** One section's paragraphs. */
  section(articleId: string, index: number): Reply;
  /** The help text's data; with `greeting`, as the first message a person sees. */
  help(language?: UiLanguage, greeting?: boolean): Reply;
  /** Loaded articles, newest first. */
  articles(): ArticleRef[];
  /** Swaps in new content, as when files in the content folder change; rebuilds the search index. */
  replaceArticles(articles: Article[]): void;
  /**
   * Adds or replaces some articles and removes others (a feed poll's change), updating the search index in place
   * rather than rebuilding it. Throws NO_CONTENT, changing nothing, when no article would be left.
   */
  updateArticles(change: ArticleChange): void;
}

/** Articles to add or replace (by id) and ids to remove. */
export interface ArticleChange {
  upserted: Article[];
  removed: string[];
}

interface Content {
  articles: Article[];
  byId: Map<string, Article>;
  index: SearchIndex;
  /** Names worth an example question, checked to have an answer. */
  exampleNames: string[];
}

const EXAMPLE_COUNT = 3;
/** Articles /latest lists. */
const LATEST_ARTICLES = 10;
/** The help names the newest few articles; /article lists them all. */
const GREETING_ARTICLES = 5;

/** Creates the news bot over a set of articles (newest first). */
export function createNewsBot(options: NewsBotOptions): NewsBot {
  let content = prepare(options.articles);
  const limit =
    options.questionLimit ??
    memoryQuestionLimit(
      createRateLimiter({
        limit: options.questionsPerMinute ?? DEFAULT_QUESTIONS_PER_MINUTE,
        ...(options.now ? { now: options.now } : {}),
      }),
    );
  const choices = options.articleChoices ?? memoryArticleChoices();
  const clock = options.now ?? Date.now;
  // A summary depends on its article alone, and articles are replaced, never changed in place: each article is
  // summarized once (about 1 ms each time before), and dropped articles take their summaries with them.
  const summaries = new WeakMap<Article, ArticleSummary>();
  const summaryOf = (article: Article): ArticleSummary => {
    const known = summaries.get(article);
    if (known) return known;
    const summary = summarizeArticle(article);
    summaries.set(article, summary);
    return summary;
  };
  /** The conversation's chosen article, if it chose one that still exists. */
  const chosenIn = async (conversationId: string | undefined): Promise<string | undefined> => {
    if (conversationId === undefined) return undefined;
    const articleId = await choices.get(conversationId);
    return articleId !== undefined && content.byId.has(articleId) ? articleId : undefined;
  };

  const newest = (): Article => {
    const article = content.articles[0];
    if (!article) throw new NewsBotError("NO_CONTENT", "No articles loaded");
    return article;
  };
  const find = (articleId: string | undefined): Article | undefined =>
    articleId === undefined ? newest() : content.byId.get(articleId);
  const examples = (language: UiLanguage) =>
    content.exampleNames.map((name) => t(language, "whoIs", { name }));

  const ask = (question: string, askOptions: AskOptions = {}): Reply => {
    const passages = rankPassages(content.index, question, askOptions).map(toPassageView);
    if (passages.length > 0) return { kind: "answer", question, passages };
    const article = find(askOptions.articleId) ?? newest();
    return { kind: "no-answer", question, sections: sectionRefs(article) };
  };

  const bot: NewsBot = {
    ask,
    async handle(request, from = {}) {
      const language = from.language ?? "de";
      switch (request.kind) {
        case "question":
          return question(request.text, from, language);
        case "command":
          if (request.args.length > MAX_QUESTION_LENGTH) return tooLong(request.args);
          return command(request.name, request.args, from, language);
        case "choose-article":
          return chooseArticle(request.articleId, from.conversationId);
        case "section":
          return bot.section(request.articleId, request.index);
        case "unknown-command":
          return { kind: "error", code: "unknown-command", detail: request.name };
      }
    },
    summary(articleId) {
      const article = find(articleId);
      if (!article) return { kind: "error", code: "unknown-article" };
      const { lead, sentences } = summaryOf(article);
      return {
        kind: "summary",
        article: toArticleRef(article),
        lead,
        // A copy, so that no reader of one reply can change the next.
        sentences: [...sentences],
        sections: sectionRefs(article),
      };
    },
    sections(articleId) {
      const article = find(articleId);
      if (!article) return { kind: "error", code: "unknown-article" };
      return { kind: "sections", article: toArticleRef(article), sections: sectionRefs(article) };
    },
    section(articleId, index) {
      const article = content.byId.get(articleId);
      if (!article) return { kind: "error", code: "unknown-article" };
      const section = article.sections[index];
      if (!section) return { kind: "error", code: "unknown-section" };
      return {
        kind: "section",
        article: toArticleRef(article),
        section: { articleId, index, heading: section.heading },
        paragraphs: section.paragraphs.map((paragraph) => paragraph.text),
      };
    },
    help(language = "de", greeting = false) {
      return {
        kind: "help",
        greeting,
        articles: content.articles.slice(0, GREETING_ARTICLES).map(toArticleRef),
        commands: helpCommands(language, content.articles.length > 1),
        examples: examples(language),
      };
    },
    articles: () => content.articles.map(toArticleRef),
    replaceArticles(articles) {
      content = prepare(articles);
    },
    updateArticles({ upserted, removed }) {
      const replaced = new Set([...removed, ...upserted.map((article) => article.id)]);
      const articles = sortNewestFirst([
        ...content.articles.filter((article) => !replaced.has(article.id)),
        ...upserted,
      ]);
      if (articles.length === 0) throw noContent();
      const { index } = content;
      index.remove(removed);
      index.upsert(upserted);
      // Example questions come from the newest article: worked out again only when it changed.
      const sameNewest = articles[0] === content.articles[0];
      content = {
        articles,
        byId: new Map(articles.map((article) => [article.id, article])),
        index,
        exampleNames: sameNewest ? content.exampleNames : exampleNamesOf(articles, index),
      };
    },
  };

  async function question(text: string, from: Requester, language: UiLanguage): Promise<Reply> {
    if (text.length > MAX_QUESTION_LENGTH) return tooLong(text);
    if (text.trim() === "") {
      const example = examples(language)[0];
      return example ? { kind: "error", code: "empty-question", detail: example } : bot.help(language, false);
    }
    if (from.userId !== undefined && !(await limit.take(from.userId)))
      return { kind: "error", code: "rate-limited" };
    const articleId = await chosenIn(from.conversationId);
    return ask(text.trim(), articleId ? { articleId } : {});
  }

  /** Commands without an article argument work on the article the conversation chose, else the newest. */
  async function command(
    name: CoreCommandName,
    args: string,
    from: Requester,
    language: UiLanguage,
  ): Promise<Reply> {
    const chosen = await chosenIn(from.conversationId);
    switch (name) {
      case "start":
        return bot.help(language, true);
      case "help":
        return bot.help(language, false);
      case "summary":
        return bot.summary(articleArgument(args) ?? chosen);
      case "sections":
        return bot.sections(articleArgument(args) ?? chosen);
      case "section":
        return bot.section(chosen ?? newest().id, Number.parseInt(args, 10) - 1);
      case "article":
        return articleCommand(args, from.conversationId);
      case "latest":
        return { kind: "latest", articles: content.articles.slice(0, LATEST_ARTICLES).map(toArticleRef) };
    }
  }

  /** "summary 2" or "summary <id>" name an article; nothing means none was named. */
  function articleArgument(args: string): string | undefined {
    if (args === "") return undefined;
    return resolveArticle(content.articles, args)?.id ?? args;
  }

  /** The article command: no argument lists the articles, "all" goes back to all, else a position or id. */
  async function articleCommand(args: string, conversationId: string | undefined): Promise<Reply> {
    if (args === "") {
      return {
        kind: "articles",
        articles: content.articles.map(toArticleRef),
        selected: (await chosenIn(conversationId)) ?? null,
      };
    }
    if (/^(all|alle)$/i.test(args)) return chooseArticle(null, conversationId);
    const article = resolveArticle(content.articles, args);
    return article ? chooseArticle(article.id, conversationId) : { kind: "error", code: "unknown-article" };
  }

  async function chooseArticle(articleId: string | null, conversationId: string | undefined): Promise<Reply> {
    if (articleId === null) {
      if (conversationId) await choices.clear(conversationId);
      return { kind: "article-selected", article: null };
    }
    const article = content.byId.get(articleId);
    if (!article) return { kind: "error", code: "unknown-article" };
    if (conversationId) await choices.set(conversationId, article.id, new Date(clock()));
    return { kind: "article-selected", article: toArticleRef(article) };
  }

  return bot;
}

function tooLong(text: string): Reply {
  return { kind: "error", code: "too-long", detail: String(text.length) };
}

const noContent = () => new NewsBotError("NO_CONTENT", "The news bot needs at least one article.");

function prepare(articles: Article[]): Content {
  if (articles.length === 0) throw noContent();
  const index = buildSearchIndex(articles);
  return {
    articles,
    byId: new Map(articles.map((article) => [article.id, article])),
    index,
    exampleNames: exampleNamesOf(articles, index),
  };
}

/** Names from the newest article that the search actually answers: they make good example questions. */
function exampleNamesOf(articles: Article[], index: SearchIndex): string[] {
  return articles
    .slice(0, 1)
    .flatMap(recurringNames)
    .filter((name) => rankPassages(index, name, { limit: 1 }).length > 0)
    .slice(0, EXAMPLE_COUNT);
}

function toPassageView(passage: Passage): PassageView {
  return {
    article: toArticleRef(passage.article),
    section: passage.section,
    text: passage.text,
    sentence: passage.sentence,
    score: passage.score,
  };
}
