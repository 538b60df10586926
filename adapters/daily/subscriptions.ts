import type { SubscriptionDesk } from "../ports/daily.ts";
import type { SubscriptionStore } from "../store/store.ts";
import type { StaticRecipients } from "./recipients.ts";
import { type DailySchedule, formatDeliveryTime } from "./schedule.ts";
import { dailyText } from "./texts.ts";

/** What {@link createSubscriptionDesk} needs. */
export interface SubscriptionDeskOptions {
  subscriptions: SubscriptionStore;
  schedule: DailySchedule;
  /** Static recipients per platform; they get the summary whatever they say. */
  fixed: StaticRecipients;
  /** Clock; default the system's. */
  now?: () => Date;
}

/**
 * The daily summary's side of subscribing, for every platform: stores what the platform allowed and words the
 * answer in the asker's language, naming the next delivery time in the schedule's zone.
 */
export function createSubscriptionDesk(options: SubscriptionDeskOptions): SubscriptionDesk {
  const { subscriptions, schedule } = options;
  const now = options.now ?? (() => new Date());
  return {
    async subscribe({ platform, recipient, language }) {
      const at = now();
      const outcome = await subscriptions.subscribe(platform, recipient, { language, now: at });
      const next = schedule.next(at);
      const when = next ? formatDeliveryTime(next, schedule.timeZone, language) : "–";
      return dailyText(language, outcome === "already" ? "alreadySubscribed" : "subscribed", { when });
    },
    async unsubscribe({ platform, recipient, language }) {
      const ended = await subscriptions.unsubscribe(platform, recipient, now());
      // Static recipients are told that the settings keep them.
      if (options.fixed[platform]?.includes(recipient)) return dailyText(language, "staticRecipient");
      return dailyText(language, ended ? "unsubscribed" : "notSubscribed");
    },
    markGone: (platform, recipient, reason) =>
      subscriptions.markGone(platform, recipient, { reason, now: now() }),
    clearGone: (platform, recipient) => subscriptions.clearGone(platform, recipient),
  };
}
