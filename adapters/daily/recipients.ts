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

/**
 * Counts the recipients this run cannot reach, on platforms it has no sender for, that have not had the slot;
 * they keep the slot open for a run (another process, the summary script) that can reach them.
 */
export async function countUnreachable(options: {
  subscriptions: SubscriptionStore;
  /** The platforms this run has a sender for. */
  reachable: readonly string[];
  fixed: StaticRecipients;
  /** Whether the ledger already has the recipient as sent or skipped. */
  served: (recipient: Recipient) => boolean;
}): Promise<{ unreachable: number; missing: string[] }> {
  const { subscriptions, fixed } = options;
  const missing = [
    ...new Set([...(await subscriptions.active()).map((s) => s.platform), ...Object.keys(fixed)]),
  ].filter((platform) => !options.reachable.includes(platform));
  const recipients = await collectRecipients(subscriptions, missing, fixed);
  return { unreachable: recipients.filter((recipient) => !options.served(recipient)).length, missing };
}
