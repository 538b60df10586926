import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { cleanEnv, TSX } from "../helpers/spawn.ts";

let telegram: FakeTelegram;
let child: ChildProcess;
let stderr = "";
let exited: Promise<number | null>;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  // Every bot setting set (most to ""), so neither the shell nor a developer's .env can start another platform.
  child = spawn(TSX, ["adapters/main.ts"], {
    env: {
      ...cleanEnv(),
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      CONTENT_DIR: "content",
      PORT: "0",
      DATA_DIR: mkdtempSync(join(tmpdir(), "telegram-app-data-")),
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
});

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await telegram.stop();
});

/** Fails with the app's log instead of hanging when the app exits before doing what is awaited. */
async function beforeExit<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    exited.then((code) => {
      throw new Error(`The app exited with ${code} too early:\n${stderr}`);
    }),
  ]);
}

describe("Telegram adapter: the whole app", () => {
  it("starts with npm start's entry point, answers through the Bot API and stops cleanly on SIGTERM", async () => {
    await beforeExit(telegram.waitFor("getUpdates"));
    telegram.pushUpdate(textMessage({ chatId: 401, from: { id: 401 }, text: "Wer ist der Kreml-Sprecher?" }));
    const [answer] = await beforeExit(
      telegram.waitFor((call) => call.method === "sendMessage" && call.payload.chat_id === 401),
    );
    expect(answer?.payload.text).toContain("Peskow");
    expect(answer?.response?.ok).toBe(true);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain("Telegram bot ready");
    expect(stderr).toContain("Stopping");
    expect(stderr).not.toContain(telegram.token);
  });
});
