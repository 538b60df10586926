import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import { readTelegramInput } from "../../adapters/telegram/addressing.ts";
import {
  articleKey,
  CALLBACK_DATA_LIMIT,
  decodeCallbackData,
  encodeCallbackData,
  findArticle,
} from "../../adapters/telegram/callback-data.ts";
import { menuCommands } from "../../adapters/telegram/commands.ts";
import { BOLD, escapeHtml, quoteMark, run, splitRuns } from "../../adapters/telegram/html.ts";
import { renderTelegramReply, TELEGRAM_MESSAGE_LIMIT } from "../../adapters/telegram/render.ts";
import { commandRequest, createNewsBot, isCommandName, parseArticle, type Reply } from "../../src/index.ts";
import { parseTelegramHtml } from "../fakes/fake-telegram-html.ts";
import { textMessage } from "../fakes/fake-telegram-updates.ts";
import { SPECIAL_ARTICLE, SPECIAL_ID } from "./telegram-fixtures.ts";

const core = createNewsBot({ articles: [parseArticle(SPECIAL_ARTICLE, `${SPECIAL_ID}.txt`)] });
const visible = (parts: string[]) => parts.map(parseTelegramHtml);
const words = (text: string) => text.split(/\s+/).filter((word) => word !== "");

describe("Telegram HTML", () => {
  it("escapes <, >, & and quotes", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;",
    );
  });

  it("keeps a short message whole, and renders runs that share a mark inside one element", () => {
    const quote = quoteMark();
    expect(splitRuns([run("Kurz", BOLD), run(" & gut")], 100)).toEqual(["<b>Kurz</b> &amp; gut"]);
    expect(
      splitRuns([run("Vorher. ", quote), run("Satz.", quote, BOLD), run(" Nachher.", quote)], 100),
    ).toEqual(["<blockquote>Vorher. <b>Satz.</b> Nachher.</blockquote>"]);
  });

  it("splits on the text's structure, so a quote cut between sentences continues as a quote", () => {
    const quote = quoteMark();
    const sentences = "Ein Satz mit Inhalt. ".repeat(20).trim();
    const parts = splitRuns([run("Titel", BOLD), run("\n\n"), run(sentences, quote)], 120);
    expect(parts.length).toBeGreaterThan(2);
    for (const text of visible(parts)) expect(text.length).toBeLessThanOrEqual(120);
    expect(
      parts.slice(1).every((part) => part.startsWith("<blockquote>") && part.endsWith(".</blockquote>")),
    ).toBe(true);
    expect(words(visible(parts).join(" "))).toEqual(words(`Titel ${sentences}`));
  });

  it("cuts a word longer than the limit, but never an entity or an emoji", () => {
    const parts = splitRuns([run("&".repeat(30))], 7);
    expect(parts.join("")).toBe("&amp;".repeat(30));
    for (const text of visible(parts)) expect(text.length).toBeLessThanOrEqual(7);
    expect(visible(splitRuns([run("😀😀😀")], 3))).toEqual(["😀", "😀", "😀"]);
  });
});

describe("Telegram replies", () => {
  it("splits a long section into valid parts within 4,096 characters, losing nothing", async () => {
    const reply = await core.handle(commandRequest("section", "3"));
    const { parts } = renderTelegramReply(reply, "de");
    expect(parts.length).toBe(2);
    for (const text of visible(parts)) expect(text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    const paragraphs = reply.kind === "section" ? reply.paragraphs : [];
    expect(words(visible(parts).join(" "))).toEqual(
      words(
        ["Die Zebras im Zoo", ...paragraphs, 'Käse & Co: <Sonderangebote> bei "Müller & Söhne"'].join(" "),
      ),
    );
  });

  it("shows a lead passage under the article title, without repeating the title", () => {
    const reply: Reply = {
      kind: "answer",
      question: "Käse?",
      passages: [
        {
          article: { id: "a", title: "A & B" },
          section: null,
          text: "Vorher. Käse < Butter. Nachher.",
          sentence: "Käse < Butter.",
          score: 1,
        },
        { article: { id: "a", title: "A & B" }, section: "Mehr", text: "X.", sentence: "X.", score: 0.5 },
      ],
    };
    expect(renderTelegramReply(reply, "en").parts).toEqual([
      "<b>A &amp; B</b>\n<blockquote>Vorher. <b>Käse &lt; Butter.</b> Nachher.</blockquote>\n\n<b>More passages</b>\n• <b>Mehr</b>: X.",
    ]);
  });

  it("shows a paragraph of one sentence once, and a section passage's title once", () => {
    const reply: Reply = {
      kind: "answer",
      question: "Käse?",
      passages: [
        { article: { id: "a", title: "A & B" }, section: "Mehr", text: "X.", sentence: "X.", score: 1 },
      ],
    };
    expect(renderTelegramReply(reply, "en").parts).toEqual([
      "<b>Mehr</b>\n<blockquote><b>X.</b></blockquote>\n<i>A &amp; B</i>",
    ]);
  });

  it("puts the example questions of the help under it as buttons, and escapes <Frage>", () => {
    const message = renderTelegramReply(core.help("de", true), "de");
    expect(message.parts[0]).toContain("/ask &lt;Frage&gt; – eine Frage stellen");
    expect(message.keyboard?.map((row) => row[0])).toEqual([
      expect.objectContaining({ callback_data: "ex:0" }),
      expect.objectContaining({ callback_data: "ex:1" }),
      expect.objectContaining({ callback_data: "ex:2" }),
    ]);
  });

  it("renders errors as the core's UI text, escaped", () => {
    const { parts } = renderTelegramReply({ kind: "error", code: "unknown-command", detail: "<x>" }, "de");
    expect(parts).toEqual(["Den Befehl /&lt;x&gt; kenne ich nicht. /help zeigt, was ich kann."]);
  });
});

describe("Telegram callback data", () => {
  it("round-trips every action", () => {
    for (const action of [
      { kind: "example", index: 2 },
      { kind: "section", articleKey: "000_81e12a227075c4f1", index: 11 },
      { kind: "article", articleKey: "a:b" },
      { kind: "article", articleKey: null },
    ] as const) {
      expect(decodeCallbackData(encodeCallbackData(action))).toEqual(action);
    }
    expect(decodeCallbackData("something else")).toBeNull();
  });

  it("names a long article id by a hash that fits into 64 bytes and still finds the article", () => {
    const id = `Ärger-über-${"sehr-lange-dateinamen-".repeat(5)}`;
    const data = encodeCallbackData({ kind: "section", articleKey: articleKey(id), index: 999 });
    expect(Buffer.byteLength(data, "utf8")).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    const decoded = decodeCallbackData(data);
    const key = decoded?.kind === "section" ? decoded.articleKey : "";
    expect(
      findArticle(key, [
        { id: "other", title: "O" },
        { id, title: "T" },
      ])?.id,
    ).toBe(id);
  });
});

describe("Telegram addressing", () => {
  const me = { id: 555, username: "NewsTestBot" };
  const message = (text: string, chatId = -100) =>
    textMessage({ chatId, from: { id: 1 }, text }).message as Message;

  const text = (value: string) => ({ kind: "text", text: value });
  const command = (name: string, args = "") => ({ kind: "command", name, args });

  it("takes every private message, and media without text as an empty question", () => {
    expect(readTelegramInput(message("hallo", 1), me, isCommandName)).toEqual(text("hallo"));
    const sticker = { ...message("x", 1), text: undefined, sticker: {} } as unknown as Message;
    expect(readTelegramInput(sticker, me, isCommandName)).toEqual(text(""));
  });

  it("reads a private chat's commands once, its own name after @ allowed, unknown ones for the core to explain", () => {
    expect(readTelegramInput(message("/summary 2", 1), me, isCommandName)).toEqual(command("summary", "2"));
    expect(readTelegramInput(message("/Help@NewsTestBot", 1), me, isCommandName)).toEqual(command("help"));
    expect(readTelegramInput(message("/frobnicate", 1), me, isCommandName)).toEqual(command("frobnicate"));
  });

  it("ignores a command addressed to another bot, in a private chat as in a group", () => {
    expect(readTelegramInput(message("/summary@SomeOtherBot", 1), me, isCommandName)).toBeNull();
    expect(readTelegramInput(message("/subscribe@OtherBot", 1), me, () => true)).toBeNull();
    expect(readTelegramInput(message("/summary@SomeOtherBot"), me, isCommandName)).toBeNull();
  });

  it("takes a text mention of the bot in a group and removes it", () => {
    const mention = {
      ...message("Sag mal Bot, wer ist der Chef?"),
      entities: [
        { type: "text_mention", offset: 8, length: 3, user: { id: 555, is_bot: true, first_name: "Bot" } },
      ],
    } as Message;
    expect(readTelegramInput(mention, me, isCommandName)).toEqual(text("Sag mal, wer ist der Chef?"));
  });

  it("reads group commands: digits in names, known ones or its own name after @", () => {
    const known = (name: string) => name === "top5";
    expect(readTelegramInput(message("/top5@NewsTestBot heute"), me, known)).toEqual(
      command("top5", "heute"),
    );
    expect(readTelegramInput(message("/top5 heute"), me, known)).toEqual(command("top5", "heute"));
    expect(readTelegramInput(message("/top5@OtherBot heute"), me, known)).toBeNull();
    expect(readTelegramInput(message("/other heute"), me, known)).toBeNull();
    expect(readTelegramInput(message("/help@newstestbot"), me, isCommandName)).toEqual(command("help"));
  });

  it("stays quiet in channels", () => {
    const post = { ...message("/help"), chat: { id: -5, type: "channel", title: "C" } } as unknown as Message;
    expect(readTelegramInput(post, me, isCommandName)).toBeNull();
  });
});

describe("Telegram command menu", () => {
  it("lists the core's commands and only the extra commands that have a description", () => {
    const extra = [
      { name: "subscribe", description: () => "abonnieren", handle: () => "" },
      { name: "hidden", handle: () => "" },
    ];
    expect(menuCommands(core, "de", extra).map((command) => command.command)).toEqual([
      "help",
      "summary",
      "sections",
      "latest",
      "ask",
      "subscribe",
    ]);
  });
});
