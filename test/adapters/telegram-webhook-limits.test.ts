import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningHttpServer, startHttpServer } from "../../adapters/http/http-server.ts";
import { MAX_BODY_BYTES } from "../../adapters/http/read-body.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { startHarness, type TelegramHarness } from "./telegram-fixtures.ts";

const SECRET = "webhook_secret-456";
/** Updates for this chat wait at a gate the test opens, as a slow send to Telegram would make them wait. */
const GATED_CHAT = 777;

let harness: TelegramHarness;
let server: RunningHttpServer;
let openGate: () => void = () => {};
let gate: Promise<void> = Promise.resolve();
const closeGate = () => {
  gate = new Promise((resolve) => {
    openGate = resolve;
  });
};

beforeAll(async () => {
  harness = await startHarness({
    env: { TELEGRAM_WEBHOOK_URL: "https://bot.example.test/tg", TELEGRAM_WEBHOOK_SECRET: SECRET },
    adapter: {
      configure: (composer) =>
        composer.use(async (ctx, next) => {
          if (ctx.chat?.id === GATED_CHAT) await gate;
          await next();
        }),
    },
  });
  server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    routes: harness.adapter.routes,
    isHealthy: () => true,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
});
afterAll(async () => {
  openGate();
  await server.stop();
  await harness.stop();
});

const url = () => `http://127.0.0.1:${server.port}/tg`;

/** Posts a raw body to the webhook with the right secret. */
function post(body: string): Promise<Response> {
  return fetch(url(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body,
  });
}

function update(updateId: number, chatId: number, text: string): string {
  return JSON.stringify({ update_id: updateId, ...textMessage({ chatId, from: { id: chatId }, text }) });
}

const textsTo = (chatId: number) =>
  harness.telegram
    .calls((call) => call.method === "sendMessage" && call.payload.chat_id === chatId)
    .map((call) => String(call.payload.text));

describe("Telegram webhook: limits, malformed bodies, redeliveries and early answers", () => {
  it("refuses a body announced as larger than 1 MiB with 413 before reading it", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(300 * 1024 * 1024),
          "x-telegram-bot-api-secret-token": SECRET,
        },
      });
      req.on("response", (response) => resolve(response.statusCode ?? 0));
      req.on("error", reject);
      // Not a byte of the 300 MB body is sent: the answer comes from the header alone.
      req.flushHeaders();
    });
    expect(status).toBe(413);
  });

  it("stops reading a streamed body at the cap and answers 413", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    const { status, written } = await new Promise<{ status: number; written: number }>((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = httpRequest(url(), {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      });
      req.on("response", (response) => {
        answered = true;
        resolve({ status: response.statusCode ?? 0, written });
        req.destroy();
      });
      req.on("error", (error) => {
        if (!answered) reject(error);
      });
      const pump = () => {
        // Up to 64 MiB, waiting for the server to take each chunk: a server buffering everything would take it all.
        while (!answered && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(written).toBeGreaterThan(MAX_BODY_BYTES);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it.each([
    ["bad JSON", '{"update_id": 1, "message": ', "the body is not JSON"],
    ["an empty body", "", "an empty body"],
    ["null", "null", "the body is not an object"],
    ["an object without update_id", '{"message":{}}', "an update without an update_id"],
  ])("answers %s with 400 and a warning, never an error", async (_, body, reason) => {
    const before = harness.logs.length;
    const response = await post(body);
    expect(response.status).toBe(400);
    const lines = harness.logs.slice(before);
    expect(lines.some((line) => line.includes("WARN") && line.includes(reason))).toBe(true);
    expect(lines.filter((line) => line.includes("ERROR"))).toEqual([]);
  });

  it("handles an update delivered twice once", async () => {
    const body = update(9001, 901, "Wer ist der Chef der Firma?");
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    await harness.messagesTo(901);
    // A later update to the same chat is handled after the first, so the repeat would have been answered by now.
    expect((await post(update(9002, 901, "/help"))).status).toBe(200);
    await harness.messagesTo(901, 2);
    expect(textsTo(901)).toHaveLength(2);
    expect(harness.logs.some((line) => line.includes("Ignored a repeated Telegram update"))).toBe(true);
  });

  it("answers the webhook before the update is handled, and keeps each chat's order", async () => {
    closeGate();
    const questions = ["/help", "Wer ist der Chef der Firma?", "/sections"];
    for (const [i, text] of questions.entries())
      expect((await post(update(9100 + i, GATED_CHAT, text))).status).toBe(200);
    // The gated chat's updates are all accepted and none handled; another chat is not held up by them.
    expect(textsTo(GATED_CHAT)).toEqual([]);
    expect((await post(update(9200, 902, "Wer ist der Chef der Firma?"))).status).toBe(200);
    await harness.messagesTo(902);
    expect(textsTo(GATED_CHAT)).toEqual([]);
    openGate();
    const sent = await harness.messagesTo(GATED_CHAT, 3);
    expect(sent[0]?.payload.text).toContain("/help");
    expect(sent[1]?.payload.text).toContain("Hans Müller");
    expect(sent[2]?.payload.text).toContain("Der Chef");
  });
});
