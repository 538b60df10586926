import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { POSTGRES_SKIPPED, TEST_DATABASE_URL, testResources } from "../helpers/postgres.ts";
import { type AppProcess, spawnApp } from "../helpers/spawn.ts";
import { startTcpProxy } from "../helpers/tcp-proxy.ts";

const resources = testResources();

/** Starts the whole app (npm start's entry point) as a Telegram bot on a free port; resolves with its origin. */
async function startBot(
  env: Record<string, string> = {},
): Promise<{ app: AppProcess; telegram: FakeTelegram; origin: string }> {
  const telegram = await startFakeTelegram();
  resources.defer(() => telegram.stop());
  const app = spawnApp({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    CONTENT_DIR: "content",
    PORT: "0",
    DATA_DIR: mkdtempSync(join(tmpdir(), "operations-data-")),
    LOG_LEVEL: "info",
    ...env,
  });
  resources.defer(() => app.kill());
  await app.waitForLog("HTTP server listening");
  const port = /"port":(\d+)[^\n]*HTTP server listening/.exec(app.log())?.[1];
  if (!port) throw new Error(`no port in the log:\n${app.log()}`);
  await app.beforeExit(telegram.waitFor("getUpdates"));
  return { app, telegram, origin: `http://127.0.0.1:${port}` };
}

const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

let chatId = 900;
/** Asks a question in a new chat and resolves with the bot's reply text. */
async function ask(app: AppProcess, telegram: FakeTelegram, text: string): Promise<string> {
  const chat = chatId++;
  telegram.pushUpdate(textMessage({ chatId: chat, from: { id: chat }, text }));
  const [reply] = await app.beforeExit(
    telegram.waitFor((call) => call.method === "sendMessage" && call.payload.chat_id === chat),
  );
  return String(reply?.payload.text);
}

describe("operations: /healthz, /readyz, /metrics and SIGTERM", () => {
  it("reports alive and ready, counts an answered question, and stops cleanly on SIGTERM", async () => {
    const { app, telegram, origin } = await startBot();
    expect(await getJson(`${origin}/healthz`)).toEqual({ status: 200, body: { status: "ok" } });
    expect(await getJson(`${origin}/readyz`)).toEqual({
      status: 200,
      body: { status: "ok", checks: [{ name: "database", ok: true }] },
    });
    expect(await ask(app, telegram, "Wer ist der Kreml-Sprecher?")).toContain("Peskow");
    const metrics = await fetch(`${origin}/metrics`);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toContain('newsbot_questions_total{outcome="answered"} 1');
    expect(text).toContain('newsbot_answer_seconds_count{outcome="answered"} 1');
    expect(text).toContain("newsbot_ledger_lag_seconds 0");
    expect(text).toContain("process_resident_memory_bytes");

    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.log()).toContain("Stopping");
  });
});

describe.skipIf(!TEST_DATABASE_URL)(
  `operations: PostgreSQL going away and coming back${POSTGRES_SKIPPED}`,
  () => {
    it("fails /readyz while the database is away, still replies to questions, and recovers", async () => {
      const schema = await resources.schema();
      const url = new URL(schema.url);
      const relay = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
      resources.defer(() => relay.stop());
      url.hostname = "127.0.0.1";
      url.port = String(relay.port);
      const { app, telegram, origin } = await startBot({ DATABASE_URL: url.toString() });
      expect((await getJson(`${origin}/readyz`)).status).toBe(200);

      await relay.cut();
      expect(await getJson(`${origin}/readyz`)).toEqual({
        status: 503,
        body: { status: "unavailable", checks: [{ name: "database", ok: false }] },
      });
      // The question is still answered (from every article: the chosen one cannot be read), and the process lives on.
      expect(await ask(app, telegram, "Wer ist der Kreml-Sprecher?")).toContain("Peskow");
      expect((await getJson(`${origin}/healthz`)).status).toBe(200);

      await relay.restore();
      await vi.waitFor(async () => expect((await getJson(`${origin}/readyz`)).status).toBe(200), {
        timeout: 10_000,
      });
      expect(await ask(app, telegram, "Wer ist der Kreml-Sprecher?")).toContain("Peskow");
      expect(app.log()).not.toContain(schema.url);
      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
    });
  },
);
