import { describe, expect, it } from "vitest";
import { loadConfig, secretsOf } from "../adapters/config.ts";

const TOKEN = "123456:ABCdefGhIJKlmNoPQRsTUVwxyZ0123456789";

describe("configuration", () => {
  it("runs the console chat with no settings at all, with documented defaults", () => {
    const config = loadConfig({}, "/app");
    expect(config).toMatchObject({
      core: { contentDir: "/app/content", questionsPerMinute: 10, logLevel: "info" },
      port: 3000,
      dailySummary: { time: "08:00", timeZone: "Europe/Berlin", catchUpHours: 6 },
    });
    expect(config.telegram).toBeUndefined();
    expect(config.slack).toBeUndefined();
  });

  it("turns Telegram and Slack on with their settings", () => {
    const config = loadConfig(
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: "http://127.0.0.1:9/",
        SLACK_BOT_TOKEN: "xoxb-1-2-abc",
        SLACK_SIGNING_SECRET: "0123456789abcdef0123",
        SLACK_API_URL: "http://127.0.0.1:9/api",
      },
      "/app",
    );
    expect(config.telegram).toEqual({ token: TOKEN, apiRoot: "http://127.0.0.1:9" });
    expect(config.slack).toMatchObject({ command: "/news", apiUrl: "http://127.0.0.1:9/api/" });
    expect(secretsOf(config)).toEqual([TOKEN, "xoxb-1-2-abc", "0123456789abcdef0123"]);
  });

  it("reports every bad value in one error, naming each variable", () => {
    const load = () =>
      loadConfig({
        PORT: "70000",
        DAILY_SUMMARY_TIME: "8 Uhr",
        DAILY_SUMMARY_TZ: "Mars/Olympus",
        TELEGRAM_API_ROOT: "ftp://x",
        SLACK_BOT_TOKEN: "xoxb-1",
        LOG_LEVEL: "loud",
      });
    expect(load).toThrow(/PORT="70000"/);
    try {
      load();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of [
        "PORT",
        "DAILY_SUMMARY_TIME",
        "DAILY_SUMMARY_TZ",
        "TELEGRAM_API_ROOT",
        "SLACK_SIGNING_SECRET",
        "LOG_LEVEL",
      ]) {
        expect(message).toContain(name);
      }
    }
  });

  it("never repeats a secret in its error message", () => {
    const badToken = "not-a-token-but-secret-value";
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: badToken })).toThrow(/TELEGRAM_BOT_TOKEN is invalid/);
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: badToken, SLACK_SIGNING_SECRET: "short!" });
    } catch (error) {
      expect((error as Error).message).not.toContain(badToken);
      expect((error as Error).message).not.toContain("short!");
    }
  });

  it("requires a webhook secret with a webhook URL", () => {
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg" }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET is required/);
  });
});
