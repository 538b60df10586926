import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import { describeError, type Logger, type NewsBot, planDigest } from "../../src/index.ts";
import type { DigestReply, DigestSender } from "../ports/daily.ts";
import type { RedisConnection } from "../store/redis.ts";
import type { DeliveryKey, Store } from "../store/store.ts";
import { type DigestJob, digestJobId } from "./fan-out.ts";
import { limiterFor } from "./fan-out-limiter.ts";
import { formatSlotDate } from "./schedule.ts";

/** Options for {@link startDigestWorkers}. */
export interface DigestWorkerOptions {
  redis: RedisConnection;
  store: Pick<Store, "ledger" | "subscriptions">;
  bot: NewsBot;
  senders: DigestSender[];
  timeZone: string;
  logger: Logger;
  /** Messages in flight per replica and platform; default 16. */
  concurrency?: number;
  /** How often a replica looks for jobs whose worker died (lock expired); default 5 s. */
  stalledIntervalMs?: number;
  /** Hears the jobs waiting per queue, while a slot is delivered (the queue-depth metric). */
  reportDepth?: (queue: string, depth: number) => void;
}

/** Every replica's delivery side of the daily fan-out: one queue and one worker per platform. */
export interface DigestWorkers {
  queues: Map<string, Queue<DigestJob>>;
  /** Called by the planner with each queue's waiting jobs. */
  reportDepth(queue: string, depth: number): void;
  /** Jobs a worker took over from one that died mid-send: the ambiguous window, counted. */
  resent(): number;
  stop(): Promise<void>;
}

/** A platform's queue; its name carries the platform, REDIS_PREFIX keeps bots apart. */
export function digestQueueName(platform: string): string {
  return `daily-${platform}`;
}

/**
 * Starts the workers every replica runs. Each message is one job; the queue's rate limiter is kept in Redis, so
 * it holds for every replica together. Before a send the worker reads the recipient's ledger row (sent or
 * skipped: nothing to do; parts already accepted: skip them) and marks the message in flight in Redis; after
 * the platform accepted it, it records the row and clears the mark. A job found with the mark set was cut off
 * between the send and the record (its worker died): the one ambiguous window. It is sent again, logged and
 * counted, rather than lost. A 429 pauses the whole queue, on every replica, for its retry_after.
 */
export function startDigestWorkers(options: DigestWorkerOptions): DigestWorkers {
  const { redis, store, bot, logger } = options;
  const connection = bullConnection(redis);
  const prefix = `${redis.prefix}bull`;
  const queues = new Map<string, Queue<DigestJob>>();
  const workers: Worker<DigestJob>[] = [];
  const digests = new Map<string, Promise<unknown[]>>();
  let resent = 0;

  const messagesFor = (sender: DigestSender, job: DigestJob): Promise<unknown[]> => {
    const key = `${job.slot}|${job.platform}|${job.language}`;
    let messages = digests.get(key);
    if (!messages) {
      messages = store.ledger.sinceFor(job.slot).then((since) => {
        const date = formatSlotDate(new Date(job.at), options.timeZone, job.language);
        const digest: DigestReply | null = planDigest({ bot, since, language: job.language, date });
        return digest ? sender.render(digest, job.language) : [];
      });
      digests.set(key, messages);
    }
    return messages;
  };

  for (const sender of options.senders) {
    const queue = new Queue<DigestJob>(digestQueueName(sender.platform), { connection, prefix });
    queues.set(sender.platform, queue);
    const process = async (job: Job<DigestJob>): Promise<string> => {
      const data = job.data;
      const key: DeliveryKey = { slot: data.slot, platform: data.platform, recipient: data.recipient };
      const row = await store.ledger.delivery(key);
      if (row?.status === "sent" || row?.status === "skipped") return "already";
      const messages = await messagesFor(sender, data);
      const next = async () => {
        if (data.part + 1 >= messages.length) return;
        const following = { ...data, part: data.part + 1 };
        // The recipient's own limit (one a second per chat) spaces the parts.
        await queue.add("message", following, {
          jobId: digestJobId(following),
          delay: sender.recipientIntervalMs(data.recipient),
        });
      };
      if ((row?.partsSent ?? 0) > data.part) {
        await next();
        return "already";
      }
      const message = messages[data.part];
      if (message === undefined) throw new UnrecoverableError("nothing to send");
      const mark = `${redis.prefix}in-flight:${digestJobId(data)}`;
      if ((await redis.client.get(mark)) !== null) {
        resent += 1;
        logger.warn("Resending a message whose earlier send was cut off; it may arrive twice", {
          ...key,
          part: data.part,
          resent,
        });
      }
      const record = (status: "sending" | "sent" | "failed" | "skipped", partsSent: number, error?: string) =>
        store.ledger.record(key, { status, partsSent, error: error ?? null, now: new Date() });
      await redis.client.set(mark, "1", "PX", 24 * 3600_000);
      await record("sending", data.part);
      try {
        await sender.send(data.recipient, message);
      } catch (error) {
        await redis.client.del(mark);
        const failure = sender.classify(error);
        const reason = failure.kind === "rate-limited" ? "rate limited" : failure.reason;
        await record(
          failure.kind === "gone" || failure.kind === "moved" ? "skipped" : "failed",
          data.part,
          reason,
        );
        switch (failure.kind) {
          case "rate-limited":
            logger.info("Daily summary paused by a 429", {
              platform: data.platform,
              retryAfterMs: failure.retryAfterMs,
            });
            await queue.rateLimit(failure.retryAfterMs);
            throw Worker.RateLimitError();
          case "gone":
            await store.subscriptions.markGone(data.platform, data.recipient, { reason, now: new Date() });
            return "gone";
          case "moved": {
            await store.subscriptions.move(data.platform, data.recipient, failure.to, new Date());
            const moved = { ...data, recipient: failure.to, part: 0 };
            await queue.add("message", moved, { jobId: digestJobId(moved) });
            return "moved";
          }
          case "transient":
            throw error;
          default:
            throw new UnrecoverableError(`${failure.kind}: ${reason}`);
        }
      }
      await record(data.part + 1 >= messages.length ? "sent" : "sending", data.part + 1);
      await redis.client.del(mark);
      await next();
      return "sent";
    };
    const worker = new Worker<DigestJob>(digestQueueName(sender.platform), process, {
      connection,
      prefix,
      concurrency: options.concurrency ?? 16,
      limiter: limiterFor(sender.globalRate),
      // A killed replica's jobs are taken over once their lock lapses: seconds, not BullMQ's default 30.
      lockDuration: 10_000,
      stalledInterval: options.stalledIntervalMs ?? 5_000,
      maxStalledCount: 5,
    });
    worker.on("failed", (job, error) =>
      logger.warn("Daily summary message failed", {
        platform: sender.platform,
        recipient: job?.data.recipient,
        attempts: job?.attemptsMade,
        error: describeError(error),
      }),
    );
    worker.on("error", (error) => logger.warn("Daily summary worker error", { error: describeError(error) }));
    workers.push(worker);
  }
  return {
    queues,
    reportDepth: (queue, depth) => options.reportDepth?.(queue, depth),
    resent: () => resent,
    async stop() {
      // Workers finish the jobs they hold (close waits for them); the rest stay queued for the others.
      await Promise.allSettled(workers.map((worker) => worker.close()));
      await Promise.allSettled([...queues.values()].map((queue) => queue.close()));
    },
  };
}

/** BullMQ opens its own connections (some block), from the same settings; it needs retries without limit. */
function bullConnection(redis: RedisConnection) {
  const url = new URL(redis.settings.url);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db: Number(url.pathname.slice(1) || 0),
    ...(url.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}
