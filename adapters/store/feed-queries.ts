import type { Kysely } from "kysely";
import type { FeedArticle } from "../feeds/feed-article.ts";
import type { FeedArticleStore, FeedState } from "../feeds/feed-store.ts";
import { createLeaseQueries } from "./lease-queries.ts";
import type { Schema, SqlDialectParts } from "./sql-schema.ts";

/** The feed tables as Kysely sees them; see the "002-feed-articles" migration. */
export interface FeedSchema {
  feed_articles: {
    id: string;
    feed_url: string;
    link_key: string | null;
    fingerprint: string;
    date: string;
    first_seen: string;
    /** The whole FeedArticle as JSON; the columns above are what look-ups need. */
    data: string;
  };
  feed_states: { url: string; data: string };
  feed_leases: { url: string; owner: string; expires_at: number };
}

const parse = (row: { data: string } | undefined) =>
  row ? (JSON.parse(row.data) as FeedArticle) : undefined;

/** Feed article, feed state and feed lease queries, the same on SQLite and PostgreSQL. */
export function createFeedArticleStore(database: Kysely<Schema>, parts: SqlDialectParts): FeedArticleStore {
  const leases = createLeaseQueries(database, parts, { table: "feed_leases", key: "url" });
  // Kysely's generics cannot narrow a wider schema to these tables; the cast is only to that subset.
  const db = database as unknown as Kysely<FeedSchema>;
  const articles = () => db.selectFrom("feed_articles").select("data");
  return {
    get: async (id) => parse(await articles().where("id", "=", id).executeTakeFirst()),
    findByLinkKey: async (linkKey) =>
      parse(await articles().where("link_key", "=", linkKey).orderBy("first_seen").executeTakeFirst()),
    findByFingerprint: async (fingerprint) =>
      parse(await articles().where("fingerprint", "=", fingerprint).orderBy("first_seen").executeTakeFirst()),
    async put(article) {
      const row = {
        feed_url: article.feedUrl,
        link_key: article.linkKey ?? null,
        fingerprint: article.fingerprint,
        date: article.date,
        first_seen: article.firstSeen,
        data: JSON.stringify(article),
      };
      await db
        .insertInto("feed_articles")
        .values({ id: article.id, ...row })
        .onConflict((conflict) => conflict.column("id").doUpdateSet(row))
        .execute();
    },
    async list(options = {}) {
      let query = articles().orderBy("date", "desc").orderBy("id");
      if (options.since !== undefined) query = query.where("first_seen", ">", options.since);
      if (options.limit !== undefined) query = query.limit(options.limit);
      return (await query.execute()).map((row) => JSON.parse(row.data) as FeedArticle);
    },
    async retireBefore(cutoff) {
      return await db.transaction().execute(async (trx) => {
        const old = await trx.selectFrom("feed_articles").select("id").where("date", "<", cutoff).execute();
        if (old.length > 0) await trx.deleteFrom("feed_articles").where("date", "<", cutoff).execute();
        return old.map((row) => row.id);
      });
    },
    async feedStates() {
      const rows = await db.selectFrom("feed_states").select("data").orderBy("url").execute();
      return rows.map((row) => JSON.parse(row.data) as FeedState);
    },
    async feedState(url) {
      const row = await db.selectFrom("feed_states").select("data").where("url", "=", url).executeTakeFirst();
      return row ? (JSON.parse(row.data) as FeedState) : undefined;
    },
    leaseFeed: (url, owner, ttlMs) => leases.lease(url, owner, ttlMs),
    releaseFeed: (url, owner) => leases.release(url, owner),
    async saveFeedState(state) {
      const data = JSON.stringify(state);
      await db
        .insertInto("feed_states")
        .values({ url: state.url, data })
        .onConflict((conflict) => conflict.column("url").doUpdateSet({ data }))
        .execute();
    },
  };
}
