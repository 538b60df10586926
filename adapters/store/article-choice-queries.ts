import type { Kysely } from "kysely";
import type { Schema } from "./sql-schema.ts";
import type { ArticleChoiceStore } from "./store.ts";

/** Article-choice queries. */
export function createArticleChoiceStore(db: Kysely<Schema>): ArticleChoiceStore {
  return {
    async get(conversation) {
      const row = await db
        .selectFrom("article_choices")
        .select("article_id")
        .where("conversation", "=", conversation)
        .executeTakeFirst();
      return row?.article_id;
    },
    async set(conversation, articleId, now) {
      const values = { article_id: articleId, updated_at: now.toISOString() };
      await db
        .insertInto("article_choices")
        .values({ conversation, ...values })
        .onConflict((conflict) => conflict.column("conversation").doUpdateSet(values))
        .execute();
    },
    async clear(conversation) {
      await db.deleteFrom("article_choices").where("conversation", "=", conversation).execute();
    },
  };
}
