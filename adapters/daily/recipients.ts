import type { UiLanguage } from "../../src/index.ts";
import type { SubscriptionStore } from "../store/store.ts";

/** A chat or channel one slot goes to. */
export interface Recipient {
  platform: string;
  id: string;
  language: UiLanguage;
}

/** Static recipients per platform, from the settings (DAILY_SUMMARY_TELEGRAM_CHATS, …). */
export type StaticRecipients = Readonly<Record<string, readonly string[]>>;

/**
 * Lists a slot's recipients on the given platforms: active subscriptions and static recipients, each once,
 * without those the platform reported as gone (blocked, removed, archived).
 */
export async function collectRecipients(
  subscriptions: SubscriptionStore,
  platforms: readonly string[],
  fixed: StaticRecipients = {},
): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const platform of platforms) {
    const seen = new Set<string>();
    for (const subscription of await subscriptions.active(platform)) {
      seen.add(subscription.recipient);
      recipients.push({ platform, id: subscription.recipient, language: subscription.language });
    }
    const gone = await subscriptions.gone(platform);
    for (const id of fixed[platform] ?? []) {
      if (seen.has(id) || gone.has(id)) continue;
      seen.add(id);
      recipients.push({ platform, id, language: "de" });
    }
  }
  return recipients;
}
