import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningHttpServer, startHttpServer } from "../../adapters/http/http-server.ts";
import { createLogger } from "../../adapters/logger.ts";
import { payloads, succeeded } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { startHarness, type TelegramHarness } from "./telegram-fixtures.ts";

const WEBHOOK_URL = "https://bot.example.test/telegram/hook";
const SECRET = "webhook_secret-123";

let harness: TelegramHarness;
let server: RunningHttpServer;
beforeAll(async () => {
  harness = await startHarness({
    env: { TELEGRAM_WEBHOOK_URL: WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET: SECRET },
  });
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    routes: harness.adapter.routes,
    isHealthy: () => true,
    logger: createLogger({ write: () => {} }),
  });
  await harness.adapter.afterListen?.();
});
afterAll(async () => {
  await server.stop();
  await harness.stop();
});

/** Posts an update to the bot's webhook route the way Telegram does, with the given secret header. */
function deliver(chatId: number, text: string, secret?: string): Promise<Response> {
  const update = { update_id: chatId, ...textMessage({ chatId, from: { id: chatId }, text }) };
  return fetch(`http://127.0.0.1:${server.port}/telegram/hook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }),
    },
    body: JSON.stringify(update),
  });
}

describe("Telegram adapter: webhook mode", () => {
  it("registers the webhook with its secret once the server listens, and never polls", () => {
    expect(harness.telegram.webhook()).toEqual({ url: WEBHOOK_URL, secret_token: SECRET });
    expect(payloads(harness.telegram.calls(succeeded("setWebhook")))[0]?.allowed_updates).toEqual([
      "message",
      "callback_query",
      "inline_query",
      "my_chat_member",
    ]);
    expect(harness.adapter.routes.map((route) => route.path)).toEqual(["/telegram/hook"]);
    expect(harness.telegram.calls().filter((request) => request.method === "getUpdates")).toEqual([]);
  });

  it("rejects requests without the secret token or with a wrong one, and handles none of them", async () => {
    const missing = await deliver(301, "Wer ist der Chef der Firma?");
    const wrong = await deliver(302, "Wer ist der Chef der Firma?", "not-the-secret");
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    const sent = harness.telegram
      .calls()
      .filter((request) => request.payload.chat_id === 301 || request.payload.chat_id === 302);
    expect(sent).toEqual([]);
  });

  it("rejects anything but POST", async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/telegram/hook`, {
      headers: { "x-telegram-bot-api-secret-token": SECRET },
    });
    expect(response.status).toBe(405);
  });

  it("answers updates that carry the right secret", async () => {
    const response = await deliver(303, "Wer ist der Chef der Firma?", SECRET);
    expect(response.status).toBe(200);
    const [answer] = await harness.messagesTo(303);
    expect(answer?.payload.text).toContain("Hans Müller");
  });
});
