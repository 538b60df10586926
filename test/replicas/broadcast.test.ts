import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import {
  createTestSchema,
  POSTGRES_SKIPPED,
  TEST_DATABASE_URL,
  type TestSchema,
} from "../helpers/postgres.ts";
import { deleteKeys, REDIS_SKIP_REASON, TEST_REDIS_URL, testPrefix } from "../helpers/redis.ts";
import { type AppProcess, freePort, spawnApp, waitUntilHealthy } from "../helpers/spawn.ts";

/**
 * The daily summary's fan-out over three replicas on one PostgreSQL and one Redis, against a fake Bot API with
 * flood control. Scaled down so it runs in seconds: 300 subscribers at 60 messages a second (the 20,000
 * at 30 a second would take 11 minutes; `npm run bench` runs the larger broadcast).
 */
const SUBSCRIBERS = 300;
const RATE = 60;

describe.skipIf(!TEST_REDIS_URL || !TEST_DATABASE_URL)(
  `daily summary through three replicas${REDIS_SKIP_REASON || POSTGRES_SKIPPED}`,
  { timeout: 240_000 },
  () => {
    const prefix = testPrefix();
    const dataDir = mkdtempSync(join(tmpdir(), "broadcast-"));
    let schema: TestSchema;
    let telegram: FakeTelegram;
    const replicas: AppProcess[] = [];
    const chats = Array.from({ length: SUBSCRIBERS }, (_, i) => String(100_000 + i));

    beforeAll(async () => {
      schema = await createTestSchema();
      telegram = await startFakeTelegram({ messagesPerSecond: RATE });
      // The slot a minute ago is missed, so each replica catches it up at start-up; the ledger's lease lets one plan it.
      const past = new Date(Date.now() - 60_000);
      const time = `${String(past.getUTCHours()).padStart(2, "0")}:${String(past.getUTCMinutes()).padStart(2, "0")}`;
      for (let i = 0; i < 3; i++) {
        const port = await freePort();
        const app = spawnApp({
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          CONTENT_DIR: "content",
          PORT: String(port),
          DATA_DIR: dataDir,
          DATABASE_URL: schema.url,
          REDIS_URL: TEST_REDIS_URL ?? "",
          REDIS_PREFIX: prefix,
          LOG_LEVEL: "info",
          DAILY_SUMMARY_TIME: time,
          DAILY_SUMMARY_TZ: "UTC",
          DAILY_SUMMARY_TELEGRAM_CHATS: chats.join(","),
          DAILY_SUMMARY_TELEGRAM_RATE: String(RATE),
        });
        replicas.push(app);
        expect(await waitUntilHealthy(`http://127.0.0.1:${port}`, app.child), app.log()).toBe(true);
      }
    }, 180_000);
    afterAll(async () => {
      // Killed and gone before the keys are deleted, so no replica writes one afterwards.
      for (const app of replicas) app.kill();
      await Promise.all(replicas.map((app) => app.exited));
      await telegram?.stop();
      await deleteKeys(TEST_REDIS_URL ?? "", prefix);
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it("reaches every subscriber with one replica killed mid-run, within the flood limit", async () => {
      const sent = (call: { method: string; response?: { ok: boolean } }) =>
        call.method === "sendMessage" && call.response?.ok === true;
      await telegram.waitFor(sent, { count: SUBSCRIBERS / 3, timeoutMs: 120_000 });
      // Kill a replica that only works the queue (not the one that planned the slot), in the middle of the run.
      const victim = replicas.find((app) => !app.log().includes("Daily summary planned")) ?? replicas[2];
      victim?.child.kill("SIGKILL");
      const survivors = replicas.filter((app) => app !== victim);
      await Promise.race(survivors.map((app) => app.waitForLog("Daily summary run finished")));
      const perChat = new Map<string, number>();
      for (const call of telegram.calls(sent)) {
        const chat = String(call.payload.chat_id);
        perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
      }
      expect(chats.filter((chat) => !perChat.has(chat))).toEqual([]);
      const duplicates = [...perChat.values()].reduce((sum, count) => sum + count - 1, 0);
      const counted = survivors
        .map(
          (app) =>
            app
              .log()
              .split("\n")
              .filter((line) => line.includes("Resending a message")).length,
        )
        .reduce((sum, count) => sum + count, 0);
      // At most the killed replica's messages in flight (16 per replica), and each one logged as a resend.
      expect(duplicates).toBeLessThanOrEqual(16);
      expect(duplicates).toBeLessThanOrEqual(counted);
      const { acceptedAt, refused } = telegram.flood();
      let busiest = 0;
      for (let start = 0, end = 0; end < acceptedAt.length; end++) {
        while ((acceptedAt[end] as number) - (acceptedAt[start] as number) >= 1000) start++;
        busiest = Math.max(busiest, end - start + 1);
      }
      expect(busiest).toBeLessThanOrEqual(RATE);
      expect(refused).toBe(0);
      const finished = survivors.map((app) => app.log()).join("\n");
      expect(finished).toMatch(/"complete":true/);
    });
  },
);
