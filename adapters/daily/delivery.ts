import { describeError, type Logger, type NewsBot, planDigest, type UiLanguage } from "../../src/index.ts";
import type { DigestReply, DigestSender } from "../ports/daily.ts";
import type { Store } from "../store/store.ts";
import { createPacer, sleep as realSleep, type Sleep } from "./pacer.ts";
import { type DeliveryOutcome, deliverToRecipient, type PlatformRun } from "./recipient-delivery.ts";
import { collectRecipients, countUnreachable, type Recipient, type StaticRecipients } from "./recipients.ts";
import { formatSlotDate } from "./schedule.ts";
import { acquireRunLease } from "./slot-lease.ts";
import { runWorkers } from "./workers.ts";

export type { DeliveryOutcome } from "./recipient-delivery.ts";
export { DEFAULT_LEASE_MS } from "./slot-lease.ts";

/** Options for {@link deliverSlot}. */
export interface DeliveryOptions {
  slot: { id: string; at: Date };
  store: Pick<Store, "ledger" | "subscriptions">;
  bot: NewsBot;
  /** One per platform that is configured; recipients of other platforms wait for a run that has theirs. */
  senders: DigestSender[];
  staticRecipients?: StaticRecipients;
  /** Zone the slot's date is written in. */
  timeZone: string;
  logger: Logger;
  /** Recipients served at the same time; default 8. */
  concurrency?: number;
  /** Tries per message on transient errors; default 5. */
  maxAttempts?: number;
  /** First back-off after a transient error, in milliseconds; default 1000. */
  backoffMs?: number;
  /** The slot lease's length; default {@link DEFAULT_LEASE_MS}. It is renewed at a third of it. */
  leaseMs?: number;
  /** Stops the run: waits end at once, no new recipient is taken; the rest are left for the next run. */
  signal?: AbortSignal;
  now?: () => number;
  sleep?: Sleep;
}

/** What a run did, recipient by recipient. */
export interface DeliveryReport {
  slot: string;
  outcomes: DeliveryOutcome[];
  /** Recipients on platforms this run has no sender for; they keep the slot open. */
  unreachable: number;
  /** True when every recipient has its message (or is gone), so the slot is complete. */
  complete: boolean;
}

/** The outcome statuses, in the order reports list them. */
export const OUTCOME_STATUSES = ["sent", "skipped", "failed", "already"] as const;

/**
 * Runs one slot under its lease, so one process at a time delivers it: waits while another process holds the
 * lease (it is released at the end of a run, or expires by the database's clock if that process died), then
 * plans the digest (articles new since the previous slot), lists the recipients, and delivers to each once
 * through its platform's sender, several at a time within the platform's rates. The ledger's per-recipient rows
 * make a later run (a restart, a second process) skip what was delivered. One failing recipient never stops the
 * others. Without a digest (no article the core can summarize) nothing is sent and the slot stays open.
 */
export async function deliverSlot(options: DeliveryOptions): Promise<DeliveryReport> {
  const { slot } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const lease = await acquireRunLease(options, { now, sleep });
  if (!lease) return { slot: slot.id, outcomes: [], unreachable: 0, complete: false };
  try {
    return await deliverLeased({ ...options, now, sleep }, lease.keep, lease.lost);
  } finally {
    await lease.release();
  }
}

async function deliverLeased(
  options: DeliveryOptions & { now: () => number; sleep: Sleep },
  keepLease: () => Promise<boolean>,
  isLost: () => boolean,
): Promise<DeliveryReport> {
  const { store, bot, logger, slot, signal, now } = options;
  const since = await store.ledger.sinceFor(slot.id);
  // One plan per language serves every platform: only the example question depends on the language.
  const digests = new Map<UiLanguage, DigestReply | null>();
  const digestIn = (language: UiLanguage): DigestReply | null => {
    if (!digests.has(language)) {
      const date = formatSlotDate(slot.at, options.timeZone, language);
      digests.set(language, planDigest({ bot, since, language, date }));
    }
    return digests.get(language) ?? null;
  };
  if (!digestIn("de")) {
    logger.warn("Daily summary skipped: no article to summarize; the slot stays open", { slot: slot.id });
    return { slot: slot.id, outcomes: [], unreachable: 0, complete: false };
  }
  const articleIds = bot.articles().map((article) => article.id);
  await store.ledger.beginSlot(slot.id, articleIds, new Date(now()));
  const platforms = new Map<string, PlatformRun>();
  for (const sender of options.senders) {
    const pacer = createPacer({
      globalRate: sender.globalRate,
      recipientIntervalMs: (id) => sender.recipientIntervalMs(id),
      now,
      sleep: options.sleep,
      ...(signal ? { signal } : {}),
    });
    platforms.set(sender.platform, { sender, pacer });
  }
  const rendered = new Map<string, unknown[]>();
  const messagesFor = (recipient: Recipient, sender: DigestSender): unknown[] => {
    const key = `${recipient.platform}:${recipient.language}`;
    let messages = rendered.get(key);
    if (!messages) {
      const digest = digestIn(recipient.language);
      messages = digest ? sender.render(digest, recipient.language) : [];
      rendered.set(key, messages);
    }
    return messages;
  };
  const rows = await store.ledger.deliveries(slot.id);
  const context = {
    slot: slot.id,
    store,
    rows,
    keepLease,
    logger,
    now,
    sleep: options.sleep,
    maxAttempts: options.maxAttempts ?? 5,
    backoffMs: options.backoffMs ?? 1000,
    ...(signal ? { signal } : {}),
  };
  const outcomes: DeliveryOutcome[] = [];
  const queue = await collectRecipients(store.subscriptions, [...platforms.keys()], options.staticRecipients);
  await runWorkers(queue, {
    concurrency: options.concurrency ?? 8,
    ...(signal ? { signal } : {}),
    async work(recipient) {
      const platform = platforms.get(recipient.platform);
      if (!platform || isLost()) return;
      const result = await deliverToRecipient(context, {
        recipient,
        platform,
        messages: messagesFor(recipient, platform.sender),
      });
      if (result) outcomes.push(result);
    },
    // A bug or a database error for one recipient never stops the others.
    onError(recipient, error) {
      const detail = describeError(error);
      logger.error("Daily summary delivery failed", {
        slot: slot.id,
        platform: recipient.platform,
        recipient: recipient.id,
        error: detail,
      });
      outcomes.push({
        platform: recipient.platform,
        recipient: recipient.id,
        status: "failed",
        messages: 0,
        detail,
      });
    },
  });
  const { unreachable, missing } = await countUnreachable({
    subscriptions: store.subscriptions,
    reachable: [...platforms.keys()],
    fixed: options.staticRecipients ?? {},
    served: (recipient) =>
      ["sent", "skipped"].includes(rows.get(`${recipient.platform}:${recipient.id}`)?.status ?? ""),
  });
  if (unreachable > 0) {
    logger.warn("Daily summary recipients wait for a run that can reach their platform", {
      slot: slot.id,
      platforms: missing.join(","),
      unreachable,
    });
  }
  const counts = countOutcomes(outcomes);
  const taken = outcomes.length === queue.length;
  const complete = taken && !signal?.aborted && !isLost() && unreachable === 0 && counts.failed === 0;
  if (complete) await store.ledger.completeSlot(slot.id, new Date(now()));
  logger.info("Daily summary run finished", { slot: slot.id, ...counts, unreachable, complete });
  return { slot: slot.id, outcomes, unreachable, complete };
}

/** Counts a run's outcomes by status. */
export function countOutcomes(
  outcomes: readonly DeliveryOutcome[],
): Record<(typeof OUTCOME_STATUSES)[number], number> {
  const counts = { sent: 0, skipped: 0, failed: 0, already: 0 };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return counts;
}
