import { describe, expect, it } from "vitest";
import { createLogger } from "../../adapters/logger.ts";

const NOW = () => new Date("2026-01-01T00:00:00Z");

describe("logger", () => {
  const lines: string[] = [];
  const logger = createLogger({
    level: "info",
    write: (line) => lines.push(line),
    secrets: ["my-signing-secret"],
    now: NOW,
  });

  it("writes one text line with time, level, message and fields", () => {
    logger.info("hello", { chat: 5, name: "Ann", gone: undefined });
    expect(lines.pop()).toBe('2026-01-01T00:00:00.000Z INFO hello chat=5 name="Ann"');
  });

  it("drops lines below its level", () => {
    logger.debug("noise");
    expect(lines).toEqual([]);
  });

  it("redacts registered secrets and token shapes wherever they appear", () => {
    logger.error("failed with my-signing-secret", {
      url: "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage",
      token: "xoxb-1234-5678-abcdef",
    });
    const line = lines.pop() ?? "";
    expect(line).not.toContain("my-signing-secret");
    expect(line).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    expect(line).not.toContain("xoxb-1234");
    expect(line.match(/\[redacted\]/g)).toHaveLength(3);
  });

  it("writes one JSON object per line for log collectors, secrets redacted even where JSON escapes them", () => {
    const json: string[] = [];
    const secret = 'se"cret\\value';
    const collector = createLogger({
      format: "json",
      write: (line) => json.push(line),
      secrets: [secret],
      now: NOW,
    });
    collector.warn("Slack locale lookup failed", { error: `invalid_auth near ${secret}`, attempt: 2 });
    expect(json).toHaveLength(1);
    expect(JSON.parse(json[0] ?? "")).toEqual({
      level: "warn",
      time: "2026-01-01T00:00:00.000Z",
      msg: "Slack locale lookup failed",
      error: "invalid_auth near [redacted]",
      attempt: 2,
    });
  });
});
