import type { SubscriptionDesk } from "../ports/daily.ts";
import type { SlackSubcommand } from "./answer.ts";

/** `/news subscribe` and `/news unsubscribe`, for the channel they are typed in; anyone in it may ask. */
export function subscribeSubcommands(desk: SubscriptionDesk): Record<string, SlackSubcommand> {
  const request = (input: Parameters<SlackSubcommand>[0]) => ({
    platform: "slack",
    recipient: input.channelId,
    language: input.language,
  });
  return {
    subscribe: (input) => desk.subscribe(request(input)),
    unsubscribe: (input) => desk.unsubscribe(request(input)),
  };
}
