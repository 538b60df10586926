import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot, Context, MiddlewareFn } from "grammy";
import { describeError, type Logger } from "../../src/index.ts";
import type { Lease } from "../store/redis-lease.ts";

/** How long stop() waits for the updates already fetched to be handled. */
export const DRAIN_TIMEOUT_MS = 10_000;
/** The polling lease's life without renewal: how soon another replica takes over from one that died. */
export const POLLING_LEASE_MS = 10_000;

/** Updates a bot handles, counted as they start and finish, so polling can stop without dropping any. */
export interface UpdateTracker {
  /** The first middleware: counts each update and remembers the highest update_id seen. */
  middleware: MiddlewareFn<Context>;
  /** Resolves once no update is being handled (or after `timeoutMs`). */
  drained(timeoutMs: number): Promise<void>;
  /** The highest update_id handed to the bot, or undefined before the first. */
  lastUpdateId(): number | undefined;
}

/** Creates an {@link UpdateTracker}. */
export function createUpdateTracker(): UpdateTracker {
  const inFlight = new Set<Promise<unknown>>();
  let last: number | undefined;
  return {
    middleware: (ctx, next) => {
      last = Math.max(last ?? ctx.update.update_id, ctx.update.update_id);
      const handling = next();
      inFlight.add(handling);
      return handling.finally(() => inFlight.delete(handling));
    },
    drained: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((resolve) => {
            timer = setTimeout(resolve, deadline - Date.now());
          }),
        ]);
        clearTimeout(timer);
      }
    },
    lastUpdateId: () => last,
  };
}

/** Options for {@link startPolling}. */
export interface PollingOptions {
  bot: Bot;
  tracker: UpdateTracker;
  logger: Logger;
  /** getUpdates' allowed_updates. */
  allowedUpdates: readonly string[];
  /** With several replicas: only the lease's holder polls; without one this process always polls. */
  lease?: Lease;
  /** Lease life; default {@link POLLING_LEASE_MS}. The holder renews at a third of it, others ask as often. */
  leaseMs?: number;
  /** Default {@link DRAIN_TIMEOUT_MS}. */
  drainTimeoutMs?: number;
}

/** Long polling that can stop without losing or repeating an update; `stop()` gives the lease back. */
export interface Polling {
  stop(): Promise<void>;
}

/**
 * Polls for updates with @grammyjs/runner; without a lease, resolves once polling runs (a failing
 * deleteWebhook stops start-up), with one, at once. With a lease, only its holder polls (Telegram answers a second
 * poller with 409 Conflict): the others ask for the lease every third of its life and take over within its
 * life when the holder dies. A holder that cannot renew (Redis away) stops polling before its lease could have
 * passed to another, so two replicas never poll at once; updates then wait at Telegram.
 * Stopping, for a restart or a lost lease, goes: stop fetching, let the fetched updates finish, then confirm
 * them to Telegram (getUpdates with the next offset), so the next poller gets exactly the rest.
 */
export async function startPolling(options: PollingOptions): Promise<Polling> {
  const { bot, tracker, logger, lease } = options;
  const leaseMs = options.leaseMs ?? POLLING_LEASE_MS;
  const drainMs = options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS;
  let runner: RunnerHandle | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let confirmedUntil = Date.now();

  const begin = async () => {
    // getUpdates fails while a webhook is set, for instance by an earlier deployment in webhook mode.
    await bot.api.deleteWebhook();
    const handle = run(bot, {
      // Silent: the runner would print errors with console.error; the api's transformer logs them, redacted.
      runner: { silent: true, fetch: { allowed_updates: [...options.allowedUpdates] as never } },
    });
    runner = handle;
    handle.task()?.catch((error: unknown) => {
      logger.error("Telegram polling stopped", { error: describeError(error) });
      if (runner === handle) runner = undefined;
    });
  };

  const end = async (reason: string) => {
    const handle = runner;
    runner = undefined;
    if (!handle) return;
    if (handle.isRunning()) await handle.stop();
    await tracker.drained(drainMs);
    const last = tracker.lastUpdateId();
    if (last !== undefined) {
      // Confirms every update up to `last`; the one this returns, if any, stays unconfirmed for the next poller.
      await bot.api
        .getUpdates({ offset: last + 1, limit: 1, timeout: 0 })
        .catch((error: unknown) =>
          logger.warn("Could not confirm the handled updates", { error: describeError(error) }),
        );
    }
    logger.info("Telegram polling stopped", { reason });
  };

  if (!lease) {
    await begin();
    return { stop: () => end("stopping") };
  }

  const tick = async () => {
    try {
      if (runner) {
        if (await lease.renew()) confirmedUntil = Date.now() + leaseMs;
        else await end("another replica holds the polling lease");
      } else if (await lease.acquire()) {
        confirmedUntil = Date.now() + leaseMs;
        logger.info("This replica polls Telegram (it holds the polling lease)");
        await begin();
      }
    } catch (error) {
      // Redis away: keep polling only while the lease surely is still ours.
      if (runner && Date.now() + leaseMs / 3 >= confirmedUntil)
        await end(`the polling lease could not be renewed (${describeError(error)})`);
    }
    if (!stopped)
      timer = setTimeout(() => {
        ticking = tick();
      }, leaseMs / 3);
  };
  let ticking = tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await ticking;
      await end("stopping");
      await lease.release().catch(() => undefined);
    },
  };
}
