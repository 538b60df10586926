import { LRUCache } from "lru-cache";
import { describeError, type Logger, type UiLanguage, uiLanguage } from "../../src/index.ts";

/** People whose language is remembered; the one asked about least recently is forgotten first. */
export const LANGUAGE_CACHE_SIZE = 1000;
/** How long a person's language is remembered, so a changed Slack language shows within the hour. */
export const LANGUAGE_CACHE_MS = 60 * 60 * 1000;

/** Options for {@link createLanguageLookup}. */
export interface LanguageLookupOptions {
  /** Reads a person's Slack locale (users.info); it should fail fast, since the lookup only improves an answer. */
  readLocale: (userId: string) => Promise<string | undefined>;
  logger: Logger;
  now?: () => number;
}

/** Finds a person's UI language from their Slack locale; German when Slack does not say. */
export type LanguageLookup = (userId: string | undefined) => Promise<UiLanguage>;

/**
 * Looks up each person's Slack locale with users.info (scope users:read), since Slack's requests carry none.
 * Never throws: a failed lookup means German, remembered like a successful one so a missing scope costs one call.
 */
export function createLanguageLookup(options: LanguageLookupOptions): LanguageLookup {
  const now = options.now ?? Date.now;
  // ttlResolution 0: read the (injectable) clock on every check instead of caching it behind a timer.
  const cache = new LRUCache<string, UiLanguage>({
    max: LANGUAGE_CACHE_SIZE,
    ttl: LANGUAGE_CACHE_MS,
    ttlResolution: 0,
    perf: { now },
  });
  const reported = new Set<string>();
  const remember = (userId: string, language: UiLanguage) => {
    cache.set(userId, language);
    return language;
  };
  return async (userId) => {
    if (!userId) return "de";
    const cached = cache.get(userId);
    if (cached) return cached;
    try {
      return remember(userId, uiLanguage(await options.readLocale(userId)));
    } catch (error) {
      // Warn once per kind of failure (a missing users:read scope fails every time), not once per person.
      const reason = describeError(error);
      const level = reported.has(reason) ? "debug" : "warn";
      reported.add(reason);
      options.logger[level]("Slack locale lookup failed; answering in German", { error: reason });
      return remember(userId, "de");
    }
  };
}
