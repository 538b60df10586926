import { type Article, type ArticleRef, sectionRefs, toArticleRef } from "./article.ts";
import { parseInput } from "./commands.ts";
import { recurringNames } from "./examples.ts";
import { helpCommands, t, type UiLanguage } from "./i18n.ts";
import { DEFAULT_QUESTIONS_PER_MINUTE, MAX_QUESTION_LENGTH } from "./limits.ts";
import { createRateLimiter } from "./rate-limit.ts";
import type { PassageView, Reply } from "./reply.ts";
import { type Passage, rankPassages } from "./search/rank.ts";
import { buildSearchIndex, type SearchIndex } from "./search/search-index.ts";
import { summarizeArticle } from "./summary.ts";

/** A message from a person, as every adapter hands it to the core. */
export interface IncomingMessage {
  text: string;
  /** The chat, channel or DM; the article chosen with /article applies per conversation. */
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
  /** Clock for the rate limit; default Date.now. */
  now?: () => number;
}

/** Options for one search. */
export interface AskOptions {
  articleId?: string;
  /** Passages at most; default 3. */
  limit?: number;
}

/** The platform-neutral news bot: answers messages with {@link Reply} data that adapters render. */
export interface NewsBot {
  /** Answers one message: a command or a question. "Nothing relevant" is a reply, not an error. */
  handle(message: IncomingMessage): Reply;
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
  /** Swaps in new content, as when files in the content folder change. */
  replaceArticles(articles: Article[]): void;
}

interface Content {
  articles: Article[];
  byId: Map<string, Article>;
  index: SearchIndex;
  /** Names worth an example question, checked to have an answer. */
  exampleNames: string[];
}

const EXAMPLE_COUNT = 3;

/** Creates the news bot over a set of articles (newest first). */
export function createNewsBot(options: NewsBotOptions): NewsBot {
  let content = prepare(options.articles);
  const limiter = createRateLimiter({
    limit: options.questionsPerMinute ?? DEFAULT_QUESTIONS_PER_MINUTE,
    ...(options.now ? { now: options.now } : {}),
  });
  const chosenArticle = new Map<string, string>();

  const newest = (): Article => {
    const article = content.articles[0];
    if (!article) throw new Error("No articles loaded");
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
    handle(message) {
      const language = message.language ?? "de";
      if (message.text.length > MAX_QUESTION_LENGTH) {
        return { kind: "error", code: "too-long", detail: String(message.text.length) };
      }
      const input = parseInput(message.text);
      if (input.kind === "unknown-command")
        return { kind: "error", code: "unknown-command", detail: input.name };
      if (input.kind === "question") {
        if (input.text === "")
          return { kind: "error", code: "empty-question", detail: examples(language)[0] ?? "" };
        if (message.userId !== undefined && !limiter.take(message.userId))
          return { kind: "error", code: "rate-limited" };
        const articleId = message.conversationId ? chosenArticle.get(message.conversationId) : undefined;
        return ask(input.text, articleId && content.byId.has(articleId) ? { articleId } : {});
      }
      switch (input.name) {
        case "start":
          return bot.help(language, true);
        case "help":
          return bot.help(language, false);
        case "summary":
          return bot.summary(articleArgument(input.args));
        case "sections":
          return bot.sections(articleArgument(input.args));
        case "section": {
          const number = Number.parseInt(input.args, 10);
          const articleId = message.conversationId ? chosenArticle.get(message.conversationId) : undefined;
          return bot.section(articleId ?? newest().id, number - 1);
        }
        case "article":
          return chooseArticle(input.args, message.conversationId);
        default:
          // subscribe/unsubscribe belong to the platforms that deliver the daily summary; they intercept them.
          return { kind: "error", code: "not-available", detail: input.name };
      }
    },
    summary(articleId) {
      const article = find(articleId);
      if (!article) return { kind: "error", code: "unknown-article" };
      const { lead, sentences } = summarizeArticle(article);
      return {
        kind: "summary",
        article: toArticleRef(article),
        lead,
        sentences,
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
        articles: content.articles.map(toArticleRef),
        commands: helpCommands(language, content.articles.length > 1),
        examples: examples(language),
      };
    },
    articles: () => content.articles.map(toArticleRef),
    replaceArticles(articles) {
      content = prepare(articles);
    },
  };

  /** "/summary 2" or "/summary <id>" name an article; nothing means the newest. */
  function articleArgument(args: string): string | undefined {
    if (args === "") return undefined;
    return resolveArticle(args)?.id ?? args;
  }

  function resolveArticle(reference: string): Article | undefined {
    const position = /^\d+$/.test(reference) ? Number.parseInt(reference, 10) - 1 : -1;
    return content.articles[position] ?? content.byId.get(reference);
  }

  function chooseArticle(args: string, conversationId: string | undefined): Reply {
    if (args === "") {
      const selected = conversationId ? (chosenArticle.get(conversationId) ?? null) : null;
      return { kind: "articles", articles: content.articles.map(toArticleRef), selected };
    }
    if (/^(all|alle)$/i.test(args)) {
      if (conversationId) chosenArticle.delete(conversationId);
      return { kind: "article-selected", article: null };
    }
    const article = resolveArticle(args);
    if (!article) return { kind: "error", code: "unknown-article" };
    if (conversationId) chosenArticle.set(conversationId, article.id);
    return { kind: "article-selected", article: toArticleRef(article) };
  }

  return bot;
}

function prepare(articles: Article[]): Content {
  const index = buildSearchIndex(articles);
  const names = articles.slice(0, 1).flatMap(recurringNames);
  // Only names the search actually answers make good examples.
  const exampleNames = names
    .filter((name) => rankPassages(index, name, { limit: 1 }).length > 0)
    .slice(0, EXAMPLE_COUNT);
  return { articles, byId: new Map(articles.map((article) => [article.id, article])), index, exampleNames };
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
