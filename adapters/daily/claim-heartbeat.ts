import { describeError, type Logger } from "../../src/index.ts";
import type { DeliveryKey } from "./delivery-log.ts";
import type { Store } from "./store.ts";

/** What a heartbeat needs: the log, whose claim it is, and how soon a claim goes stale. */
export interface HeartbeatContext {
  store: Store;
  owner: string;
  logger: Logger;
  now: () => number;
  staleClaimMs: number;
}

/**
 * Refreshes an owned claim a few times per stale period, so a long send (a slow answer, a 429 pause, back-off)
 * never lets another process take it over while this one may still deliver. A failed refresh is logged: the
 * claim may then go stale, which costs at most a duplicate, never a loss.
 */
export function keepClaimFresh(context: HeartbeatContext, key: DeliveryKey): () => void {
  const timer = setInterval(
    () => {
      try {
        context.store.log.touch(key, context.owner, context.now());
      } catch (error) {
        context.logger.warn("Could not refresh a delivery claim", { ...key, error: describeError(error) });
      }
    },
    Math.max(context.staleClaimMs / 4, 1),
  );
  timer.unref();
  return () => clearInterval(timer);
}
