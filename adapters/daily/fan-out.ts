import { planDigest, type UiLanguage } from "../../src/index.ts";
import type { DeliveryOptions, DeliveryReport } from "./delivery.ts";
import type { DigestWorkers } from "./fan-out-worker.ts";
import { sleep as realSleep } from "./pacer.ts";
import type { DeliveryOutcome } from "./recipient-delivery.ts";
import { collectRecipients, countUnreachable } from "./recipients.ts";
import { formatSlotDate } from "./schedule.ts";
import { acquireRunLease } from "./slot-lease.ts";

/** One message of one recipient's daily summary: a job in its platform's queue. */
export interface DigestJob {
  slot: string;
  /** The slot's scheduled instant (ISO 8601), for the date in the digest. */
  at: string;
  platform: string;
  recipient: string;
  language: UiLanguage;
  /** Which part of a summary in several messages; part n+1 is queued once part n was accepted. */
  part: number;
}

/** The job id of one message: a re-plan of the slot adds nothing twice. BullMQ ids may not contain ":". */
export function digestJobId(job: Pick<DigestJob, "slot" | "platform" | "recipient" | "part">): string {
  return [job.slot, job.platform, job.recipient, job.part].join("|").replaceAll(":", "_");
}

/** Jobs added to Redis per round trip. */
const ADD_BATCH = 500;
/** How often the planner looks whether the queues are done with the slot. */
const DRAIN_POLL_MS = 1_000;

/**
 * Plans a slot for the replicas' workers (the daily fan-out, with REDIS_URL): under the slot's lease in the
 * store, so one replica plans it, every recipient not yet served becomes a job in its platform's queue (one
 * job per message; the job id is slot, platform, recipient and part, so a re-plan adds nothing twice), and any
 * replica's workers deliver them. The planner keeps the lease while the queues drain, then reads the ledger
 * and completes the slot when every recipient has it or is gone. If the planner dies, the workers go on, and
 * the slot (still open) is planned again at the next start; what was delivered is skipped.
 */
export async function deliverSlotQueued(
  options: DeliveryOptions & { workers: DigestWorkers },
): Promise<DeliveryReport> {
  const { store, logger, slot, signal, bot, workers } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const none: DeliveryReport = { slot: slot.id, outcomes: [], unreachable: 0, complete: false };
  const lease = await acquireRunLease(options, { now, sleep });
  if (!lease) return none;
  try {
    const since = await store.ledger.sinceFor(slot.id);
    const date = formatSlotDate(slot.at, options.timeZone, "de");
    if (!planDigest({ bot, since, language: "de", date })) {
      logger.warn("Daily summary skipped: no article to summarize; the slot stays open", { slot: slot.id });
      return none;
    }
    await store.ledger.beginSlot(
      slot.id,
      bot.articles().map((article) => article.id),
      new Date(now()),
    );
    const rows = await store.ledger.deliveries(slot.id);
    const platforms = [...workers.queues.keys()];
    const recipients = await collectRecipients(store.subscriptions, platforms, options.staticRecipients);
    let planned = 0;
    for (const platform of platforms) {
      const queue = workers.queues.get(platform);
      if (!queue) continue;
      const jobs = recipients
        .filter((recipient) => recipient.platform === platform)
        .filter(
          (recipient) => !["sent", "skipped"].includes(rows.get(`${platform}:${recipient.id}`)?.status ?? ""),
        )
        .map((recipient) => {
          const data: DigestJob = {
            slot: slot.id,
            at: slot.at.toISOString(),
            platform,
            recipient: recipient.id,
            language: recipient.language,
            part: rows.get(`${platform}:${recipient.id}`)?.partsSent ?? 0,
          };
          return {
            name: "message",
            data,
            opts: {
              jobId: digestJobId(data),
              attempts: options.maxAttempts ?? 5,
              backoff: { type: "exponential", delay: options.backoffMs ?? 1000 },
              removeOnComplete: { age: 2 * 24 * 3600 },
              removeOnFail: true,
            },
          };
        });
      for (let start = 0; start < jobs.length; start += ADD_BATCH)
        await queue.addBulk(jobs.slice(start, start + ADD_BATCH));
      planned += jobs.length;
    }
    logger.info("Daily summary planned: recipients queued for every replica's workers", {
      slot: slot.id,
      recipients: recipients.length,
      queued: planned,
    });
    for (;;) {
      if (signal?.aborted || !(await lease.keep())) return none;
      let pending = 0;
      for (const queue of workers.queues.values()) {
        const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
        const depth = Object.values(counts).reduce((sum, count) => sum + count, 0);
        workers.reportDepth(queue.name, depth);
        pending += depth;
      }
      if (pending === 0) break;
      await sleep(DRAIN_POLL_MS, signal);
    }
    const after = await store.ledger.deliveries(slot.id);
    const outcomes: DeliveryOutcome[] = recipients.map((recipient) => {
      const status = after.get(`${recipient.platform}:${recipient.id}`)?.status;
      return {
        platform: recipient.platform,
        recipient: recipient.id,
        status: status === "sent" ? "sent" : status === "skipped" ? "skipped" : "failed",
        messages: 0,
      };
    });
    const { unreachable } = await countUnreachable({
      subscriptions: store.subscriptions,
      reachable: platforms,
      fixed: options.staticRecipients ?? {},
      served: (recipient) =>
        ["sent", "skipped"].includes(after.get(`${recipient.platform}:${recipient.id}`)?.status ?? ""),
    });
    const failed = outcomes.filter((outcome) => outcome.status === "failed").length;
    const complete = failed === 0 && unreachable === 0;
    if (complete) await store.ledger.completeSlot(slot.id, new Date(now()));
    logger.info("Daily summary run finished", {
      slot: slot.id,
      sent: outcomes.length - failed,
      failed,
      resent: workers.resent(),
      unreachable,
      complete,
    });
    return { slot: slot.id, outcomes, unreachable, complete };
  } finally {
    await lease.release();
  }
}
