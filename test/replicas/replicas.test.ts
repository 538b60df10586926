import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_TOKEN, blockTexts, SIGNING_SECRET } from "../adapters/slack-harness.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { createSlackSender } from "../fakes/slack-requests.ts";
import { deleteKeys, REDIS_SKIP_REASON, TEST_REDIS_URL, testPrefix } from "../helpers/redis.ts";
import { type AppProcess, freePort, spawnApp, waitUntilHealthy } from "../helpers/spawn.ts";

/**
 * Three replicas of the whole app as separate processes, sharing one Redis (their own key prefix) and one data
 * folder, with Slack over HTTP and Telegram by long polling against the fakes.
 */
describe.skipIf(!TEST_REDIS_URL)(
  `three replicas on one Redis${REDIS_SKIP_REASON}`,
  { timeout: 240_000 },
  () => {
    const redisUrl = TEST_REDIS_URL ?? "";
    const prefix = testPrefix();
    const dataDir = mkdtempSync(join(tmpdir(), "replicas-"));
    let telegram: FakeTelegram;
    let slack: FakeSlack;
    const replicas: { app: AppProcess; origin: string }[] = [];
    const retired: AppProcess[] = [];

    const startReplica = async () => {
      const port = await freePort();
      const app = spawnApp({
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        CONTENT_DIR: "content",
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: "info",
        QUESTIONS_PER_MINUTE: "2",
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
      });
      const origin = `http://127.0.0.1:${port}`;
      expect(await waitUntilHealthy(origin, app.child), app.log()).toBe(true);
      await app.waitForLog("Telegram started");
      return { app, origin };
    };

    beforeAll(async () => {
      telegram = await startFakeTelegram();
      slack = await startFakeSlack();
      replicas.push(...(await Promise.all([startReplica(), startReplica(), startReplica()])));
    }, 180_000);
    afterAll(async () => {
      for (const { app } of replicas) app.kill();
      for (const app of retired) app.kill();
      // Gone before the keys are deleted, so no replica writes one afterwards.
      await Promise.all([...replicas.map(({ app }) => app.exited), ...retired.map((app) => app.exited)]);
      await telegram?.stop();
      await slack?.stop();
      await deleteKeys(redisUrl, prefix);
      rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    const sender = (index: number) =>
      createSlackSender({ url: `${replicas[index]?.origin}/slack/events`, signingSecret: SIGNING_SECRET });

    it("answers one Slack event delivered to two replicas once", async () => {
      const event = {
        type: "app_mention",
        user: "UTWICE",
        text: "<@UBOT> Wer ist Choe Ryong Hae?",
        ts: "1700000200.000100",
        channel: "CTWICE",
      };
      const acks = await Promise.all([
        sender(0).event(event, { eventId: "EvTwice1" }),
        sender(1).event(event, { eventId: "EvTwice1" }),
      ]);
      expect(acks.map((ack) => ack.status)).toEqual([200, 200]);
      // The replica that lost the claim says so; the other answers.
      await Promise.race(
        replicas.slice(0, 2).map(({ app }) => app.waitForLog("Ignored a repeated Slack request")),
      );
      const [answer] = await slack.waitFor(
        (call) => call.method === "chat.postMessage" && call.payload.channel === "CTWICE",
      );
      expect(blockTexts(answer?.payload ?? {}).join("\n")).toContain("Choe Ryong Hae");
      // A later event in the same channel is answered after it: by then a second answer would have come.
      await sender(1).event({ ...event, ts: "1700000201.000100", text: "<@UBOT> Wer ist Peskow?" });
      await slack.waitFor((call) => call.method === "chat.postMessage" && call.payload.channel === "CTWICE", {
        count: 2,
      });
      const posts = slack.calls(
        (call) => call.method === "chat.postMessage" && call.payload.channel === "CTWICE",
      );
      expect(posts.map((post) => blockTexts(post.payload).join(" ").includes("Choe Ryong Hae"))).toEqual([
        true,
        false,
      ]);
    });

    it("counts one person's questions over three replicas against one limit", async () => {
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) {
        const id = `limit-${i}`;
        const ack = await sender(i).command({
          text: "Wer ist Choe Ryong Hae?",
          user_id: "ULIMITED",
          response_url: slack.responseUrl(id),
        });
        expect(ack.status).toBe(200);
        const [answer] = await slack.waitFor(`response_url/${id}`);
        texts.push(blockTexts(answer?.payload ?? {}).join("\n"));
      }
      expect(texts[0]).toContain("Choe Ryong Hae");
      expect(texts[1]).toContain("Choe Ryong Hae");
      // QUESTIONS_PER_MINUTE=2: the third, on the third replica, is refused.
      expect(texts[2]).toMatch(/viele Fragen|a lot of questions/);
    });

    it("lets one replica poll Telegram, and loses no update over a rolling restart", async () => {
      let chat = 5000;
      const asked: number[] = [];
      const ask = (count: number) => {
        for (let i = 0; i < count; i++) {
          chat += 1;
          asked.push(chat);
          telegram.pushUpdate(textMessage({ chatId: chat, from: { id: chat }, text: "Wer ist Peskow?" }));
        }
      };
      const answered = (chatId: number) => (call: { method: string; payload: Record<string, unknown> }) =>
        call.method === "sendMessage" && call.payload.chat_id === chatId;
      ask(3);
      for (const chatId of [...asked]) await telegram.waitFor(answered(chatId));
      for (let i = 0; i < 3; i++) {
        const old = replicas[i];
        if (!old) throw new Error("no replica");
        ask(3);
        old.app.child.kill("SIGTERM");
        ask(3);
        expect(await old.app.exited, old.app.log()).toBe(0);
        retired.push(old.app);
        replicas[i] = await startReplica();
        ask(3);
      }
      for (const chatId of asked) await telegram.waitFor(answered(chatId), { timeoutMs: 60_000 });
      const answers = asked.map((chatId) => telegram.calls(answered(chatId)).length);
      expect(answers).toEqual(asked.map(() => 1));
      const conflicts = telegram.calls((call) => call.method === "getUpdates" && call.status === 409);
      expect(conflicts).toHaveLength(0);
      const pollers = [...replicas.map(({ app }) => app), ...retired].filter((app) =>
        app.log().includes("This replica polls Telegram"),
      );
      expect(pollers.length).toBeGreaterThanOrEqual(2);
    });
  },
);
