import { Gauge, type Registry } from "prom-client";
import { shownFeedUrl } from "../feeds/feed-status.ts";
import type { FeedState } from "../feeds/feed-store.ts";

/** How long one read of the feed states serves the gauges: the four of one scrape share it. */
const STATES_REUSE_MS = 1_000;

/**
 * Registers the feeds' health, read from the store at each scrape, labelled by the feed's address without its
 * query (a feed URL may carry an API key there): `newsbot_feed_up` (1 when the last poll succeeded),
 * `newsbot_feed_failures` (failed polls in a row), `newsbot_feed_last_success_timestamp_seconds` and
 * `newsbot_feed_items` (items in the last feed that parsed). A failed read keeps the last values.
 */
export function registerFeedMetrics(
  registry: Registry,
  feedStates: () => Promise<FeedState[]>,
  now: () => number = Date.now,
): void {
  let read: { at: number; states: Promise<FeedState[] | null> } | undefined;
  const states = () => {
    if (!read || now() - read.at > STATES_REUSE_MS)
      read = { at: now(), states: feedStates().catch(() => null) };
    return read.states;
  };
  const gauge = (name: string, help: string, value: (state: FeedState) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ["feed"],
      registers: [registry],
      async collect() {
        const current = await states();
        if (current === null) return;
        this.reset();
        for (const state of current) {
          const measured = value(state);
          if (measured !== undefined) this.set({ feed: shownFeedUrl(state.url) }, measured);
        }
      },
    });
  gauge("newsbot_feed_up", "1 when the feed's last poll succeeded (200 or 304), else 0.", (state) =>
    state.failures === 0 && state.lastSuccessAt !== undefined ? 1 : 0,
  );
  gauge("newsbot_feed_failures", "Failed polls of the feed in a row.", (state) => state.failures);
  gauge(
    "newsbot_feed_last_success_timestamp_seconds",
    "When the feed last answered with a feed or 304, in seconds since the epoch.",
    (state) => (state.lastSuccessAt ? Date.parse(state.lastSuccessAt) / 1000 : undefined),
  );
  gauge("newsbot_feed_items", "Items in the feed's last version that parsed.", (state) => state.items);
}
