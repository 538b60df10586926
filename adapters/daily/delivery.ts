import {
  type Digest,
  describeError,
  type Logger,
  type NewsBot,
  planDigest,
  type UiLanguage,
} from "../../src/index.ts";
import { createClaimOwner } from "./claim-owner.ts";
import { createPacer, sleep as realSleep, type Sleep } from "./pacer.ts";
import { type DeliveryOutcome, deliverToRecipient, type PlatformRun } from "./recipient-delivery.ts";
import { collectRecipients, type Recipient, type StaticRecipients } from "./recipients.ts";
import { formatSlotDate } from "./schedule.ts";
import type { DailySender } from "./sender.ts";
import type { Store } from "./store.ts";
import { PLATFORMS, type Platform } from "./subscriptions.ts";
import { runWorkers } from "./workers.ts";

export type { DeliveryOutcome } from "./recipient-delivery.ts";

/** Options for {@link deliverSlot}. */
export interface DeliveryOptions {
  slot: { id: string; at: Date };
  store: Store;
  bot: NewsBot;
  /** One per platform that is configured; recipients of other platforms wait for a run that has theirs. */
  senders: DailySender[];
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
  /** A claim not refreshed for this long is taken over; default 10 minutes. */
  staleClaimMs?: number;
  /** How often recipients claimed by another live process are looked at again; default 2 s. */
  recheckMs?: number;
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
export const OUTCOME_STATUSES = ["sent", "skipped", "failed", "already", "busy"] as const;

const DEFAULT_STALE_CLAIM_MS = 10 * 60_000;

/**
 * Runs one slot: plans the digest (articles new since the previous slot), lists the recipients, and delivers to
 * each exactly once through its platform's sender, several at a time within the platform's rates. Safe to run
 * again for the same slot, by a restarted process or a second one on the same DATA_DIR: the delivery log's claims
 * let each recipient be served once. One failing recipient never stops the others; the run ends only when every
 * recipient it took has finished. Without a digest (no article the core can summarize) nothing is claimed.
 */
export async function deliverSlot(options: DeliveryOptions): Promise<DeliveryReport> {
  const { store, bot, logger, slot, signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const staleClaimMs = options.staleClaimMs ?? DEFAULT_STALE_CLAIM_MS;
  const recheckMs = options.recheckMs ?? 2000;
  const since = store.log.sinceFor(slot.id);
  const planned = planDigest({ bot, since, language: "de" });
  if (!planned) {
    logger.warn("Daily summary skipped: no article to summarize; the slot stays open", { slot: slot.id });
    return { slot: slot.id, outcomes: [], unreachable: 0, complete: false };
  }
  const record = store.log.beginSlot(
    slot.id,
    bot.articles().map((article) => article.id),
    new Date(now()),
  );
  const platforms = new Map<Platform, PlatformRun>();
  for (const sender of options.senders) {
    const pacer = createPacer({
      globalRate: sender.globalRate,
      recipientIntervalMs: (id) => sender.recipientIntervalMs(id),
      now,
      sleep,
      ...(signal ? { signal } : {}),
    });
    platforms.set(sender.platform, { sender, pacer });
  }
  // Planning summarizes every article in the digest and only its example depends on the language: one plan per
  // language serves every platform. The check's plan is reused unless another process began the slot first.
  const digests = new Map<UiLanguage, Digest | null>();
  if (sameIds(record.sinceIds, since)) digests.set("de", planned);
  const digestIn = (language: UiLanguage): Digest | null => {
    if (!digests.has(language)) digests.set(language, planDigest({ bot, since: record.sinceIds, language }));
    return digests.get(language) ?? null;
  };
  const rendered = new Map<string, unknown[]>();
  const messagesFor = (recipient: Recipient, sender: DailySender): unknown[] => {
    const key = `${recipient.platform}:${recipient.language}`;
    let messages = rendered.get(key);
    if (!messages) {
      const { language } = recipient;
      const digest = digestIn(language);
      const date = formatSlotDate(slot.at, options.timeZone, language);
      messages = digest ? sender.render(digest, { language, date }) : [];
      rendered.set(key, messages);
    }
    return messages;
  };
  const owner = createClaimOwner();
  const context = {
    slot: slot.id,
    store,
    owner: owner.id,
    logger,
    now,
    sleep,
    maxAttempts: options.maxAttempts ?? 5,
    backoffMs: options.backoffMs ?? 1000,
    staleClaimMs,
    ...(signal ? { signal } : {}),
  };
  const outcomes: DeliveryOutcome[] = [];
  const note = (recipient: Recipient, status: DeliveryOutcome["status"], detail?: string) =>
    outcomes.push({
      platform: recipient.platform,
      recipient: recipient.id,
      status,
      messages: 0,
      ...(detail ? { detail } : {}),
    });
  let queue = collectRecipients(store.subscriptions, [...platforms.keys()], options.staticRecipients);
  // Recipients an earlier run served need no pacing: a restart skips them at once; the claim still decides.
  const served = store.log.statuses(slot.id);
  const isServed = (recipient: Recipient) =>
    ["sent", "skipped"].includes(served.get(`${recipient.platform}:${recipient.id}`) ?? "");
  const giveUpAt = now() + staleClaimMs + recheckMs;
  try {
    for (;;) {
      const busy: Recipient[] = [];
      await runWorkers(queue, {
        concurrency: options.concurrency ?? 8,
        ...(signal ? { signal } : {}),
        async work(recipient) {
          if (isServed(recipient)) return void note(recipient, "already");
          const platform = platforms.get(recipient.platform);
          if (!platform) return;
          const messages = messagesFor(recipient, platform.sender);
          const result = await deliverToRecipient(context, { recipient, platform, messages });
          if (result?.status === "busy") busy.push(recipient);
          else if (result) outcomes.push(result);
        },
        // A bug or a database error for one recipient (its claim is then abandoned) never stops the others.
        onError(recipient, error) {
          logger.error("Daily summary delivery failed", {
            slot: slot.id,
            platform: recipient.platform,
            recipient: recipient.id,
            error: describeError(error),
          });
          note(recipient, "failed", describeError(error));
        },
      });
      // Another process holds some recipients: wait for it to finish them, or for its claims to go stale.
      if (busy.length === 0 || signal?.aborted || now() >= giveUpAt) {
        for (const recipient of busy) note(recipient, "busy");
        break;
      }
      await sleep(recheckMs, signal);
      queue = busy;
    }
  } finally {
    owner.release();
  }
  const missing = PLATFORMS.filter((platform) => !platforms.has(platform));
  const unreachable = collectRecipients(store.subscriptions, missing, options.staticRecipients).filter(
    (recipient) => !isServed(recipient),
  ).length;
  if (unreachable > 0) {
    logger.warn("Daily summary recipients wait for a run that can reach their platform", {
      slot: slot.id,
      platforms: missing.join(","),
      unreachable,
    });
  }
  const counts = countOutcomes(outcomes);
  const complete = !signal?.aborted && unreachable === 0 && counts.failed === 0 && counts.busy === 0;
  if (complete) store.log.completeSlot(slot.id, new Date(now()));
  logger.info("Daily summary run finished", { slot: slot.id, ...counts, unreachable, complete });
  return { slot: slot.id, outcomes, unreachable, complete };
}

/** Counts a run's outcomes by status. */
export function countOutcomes(
  outcomes: readonly DeliveryOutcome[],
): Record<(typeof OUTCOME_STATUSES)[number], number> {
  const counts = { sent: 0, skipped: 0, failed: 0, already: 0, busy: 0 };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return counts;
}

function sameIds(a: readonly string[] | null, b: readonly string[] | null): boolean {
  return a === b || (a !== null && b !== null && a.length === b.length && a.every((id, i) => id === b[i]));
}
