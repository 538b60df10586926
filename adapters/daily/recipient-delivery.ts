import { describeError, type Logger } from "../../src/index.ts";
import { isOwnerDead } from "./claim-owner.ts";
import type { DeliveryKey, MarkUpdate } from "./delivery-log.ts";
import type { Pacer } from "./pacer.ts";
import type { Recipient } from "./recipients.ts";
import type { DailySender } from "./sender.ts";
import type { Store } from "./store.ts";

/** What happened to one recipient in one run. */
export interface DeliveryOutcome {
  platform: Recipient["platform"];
  recipient: string;
  /** already: an earlier run or another process sent it; busy: another live process holds it. */
  status: "sent" | "skipped" | "failed" | "already" | "busy";
  /** Messages sent in this run. */
  messages: number;
  detail?: string;
}

/** Everything one recipient's delivery needs; shared by all recipients of a run. */
export interface RecipientDeliveryContext {
  slot: string;
  store: Store;
  owner: string;
  logger: Logger;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Tries per message before the recipient counts as failed for this run (429 waits not counted). */
  maxAttempts: number;
  /** First back-off after a transient error; doubles with each try. */
  backoffMs: number;
  staleClaimMs: number;
}

/** 429 answers one message may get before the run gives up on it (a later run may take it again). */
const MAX_RATE_LIMIT_WAITS = 20;
/** Back-off never waits longer than this, so a claim stays fresh. */
const MAX_BACKOFF_MS = 60_000;

/**
 * Delivers the slot's messages to one recipient exactly once: claims the recipient in the delivery log
 * (resuming after the parts an earlier run sent), sends each part when the pacer allows, records every part,
 * and marks it sent. Blocked or removed recipients are marked gone; transient errors are retried with back-off;
 * 429 answers pause the whole platform for their retry_after. Never throws for a platform error.
 */
export async function deliverToRecipient<Message>(
  context: RecipientDeliveryContext,
  target: { recipient: Recipient; sender: DailySender<Message>; pacer: Pacer; messages: Message[] },
): Promise<DeliveryOutcome> {
  const { store, owner, logger } = context;
  const { recipient, sender, pacer, messages } = target;
  const key: DeliveryKey = { slot: context.slot, platform: recipient.platform, recipient: recipient.id };
  const outcome = (status: DeliveryOutcome["status"], sent: number, detail?: string): DeliveryOutcome => ({
    platform: recipient.platform,
    recipient: recipient.id,
    status,
    messages: sent,
    ...(detail ? { detail } : {}),
  });
  const mark = (update: Omit<MarkUpdate, "now">) =>
    store.log.mark(key, owner, { ...update, now: context.now() });

  let answered = await pacer.acquire(recipient.id);
  const claim = store.log.claim(key, {
    owner,
    now: context.now(),
    staleMs: context.staleClaimMs,
    isOwnerDead,
  });
  if (!claim.claimed) {
    answered();
    return outcome(claim.reason === "done" ? "already" : "busy", 0);
  }
  if (claim.uncertain) {
    logger.warn("Resending a message whose earlier send was cut off; it may arrive twice", { ...key });
  }
  let part = claim.partsSent;
  let attempts = 1;
  let rateLimitWaits = 0;
  let sent = 0;
  let first = true;
  while (part < messages.length) {
    if (!first) {
      answered = await pacer.acquire(recipient.id);
      if (!mark({ status: "sending", attempt: true })) {
        answered();
        return outcome("busy", sent, "claim taken over");
      }
    }
    first = false;
    try {
      await sender.send(recipient.id, messages[part] as Message).finally(answered);
      part += 1;
      sent += 1;
      attempts = 1;
      if (part < messages.length) mark({ status: "claimed", partsSent: part });
    } catch (error) {
      const failure = sender.classify(error);
      const reason = failure.kind === "rate-limited" ? "rate limited" : failure.reason;
      switch (failure.kind) {
        case "gone":
          mark({ status: "skipped", partsSent: part, error: reason });
          store.subscriptions.markGone(recipient.platform, recipient.id, {
            reason,
            now: new Date(context.now()),
          });
          logger.info("Daily summary recipient is gone; skipped from now on", { ...key, reason });
          return outcome("skipped", sent, reason);
        case "rate-limited":
          pacer.pause(failure.retryAfterMs);
          rateLimitWaits += 1;
          if (rateLimitWaits <= MAX_RATE_LIMIT_WAITS) {
            mark({ status: "claimed", partsSent: part, error: reason });
            continue;
          }
          break;
        case "transient":
          if (attempts < context.maxAttempts) {
            mark({ status: "claimed", partsSent: part, error: reason });
            const delay = Math.min(context.backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
            attempts += 1;
            await context.sleep(delay * (0.75 + Math.random() * 0.5));
            continue;
          }
          break;
        case "permanent":
          break;
      }
      logger.warn("Daily summary not delivered", { ...key, reason, error: describeError(error) });
      mark({ status: "failed", partsSent: part, error: reason });
      return outcome("failed", sent, reason);
    }
  }
  if (!mark({ status: "sent", partsSent: part })) {
    logger.error("Daily summary sent, but another process had taken over the claim", { ...key });
  }
  return outcome("sent", sent);
}
