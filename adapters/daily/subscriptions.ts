import type Database from "better-sqlite3";
import { type UiLanguage, uiLanguage } from "../../src/index.ts";

/** The platforms the daily summary goes to. */
export const PLATFORMS = ["telegram", "slack"] as const;

/** One of {@link PLATFORMS}. */
export type Platform = (typeof PLATFORMS)[number];

/** A chat or channel that asked for the daily summary. */
export interface Subscription {
  platform: Platform;
  recipient: string;
  language: UiLanguage;
  addedAt: string;
}

/** What /subscribe did. */
export type SubscribeOutcome = "added" | "renewed" | "already";

/** Subscriptions, and recipients the platforms reported as gone. */
export interface Subscriptions {
  subscribe(
    platform: Platform,
    recipient: string,
    options: { language: UiLanguage; now: Date },
  ): SubscribeOutcome;
  /** Ends a subscription; false when there was none. */
  unsubscribe(platform: Platform, recipient: string, now: Date): boolean;
  /** Records that the bot was blocked or removed; the recipient is skipped until it subscribes again. */
  markGone(platform: Platform, recipient: string, options: { reason: string; now: Date }): void;
  /** Moves a chat to its new id (a group that became a supergroup): the new id gets its subscription. */
  move(platform: Platform, from: string, to: string, now: Date): void;
  /** Forgets that a recipient was gone (the bot was added back); its subscription stays as it was. */
  clearGone(platform: Platform, recipient: string): void;
  /** Recipients marked gone, static ones included. */
  gone(platform: Platform): Set<string>;
  active(platform?: Platform): Subscription[];
}

interface UpsertParams {
  platform: Platform;
  recipient: string;
  active: 0 | 1;
  language: string;
  now: string;
  gone: string | null;
}

interface Row {
  platform: Platform;
  recipient: string;
  language: string;
  added_at: string;
}

/** Subscription queries over an open database. */
export function createSubscriptions(db: Database.Database): Subscriptions {
  const find = db.prepare<
    [Platform, string],
    { active: number; gone_reason: string | null; language: string }
  >("SELECT active, gone_reason, language FROM subscriptions WHERE platform = ? AND recipient = ?");
  const upsert = db.prepare<[UpsertParams]>(
    `INSERT INTO subscriptions (platform, recipient, active, language, added_at, updated_at, gone_reason)
     VALUES (@platform, @recipient, @active, @language, @now, @now, @gone)
     ON CONFLICT (platform, recipient) DO UPDATE SET active = @active,
       language = CASE WHEN @active = 1 THEN @language ELSE language END, updated_at = @now, gone_reason = @gone`,
  );
  const activeRows = db.prepare<[{ platform: string | null }], Row>(
    `SELECT platform, recipient, language, added_at FROM subscriptions
     WHERE active = 1 AND (@platform IS NULL OR platform = @platform) ORDER BY added_at, recipient`,
  );
  const goneRows = db.prepare<[Platform], string>(
    "SELECT recipient FROM subscriptions WHERE platform = ? AND gone_reason IS NOT NULL",
  );
  goneRows.pluck();
  const clearGone = db.prepare<[Platform, string]>(
    "UPDATE subscriptions SET gone_reason = NULL WHERE platform = ? AND recipient = ? AND active = 0",
  );
  const subscribe = db.transaction(
    (
      platform: Platform,
      recipient: string,
      options: { language: UiLanguage; now: Date },
    ): SubscribeOutcome => {
      const existing = find.get(platform, recipient);
      upsert.run({
        platform,
        recipient,
        active: 1,
        language: options.language,
        now: options.now.toISOString(),
        gone: null,
      });
      if (!existing) return "added";
      return existing.active === 1 && existing.gone_reason === null ? "already" : "renewed";
    },
  ).immediate;
  const move = db.transaction((platform: Platform, from: string, to: string, now: Date): void => {
    const language = uiLanguage(find.get(platform, from)?.language ?? "de");
    const at = now.toISOString();
    upsert.run({ platform, recipient: to, active: 1, language, now: at, gone: null });
    upsert.run({ platform, recipient: from, active: 0, language, now: at, gone: `moved to ${to}` });
  }).immediate;
  return {
    subscribe,
    move,
    unsubscribe(platform, recipient, now) {
      const existing = find.get(platform, recipient);
      if (!existing || existing.active === 0) return false;
      upsert.run({ platform, recipient, active: 0, language: "de", now: now.toISOString(), gone: null });
      return true;
    },
    markGone(platform, recipient, { reason, now }) {
      upsert.run({ platform, recipient, active: 0, language: "de", now: now.toISOString(), gone: reason });
    },
    clearGone: (platform, recipient) => void clearGone.run(platform, recipient),
    gone: (platform) => new Set(goneRows.all(platform)),
    active: (platform) =>
      activeRows.all({ platform: platform ?? null }).map((row) => ({
        platform: row.platform,
        recipient: row.recipient,
        language: uiLanguage(row.language),
        addedAt: row.added_at,
      })),
  };
}
