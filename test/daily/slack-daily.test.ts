import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackStarter } from "../../adapters/app.ts";
import { loadConfig } from "../../adapters/config.ts";
import { dailyText } from "../../adapters/daily/texts.ts";
import { type RunningHttpServer, startHttpServer } from "../../adapters/http/http-server.ts";
import { BOT_TOKEN, blockTexts, SIGNING_SECRET } from "../adapters/slack-harness.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { createSlackSender, type SlackSender } from "../fakes/slack-requests.ts";
import { type DailyApp, slotOn, startDailyApp } from "./daily-app.ts";

describe("daily summary on Slack, end to end", () => {
  let fake: FakeSlack;
  let app: DailyApp;
  let server: RunningHttpServer;
  let slack: SlackSender;
  let responses = 0;
  const logs: string[] = [];

  /** Everyone the next slot goes to: the active subscriptions and the static channel. */
  const recipients = async () => [
    ...(await app.store.subscriptions.active("slack")).map((s) => s.recipient),
    "CSTATIC",
  ];
  const countsFor = (channels: string[]) => channels.map((channel) => summariesTo(channel).length);

  /** Summaries posted to a channel (the daily summary's first block is its heading). */
  const summariesTo = (channel: string) =>
    fake
      .calls("chat.postMessage")
      .filter((call) => call.payload.channel === channel && call.status === 200 && !call.error)
      .filter((call) => blockTexts(call.payload)[0]?.startsWith("*Tägliche Zusammenfassung"));
  const command = async (channel: string, text: string) => {
    const id = `r${++responses}`;
    await slack.command({ text, channel_id: channel, user_id: "UADA", response_url: fake.responseUrl(id) });
    const [answer] = await fake.waitFor(`response_url/${id}`);
    return blockTexts(answer?.payload ?? {}).join("\n");
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), "news-daily-slack-")),
      DAILY_SUMMARY_TZ: "America/New_York",
      DAILY_SUMMARY_TIME: "07:30",
      DAILY_SUMMARY_SLACK_CHANNELS: "CSTATIC",
    });
    app = await startDailyApp({ config, platform: slackStarter, logLevel: "info", logs });
    server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      routes: app.adapter.routes,
      isHealthy: () => true,
      logger: app.services.logger,
    });
    slack = createSlackSender({
      url: `http://127.0.0.1:${server.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: fake.teamId,
    });
  });

  afterAll(async () => {
    await app?.stop();
    await server?.stop();
    await fake?.stop();
  });

  it("subscribes a channel with /news subscribe and names the next delivery time in the configured zone", async () => {
    const answer = await command("C1", "subscribe");
    expect(answer).toMatch(
      /^Abonniert! Die nächste Zusammenfassung kommt am .+ um 07:30 Uhr \(America\/New_York, /,
    );
    expect(await command("C2", "subscribe")).toMatch(/^Abonniert!/);
    expect(await command("C2", "unsubscribe")).toBe(dailyText("de", "unsubscribed"));
    expect(await command("CSTATIC", "unsubscribe")).toBe(dailyText("de", "staticRecipient"));
  });

  it("posts one summary to each subscribed and static channel when a slot runs", async () => {
    expect(await command("C3", "subscribe")).toMatch(/^Abonniert!/);
    const channels = await recipients();
    const before = countsFor(channels);
    const report = await app.daily.runSlot(slotOn(1));
    expect(report.complete).toBe(true);
    expect(countsFor(channels)).toEqual(before.map((count) => count + 1));
    expect(summariesTo("C9")).toHaveLength(0);
    const texts = blockTexts(summariesTo("C3").at(-1)?.payload ?? {});
    expect(texts.join("\n")).toContain("Begegnung zwischen Kim Jong Un und Putin");
    expect(texts.at(-1)).toMatch(/`\/news Wer ist .+\?`$/);
    await app.daily.runSlot(slotOn(1));
    expect(countsFor(channels)).toEqual(before.map((count) => count + 1));
  });

  it("pauses the whole delivery for a 429's Retry-After and loses nothing", async () => {
    expect(await command("C4", "subscribe")).toMatch(/^Abonniert!/);
    const channels = await recipients();
    const before = countsFor(channels);
    const limited = fake.calls("chat.postMessage").filter((call) => call.status === 429).length;
    fake.fail("chat.postMessage", { kind: "rate-limited", retryAfterSeconds: 1 });
    const report = await app.daily.runSlot(slotOn(2));
    expect(report.outcomes.every((o) => o.status === "sent")).toBe(true);
    // The delivery itself saw the 429 (the client did not wait it out) and paused the platform.
    expect(logs.some((line) => line.includes("Daily summary paused by a 429"))).toBe(true);
    expect(countsFor(channels)).toEqual(before.map((count) => count + 1));
    // The fake answers 429 until Retry-After has passed: a channel refused twice was retried too early. Sends
    // already in flight when the first 429 came back may be refused too, once each.
    const refused = fake
      .calls("chat.postMessage")
      .filter((call) => call.status === 429)
      .slice(limited)
      .map((call) => String(call.payload.channel));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(new Set(refused).size).toBe(refused.length);
  });

  it("skips a channel that archived or removed the bot from then on", async () => {
    expect(await command("C5", "subscribe")).toMatch(/^Abonniert!/);
    const channels = await recipients();
    const before = countsFor(channels);
    fake.fail("chat.postMessage", { kind: "error", error: "channel_not_found" });
    const report = await app.daily.runSlot(slotOn(3));
    const gone = report.outcomes.find((o) => o.status === "skipped");
    expect(gone?.detail).toBe("channel_not_found");
    const goneChannel = gone?.recipient ?? "";
    await app.daily.runSlot(slotOn(4));
    expect(countsFor(channels)).toEqual(
      channels.map((channel, i) => (before[i] ?? 0) + (channel === goneChannel ? 0 : 2)),
    );
    // Subscribing again brings the channel back.
    expect(await command(goneChannel, "subscribe")).toMatch(/^Abonniert!/);
    await app.daily.runSlot(slotOn(5));
    expect(summariesTo(goneChannel).length).toBe((before[channels.indexOf(goneChannel)] ?? 0) + 1);
  });
});
