import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import {
  type FakeTelegram,
  payloads,
  startFakeTelegram,
  succeeded,
  textMessage,
} from "../fakes/fake-telegram.ts";
import { createSlackSender, type SlackSender } from "../fakes/slack-requests.ts";
import { cleanEnv, freePort, spawnEntry, waitUntilHealthy } from "../helpers/spawn.ts";
import { BOT_TOKEN, blockTexts, SIGNING_SECRET } from "./slack-harness.ts";

/** The words a person on Slack or Telegram must never read: the daily summary is right there. */
const ELSEWHERE = /nur in Telegram und Slack|only available on Telegram and Slack/;

describe("subscribe and foreign commands on each platform, through the whole app", () => {
  let slackFake: FakeSlack;
  let telegram: FakeTelegram;
  let child: ChildProcess;
  let dataDir: string;
  let slack: SlackSender;
  let stderr = "";
  let responses = 0;

  beforeAll(async () => {
    slackFake = await startFakeSlack();
    telegram = await startFakeTelegram();
    dataDir = await mkdtemp(join(tmpdir(), "platform-commands-"));
    const port = await freePort();
    child = spawnEntry(["adapters/main.ts"], {
      env: {
        ...cleanEnv(),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slackFake.apiUrl,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        PORT: String(port),
        CONTENT_DIR: "content",
        DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const origin = `http://127.0.0.1:${port}`;
    if (!(await waitUntilHealthy(origin, child))) throw new Error(`The app did not start:\n${stderr}`);
    await telegram.waitFor("getUpdates");
    slack = createSlackSender({
      url: `${origin}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: slackFake.teamId,
    });
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await slackFake.stop();
    await telegram.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const command = async (channel: string, text: string): Promise<string> => {
    const id = `r${++responses}`;
    await slack.command({
      text,
      channel_id: channel,
      user_id: "UADA",
      response_url: slackFake.responseUrl(id),
    });
    const [answer] = await slackFake.waitFor(`response_url/${id}`);
    return blockTexts(answer.payload).join("\n");
  };
  const postedTo = async (channel: string) => {
    const [post] = await slackFake.waitFor(
      (call) => call.method === "chat.postMessage" && call.payload.channel === channel,
    );
    return post;
  };

  it("carries out /news /subscribe and /news /unsubscribe on Slack, written with Telegram's slash", async () => {
    const subscribed = await command("CSLASH", "/subscribe");
    expect(subscribed).toMatch(/^Abonniert! Die nächste Zusammenfassung kommt /);
    expect(await command("CSLASH", "/unsubscribe")).toBe(
      "Abo beendet. Hier kommen keine täglichen Zusammenfassungen mehr.",
    );
    expect(await command("CSLASH", "/help")).toContain("/news summary");
    expect(await command("CSLASH", "/frobnicate")).toBe(
      "Den Befehl /news frobnicate kenne ich nicht. /news help zeigt, was ich kann.",
    );
  });

  it("carries out /subscribe in a mention and /unsubscribe in a DM on Slack", async () => {
    await slack.event({
      type: "app_mention",
      user: "UADA",
      text: `<@${slackFake.botUserId}> /subscribe`,
      ts: "1700000600.000100",
      channel: "CMENTION",
    });
    const mention = await postedTo("CMENTION");
    expect(String(mention.payload.text)).toMatch(/^Abonniert!/);
    await slack.event({
      type: "message",
      channel_type: "im",
      user: "UADA",
      text: "/unsubscribe",
      ts: "1700000600.000200",
      channel: "DADA",
    });
    const dm = await postedTo("DADA");
    expect(dm.payload.text).toBe("Hier ist keine tägliche Zusammenfassung abonniert.");
    for (const call of slackFake.calls("chat.postMessage"))
      expect(String(call.payload.text)).not.toMatch(ELSEWHERE);
  });

  it("ignores commands for another bot in a private Telegram chat, as in groups", async () => {
    telegram.pushUpdate(textMessage({ chatId: 501, from: { id: 501 }, text: "/summary@SomeOtherBot" }));
    telegram.pushUpdate(textMessage({ chatId: 501, from: { id: 501 }, text: "/subscribe@OtherBot" }));
    telegram.pushUpdate(textMessage({ chatId: 501, from: { id: 501 }, text: "/help@NewsTestBot" }));
    // Updates of one chat are handled in order: once /help is answered, the two before it were handled too.
    const [answer] = await telegram.waitFor(
      (call) => succeeded("sendMessage")(call) && call.payload.chat_id === 501,
    );
    expect(answer?.payload.text).toContain("/summary");
    expect(payloads(telegram.calls(succeeded("sendMessage"))).filter((p) => p.chat_id === 501)).toHaveLength(
      1,
    );
    expect(stderr).not.toContain(BOT_TOKEN);
  });
});
