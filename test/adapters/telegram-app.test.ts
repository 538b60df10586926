import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { type AppProcess, spawnApp } from "../helpers/spawn.ts";

let telegram: FakeTelegram;
let app: AppProcess;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  // Every bot setting set (most to ""), so neither the shell nor a developer's .env can start another platform.
  app = spawnApp({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    CONTENT_DIR: "content",
    PORT: "0",
    DATA_DIR: mkdtempSync(join(tmpdir(), "telegram-app-data-")),
    LOG_LEVEL: "info",
  });
});

afterAll(async () => {
  app.kill();
  await telegram.stop();
});

describe("Telegram adapter: the whole app", () => {
  it("starts with npm start's entry point, answers through the Bot API and stops cleanly on SIGTERM", async () => {
    await app.beforeExit(telegram.waitFor("getUpdates"));
    telegram.pushUpdate(textMessage({ chatId: 401, from: { id: 401 }, text: "Wer ist der Kreml-Sprecher?" }));
    const [answer] = await app.beforeExit(
      telegram.waitFor((call) => call.method === "sendMessage" && call.payload.chat_id === 401),
    );
    expect(answer?.payload.text).toContain("Peskow");
    expect(answer?.response?.ok).toBe(true);

    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.log()).toContain("Telegram bot ready");
    expect(app.log()).toContain("Stopping");
    expect(app.log()).not.toContain(telegram.token);
  });
});
