import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack } from "../fakes/fake-slack.ts";
import { acked, type FakeSocketMode, startFakeSocketMode } from "../fakes/fake-socket-mode.ts";
import { freePort, spawnApp } from "../helpers/spawn.ts";
import {
  BOT_TOKEN,
  blockTexts,
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
} from "./slack-harness.ts";

const APP_TOKEN = "xapp-1-A0001-1111-testappvalue";
const SUMMARY_TITLE = "*Begegnung zwischen Kim Jong Un und Putin*";

describe("Slack over Socket Mode with Bolt's SocketModeReceiver, end to end", () => {
  let socket: FakeSocketMode;
  let h: SlackHarness;
  beforeAll(async () => {
    socket = await startFakeSocketMode();
    h = await startSlackHarness({ socketMode: { appToken: APP_TOKEN, url: socket.url } });
  });
  afterAll(async () => {
    await h.stop();
    await socket.stop();
  });

  const answerTo = (id: string) => h.fake.waitFor(`response_url/${id}`);
  const postTo = (channel: string, count = 1) =>
    h.fake.waitFor((call) => call.method === "chat.postMessage" && call.payload.channel === channel, {
      count,
    });

  it("connects with the app token through apps.connections.open at SLACK_API_URL", async () => {
    const [open] = await h.fake.waitFor("apps.connections.open");
    expect(open.token).toBe(APP_TOKEN);
    await socket.waitFor("connect");
    expect(h.logs.some((line) => line.includes("Slack connected over Socket Mode"))).toBe(true);
  });

  it("acknowledges a slash command and answers it privately through the response_url, as over HTTP", async () => {
    const id = socket.slashCommand({
      text: "summary",
      user_id: "USOCK1",
      response_url: h.fake.responseUrl("s1"),
    });
    await socket.waitFor(acked(id));
    const [answer] = await answerTo("s1");
    expect(answer.payload.response_type).toBe("ephemeral");
    expect(blockTexts(answer.payload)[0]).toBe(SUMMARY_TITLE);
  });

  it("acknowledges a mention and answers in its thread", async () => {
    const id = socket.event({
      type: "app_mention",
      user: "USOCK2",
      text: "<@UBOT> summary",
      ts: "1700000500.000100",
      channel: "CSOCKET",
    });
    await socket.waitFor(acked(id));
    const [post] = await postTo("CSOCKET");
    expect(post.payload.thread_ts).toBe("1700000500.000100");
    expect(blockTexts(post.payload)[0]).toBe(SUMMARY_TITLE);
  });

  it("acknowledges a direct message and answers in the DM", async () => {
    const id = socket.event({
      type: "message",
      channel_type: "im",
      user: "USOCK3",
      text: "summary",
      ts: "1700000600.000100",
      channel: "DSOCKET",
    });
    await socket.waitFor(acked(id));
    const [post] = await postTo("DSOCKET");
    expect(post.payload.thread_ts).toBeUndefined();
    expect(blockTexts(post.payload)[0]).toBe(SUMMARY_TITLE);
  });

  it("acknowledges the share button and shares the answer in the channel", async () => {
    const id = socket.send("interactive", {
      type: "block_actions",
      trigger_id: "share.socket",
      user: { id: "USHARE" },
      team: { id: "T0001" },
      channel: { id: "CSHARE" },
      response_url: h.fake.responseUrl("share"),
      actions: [
        { type: "button", action_id: "share_answer", value: "Wer ist der Kreml-Sprecher?", action_ts: "1.2" },
      ],
    });
    await socket.waitFor(acked(id));
    const [post] = await postTo("CSHARE");
    expect(blockTexts(post.payload)[0]).toBe("<@USHARE> hat gefragt: Wer ist der Kreml-Sprecher?");
    const [cleanup] = await answerTo("share");
    expect(cleanup.payload).toEqual({ delete_original: true });
  });

  it("answers a redelivered envelope (same event_id, retry_attempt 1) once", async () => {
    const mention = {
      type: "app_mention",
      user: "USOCK4",
      text: "<@UBOT> help",
      ts: "1700000700.1",
      channel: "CREDO",
    };
    const first = socket.event(mention, { eventId: "EvREDELIVERED" });
    await socket.waitFor(acked(first));
    const again = socket.event(mention, { eventId: "EvREDELIVERED", retryAttempt: 1 });
    await socket.waitFor(acked(again));
    // Envelopes are handled in order: once a later one is answered, a second answer to the repeat would show.
    socket.event({ ...mention, channel: "CREDO-AFTER" });
    await postTo("CREDO-AFTER");
    expect(
      h.fake.calls((call) => call.method === "chat.postMessage" && call.payload.channel === "CREDO"),
    ).toHaveLength(1);
  });

  it("reconnects after Slack's disconnect and after an abrupt close, losing nothing it acknowledged", async () => {
    const opened = h.fake.calls("apps.connections.open").length;
    const connected = socket.calls("connect").length;
    socket.disconnect("refresh_requested");
    await socket.waitFor("connect", { count: connected + 1, timeoutMs: 30_000 });
    expect(h.fake.calls("apps.connections.open").length).toBeGreaterThan(opened);
    const afterRefresh = socket.slashCommand({
      text: "help",
      user_id: "UR1",
      response_url: h.fake.responseUrl("r1"),
    });
    await socket.waitFor(acked(afterRefresh));
    await answerTo("r1");
    // Acknowledged, then the connection drops before the answer is out: the answer must still arrive.
    const beforeDrop = socket.slashCommand({
      text: "summary",
      user_id: "UR2",
      response_url: h.fake.responseUrl("r2"),
    });
    await socket.waitFor(acked(beforeDrop));
    socket.drop();
    await answerTo("r2");
    await socket.waitFor("connect", { count: connected + 2, timeoutMs: 30_000 });
    const afterDrop = socket.slashCommand({
      text: "help",
      user_id: "UR3",
      response_url: h.fake.responseUrl("r3"),
    });
    await socket.waitFor(acked(afterDrop));
    await answerTo("r3");
  }, 60_000);
});

describe("Slack Socket Mode start-up and shutdown", () => {
  it("stops start-up with a message naming SLACK_APP_TOKEN when Slack refuses the app token", async () => {
    const socket = await startFakeSocketMode();
    try {
      const failure = await startSlackHarness({
        socketMode: { appToken: APP_TOKEN, url: socket.url },
        prepare: (fake) => fake.fail("apps.connections.open", { kind: "error", error: "invalid_auth" }),
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(String((failure as Error).message)).toMatch(/SLACK_APP_TOKEN.*invalid_auth/);
      expect(String((failure as Error).message)).not.toContain(APP_TOKEN);
      expect(socket.calls("connect")).toEqual([]);
    } finally {
      await socket.stop();
    }
  });

  it("serves /healthz in Socket Mode and closes the socket cleanly on SIGTERM", async () => {
    const socket = await startFakeSocketMode();
    const fake = await startFakeSlack({ socketModeUrl: socket.url });
    const port = await freePort();
    const app = spawnApp({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      WEB_CHAT: "off",
      CONTENT_DIR: "content",
      DATA_DIR: mkdtempSync(join(tmpdir(), "socket-mode-")),
      LOG_LEVEL: "info",
    });
    try {
      await app.beforeExit(socket.waitFor("connect", { timeoutMs: 30_000 }));
      await app.waitForLog("HTTP server listening");
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      app.child.kill("SIGTERM");
      const [closed] = await socket.waitFor("close", { timeoutMs: 30_000 });
      expect(closed.payload).toEqual({ code: 1000, byClient: true });
      expect(await app.exited).toBe(0);
    } finally {
      app.kill();
      await fake.stop();
      await socket.stop();
    }
  }, 60_000);
});
