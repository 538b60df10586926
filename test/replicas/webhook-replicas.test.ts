import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { deleteKeys, REDIS_SKIP_REASON, TEST_REDIS_URL, testPrefix } from "../helpers/redis.ts";
import { type AppProcess, freePort, spawnApp, waitUntilHealthy } from "../helpers/spawn.ts";

const SECRET = "replica-webhook-secret-0123456789";

/** Two replicas in Telegram's webhook mode on one Redis: an update Telegram delivers to both is handled once. */
describe.skipIf(!TEST_REDIS_URL)(
  `Telegram webhook on two replicas${REDIS_SKIP_REASON}`,
  { timeout: 120_000 },
  () => {
    const prefix = testPrefix();
    const dataDir = mkdtempSync(join(tmpdir(), "webhook-replicas-"));
    let telegram: FakeTelegram;
    const replicas: { app: AppProcess; origin: string }[] = [];

    beforeAll(async () => {
      telegram = await startFakeTelegram();
      const start = async () => {
        const port = await freePort();
        const app = spawnApp({
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          TELEGRAM_WEBHOOK_URL: "https://bot.example.test/telegram/hook",
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          CONTENT_DIR: "content",
          PORT: String(port),
          DATA_DIR: dataDir,
          LOG_LEVEL: "info",
          REDIS_URL: TEST_REDIS_URL ?? "",
          REDIS_PREFIX: prefix,
        });
        const origin = `http://127.0.0.1:${port}`;
        expect(await waitUntilHealthy(origin, app.child), app.log()).toBe(true);
        await app.waitForLog("Telegram webhook set");
        return { app, origin };
      };
      replicas.push(...(await Promise.all([start(), start()])));
    }, 120_000);
    afterAll(async () => {
      for (const { app } of replicas) app.kill();
      await Promise.all(replicas.map(({ app }) => app.exited));
      await telegram?.stop();
      await deleteKeys(TEST_REDIS_URL ?? "", prefix);
      rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it("answers an update delivered to both replicas once", async () => {
      const update = {
        update_id: 777_001,
        ...textMessage({ chatId: 9001, from: { id: 9001 }, text: "Wer ist Peskow?" }),
      };
      const post = (origin: string, body: unknown) =>
        fetch(`${origin}/telegram/hook`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: JSON.stringify(body),
        }).then((response) => response.status);
      const statuses = await Promise.all(replicas.map(({ origin }) => post(origin, update)));
      expect(statuses).toEqual([200, 200]);
      // The replica that lost the claim says so; the other answers.
      await Promise.race(replicas.map(({ app }) => app.waitForLog("Ignored a repeated Telegram update")));
      const answered = (call: { method: string; payload: Record<string, unknown> }) =>
        call.method === "sendMessage" && call.payload.chat_id === 9001;
      await telegram.waitFor(answered);
      // A later update to the same chat, through the second replica, is answered after it (one chat, in order).
      const later = {
        update_id: 777_002,
        ...textMessage({ chatId: 9001, from: { id: 9001 }, text: "/help" }),
      };
      expect(await post(replicas[1]?.origin ?? "", later)).toBe(200);
      await telegram.waitFor(answered, { count: 2 });
      expect(telegram.calls(answered).map((call) => String(call.payload.text).includes("Peskow"))).toEqual([
        true,
        false,
      ]);
    });
  },
);
