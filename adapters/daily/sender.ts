import type { Digest, UiLanguage } from "../../src/index.ts";
import type { Platform } from "./subscriptions.ts";

/** What the renderer knows besides the digest. */
export interface DigestContext {
  language: UiLanguage;
  /** The slot's date, written out in the schedule's zone and the recipient's language. */
  date: string;
}

/** Why one message did not go out, as the delivery decides what to do next. */
export type SendFailure =
  /** The bot was blocked, removed, or the chat is gone: skip the recipient from now on. */
  | { kind: "gone"; reason: string }
  /** The chat has a new id (a Telegram group upgraded to a supergroup): send there, and from now on. */
  | { kind: "moved"; to: string; reason: string }
  /** The platform asked to slow down: wait this long, then send the same message again. */
  | { kind: "rate-limited"; retryAfterMs: number }
  /** Worth another try after a back-off (network, 5xx). */
  | { kind: "transient"; reason: string }
  /** Will fail again the same way (a malformed message): give up on this recipient for this slot. */
  | { kind: "permanent"; reason: string }
  /** Nothing will reach any recipient of the platform (a revoked token): stop the platform's run, once. */
  | { kind: "platform"; reason: string };

/** How the daily summary reaches one platform: rendering, sending, classifying errors, and pacing. */
export interface DailySender<Message = unknown> {
  platform: Platform;
  /** Messages per second over all recipients. */
  globalRate: number;
  /** The shortest gap between two messages to one recipient, in milliseconds (group and channel limits). */
  recipientIntervalMs(recipient: string): number;
  /** Renders the digest as the messages one recipient gets, in order; most digests are one message. */
  render(digest: Digest, context: DigestContext): Message[];
  /** Sends one message; throws whatever the platform client throws. */
  send(recipient: string, message: Message): Promise<void>;
  /** Explains a thrown error in terms of {@link SendFailure}. */
  classify(error: unknown): SendFailure;
  /** A short, secret-free description of a message for reports ("412 characters"). */
  describe?(message: Message): string;
}
