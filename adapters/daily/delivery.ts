import { type Logger, type NewsBot, planDigest, type UiLanguage } from "../../src/index.ts";
import { createClaimOwner } from "./claim-owner.ts";
import { createPacer, type Pacer, sleep as realSleep } from "./pacer.ts";
import { type DeliveryOutcome, deliverToRecipient } from "./recipient-delivery.ts";
import { collectRecipients, type Recipient, type StaticRecipients } from "./recipients.ts";
import { formatSlotDate } from "./schedule.ts";
import type { DailySender } from "./sender.ts";
import type { Store } from "./store.ts";
import type { Platform } from "./subscriptions.ts";

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
  /** Stops the run between recipients; the rest stay unclaimed for the next run. */
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What a run did, recipient by recipient. */
export interface DeliveryReport {
  slot: string;
  outcomes: DeliveryOutcome[];
  /** True when every recipient has its message (or is gone), so the slot is complete. */
  complete: boolean;
}

const DEFAULT_STALE_CLAIM_MS = 10 * 60_000;

/**
 * Runs one slot: plans the digest (articles new since the previous slot), lists the recipients, and delivers to
 * each exactly once through its platform's sender, several at a time within the platform's rates. Safe to run
 * again for the same slot, by a restarted process or a second one on the same DATA_DIR: the delivery log's claims
 * let each recipient be served once. One failing recipient never stops the others.
 */
export async function deliverSlot(options: DeliveryOptions): Promise<DeliveryReport> {
  const { store, bot, logger, slot } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const staleClaimMs = options.staleClaimMs ?? DEFAULT_STALE_CLAIM_MS;
  const recheckMs = options.recheckMs ?? 2000;
  if (bot.articles().length === 0) {
    logger.warn("Daily summary skipped: no articles", { slot: slot.id });
    return { slot: slot.id, outcomes: [], complete: false };
  }
  const record = store.log.beginSlot(
    slot.id,
    bot.articles().map((article) => article.id),
    new Date(now()),
  );
  const senders = new Map<Platform, { sender: DailySender; pacer: Pacer }>();
  for (const sender of options.senders) {
    senders.set(sender.platform, {
      sender,
      pacer: createPacer({
        globalRate: sender.globalRate,
        recipientIntervalMs: (id) => sender.recipientIntervalMs(id),
        now,
        sleep,
      }),
    });
  }
  const rendered = new Map<string, unknown[]>();
  const messagesFor = (recipient: Recipient, sender: DailySender): unknown[] => {
    const key = `${recipient.platform}:${recipient.language}`;
    let messages = rendered.get(key);
    if (!messages) {
      messages = render(sender, options, recipient.language, record.sinceIds);
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
  };
  const outcomes: DeliveryOutcome[] = [];
  let queue = collectRecipients(store.subscriptions, [...senders.keys()], options.staticRecipients);
  // Recipients an earlier run served need no pacing: a restart skips them at once; the claim still decides.
  const served = store.log.statuses(slot.id);
  const giveUpAt = now() + staleClaimMs + recheckMs;
  try {
    for (;;) {
      const busy: Recipient[] = [];
      await forEach(queue, options.concurrency ?? 8, options.signal, async (recipient) => {
        const status = served.get(`${recipient.platform}:${recipient.id}`);
        if (status === "sent" || status === "skipped") {
          outcomes.push({
            platform: recipient.platform,
            recipient: recipient.id,
            status: "already",
            messages: 0,
          });
          return;
        }
        const { sender, pacer } = senders.get(recipient.platform) as { sender: DailySender; pacer: Pacer };
        const messages = messagesFor(recipient, sender);
        const result = await deliverToRecipient(context, { recipient, sender, pacer, messages });
        if (result.status === "busy") busy.push(recipient);
        else outcomes.push(result);
      });
      // Another process holds some recipients: wait for it to finish them, or for its claims to go stale.
      if (busy.length === 0 || options.signal?.aborted || now() >= giveUpAt) {
        for (const recipient of busy)
          outcomes.push({
            platform: recipient.platform,
            recipient: recipient.id,
            status: "busy",
            messages: 0,
          });
        break;
      }
      await sleep(recheckMs);
      queue = busy;
    }
  } finally {
    owner.release();
  }
  const finished = outcomes.filter((o) => ["sent", "skipped", "already"].includes(o.status)).length;
  const complete = !options.signal?.aborted && finished === outcomes.length;
  if (complete) store.log.completeSlot(slot.id, new Date(now()));
  logger.info("Daily summary run finished", {
    slot: slot.id,
    ...Object.fromEntries(
      ["sent", "skipped", "failed", "already", "busy"].map((s) => [s, count(outcomes, s)]),
    ),
    complete,
  });
  return { slot: slot.id, outcomes, complete };
}

function render(
  sender: DailySender,
  options: DeliveryOptions,
  language: UiLanguage,
  since: string[] | null,
): unknown[] {
  const digest = planDigest({ bot: options.bot, since, language });
  if (!digest) return [];
  return sender.render(digest, {
    language,
    date: formatSlotDate(options.slot.at, options.timeZone, language),
  });
}

function count(outcomes: DeliveryOutcome[], status: string): number {
  return outcomes.filter((outcome) => outcome.status === status).length;
}

/** Runs `work` over the items with at most `concurrency` at a time; stops taking new ones once aborted. */
async function forEach<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
