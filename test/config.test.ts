import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, secretsOf } from "../adapters/config.ts";

/** A working directory with a content folder, as the bot's defaults expect. */
const app = mkdtempSync(join(tmpdir(), "config-test-"));
mkdirSync(join(app, "content"));

const TOKEN = "123456:ABCdefGhIJKlmNoPQRsTUVwxyZ0123456789";

describe("configuration", () => {
  it("runs the console chat with no settings at all, with documented defaults", () => {
    const config = loadConfig({}, app);
    expect(config).toMatchObject({
      core: { contentDir: join(app, "content"), questionsPerMinute: 10, logLevel: "info" },
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
      app,
    );
    expect(config.telegram).toEqual({ token: TOKEN, apiRoot: "http://127.0.0.1:9" });
    expect(config.slack).toMatchObject({ command: "/news", apiUrl: "http://127.0.0.1:9/api/" });
    expect(secretsOf(config)).toEqual([TOKEN, "xoxb-1-2-abc", "0123456789abcdef0123"]);
  });

  /** The message of the error a call throws; fails the test when it does not throw. */
  function errorOf(call: () => unknown): string {
    expect(call).toThrow();
    try {
      call();
    } catch (error) {
      return (error as Error).message;
    }
    return "";
  }

  it("reports every bad value in one error, naming each variable", () => {
    const message = errorOf(() =>
      loadConfig({
        PORT: "70000",
        DAILY_SUMMARY_TIME: "8 Uhr",
        DAILY_SUMMARY_TZ: "Mars/Olympus",
        DAILY_SUMMARY_CRON: "99 99 * * *",
        DAILY_SUMMARY_TELEGRAM_CHATS: "12345,not a chat",
        DAILY_SUMMARY_SLACK_CHANNELS: "C0123ABCD,#general",
        TELEGRAM_API_ROOT: "ftp://x",
        SLACK_BOT_TOKEN: "xoxb-1",
        LOG_LEVEL: "loud",
      }),
    );
    expect(message).toContain('PORT="70000"');
    for (const name of [
      "DAILY_SUMMARY_TIME",
      "DAILY_SUMMARY_TZ",
      "DAILY_SUMMARY_CRON",
      "DAILY_SUMMARY_TELEGRAM_CHATS has not a chat",
      "DAILY_SUMMARY_SLACK_CHANNELS has #general",
      "TELEGRAM_API_ROOT",
      "SLACK_SIGNING_SECRET",
      "LOG_LEVEL",
    ]) {
      expect(message).toContain(name);
    }
  });

  it("never repeats a secret in its error message", () => {
    const badToken = "not-a-token-but-secret-value";
    const message = errorOf(() =>
      loadConfig({
        TELEGRAM_BOT_TOKEN: badToken,
        SLACK_SIGNING_SECRET: "short!",
        TELEGRAM_WEBHOOK_URL: "http://host/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
      }),
    );
    expect(message).toContain("TELEGRAM_BOT_TOKEN is invalid");
    expect(message).toContain("TELEGRAM_WEBHOOK_URL is not a valid https URL");
    expect(message).not.toContain(badToken);
    expect(message).not.toContain("short!");
    expect(message).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
  });

  it("resolves folders against the working directory", () => {
    expect(loadConfig({ DATA_DIR: "var/bot", CONTENT_DIR: app }, app)).toMatchObject({
      dataDir: join(app, "var/bot"),
      core: { contentDir: app },
    });
  });

  it("names CONTENT_DIR when the folder is missing, and DATA_DIR when it is a file", () => {
    writeFileSync(join(app, "a-file"), "x");
    const message = errorOf(() => loadConfig({ CONTENT_DIR: "missing", DATA_DIR: "a-file" }, app));
    expect(message).toContain(`CONTENT_DIR="missing": the folder ${join(app, "missing")} does not exist.`);
    expect(message).toContain(`DATA_DIR="a-file": ${join(app, "a-file")} is not a folder.`);
    const nested = errorOf(() => loadConfig({ DATA_DIR: "a-file/db" }, app));
    expect(nested).toContain(`DATA_DIR="a-file/db": the folder ${join(app, "a-file/db")} cannot be created.`);
  });

  it("says a short webhook secret is invalid, and only a missing one is required", () => {
    const url = "https://bot.example.org/tg";
    const short = errorOf(() =>
      loadConfig(
        { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: "abc" },
        app,
      ),
    );
    expect(short).toContain("TELEGRAM_WEBHOOK_SECRET is invalid");
    expect(short).not.toContain("required");
  });

  it("requires a webhook secret with a webhook URL", () => {
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg" }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET is required/);
  });
});
