import type Database from "better-sqlite3";
import type { Platform } from "./subscriptions.ts";

/** One recipient of one slot: the unique key of the delivery log. */
export interface DeliveryKey {
  slot: string;
  platform: Platform;
  recipient: string;
}

/** Status of a delivery row; see the migration for what each means. */
export type DeliveryStatus = "claimed" | "sending" | "sent" | "failed" | "skipped";

/** The outcome of a claim: owned (resume after `partsSent` parts), or left alone and why. */
export type Claim =
  | { claimed: true; partsSent: number; uncertain: boolean }
  | { claimed: false; reason: "done" | "busy" };

/** Options for {@link DeliveryLog.claim}. */
export interface ClaimOptions {
  /** This process's claim owner id. */
  owner: string;
  now: number;
  /** A claim not refreshed for this long belongs to a process that died. */
  staleMs: number;
  /** Tells that a claim's owner is certainly gone (a dead process on this machine). */
  isOwnerDead(owner: string): boolean;
}

/** A slot as the log remembers it. */
export interface SlotRecord {
  sinceIds: string[] | null;
  articleIds: string[];
  completed: boolean;
}

/** The delivery log: who got which slot, claimed before sending so no message goes out twice. */
export interface DeliveryLog {
  /** Records a slot's start (the first caller wins) and returns the record every process then uses. */
  beginSlot(slot: string, articleIds: string[], now: Date): SlotRecord;
  slot(slot: string): SlotRecord | undefined;
  /** The article ids a slot's digest counts as known: its own record's, else the previous slot's; null for none. */
  sinceFor(slot: string): string[] | null;
  completeSlot(slot: string, now: Date): void;
  claim(key: DeliveryKey, options: ClaimOptions): Claim;
  /** Moves an owned claim to sending (a request goes out) or back to claimed; false when no longer owned. */
  mark(key: DeliveryKey, owner: string, update: MarkUpdate): boolean;
  /** Refreshes an owned, unfinished claim's time so it does not go stale; false when no longer owned. */
  touch(key: DeliveryKey, owner: string, now: number): boolean;
  statuses(slot: string): Map<string, DeliveryStatus>;
  /** Deletes log rows of slots that started before `before`. */
  prune(before: Date): void;
}

/** A change to an owned delivery row. */
export interface MarkUpdate {
  status: DeliveryStatus;
  now: number;
  partsSent?: number;
  /** Counts one more request. */
  attempt?: boolean;
  error?: string | null;
}

interface UpdateParams extends DeliveryKey {
  owner: string;
  status: DeliveryStatus;
  now: number;
  parts: number | null;
  attempt: 0 | 1;
  error: string | null;
  setError: 0 | 1;
}

interface DeliveryRow {
  status: DeliveryStatus;
  claim_owner: string;
  claimed_at: number;
  parts_sent: number;
}

/** Delivery-log queries over an open database. */
export function createDeliveryLog(db: Database.Database): DeliveryLog {
  const keyOf = (key: DeliveryKey) => [key.slot, key.platform, key.recipient] as const;
  const insertClaim = db.prepare<[string, string, string, number, string]>(
    `INSERT INTO deliveries (slot, platform, recipient, status, attempts, claimed_at, claim_owner)
     VALUES (?, ?, ?, 'sending', 1, ?, ?) ON CONFLICT (slot, platform, recipient) DO NOTHING`,
  );
  const findRow = db.prepare<[string, string, string], DeliveryRow>(
    `SELECT status, claim_owner, claimed_at, parts_sent FROM deliveries
     WHERE slot = ? AND platform = ? AND recipient = ?`,
  );
  // Compare-and-swap on the previous owner and time: of two processes taking over a stale claim, one wins.
  const takeOver = db.prepare<[number, string, string, string, string, string, number]>(
    `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, claimed_at = ?, claim_owner = ?, error = NULL
     WHERE slot = ? AND platform = ? AND recipient = ? AND claim_owner = ? AND claimed_at = ?`,
  );
  const update = db.prepare<[UpdateParams]>(
    `UPDATE deliveries SET status = @status, claimed_at = @now, parts_sent = COALESCE(@parts, parts_sent),
       attempts = attempts + @attempt, error = CASE WHEN @setError = 1 THEN @error ELSE error END,
       finished_at = CASE WHEN @status IN ('sent', 'failed', 'skipped')
         THEN strftime('%Y-%m-%dT%H:%M:%fZ', @now / 1000.0, 'unixepoch') END
     WHERE slot = @slot AND platform = @platform AND recipient = @recipient AND claim_owner = @owner`,
  );
  const touch = db.prepare<[number, string, string, string, string]>(
    `UPDATE deliveries SET claimed_at = ?
     WHERE slot = ? AND platform = ? AND recipient = ? AND claim_owner = ? AND status IN ('claimed', 'sending')`,
  );
  const insertSlot = db.prepare<[string, string | null, string, string]>(
    `INSERT INTO slots (slot, since_ids, article_ids, started_at) VALUES (?, ?, ?, ?) ON CONFLICT (slot) DO NOTHING`,
  );
  const findSlot = db.prepare<
    [string],
    { since_ids: string | null; article_ids: string; completed_at: string | null }
  >("SELECT since_ids, article_ids, completed_at FROM slots WHERE slot = ?");
  const previousSlot = db.prepare<[string], string>(
    "SELECT article_ids FROM slots WHERE slot < ? ORDER BY slot DESC LIMIT 1",
  );
  previousSlot.pluck();
  const finishSlot = db.prepare<[string, string]>("UPDATE slots SET completed_at = ? WHERE slot = ?");
  const statusRows = db.prepare<[string], { platform: string; recipient: string; status: DeliveryStatus }>(
    "SELECT platform, recipient, status FROM deliveries WHERE slot = ?",
  );
  const parseIds = (json: string | null) => (json === null ? null : (JSON.parse(json) as string[]));
  const slotRecord = (slot: string): SlotRecord | undefined => {
    const row = findSlot.get(slot);
    if (!row) return undefined;
    return {
      sinceIds: parseIds(row.since_ids),
      articleIds: parseIds(row.article_ids) ?? [],
      completed: row.completed_at !== null,
    };
  };

  const takeOverClaim = db.transaction((key: DeliveryKey, options: ClaimOptions): Claim => {
    const row = findRow.get(...keyOf(key));
    if (!row) return { claimed: false, reason: "busy" };
    if (row.status === "sent" || row.status === "skipped") return { claimed: false, reason: "done" };
    const abandoned =
      row.status === "failed" ||
      row.claim_owner === options.owner ||
      options.now - row.claimed_at >= options.staleMs ||
      options.isOwnerDead(row.claim_owner);
    if (!abandoned) return { claimed: false, reason: "busy" };
    const taken = takeOver.run(options.now, options.owner, ...keyOf(key), row.claim_owner, row.claimed_at);
    if (taken.changes !== 1) return { claimed: false, reason: "busy" };
    // A claim left in "sending" may have reached the platform before its process died.
    return { claimed: true, partsSent: row.parts_sent, uncertain: row.status === "sending" };
  }).immediate;
  const beginSlot = db.transaction((slot: string, articleIds: string[], now: Date): SlotRecord => {
    const since = previousSlot.get(slot) ?? null;
    insertSlot.run(slot, since, JSON.stringify(articleIds), now.toISOString());
    const record = slotRecord(slot);
    if (!record) throw new Error(`The slot ${slot} was not recorded`);
    return record;
  }).immediate;

  return {
    beginSlot,
    slot: slotRecord,
    sinceFor: (slot) => slotRecord(slot)?.sinceIds ?? parseIds(previousSlot.get(slot) ?? null),
    completeSlot: (slot, now) => void finishSlot.run(now.toISOString(), slot),
    claim(key, options) {
      // The common case, a recipient nobody claimed yet, is one atomic statement.
      if (insertClaim.run(...keyOf(key), options.now, options.owner).changes === 1) {
        return { claimed: true, partsSent: 0, uncertain: false };
      }
      return takeOverClaim(key, options);
    },
    mark(key, owner, change) {
      const result = update.run({
        ...key,
        owner,
        status: change.status,
        now: change.now,
        parts: change.partsSent ?? null,
        attempt: change.attempt ? 1 : 0,
        error: change.error ?? null,
        setError: change.error === undefined ? 0 : 1,
      });
      return result.changes === 1;
    },
    touch: (key, owner, now) => touch.run(now, ...keyOf(key), owner).changes === 1,
    statuses: (slot) =>
      new Map(statusRows.all(slot).map((row) => [`${row.platform}:${row.recipient}`, row.status])),
    prune(before) {
      db.transaction(() => {
        db.prepare("DELETE FROM deliveries WHERE slot IN (SELECT slot FROM slots WHERE started_at < ?)").run(
          before.toISOString(),
        );
        db.prepare("DELETE FROM slots WHERE started_at < ?").run(before.toISOString());
      })();
    },
  };
}
