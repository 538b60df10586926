import { describe, expect, it } from "vitest";
import { createLogger } from "../src/index.ts";

describe("logger", () => {
  const lines: string[] = [];
  const logger = createLogger({
    level: "info",
    write: (line) => lines.push(line),
    secrets: ["my-signing-secret"],
    now: () => new Date("2026-01-01T00:00:00Z"),
  });

  it("writes one line with level and fields", () => {
    logger.info("hello", { chat: 5 });
    expect(lines.pop()).toBe("2026-01-01T00:00:00.000Z INFO hello chat=5");
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
});
