import { type ArticleChoices, describeError, type Logger } from "../../src/index.ts";

/**
 * The store's article choices as the core reads them, where a choice that cannot be read (the database is away)
 * counts as none: the question is answered from every article instead of failing with the apology. Choosing an
 * article still fails while the database is away, so nobody is told a choice was kept that was not.
 */
export function readChoicesThroughOutages(choices: ArticleChoices, logger: Logger): ArticleChoices {
  return {
    async get(conversationId) {
      try {
        return await choices.get(conversationId);
      } catch (error) {
        logger.warn("The chosen article could not be read; answering from every article", {
          error: describeError(error),
        });
        return undefined;
      }
    },
    set: (conversationId, articleId, now) => choices.set(conversationId, articleId, now),
    clear: (conversationId) => choices.clear(conversationId),
  };
}
