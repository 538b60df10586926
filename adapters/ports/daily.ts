import type { Reply, UiLanguage } from "../../src/index.ts";

/** The daily summary as the core plans it: a {@link Reply} of kind "digest". */
export type DigestReply = Extract<Reply, { kind: "digest" }>;

/**
 * Why one message did not go out, in terms every platform shares; the daily summary decides from it what to do
 * next.
 */
export type SendFailure =
  /** The bot was blocked or removed, or the chat is gone: skip the recipient from now on. */
  | { kind: "gone"; reason: string }
  /** The chat has a new id (a Telegram group upgraded to a supergroup): send there, and from now on. */
  | { kind: "moved"; to: string; reason: string }
  /** The platform asked to slow down: wait this long, then send the same message again. */
  | { kind: "rate-limited"; retryAfterMs: number }
  /** Worth another try after a back-off (network, 5xx). */
  | { kind: "transient"; reason: string }
  /** Will fail again the same way (a malformed message): give up on this recipient for this slot. */
  | { kind: "permanent"; reason: string }
  /** The platform refused the bot's token: nothing reaches any of its recipients, so its run stops, once. */
  | { kind: "token-refused"; reason: string };

/**
 * The daily summary's port: how it reaches one platform. Each platform implements it in its own folder
 * (adapters/telegram/digest-sender.ts, adapters/slack/digest-sender.ts); adapters/main.ts hands them in.
 */
export interface DigestSender<Message = unknown> {
  /** The platform's name in subscriptions ("telegram"). */
  platform: string;
  /** Messages per second over all recipients. */
  globalRate: number;
  /** The shortest gap between two messages to one recipient, in milliseconds (group and channel limits). */
  recipientIntervalMs(recipient: string): number;
  /** Renders the digest as the messages one recipient gets, in order; most digests are one message. */
  render(digest: DigestReply, language: UiLanguage): Message[];
  /** Sends one message; throws whatever the platform's client throws. */
  send(recipient: string, message: Message): Promise<void>;
  /** Explains a thrown error as a {@link SendFailure}. */
  classify(error: unknown): SendFailure;
}

/** A chat or channel asking for, or out of, the daily summary, once its platform has allowed it. */
export interface SubscriptionRequest {
  platform: string;
  recipient: string;
  language: UiLanguage;
}

/**
 * What the daily summary offers platforms for subscriptions. The platform decides who may ask (Telegram: group
 * administrators) and how to answer; the daily summary stores the request and writes the answer's text.
 */
export interface SubscriptionDesk {
  /** Subscribes and returns the confirmation, naming the next delivery time. */
  subscribe(request: SubscriptionRequest): Promise<string>;
  /** Ends a subscription and returns the confirmation. */
  unsubscribe(request: SubscriptionRequest): Promise<string>;
  /** The bot was blocked or removed: nothing goes to the recipient until it subscribes again. */
  markGone(platform: string, recipient: string, reason: string): Promise<void>;
  /** The bot was added back: a static recipient gets summaries again. */
  clearGone(platform: string, recipient: string): Promise<void>;
}

/** One daily-summary slot as the operator page shows it. */
export interface RunFigures {
  /** The slot's id: its scheduled instant in ISO 8601. */
  slot: string;
  /** Every recipient has its message (or is gone). */
  completed: boolean;
  sent: number;
  skipped: number;
  failed: number;
  /** Recipients the platform reported as blocked or removed. */
  gone: number;
}

/** Subscriptions of one platform. */
export interface SubscriptionFigures {
  platform: string;
  active: number;
  gone: number;
}

/** What the daily summary tells an operator page, and the one thing the page may ask of it; the daily module implements it (daily/operator.ts). */
export interface DailyOperator {
  subscriptions(): Promise<SubscriptionFigures[]>;
  /** The newest slots first, today's included even when it is still to come. */
  recentRuns(limit: number): Promise<RunFigures[]>;
  /** Delivers today's slot now, as the scheduler would when it falls due; recipients served already are not sent to again. */
  sendToday(): Promise<RunFigures>;
}
