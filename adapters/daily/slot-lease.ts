import { randomUUID } from "node:crypto";
import type { Logger } from "../../src/index.ts";
import type { DeliveryLedger } from "../store/store.ts";
import type { Sleep } from "./pacer.ts";

/** How long a slot's lease lasts unless renewed: well above one message's worst case (timeout, 429, back-off). */
export const DEFAULT_LEASE_MS = 5 * 60_000;
/** How often a process waiting for another's lease asks again, so it takes over soon after a release. */
const LEASE_POLL_MS = 2_000;

/** Options for {@link acquireSlotLease}. */
export interface SlotLeaseOptions {
  ledger: Pick<DeliveryLedger, "lease" | "release">;
  slot: string;
  /** The lease's length; renewed at a third of it. */
  leaseMs: number;
  logger: Logger;
  now: () => number;
  sleep: Sleep;
  /** Ends the wait for another process's lease at once. */
  signal?: AbortSignal;
}

/** What a delivery run knows of its slot's lease: both runs (in-process and queued) pass their own options. */
export interface SlotRunLease {
  store: { ledger: Pick<DeliveryLedger, "lease" | "release"> };
  slot: { id: string };
  leaseMs?: number;
  logger: Logger;
  signal?: AbortSignal;
}

/** Takes the lease of the slot a delivery run serves ({@link acquireSlotLease} with the run's defaults). */
export function acquireRunLease(
  run: SlotRunLease,
  clock: Pick<SlotLeaseOptions, "now" | "sleep">,
): Promise<HeldSlotLease | undefined> {
  return acquireSlotLease({
    ledger: run.store.ledger,
    slot: run.slot.id,
    leaseMs: run.leaseMs ?? DEFAULT_LEASE_MS,
    logger: run.logger,
    ...clock,
    ...(run.signal ? { signal: run.signal } : {}),
  });
}

/** A slot lease this process holds. */
export interface HeldSlotLease {
  /** Renews the lease once a third of it has passed; false once it was lost to another process. */
  keep(): Promise<boolean>;
  /** Whether another process took the lease (this one was too slow to renew it). */
  lost(): boolean;
  /** Gives the lease back so another process need not wait for it to expire. */
  release(): Promise<void>;
}

/**
 * Takes a slot's lease, waiting while another process holds it (it releases it at the end of its run, or the
 * lease expires by the database's clock if that process died); undefined when the signal ends the wait.
 */
export async function acquireSlotLease(options: SlotLeaseOptions): Promise<HeldSlotLease | undefined> {
  const { ledger, slot, leaseMs, logger, now, signal } = options;
  const owner = randomUUID();
  for (let waiting = false; ; waiting = true) {
    if (signal?.aborted) return undefined;
    const grant = await ledger.lease(slot, owner, leaseMs);
    if (grant.held) break;
    if (!waiting) logger.info("Daily summary slot is being delivered by another process; waiting", { slot });
    await options.sleep(Math.min(Math.max(grant.remainingMs, 1), LEASE_POLL_MS), signal);
  }
  let renewedAt = now();
  let lost = false;
  let renewing: Promise<boolean> | undefined;
  return {
    async keep() {
      if (lost || now() - renewedAt < leaseMs / 3) return !lost;
      renewing ??= ledger.lease(slot, owner, leaseMs).then((grant) => {
        renewing = undefined;
        if (grant.held) renewedAt = now();
        else if (!lost) logger.error("Daily summary lost its slot lease; stopping this run", { slot });
        lost ||= !grant.held;
        return grant.held;
      });
      return renewing;
    },
    lost: () => lost,
    release: () => ledger.release(slot, owner),
  };
}
