/** The core's public entry point: adapters import from here and nowhere else in src/. */
export type { Article, ArticleRef, Language, SectionRef } from "./article.ts";
export { type ArticleChoices, memoryArticleChoices } from "./article-choice.ts";
export { type CoreConfig, readCoreConfig } from "./config.ts";
export {
  type ContentProblem,
  type LoadedContent,
  loadArticles,
  parseArticle,
  sortNewestFirst,
} from "./content/load.ts";
export { splitSentences } from "./content/sentences.ts";
export { type ContentWatcher, type WatchContentOptions, watchContent } from "./content/watch.ts";
export { type PlanDigestOptions, planDigest } from "./digest.ts";
export { describeError, NewsBotError, type NewsBotErrorCode } from "./errors.ts";
export {
  type CommandSyntax,
  type CommandTextKey,
  defineTexts,
  errorText,
  type TextKey,
  t,
  type UiLanguage,
  uiLanguage,
} from "./i18n.ts";
export { DEFAULT_QUESTIONS_PER_MINUTE, MAX_QUESTION_LENGTH } from "./limits.ts";
export { type LogFields, type Logger, type LogLevel, redactSecrets } from "./logger.ts";
export {
  type ArticleChange,
  type AskOptions,
  createNewsBot,
  type NewsBot,
  type NewsBotOptions,
  type Requester,
} from "./news-bot.ts";
export {
  articleListLine,
  articleSelectedText,
  latestLine,
  passageHeading,
  passageTitle,
  separateSentence,
  splitAtSentence,
} from "./present.ts";
export {
  createRateLimiter,
  memoryQuestionLimit,
  type QuestionLimit,
  type RateLimiter,
} from "./rate-limit.ts";
export type { DigestArticle, DigestGroup, PassageView, Reply, ReplyErrorCode } from "./reply.ts";
export {
  COMMAND_NAMES,
  type CommandName,
  type CoreCommandName,
  commandRequest,
  isCommandName,
  type Request,
  typedTextRequest,
} from "./request.ts";
export { type Env, SettingsReader } from "./settings.ts";
export { isHighSurrogate, splitText } from "./split-text.ts";
export { truncate } from "./summary.ts";
