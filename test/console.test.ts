import { describe, expect, it } from "vitest";
import { run } from "./helpers/spawn.ts";

describe("npm start without platform settings", () => {
  it("opens the console chat, says which adapters are off, answers, and exits at end of input", async () => {
    const result = await run(["adapters/main.ts"], {
      env: { CONTENT_DIR: "test/fixtures/content" },
      input: "Wer ist Dmitri Peskow?\n/sections\n/help\n",
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toContain("console chat");
    expect(result.stdout).toMatch(/On: console chat/);
    expect(result.stdout).toMatch(/Off: Telegram.*TELEGRAM_BOT_TOKEN/);
    expect(result.stdout).toMatch(/Off: Slack.*SLACK_BOT_TOKEN/);
    expect(result.stdout).toContain("» Dass die Vorbereitungen dazu bereits in vollem Gange sind");
    expect(result.stdout).toContain("1. Ein Treffen könnte schon bald stattfinden");
    expect(result.stdout).toContain("/summary");
    // Routine start-up lines stay hidden in the console chat unless LOG_LEVEL asks for them.
    expect(result.stderr).toBe("");
  });

  it("answers the commands of the bots and refuses bad input politely, logging as LOG_LEVEL asks", async () => {
    const result = await run(["adapters/main.ts"], {
      env: { CONTENT_DIR: "test/fixtures/content", LOG_LEVEL: "info" },
      input: `/summary\n/nope\n/subscribe\n${"x".repeat(1200)}\nWann spielt Bayern München?\n/quit\nnever answered\n`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Der Machthaber von Nordkorea");
    expect(result.stdout).toContain("Den Befehl /nope kenne ich nicht. /help zeigt, was ich kann.");
    expect(result.stdout).toContain("/subscribe gibt es im Konsolen-Chat nicht");
    expect(result.stdout).toContain("Deine Nachricht ist zu lang (1200 Zeichen)");
    expect(result.stdout).toContain("Dazu habe ich in den Artikeln keine Antwort gefunden");
    expect(result.stdout).not.toContain("never answered");
    // Standard error is not a terminal here, so the lines are JSON, one object each, for a log collector.
    const logged = result.stderr
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(expect.objectContaining({ level: "info", msg: "Content loaded" }));
  });

  it("stops with one message naming a bad setting", async () => {
    const result = await run(["adapters/main.ts"], { env: { PORT: "abc" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT="abc" is not a whole number');
    expect(result.stdout).toBe("");
  });
});

describe("start-up errors", () => {
  it("never prints a secret, even inside another setting's value", async () => {
    const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    const result = await run(["adapters/main.ts"], {
      env: { TELEGRAM_BOT_TOKEN: token, CONTENT_DIR: `/nonexistent/${token}` },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'CONTENT_DIR="/nonexistent/[redacted]": the folder /nonexistent/[redacted] does',
    );
    expect(result.stderr).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
  });
});
