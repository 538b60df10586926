import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../adapters/config.ts";
import { createLogger } from "../../adapters/logger.ts";
import type { TelegramCommandInput } from "../../adapters/telegram/commands.ts";
import { startTelegram } from "../../adapters/telegram/telegram-adapter.ts";
import { createNewsBot, NewsBotError, parseArticle } from "../../src/index.ts";
import { payloads, startFakeTelegram, succeeded } from "../fakes/fake-telegram.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { SPECIAL_ARTICLE, startHarness, type TelegramHarness } from "./telegram-fixtures.ts";

const FAILING_QUESTION = "kaputt";
const subscribed: TelegramCommandInput[] = [];

let harness: TelegramHarness;
beforeAll(async () => {
  let token = "";
  harness = await startHarness({
    questionsPerMinute: 2,
    // A core that fails on one question, with the token in its message, as a careless error might.
    wrap: (core) => ({
      ...core,
      handle(request, from) {
        if (request.kind === "question" && request.text === FAILING_QUESTION)
          throw new Error(`lookup failed for bot${token}`);
        return core.handle(request, from);
      },
    }),
    adapter: {
      configure: (composer) => composer.command("ping", (ctx) => ctx.reply("pong")),
      commands: [
        {
          name: "subscribe",
          description: (language) => (language === "de" ? "Abo <täglich> & mehr" : "daily <digest> & more"),
          handle(input) {
            subscribed.push(input);
            return `Abonniert: <${input.args || "alles"}> & fertig`;
          },
        },
      ],
    },
  });
  token = harness.telegram.token;
});
afterAll(async () => {
  await harness.stop();
});

const say = (chatId: number, text: string) =>
  harness.telegram.pushUpdate(textMessage({ chatId, from: { id: chatId, languageCode: "de" }, text }));

describe("Telegram adapter: failures and limits", () => {
  it("apologises when a handler fails, logs it without the token, and keeps answering", async () => {
    say(201, FAILING_QUESTION);
    say(201, "Wer ist der Chef der Firma?");
    const [apology, answer] = await harness.messagesTo(201, 2);
    expect(apology?.payload.text).toBe(
      "Entschuldigung, da ist etwas schiefgegangen. Bitte versuch es gleich noch einmal.",
    );
    expect(answer?.payload.text).toContain("Hans Müller");
    const failure = harness.logs.find((line) => line.includes("Telegram update failed"));
    expect(failure).toContain("lookup failed for bot[redacted]");
    expect(harness.logs.join("\n")).not.toContain(harness.telegram.token);
  });

  it("answers politely once a person asks more than their questions per minute", async () => {
    say(202, "Wer ist der Chef der Firma?");
    say(202, "Wer plant die Fabrik?");
    say(202, "Wer verkauft Käse?");
    const replies = await harness.messagesTo(202, 3);
    expect(replies[1]?.payload.text).toContain("Fabrik");
    expect(replies.at(-1)?.payload.text).toBe(
      "Das waren viele Fragen auf einmal. Bitte warte eine Minute und frag dann weiter.",
    );
    // Commands are not questions and stay available.
    say(202, "/sections");
    const [, , , sections] = await harness.messagesTo(202, 4);
    expect(sections?.payload.text).toMatch(/^<b>Abschnitte<\/b>/);
  });
});

describe("Telegram adapter: extra commands", () => {
  it("hands /subscribe to the registered command and escapes its answer", async () => {
    say(203, "/subscribe morgens");
    const [reply] = await harness.messagesTo(203);
    expect(reply?.payload.text).toBe("Abonniert: &lt;morgens&gt; &amp; fertig");
    expect(subscribed[0]).toMatchObject({ chatId: 203, chatType: "private", userId: 203, language: "de" });
  });

  it("lists the extra command in the command menu in both languages", () => {
    const calls = payloads<{ commands: { command: string; description: string }[] }>(
      harness.telegram.calls(succeeded("setMyCommands")),
    );
    expect(calls.map((call) => call.commands.at(-1))).toEqual([
      { command: "subscribe", description: "Abo <täglich> & mehr" },
      { command: "subscribe", description: "Abo <täglich> & mehr" },
      { command: "subscribe", description: "daily <digest> & more" },
    ]);
  });

  it("runs grammY middleware registered with configure before its own handlers", async () => {
    say(204, "/ping");
    const [reply] = await harness.messagesTo(204);
    expect(reply?.payload.text).toBe("pong");
  });

  it("obeys the group rules: /subscribe@OtherBot is not for this bot", async () => {
    harness.telegram.pushUpdate(textMessage({ chatId: -2001, from: { id: 9 }, text: "/subscribe@OtherBot" }));
    harness.telegram.pushUpdate(
      textMessage({ chatId: -2001, from: { id: 9 }, text: "/subscribe@NewsTestBot" }),
    );
    const [reply] = await harness.messagesTo(-2001);
    expect(reply?.payload.text).toBe("Abonniert: &lt;alles&gt; &amp; fertig");
    expect(subscribed.filter((input) => input.chatId === -2001)).toHaveLength(1);
  });
});

describe("Telegram adapter: a refused token", () => {
  it("stops start-up with a message that names TELEGRAM_BOT_TOKEN and not the token", async () => {
    const telegram = await startFakeTelegram();
    const wrongToken = "987654321:AAWrongTokenThatTheFakeDoesNotKnow_0000";
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: wrongToken, TELEGRAM_API_ROOT: telegram.apiRoot });
    const bot = createNewsBot({ articles: [parseArticle(SPECIAL_ARTICLE, "a.txt")] });
    try {
      if (!config.telegram) throw new Error("no Telegram settings");
      const start = startTelegram({
        settings: config.telegram,
        bot,
        logger: createLogger({ write: () => {} }),
      });
      await expect(start).rejects.toBeInstanceOf(NewsBotError);
      await expect(start).rejects.toThrow(/^Telegram refused TELEGRAM_BOT_TOKEN \(401 Unauthorized\)/);
      await expect(start).rejects.not.toThrow(wrongToken);
    } finally {
      await telegram.stop();
    }
  });
});
