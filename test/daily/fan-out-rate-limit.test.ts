import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverSlotQueued } from "../../adapters/daily/fan-out.ts";
import { type DigestWorkers, startDigestWorkers } from "../../adapters/daily/fan-out-worker.ts";
import { createLogger } from "../../adapters/logger.ts";
import type { DigestSender } from "../../adapters/ports/daily.ts";
import { openRedis, type RedisConnection } from "../../adapters/store/redis.ts";
import { deleteKeys, REDIS_SKIP_REASON, TEST_REDIS_URL, testPrefix } from "../helpers/redis.ts";
import { createDeliveryFixture, type DeliveryFixture, SLOT } from "./delivery-fixture.ts";
import { createFakeSender, ScriptedFailure } from "./fake-sender.ts";

const RETRY_AFTER_MS = 1_500;

describe.skipIf(!TEST_REDIS_URL)(`the daily fan-out under a 429${REDIS_SKIP_REASON}`, () => {
  const url = TEST_REDIS_URL ?? "";
  const prefix = testPrefix();
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  let fixture: DeliveryFixture;
  const replicas: { redis: RedisConnection; workers?: DigestWorkers }[] = [];

  beforeAll(async () => {
    fixture = await createDeliveryFixture({});
    for (let i = 0; i < 2; i++) replicas.push({ redis: await openRedis({ url, prefix }, logger) });
  });
  afterAll(async () => {
    for (const replica of replicas) {
      await replica.workers?.stop();
      await replica.redis.close();
    }
    await fixture?.close();
    await deleteKeys(url, prefix);
  });

  it("pauses the workers of every replica for the retry_after, then delivers to everyone once", async () => {
    // One platform account behind both replicas: five a second, so without the pause the next message would
    // follow the 429 within about 200 ms.
    const account = createFakeSender("telegram", { rate: 5 });
    const attempts: { recipient: string; at: number }[] = [];
    let limited = false;
    const sender: DigestSender<string> = {
      ...account,
      async send(recipient, message) {
        attempts.push({ recipient, at: Date.now() });
        if (!limited) {
          limited = true;
          throw new ScriptedFailure({ kind: "rate-limited", retryAfterMs: RETRY_AFTER_MS });
        }
        await account.send(recipient, message);
      },
    };
    for (const replica of replicas)
      replica.workers = startDigestWorkers({
        redis: replica.redis,
        store: fixture.store,
        bot: fixture.bot,
        senders: [sender],
        timeZone: "Europe/Berlin",
        logger,
        stalledIntervalMs: 1_000,
      });
    const planner = replicas[0]?.workers;
    if (!planner) throw new Error("no workers");

    const report = await deliverSlotQueued({
      slot: SLOT,
      store: fixture.store,
      bot: fixture.bot,
      senders: [sender],
      timeZone: "Europe/Berlin",
      logger,
      workers: planner,
    });

    expect(account.delivered.map((d) => d.recipient).sort()).toEqual(["10", "7", "8", "9"]);
    expect(attempts).toHaveLength(5);
    const [first, ...rest] = attempts;
    if (!first) throw new Error("no attempt");
    // Every later send waited out the retry_after, whichever replica's worker made it.
    for (const attempt of rest) expect(attempt.at - first.at).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 50);
    expect(logs.some((line) => line.includes("Daily summary paused by a 429"))).toBe(true);
    expect(report.unreachable).toBe(1); // Slack's C1: no Slack sender in this run
  });
});
