import type { UiLanguage } from "../../src/index.ts";
import type { Platform, Subscriptions } from "./subscriptions.ts";

/** A chat or channel one slot goes to. */
export interface Recipient {
  platform: Platform;
  id: string;
  language: UiLanguage;
  /** From DAILY_SUMMARY_TELEGRAM_CHATS or DAILY_SUMMARY_SLACK_CHANNELS rather than a subscription. */
  fixed: boolean;
}

/** Static recipients per platform, from the settings. */
export type StaticRecipients = Partial<Record<Platform, readonly string[]>>;

/**
 * Lists a slot's recipients on the given platforms: active subscriptions and static recipients, each once,
 * without those the platform reported as gone (blocked, removed, archived).
 */
export function collectRecipients(
  subscriptions: Subscriptions,
  platforms: readonly Platform[],
  fixed: StaticRecipients = {},
): Recipient[] {
  const recipients: Recipient[] = [];
  for (const platform of platforms) {
    const seen = new Set<string>();
    for (const subscription of subscriptions.active(platform)) {
      seen.add(subscription.recipient);
      recipients.push({
        platform,
        id: subscription.recipient,
        language: subscription.language,
        fixed: false,
      });
    }
    const gone = subscriptions.gone(platform);
    for (const id of fixed[platform] ?? []) {
      if (seen.has(id) || gone.has(id)) continue;
      seen.add(id);
      recipients.push({ platform, id, language: "de", fixed: true });
    }
  }
  return recipients;
}
