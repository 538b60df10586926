import { describeError, type Logger } from "../../src/index.ts";
import type { DigestSender } from "../ports/daily.ts";
import type { DeliveryKey, DeliveryRow, DeliveryStatus, Store } from "../store/store.ts";
import type { Pacer, Sleep } from "./pacer.ts";
import type { Recipient } from "./recipients.ts";

/** What happened to one recipient in one run. */
export interface DeliveryOutcome {
  platform: string;
  recipient: string;
  /** already: an earlier run (or another process) delivered it. */
  status: "sent" | "skipped" | "failed" | "already";
  /** Messages sent in this run. */
  messages: number;
  detail?: string;
}

/** A platform's share of a run: its sender, its pacer, and why the run gave up on it, once it did. */
export interface PlatformRun<Message = unknown> {
  sender: DigestSender<Message>;
  pacer: Pacer;
  /** Set when nothing more can reach the platform in this run (a refused token, a 429 asking for too long). */
  failure?: string;
}

/** Everything one recipient's delivery needs; shared by all recipients of a run. */
export interface RecipientDeliveryContext {
  slot: string;
  store: Pick<Store, "ledger" | "subscriptions">;
  /** The slot's ledger rows as the run found them, by `platform:recipient`. */
  rows: ReadonlyMap<string, DeliveryRow>;
  /** Renews the slot's lease when due; false once it is lost, and then nothing more may be sent. */
  keepLease(): Promise<boolean>;
  logger: Logger;
  now: () => number;
  sleep: Sleep;
  /** Tries per message before the recipient counts as failed for this run (429 waits not counted). */
  maxAttempts: number;
  /** First back-off after a transient error; doubles with each try. */
  backoffMs: number;
  /** Ends waits and stops before the next message; the recipient is left for the next run. */
  signal?: AbortSignal;
}

/** 429 answers one message may get before the run gives up on it (a later run takes it again). */
const MAX_RATE_LIMIT_WAITS = 20;
/** Back-off never waits longer than this. */
const MAX_BACKOFF_MS = 60_000;
/** A 429 asking to wait longer than this stops the platform's run instead; the next run of the slot resumes. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** A moved chat may move once more (the new id answering "moved" again); further hops are refused. */
const MAX_MOVES = 2;

/**
 * Delivers the slot's messages to one recipient once. Its ledger row says what an earlier run did: sent and
 * skipped are final, failed resumes after the parts accepted, and sending means the process stopped between
 * handing a part to the platform and recording the answer. That one window is ambiguous (the platform may have
 * accepted it); the part is sent again and the resend is logged. Each part is recorded as sending before the
 * request and as accepted after it. Blocked or removed recipients are marked gone; a moved chat is followed;
 * transient errors are retried with back-off; 429 answers pause the whole platform; a refused token stops the
 * platform's run. Never throws for a platform error. Resolves null when stopped before anything was sent.
 */
export async function deliverToRecipient<Message>(
  context: RecipientDeliveryContext,
  target: { recipient: Recipient; platform: PlatformRun<Message>; messages: Message[]; moves?: number },
): Promise<DeliveryOutcome | null> {
  const { store, logger } = context;
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
  const row = context.rows.get(`${key.platform}:${key.recipient}`);
  if (row?.status === "sent" || row?.status === "skipped") return outcome("already", 0);
  // Nothing to send is a bug or an empty archive, never a delivery.
  if (messages.length === 0) return outcome("failed", 0, "nothing to send");
  let part = row?.partsSent ?? 0;
  const record = (status: DeliveryStatus, error?: string) =>
    store.ledger.record(key, { status, partsSent: part, error: error ?? null, now: new Date(context.now()) });
  if (row?.status === "sending") {
    logger.warn("Resending a message whose earlier send was cut off; it may arrive twice", { ...key, part });
  }
  let attempts = 1;
  let rateLimitWaits = 0;
  let sent = 0;
  while (part < messages.length) {
    if (platform.failure) return outcome("failed", sent, platform.failure);
    const answered = await pacer.acquire(recipient.id);
    if (!answered) return sent === 0 ? null : outcome("failed", sent, "stopped before the rest was sent");
    if (!(await context.keepLease())) {
      answered();
      return outcome("failed", sent, "the slot's lease was lost");
    }
    await record("sending");
    const thrown = await sender.send(recipient.id, messages[part] as Message).then(
      () => null,
      (error: unknown) => ({ error }),
    );
    answered();
    if (!thrown) {
      part += 1;
      sent += 1;
      attempts = 1;
      await record(part < messages.length ? "sending" : "sent");
      continue;
    }
    const { error } = thrown;
    const failure = sender.classify(error);
    let reason = failure.kind === "rate-limited" ? "rate limited" : failure.reason;
    switch (failure.kind) {
      case "gone":
        await record("skipped", reason);
        await store.subscriptions.markGone(key.platform, key.recipient, {
          reason,
          now: new Date(context.now()),
        });
        logger.info("Daily summary recipient is gone; skipped from now on", { ...key, reason });
        return outcome("skipped", sent, reason);
      case "moved": {
        if ((target.moves ?? 0) >= MAX_MOVES) break;
        await record("skipped", reason);
        await store.subscriptions.move(key.platform, key.recipient, failure.to, new Date(context.now()));
        logger.info("Daily summary recipient moved to a new id; following it", { ...key, to: failure.to });
        const moved = { ...recipient, id: failure.to };
        return deliverToRecipient(context, { ...target, recipient: moved, moves: (target.moves ?? 0) + 1 });
      }
      case "rate-limited":
        if (failure.retryAfterMs > MAX_RETRY_AFTER_MS) {
          reason = `rate limited for ${Math.round(failure.retryAfterMs / 1000)} s`;
          failPlatform(context, platform, reason);
          break;
        }
        logger.info("Daily summary paused by a 429", {
          platform: key.platform,
          retryAfterMs: failure.retryAfterMs,
        });
        pacer.pause(failure.retryAfterMs);
        rateLimitWaits += 1;
        if (rateLimitWaits <= MAX_RATE_LIMIT_WAITS) {
          await record("failed", reason);
          continue;
        }
        break;
      case "transient":
        if (attempts < context.maxAttempts) {
          await record("failed", reason);
          const delay = Math.min(context.backoffMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
          attempts += 1;
          await context.sleep(delay * (0.75 + Math.random() * 0.5), context.signal);
          continue;
        }
        break;
      case "token-refused":
        failPlatform(context, platform, reason);
        break;
      case "permanent":
        break;
    }
    logger.warn("Daily summary not delivered", { ...key, reason, error: describeError(error) });
    await record("failed", reason);
    return outcome("failed", sent, reason);
  }
  return outcome("sent", sent);
}

/** Stops a platform's run: its recipients not yet served are left for the next run; logged once. */
function failPlatform(context: RecipientDeliveryContext, platform: PlatformRun, reason: string): void {
  if (platform.failure) return;
  platform.failure = reason;
  context.logger.error("Daily summary stopped for a platform; its other recipients wait for the next run", {
    platform: platform.sender.platform,
    reason,
  });
}
