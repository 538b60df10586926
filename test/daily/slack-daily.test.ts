import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdapterContext, RunningAdapter } from "../../adapters/adapter.ts";
import { loadConfig } from "../../adapters/config.ts";
import {
  dailySummaryStarter,
  type RunningDailySummary,
  slackWithSubscriptions,
} from "../../adapters/daily/daily-starters.ts";
import { type RunningHttpServer, startHttpServer } from "../../adapters/http/http-server.ts";
import { createLogger, createNewsBot, loadArticles, t } from "../../src/index.ts";
import { BOT_TOKEN, blockTexts, SIGNING_SECRET } from "../adapters/slack-harness.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { createSlackSender, type SlackSender } from "../fakes/slack-requests.ts";

const slot = (day: number) => {
  const at = new Date(Date.UTC(2030, 0, day, 7));
  return { id: at.toISOString(), at };
};

describe("daily summary on Slack, end to end", () => {
  let fake: FakeSlack;
  let adapter: RunningAdapter;
  let daily: RunningDailySummary;
  let server: RunningHttpServer;
  let slack: SlackSender;
  let context: AdapterContext;
  let responses = 0;

  /** Summaries posted to a channel (the daily summary's first block is its heading). */
  const summariesTo = (channel: string) =>
    fake
      .callsTo("chat.postMessage")
      .filter((call) => call.params.channel === channel && call.status === 200 && !call.error)
      .filter((call) => blockTexts(call.params)[0]?.startsWith("*Tägliche Zusammenfassung"));
  const command = async (channel: string, text: string) => {
    const id = `r${++responses}`;
    await slack.command({ text, channel_id: channel, user_id: "UADA", response_url: fake.responseUrl(id) });
    const [answer] = await fake.waitForResponses(id);
    return blockTexts(answer?.body ?? {}).join("\n");
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
    const { articles } = await loadArticles("content");
    const logger = createLogger({ level: "warn", write: () => {} });
    context = { config, bot: createNewsBot({ articles }), logger };
    adapter = await slackWithSubscriptions.start(context);
    daily = await dailySummaryStarter.start(context);
    server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      routes: adapter.routes,
      isHealthy: () => true,
      logger,
    });
    slack = createSlackSender({
      url: `http://127.0.0.1:${server.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: fake.teamId,
    });
  });

  afterAll(async () => {
    await adapter?.stop();
    await daily?.stop();
    await server?.stop();
    await fake?.close();
  });

  it("subscribes a channel with /news subscribe and names the next delivery time in the configured zone", async () => {
    const answer = await command("C1", "subscribe");
    expect(answer).toMatch(
      /^Abonniert! Die nächste Zusammenfassung kommt am .+ um 07:30 Uhr \(America\/New_York, /,
    );
    expect(await command("C2", "subscribe")).toMatch(/^Abonniert!/);
    expect(await command("C2", "unsubscribe")).toBe(t("de", "unsubscribed"));
    expect(await command("CSTATIC", "unsubscribe")).toBe(t("de", "staticRecipient"));
  });

  it("posts one summary to each subscribed and static channel when a slot runs", async () => {
    const report = await daily.runSlot(slot(1));
    expect(report.complete).toBe(true);
    expect(summariesTo("C1")).toHaveLength(1);
    expect(summariesTo("CSTATIC")).toHaveLength(1);
    expect(summariesTo("C2")).toHaveLength(0);
    const texts = blockTexts(summariesTo("C1")[0]?.params ?? {});
    expect(texts).toContain("*Begegnung zwischen Kim Jong Un und Putin*");
    expect(texts.at(-1)).toMatch(/`\/news Wer ist .+\?`$/);
    await daily.runSlot(slot(1));
    expect(summariesTo("C1")).toHaveLength(1);
  });

  it("waits out a 429 with Retry-After and loses nothing", async () => {
    fake.fail("chat.postMessage", { kind: "rate-limited", retryAfterSeconds: 1 });
    const report = await daily.runSlot(slot(2));
    expect(report.outcomes.map((o) => o.status)).toEqual(["sent", "sent"]);
    expect(summariesTo("C1")).toHaveLength(2);
    expect(summariesTo("CSTATIC")).toHaveLength(2);
    expect(fake.callsTo("chat.postMessage").filter((call) => call.status === 429)).toHaveLength(1);
  });

  it("skips a channel that archived or removed the bot from then on", async () => {
    fake.fail("chat.postMessage", { kind: "error", error: "channel_not_found" });
    const report = await daily.runSlot(slot(3));
    const gone = report.outcomes.find((o) => o.status === "skipped");
    expect(gone?.detail).toBe("channel_not_found");
    await daily.runSlot(slot(4));
    const goneChannel = gone?.recipient ?? "";
    const otherChannel = goneChannel === "C1" ? "CSTATIC" : "C1";
    expect(summariesTo(goneChannel)).toHaveLength(2);
    expect(summariesTo(otherChannel)).toHaveLength(4);
    // Subscribing again brings the channel back.
    expect(await command(goneChannel, "subscribe")).toMatch(/^Abonniert!/);
    await daily.runSlot(slot(5));
    expect(summariesTo(goneChannel)).toHaveLength(3);
  });
});
