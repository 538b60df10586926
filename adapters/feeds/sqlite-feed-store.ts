import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { describeError, NewsBotError } from "../../src/index.ts";
import type { FeedArticle } from "./feed-article.ts";
import type { FeedArticleStore, FeedState } from "./feed-store.ts";

/** The feed database's file name inside DATA_DIR. */
export const FEED_STORE_FILE = "feeds.db";
const BUSY_TIMEOUT_MS = 10_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS feed_articles (
    id TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL,
    link_key TEXT,
    fingerprint TEXT NOT NULL,
    date TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    -- The whole FeedArticle as JSON; the columns above are what look-ups need.
    data TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS feed_articles_link ON feed_articles (link_key);
  CREATE INDEX IF NOT EXISTS feed_articles_fingerprint ON feed_articles (fingerprint);
  CREATE INDEX IF NOT EXISTS feed_articles_date ON feed_articles (date);
  CREATE TABLE IF NOT EXISTS feed_states (url TEXT PRIMARY KEY, data TEXT NOT NULL);
`;

/**
 * Opens (creating on first use) the SQLite feed store at `path` (":memory:" for tests), in WAL mode so the bot and
 * `npm run feeds` can share it. A path that cannot be opened throws NewsBotError("STORE_OPEN").
 */
export function openSqliteFeedStore(path: string): FeedArticleStore {
  let db: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma("journal_mode = WAL");
    db.exec(SCHEMA);
  } catch (cause) {
    throw new NewsBotError(
      "STORE_OPEN",
      `Cannot open the feed database ${path}: ${describeError(cause)}. Check that DATA_DIR is writable.`,
      { cause },
    );
  }
  const one = (sql: string) => db.prepare<unknown[], { data: string }>(sql);
  const byId = one("SELECT data FROM feed_articles WHERE id = ?");
  const byLink = one("SELECT data FROM feed_articles WHERE link_key = ? ORDER BY first_seen LIMIT 1");
  const byFingerprint = one(
    "SELECT data FROM feed_articles WHERE fingerprint = ? ORDER BY first_seen LIMIT 1",
  );
  const upsert = db.prepare(
    `INSERT INTO feed_articles (id, feed_url, link_key, fingerprint, date, first_seen, data)
     VALUES (@id, @feedUrl, @linkKey, @fingerprint, @date, @firstSeen, @data)
     ON CONFLICT (id) DO UPDATE SET feed_url = excluded.feed_url, link_key = excluded.link_key,
       fingerprint = excluded.fingerprint, date = excluded.date, data = excluded.data`,
  );
  const listAll = one("SELECT data FROM feed_articles WHERE first_seen > ? ORDER BY date DESC, id LIMIT ?");
  const oldIds = db.prepare<[string], { id: string }>("SELECT id FROM feed_articles WHERE date < ?");
  const deleteOld = db.prepare("DELETE FROM feed_articles WHERE date < ?");
  const states = one("SELECT data FROM feed_states ORDER BY url");
  const stateOf = one("SELECT data FROM feed_states WHERE url = ?");
  const saveState = db.prepare(
    "INSERT INTO feed_states (url, data) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET data = excluded.data",
  );
  const article = (row: { data: string } | undefined) =>
    row ? (JSON.parse(row.data) as FeedArticle) : undefined;
  const retire = db.transaction((cutoff: string) => {
    const ids = oldIds.all(cutoff).map((row) => row.id);
    deleteOld.run(cutoff);
    return ids;
  });
  return {
    get: async (id) => article(byId.get(id)),
    findByLinkKey: async (linkKey) => article(byLink.get(linkKey)),
    findByFingerprint: async (fingerprint) => article(byFingerprint.get(fingerprint)),
    put: async (a) => {
      upsert.run({
        id: a.id,
        feedUrl: a.feedUrl,
        linkKey: a.linkKey ?? null,
        fingerprint: a.fingerprint,
        date: a.date,
        firstSeen: a.firstSeen,
        data: JSON.stringify(a),
      });
    },
    list: async (options = {}) =>
      listAll.all(options.since ?? "", options.limit ?? -1).map((row) => JSON.parse(row.data) as FeedArticle),
    retireBefore: async (cutoff) => retire(cutoff),
    feedStates: async () => states.all().map((row) => JSON.parse(row.data) as FeedState),
    feedState: async (url) => {
      const row = stateOf.get(url);
      return row ? (JSON.parse(row.data) as FeedState) : undefined;
    },
    saveFeedState: async (state) => {
      saveState.run(state.url, JSON.stringify(state));
    },
    close: () => db.close(),
  };
}
