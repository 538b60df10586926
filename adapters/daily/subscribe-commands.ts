import { t, type UiLanguage } from "../../src/index.ts";
import type { StaticRecipients } from "./recipients.ts";
import { type DailySchedule, formatDeliveryTime } from "./schedule.ts";
import type { Store } from "./store.ts";
import type { Platform } from "./subscriptions.ts";

/** What the subscribe and unsubscribe commands need, on any platform. */
export interface SubscribeContext {
  store: Store;
  schedule: DailySchedule;
  /** Static recipients per platform; they get the summary whatever they say. */
  fixed: StaticRecipients;
  now: () => Date;
}

/** One chat or channel asking. */
export interface SubscribeRequest {
  platform: Platform;
  recipient: string;
  language: UiLanguage;
}

/** Subscribes a chat or channel and answers with the next delivery time, in its language and the zone named. */
export function subscribeAnswer(context: SubscribeContext, request: SubscribeRequest): string {
  const now = context.now();
  const outcome = context.store.subscriptions.subscribe(request.platform, request.recipient, {
    language: request.language,
    now,
  });
  const next = context.schedule.next(now);
  const when = next ? formatDeliveryTime(next, context.schedule.timeZone, request.language) : "–";
  return t(request.language, outcome === "already" ? "alreadySubscribed" : "subscribed", { when });
}

/** Ends a chat's or channel's subscription; static recipients are told that the settings keep them. */
export function unsubscribeAnswer(context: SubscribeContext, request: SubscribeRequest): string {
  const ended = context.store.subscriptions.unsubscribe(request.platform, request.recipient, context.now());
  if (context.fixed[request.platform]?.includes(request.recipient)) {
    return t(request.language, "staticRecipient");
  }
  return t(request.language, ended ? "unsubscribed" : "notSubscribed");
}
