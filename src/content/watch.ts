import { stat } from "node:fs/promises";
import type { Article } from "../article.ts";
import { describeError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { listArticleFiles, loadArticle, sortNewestFirst, withUniqueIds } from "./load.ts";

/** Options for {@link watchContent}. */
export interface WatchContentOptions {
  dir: string;
  /** The articles loaded at start-up, the last good version of each file. */
  initial: Article[];
  /** Files start-up could not load (`LoadedContent.problems`), already reported. */
  rejected?: string[];
  /** Receives the full article list, newest first, after every change. */
  onChange(articles: Article[]): void;
  logger: Logger;
  /** How often the folder is checked; default 1,000 ms, well within the promised 5 seconds. */
  intervalMs?: number;
}

/** A running content watcher. */
export interface ContentWatcher {
  /** Checks the folder once now; resolves when any change is applied. */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the bot's articles in step with the content folder without a restart: added, changed and removed files
 * are applied at the next check; a file that no longer parses keeps its last good version, and the reason is logged.
 * Polling (a stat per file) is used rather than fs.watch, which misses changes on network and container mounts.
 */
export function watchContent(options: WatchContentOptions): ContentWatcher {
  const lastGood = new Map<string, Article>(options.initial.map((article) => [article.file, article]));
  const rejected = new Set(options.rejected ?? []);
  const signatures = new Map<string, string>();
  const reported = new Map<string, string>();
  let queue: Promise<void> = Promise.resolve();
  let inFlight = false;
  let primed = false;

  const check = async (): Promise<void> => {
    let files: string[];
    try {
      files = await listArticleFiles(options.dir);
    } catch (error) {
      options.logger.warn("Content folder unreadable; keeping the loaded articles", {
        reason: describeError(error),
      });
      return;
    }
    let changed = false;
    for (const file of files) {
      const signature = await signatureOf(file);
      if (signature === undefined || signatures.get(file) === signature) continue;
      signatures.set(file, signature);
      // The first pass only records what start-up already loaded or reported; those are read again once they change.
      if (!primed && (lastGood.has(file) || rejected.has(file))) continue;
      try {
        lastGood.set(file, await loadArticle(file));
        reported.delete(file);
        changed = true;
        options.logger.info("Article loaded", { file });
      } catch (error) {
        const reason = describeError(error);
        if (reported.get(file) !== reason) {
          options.logger.warn(
            lastGood.has(file) ? "Article broken; keeping its last good version" : "Article skipped",
            {
              file,
              reason,
            },
          );
          reported.set(file, reason);
        }
      }
    }
    const present = new Set(files);
    for (const file of [...lastGood.keys()]) {
      if (present.has(file)) continue;
      lastGood.delete(file);
      signatures.delete(file);
      changed = true;
      options.logger.info("Article removed", { file });
    }
    primed = true;
    if (changed && lastGood.size > 0)
      options.onChange(sortNewestFirst(withUniqueIds([...lastGood.values()], options.logger)));
    if (changed && lastGood.size === 0)
      options.logger.warn("No article left in the content folder; keeping the last ones");
  };

  // Checks run one after another, so a refresh always sees the folder as it is when it was asked for.
  // A failed check is logged and the next one starts afresh; it must never leave the queue rejected.
  const refresh = () => {
    inFlight = true;
    queue = queue
      .then(check)
      .catch((error: unknown) =>
        options.logger.error("Content check failed", { error: describeError(error) }),
      )
      .finally(() => {
        inFlight = false;
      });
    return queue;
  };
  const timer = setInterval(() => {
    if (!inFlight) void refresh();
  }, options.intervalMs ?? 1000);
  timer.unref();
  void refresh();
  return { refresh, stop: () => clearInterval(timer) };
}

async function signatureOf(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    return `${info.mtimeMs}:${info.size}:${info.ino}`;
  } catch {
    return undefined;
  }
}
