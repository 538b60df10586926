import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TELEGRAM_MESSAGE_LIMIT } from "../../adapters/telegram/render.ts";
import { TelegramBlockedError } from "../../adapters/telegram/send.ts";
import { MAX_QUESTION_LENGTH } from "../../src/index.ts";
import { payloads, succeeded } from "../fakes/fake-telegram.ts";
import { parseTelegramHtml } from "../fakes/fake-telegram-html.ts";
import { callbackQuery, inlineQuery, textMessage } from "../fakes/fake-telegram-updates.ts";
import { SPECIAL_ID, startHarness, type TelegramHarness } from "./telegram-fixtures.ts";

// One bot for the file; each test talks in its own private chat, so the per-chat throttle never mixes tests.
let harness: TelegramHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

const say = (chatId: number, text: string, languageCode?: string) =>
  harness.telegram.pushUpdate(
    textMessage({ chatId, from: languageCode ? { id: chatId, languageCode } : { id: chatId }, text }),
  );

describe("Telegram adapter: start-up", () => {
  it("checks the token with getMe and publishes the command menu in German (default, de) and English", async () => {
    const calls = payloads<{
      commands: { command: string; description: string }[];
      language_code?: string;
    }>(harness.telegram.calls(succeeded("setMyCommands")));
    expect(harness.telegram.calls(succeeded("getMe"))).toHaveLength(1);
    expect(calls.map((call) => call.language_code)).toEqual([undefined, "de", "en"]);
    expect(calls[0]?.commands.map((command) => command.command)).toEqual([
      "help",
      "summary",
      "sections",
      "latest",
      "ask",
    ]);
    expect(calls[1]?.commands.find((command) => command.command === "ask")?.description).toBe(
      "eine Frage stellen",
    );
    expect(calls[2]?.commands.find((command) => command.command === "ask")?.description).toBe(
      "ask a question",
    );
  });

  it("polls with getUpdates after removing any webhook, asking only for the updates it handles", async () => {
    const [poll] = await harness.telegram.waitFor("getUpdates");
    expect(harness.telegram.calls(succeeded("deleteWebhook"))).toHaveLength(1);
    expect(poll?.payload.allowed_updates).toEqual([
      "message",
      "callback_query",
      "inline_query",
      "my_chat_member",
    ]);
  });
});

describe("Telegram adapter: private chats", () => {
  it("answers a question with valid HTML in which every <, > and & of the article is escaped", async () => {
    say(101, "Wer ist der Chef der Firma?");
    const [answer] = await harness.messagesTo(101);
    const html = answer?.payload.text ?? "";
    expect(answer?.payload.parse_mode).toBe("HTML");
    expect(answer?.payload.link_preview_options?.is_disabled).toBe(true);
    expect(html).toContain("<b>Der Chef &lt;und&gt; seine Pläne</b>");
    expect(html).toContain("<b>Der Chef der Firma heißt Hans Müller.</b>");
    expect(html).toContain("&lt;b&gt;Bergkäse&lt;/b&gt; &amp; Butter");
    expect(html).toContain("<i>Käse &amp; Co: &lt;Sonderangebote&gt; bei &quot;Müller &amp; Söhne&quot;</i>");
    // What the person sees is the article's text, character for character.
    expect(parseTelegramHtml(html)).toContain(
      "Hans Müller plant eine neue Fabrik für <b>Bergkäse</b> & Butter",
    );
  });

  it("splits an answer longer than 4,096 characters into valid messages at sentence boundaries", async () => {
    say(102, "Wie viel Heu frisst der Elefant?");
    const parts = await harness.messagesTo(102, 2);
    const texts = parts.map((part) => parseTelegramHtml(part.payload.text));
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(texts[0]).toMatch(/Wasser\.$/);
    expect(texts[1]).toMatch(/^Der Elefant Nummer \d+ frisst/);
    expect(parts[1]?.payload.text.startsWith("<blockquote>")).toBe(true);
    expect(texts.join(" ")).toContain(
      "Der Elefant Nummer 60 frisst am Tag 159 Kilo Heu & trinkt 109 Liter Wasser.",
    );
  });

  it("splits a long section at paragraph boundaries", async () => {
    say(103, "/section 3");
    const parts = await harness.messagesTo(103, 2);
    expect(parts[0]?.payload.text.startsWith("<b>Die Zebras im Zoo</b>")).toBe(true);
    expect(parseTelegramHtml(parts[0]?.payload.text ?? "")).toMatch(/Gehege\.$/);
    expect(parts[1]?.payload.text).toContain("Zebra 84,");
  });

  it("greets on /start with three example questions as buttons; tapping one answers it", async () => {
    say(104, "/start");
    const [greeting] = await harness.messagesTo(104);
    const buttons = greeting?.payload.reply_markup?.inline_keyboard.flat() ?? [];
    expect(greeting?.payload.text).toContain("Hallo!");
    expect(greeting?.payload.text).toContain("/ask &lt;Frage&gt;");
    expect(buttons).toHaveLength(3);
    expect(buttons[0]?.callback_data).toBe("ex:0");
    harness.telegram.pushUpdate(
      callbackQuery({ from: { id: 104 }, data: "ex:0", message: greeting?.result ?? ({} as never) }),
    );
    const [, answer] = await harness.messagesTo(104, 2);
    const [acknowledged] = await harness.telegram.waitFor("answerCallbackQuery");
    expect(acknowledged?.response?.ok).toBe(true);
    expect(answer?.payload.text).toContain("<blockquote>");
    expect(parseTelegramHtml(answer?.payload.text ?? "")).toContain(
      buttons[0]?.text.replace(/^Wer ist |\?$/g, ""),
    );
  });

  it("shows /sections as one button per section; tapping one shows that section", async () => {
    say(105, "/sections");
    const [list] = await harness.messagesTo(105);
    const buttons = list?.payload.reply_markup?.inline_keyboard.map((row) => row[0]) ?? [];
    expect(buttons.map((button) => button?.text)).toEqual([
      "Der Chef <und> seine Pläne",
      "Die Elefanten im Zoo",
      "Die Zebras im Zoo",
    ]);
    expect(buttons[0]?.callback_data).toBe(`sec:0:${SPECIAL_ID}`);
    harness.telegram.pushUpdate(
      callbackQuery({
        from: { id: 105 },
        data: buttons[0]?.callback_data ?? "",
        message: list?.result ?? ({} as never),
      }),
    );
    const [, section] = await harness.messagesTo(105, 2);
    expect(section?.payload.text).toMatch(/^<b>Der Chef &lt;und&gt; seine Pläne<\/b>\n\nDer Chef der Firma/);
  });

  it("offers the sections as buttons when it finds no answer", async () => {
    say(106, "Wie wird das Wetter morgen in Hamburg?");
    const [reply] = await harness.messagesTo(106);
    expect(reply?.payload.text).toBe(
      "Dazu habe ich in den Artikeln keine Antwort gefunden. Diese Abschnitte gibt es:",
    );
    expect(reply?.payload.reply_markup?.inline_keyboard).toHaveLength(3);
  });

  it("writes its own texts in English for English clients, article text as written", async () => {
    say(107, "/sections", "en-GB");
    const [reply] = await harness.messagesTo(107);
    expect(reply?.payload.text).toMatch(/^<b>Sections<\/b>: <i>Käse &amp; Co/);
  });

  it("refuses a message over 1,000 characters politely instead of searching it", async () => {
    say(108, `Elefant ${"x".repeat(MAX_QUESTION_LENGTH)}`);
    const [reply] = await harness.messagesTo(108);
    expect(reply?.payload.text).toBe(
      `Deine Nachricht ist zu lang (${MAX_QUESTION_LENGTH + 8} Zeichen). Bitte fasse die Frage in höchstens ${MAX_QUESTION_LENGTH} Zeichen.`,
    );
  });

  it("waits the retry_after of a 429 and still delivers the message", async () => {
    harness.telegram.fail("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    say(109, "Wer ist der Chef der Firma?");
    const [delivered] = await harness.messagesTo(109);
    const attempts = harness.telegram
      .calls()
      .filter((request) => request.method === "sendMessage" && request.payload.chat_id === 109);
    // The fake answers 429 until retry_after has passed: a retry that came too early would show here.
    expect(attempts.map((attempt) => attempt.response?.ok)).toEqual([false, true]);
    expect(delivered?.payload.text).toContain("Hans Müller");
  });

  it("answers inline queries with the top passages as article results", async () => {
    harness.telegram.pushUpdate(inlineQuery({ from: { id: 110 }, query: "Chef der Firma" }));
    const [call] = await harness.telegram.waitFor("answerInlineQuery");
    const results = call?.payload.results as {
      title: string;
      input_message_content: { message_text: string };
    }[];
    expect(call?.response?.ok).toBe(true);
    expect(results[0]?.title).toBe("Der Chef <und> seine Pläne");
    expect(results[0]?.input_message_content.message_text).toContain(
      "&lt;b&gt;Bergkäse&lt;/b&gt; &amp; Butter",
    );
    expect(call?.payload.button).toEqual({ text: "Im Chat mit dem Bot fragen", start_parameter: "inline" });
  });

  it("sends replies for other modules and reports a blocked chat as TelegramBlockedError", async () => {
    harness.telegram.fail("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const failure = harness.adapter.send(111, harness.core.summary(), "de");
    await expect(failure).rejects.toBeInstanceOf(TelegramBlockedError);
    await expect(failure).rejects.toMatchObject({
      chatId: 111,
      description: "Forbidden: bot was blocked by the user",
    });
    const sent = await harness.adapter.send(111, harness.core.summary(), "de");
    expect(sent[0]?.text).toMatch(/^Zusammenfassung: Käse & Co/);
  });
});
