import { webApi } from "@slack/bolt";
import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySlackError } from "../../adapters/slack/digest-sender.ts";
import { SlackChannelError } from "../../adapters/slack/post-message.ts";
import { classifyTelegramError } from "../../adapters/telegram/digest-sender.ts";
import { TelegramBlockedError } from "../../adapters/telegram/send.ts";

const telegramError = (error_code: number, description: string, parameters = {}) =>
  new GrammyError(
    "Call to 'sendMessage' failed!",
    { ok: false, error_code, description, parameters },
    "sendMessage",
    {},
  );
const slackError = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

describe("classifyTelegramError", () => {
  it("waits out a 429 for its retry_after", () => {
    expect(classifyTelegramError(telegramError(429, "Too Many Requests", { retry_after: 7 }))).toEqual({
      kind: "rate-limited",
      retryAfterMs: 7000,
    });
  });

  it("stops the platform for a refused token instead of failing every chat", () => {
    expect(classifyTelegramError(telegramError(401, "Unauthorized"))).toMatchObject({
      kind: "token-refused",
    });
    expect(classifyTelegramError(telegramError(404, "Not Found"))).toMatchObject({ kind: "token-refused" });
  });

  it("follows a group that became a supergroup to its new id", () => {
    const upgraded = telegramError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
      migrate_to_chat_id: -1001234,
    });
    expect(classifyTelegramError(upgraded)).toMatchObject({ kind: "moved", to: "-1001234" });
  });

  it("marks blocked and deleted chats gone", () => {
    const blocked = new TelegramBlockedError(42, "Forbidden: bot was blocked by the user");
    expect(classifyTelegramError(blocked)).toMatchObject({ kind: "gone" });
    expect(classifyTelegramError(telegramError(400, "Bad Request: chat not found"))).toMatchObject({
      kind: "gone",
    });
  });

  it("retries server and network errors, gives other refusals up", () => {
    expect(classifyTelegramError(telegramError(502, "Bad Gateway"))).toMatchObject({ kind: "transient" });
    expect(
      classifyTelegramError(new HttpError("Network request failed", new Error("ECONNRESET"))),
    ).toMatchObject({
      kind: "transient",
    });
    expect(classifyTelegramError(telegramError(400, "Bad Request: can't parse entities"))).toMatchObject({
      kind: "permanent",
    });
  });
});

describe("classifySlackError", () => {
  it("waits out a rejected rate-limited call for its Retry-After", () => {
    expect(classifySlackError(new webApi.WebAPIRateLimitedError(5))).toEqual({
      kind: "rate-limited",
      retryAfterMs: 5000,
    });
  });

  it("stops the platform for a revoked or invalid token", () => {
    for (const error of ["invalid_auth", "token_revoked", "account_inactive"]) {
      expect(classifySlackError(slackError(error))).toEqual({ kind: "token-refused", reason: error });
    }
  });

  it("marks a channel the bot cannot post to gone", () => {
    expect(classifySlackError(new SlackChannelError("C1", "is_archived"))).toEqual({
      kind: "gone",
      reason: "is_archived",
    });
  });

  it("retries Slack's own failures and network errors, gives other refusals up", () => {
    expect(classifySlackError(slackError("internal_error"))).toMatchObject({ kind: "transient" });
    expect(classifySlackError(new Error("socket hang up"))).toMatchObject({ kind: "transient" });
    expect(classifySlackError(slackError("msg_too_long"))).toEqual({
      kind: "permanent",
      reason: "msg_too_long",
    });
  });
});
