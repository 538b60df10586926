import { describeError, type Logger } from "../../src/index.ts";
import { keepClaimFresh } from "./claim-heartbeat.ts";
import { isOwnerDead } from "./claim-owner.ts";
import type { DeliveryKey, MarkUpdate } from "./delivery-log.ts";
import type { Pacer, Sleep } from "./pacer.ts";
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

/** A platform's share of a run: its sender, its pacer, and why the run gave up on it, once it did. */
export interface PlatformRun<Message = unknown> {
  sender: DailySender<Message>;
  pacer: Pacer;
  /** Set when nothing more can reach the platform in this run (a revoked token, a 429 asking for too long). */
  failure?: string;
}

/** Everything one recipient's delivery needs; shared by all recipients of a run. */
export interface RecipientDeliveryContext {
  slot: string;
  store: Store;
  owner: string;
  logger: Logger;
  now: () => number;
  sleep: Sleep;
  /** Tries per message before the recipient counts as failed for this run (429 waits not counted). */
  maxAttempts: number;
  /** First back-off after a transient error; doubles with each try. */
  backoffMs: number;
  staleClaimMs: number;
  /** Ends waits and stops before the next message; the recipient is left for the next run. */
  signal?: AbortSignal;
}

/** 429 answers one message may get before the run gives up on it (a later run may take it again). */
const MAX_RATE_LIMIT_WAITS = 20;
/** Back-off never waits longer than this. */
const MAX_BACKOFF_MS = 60_000;
/** A 429 asking to wait longer than this stops the platform's run instead; the next run of the slot resumes. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** A moved chat may move once more (the new id answering "moved" again); further hops are refused. */
const MAX_MOVES = 2;

/**
 * Delivers the slot's messages to one recipient exactly once: claims the recipient in the delivery log
 * (resuming after the parts an earlier run sent), keeps the claim fresh while it owns it, sends each part when the
 * pacer allows, records every part, and marks it sent. Blocked or removed recipients are marked gone; a moved chat
 * is followed to its new id; transient errors are retried with back-off; 429 answers pause the whole platform for
 * their retry_after; a revoked token stops the platform's run. Never throws for a platform error. Resolves null
 * when stopped before claiming: the recipient is then untouched.
 */
export async function deliverToRecipient<Message>(
  context: RecipientDeliveryContext,
  target: { recipient: Recipient; platform: PlatformRun<Message>; messages: Message[]; moves?: number },
): Promise<DeliveryOutcome | null> {
  const { store, owner, logger } = context;
  const { recipient, platform, messages } = target;
  const { sender, pacer } = platform;
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

  // Nothing to send is a bug or an empty archive, never a delivery: claiming would mark the recipient served.
  if (messages.length === 0) return outcome("failed", 0, "nothing to send");
  if (platform.failure) return outcome("failed", 0, platform.failure);
  let answered = await pacer.acquire(recipient.id);
  if (!answered) return null;
  if (platform.failure) {
    answered();
    return outcome("failed", 0, platform.failure);
  }
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
  const stopHeartbeat = keepClaimFresh(context, key);
  try {
    if (claim.uncertain) {
      logger.warn("Resending a message whose earlier send was cut off; it may arrive twice", { ...key });
    }
    let part = claim.partsSent;
    let attempts = 1;
    let rateLimitWaits = 0;
    let sent = 0;
    while (part < messages.length) {
      if (!answered) {
        answered = await pacer.acquire(recipient.id);
        const stop = !answered ? "stopped before the rest was sent" : platform.failure;
        if (stop) {
          answered?.();
          mark({ status: "failed", partsSent: part, error: stop });
          return outcome("failed", sent, stop);
        }
        if (!mark({ status: "sending", attempt: true })) {
          answered?.();
          return outcome("busy", sent, "claim taken over");
        }
      }
      try {
        await sender.send(recipient.id, messages[part] as Message).finally(answered ?? undefined);
        answered = null;
        part += 1;
        sent += 1;
        attempts = 1;
        if (part < messages.length) mark({ status: "claimed", partsSent: part });
      } catch (error) {
        answered = null;
        const failure = sender.classify(error);
        let reason = failure.kind === "rate-limited" ? "rate limited" : failure.reason;
        switch (failure.kind) {
          case "gone":
            mark({ status: "skipped", partsSent: part, error: reason });
            store.subscriptions.markGone(recipient.platform, recipient.id, {
              reason,
              now: new Date(context.now()),
            });
            logger.info("Daily summary recipient is gone; skipped from now on", { ...key, reason });
            return outcome("skipped", sent, reason);
          case "moved": {
            if ((target.moves ?? 0) >= MAX_MOVES) break;
            mark({ status: "skipped", partsSent: part, error: reason });
            store.subscriptions.move(recipient.platform, recipient.id, failure.to, new Date(context.now()));
            logger.info("Daily summary recipient moved to a new id; following it", {
              ...key,
              to: failure.to,
            });
            const moved = { ...recipient, id: failure.to, fixed: false };
            return deliverToRecipient(context, {
              ...target,
              recipient: moved,
              moves: (target.moves ?? 0) + 1,
            });
          }
          case "rate-limited":
            if (failure.retryAfterMs > MAX_RETRY_AFTER_MS) {
              reason = `rate limited for ${Math.round(failure.retryAfterMs / 1000)} s`;
              failPlatform(context, platform, reason);
              break;
            }
            logger.info("Daily summary paused by a 429", {
              platform: recipient.platform,
              retryAfterMs: failure.retryAfterMs,
            });
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
              await context.sleep(delay * (0.75 + Math.random() * 0.5), context.signal);
              continue;
            }
            break;
          case "platform":
            failPlatform(context, platform, reason);
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
  } finally {
    stopHeartbeat();
  }
}

/** Stops a platform's run: the recipients not yet claimed are left for the next run; logged once. */
function failPlatform(context: RecipientDeliveryContext, platform: PlatformRun, reason: string): void {
  if (platform.failure) return;
  platform.failure = reason;
  context.logger.error("Daily summary stopped for a platform; its other recipients wait for the next run", {
    platform: platform.sender.platform,
    reason,
  });
}
