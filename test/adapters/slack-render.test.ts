import { describe, expect, it } from "vitest";
import { plainTextOf, readSlackInput } from "../../adapters/slack/incoming-text.ts";
import {
  BUTTON_VALUE_LIMIT,
  contextBlock,
  escapeMrkdwn,
  linesBlocks,
  MESSAGE_BLOCK_LIMIT,
  mrkdwnPieces,
  plainMessage,
  SECTION_TEXT_LIMIT,
  type SlackBlock,
  sectionBlock,
  textBlocks,
  toMessages,
} from "../../adapters/slack/mrkdwn.ts";
import { renderSlackReply, SHARE_ACTION_ID } from "../../adapters/slack/render.ts";
import type { PassageView, Reply } from "../../src/index.ts";

const ARTICLE = { id: "a1", title: "Kim & Putin", date: "2019-04-16" };

function passage(overrides: Partial<PassageView> = {}): PassageView {
  return {
    article: ARTICLE,
    section: "Ein Treffen",
    text: "Erster Satz. Der beste Satz steht hier. Letzter Satz.",
    sentence: "Der beste Satz steht hier.",
    score: 1,
    ...overrides,
  };
}

const textOf = (block: SlackBlock | undefined): string =>
  block?.type === "section" ? (block.text?.text ?? "") : "";

describe("Slack rendering", () => {
  it("escapes &, < and > as entities and puts a joiner around formatting characters that could format", () => {
    const j = "\u200D";
    expect(escapeMrkdwn("a & b < c > d *e* _f_ ~g~ `h`")).toBe(
      `a &amp; b &lt; c &gt; d ${j}*${j}e${j}*${j} ${j}_${j}f${j}_${j} ${j}~${j}g${j}~${j} ${j}\`${j}h${j}\`${j}`,
    );
    expect(escapeMrkdwn("New_York, snake_case_name, 2*3, a~b")).toBe("New_York, snake_case_name, 2*3, a~b");
    expect(escapeMrkdwn("siehe https://de.wikipedia.org/wiki/Kim_Jong-un?a=1&b=~x")).toBe(
      "siehe https://de.wikipedia.org/wiki/Kim_Jong-un?a=1&amp;b=~x",
    );
  });

  it("bolds the best sentence even when the text has formatting characters and $ patterns of its own", () => {
    const sentence = "Der *beste* Satz_ kostet 5 $& mehr.";
    const text = `Preis: 2 * 3 = 6 _oder_ so. ${sentence} Am ~Ende~ \`x\`.`;
    const [message] = renderSlackReply(
      { kind: "answer", question: "Wer?", passages: [passage({ text, sentence })] },
      "de",
    );
    const mrkdwn = textOf(message?.blocks[1]);
    expect(mrkdwn.replaceAll("\u200D", "")).toBe(
      "Preis: 2 * 3 = 6 _oder_ so. *Der *beste* Satz_ kostet 5 $&amp; mehr.* Am ~Ende~ `x`.",
    );
    // Only the two asterisks of the bold stand without a joiner, so mrkdwn can pair nothing else.
    const bare = [...mrkdwn.matchAll(/(?<!\u200D)[*_~`](?!\u200D)/g)].map((match) => match.index);
    expect(bare).toEqual([mrkdwn.indexOf("*Der"), mrkdwn.lastIndexOf("mehr.*") + "mehr.".length]);
  });

  it("renders the summary of a title-and-one-paragraph article without empty blocks", () => {
    const reply: Reply = {
      kind: "summary",
      article: ARTICLE,
      lead: "Nur ein Absatz.",
      sentences: [],
      sections: [],
    };
    const [message, ...rest] = renderSlackReply(reply, "de");
    expect(rest).toEqual([]);
    expect(message?.blocks.map(textOf)).toEqual(["*Kim &amp; Putin*", "Nur ein Absatz."]);
  });

  it("makes no blank blocks from blank text", () => {
    expect(textBlocks("")).toEqual([]);
    expect(textBlocks("  \n ")).toEqual([]);
    expect(linesBlocks([])).toEqual([]);
    expect(linesBlocks([""])).toEqual([]);
    expect(toMessages([sectionBlock(""), contextBlock([""])])).toEqual([]);
    const empty = plainMessage("");
    expect(empty.blocks).toEqual([]);
    expect(empty.text.length).toBeGreaterThan(0);
  });

  it("keeps a copyable command in the help free of joiners", () => {
    const help: Reply = {
      kind: "help",
      greeting: false,
      articles: [ARTICLE],
      commands: [{ name: "summary", description: "Zusammenfassung" }],
      examples: [],
    };
    const [message] = renderSlackReply(help, "de", { command: "/news_bot" });
    expect(message?.blocks.map(textOf).join("\n")).toContain("• `/news_bot summary` – Zusammenfassung");
  });

  it("renders an answer: heading, the best sentence bold in its paragraph, source, share button", () => {
    const reply: Reply = { kind: "answer", question: "Wer?", passages: [passage()] };
    const [message, ...rest] = renderSlackReply(reply, "de", { shareable: true });
    expect(rest).toEqual([]);
    expect(textOf(message?.blocks[0])).toBe("*Ein Treffen*");
    expect(textOf(message?.blocks[1])).toBe("Erster Satz. *Der beste Satz steht hier.* Letzter Satz.");
    expect(message?.blocks[2]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "Quelle: Kim &amp; Putin · 2019-04-16" }],
    });
    expect(message?.blocks[3]).toMatchObject({
      type: "actions",
      elements: [{ type: "button", action_id: SHARE_ACTION_ID, value: "Wer?" }],
    });
    expect(message?.text).toContain("*Der beste Satz steht hier.*");
  });

  it("heads a lead passage with the article title and lists further passages", () => {
    const reply: Reply = {
      kind: "answer",
      question: "Wer?",
      passages: [
        passage({ section: null }),
        passage({ section: "Zweiter <Teil>", sentence: "Noch ein Satz." }),
      ],
    };
    const [message] = renderSlackReply(reply, "en");
    expect(textOf(message?.blocks[0])).toBe("*Kim &amp; Putin*");
    expect(textOf(message?.blocks[3])).toBe("*More passages*\n• *Zweiter &lt;Teil&gt;*: Noch ein Satz.");
    expect(message?.blocks.some((block) => block.type === "actions")).toBe(false);
  });

  it("shows a lead passage of one sentence once: the title once, the sentence once", () => {
    const sentence = "Der einzige Satz.";
    const reply: Reply = {
      kind: "answer",
      question: "Wer?",
      passages: [passage({ section: null, text: sentence, sentence })],
    };
    const [message] = renderSlackReply(reply, "de");
    const shown = JSON.stringify(message?.blocks);
    expect(shown.split("Kim &amp; Putin").length - 1).toBe(1);
    expect(shown.split("Der einzige Satz.").length - 1).toBe(1);
    expect(message?.blocks[2]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "2019-04-16" }],
    });
  });

  it("leaves the share button off when the question does not fit a button's value", () => {
    const question = "x".repeat(BUTTON_VALUE_LIMIT + 1);
    const [message] = renderSlackReply({ kind: "answer", question, passages: [passage()] }, "de", {
      shareable: true,
    });
    expect(message?.blocks.some((block) => block.type === "actions")).toBe(false);
  });

  it("splits a long paragraph into sections within Slack's limit, escaped text included", () => {
    const sentence = "Ein Satz mit <Zeichen> & mehr, der sich oft wiederholt. ";
    const pieces = mrkdwnPieces(sentence.repeat(200).trim(), sentence.trim());
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    expect(pieces[0]?.startsWith("*Ein Satz mit &lt;Zeichen&gt; &amp; mehr")).toBe(true);
    const ampersands = "&".repeat(2000);
    for (const piece of mrkdwnPieces(ampersands))
      expect(piece.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    expect(mrkdwnPieces(ampersands).join("")).toBe("&amp;".repeat(2000));
  });

  it("spreads more than 50 blocks over several messages, each with a text fallback", () => {
    const paragraphs = Array.from({ length: 120 }, (_, index) => `Absatz ${index + 1}.`);
    const reply: Reply = {
      kind: "section",
      article: ARTICLE,
      section: { articleId: "a1", index: 0, heading: "Lang" },
      paragraphs,
    };
    const messages = renderSlackReply(reply, "de");
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(MESSAGE_BLOCK_LIMIT);
      expect(message.text.length).toBeGreaterThan(0);
    }
    expect(messages.flatMap((message) => message.blocks).map(textOf)).toContain("Absatz 120.");
  });

  it("writes commands in the slash command's syntax", () => {
    const [message] = renderSlackReply({ kind: "error", code: "unknown-section" }, "en", { command: "/n" });
    expect(message?.text).toBe("There is no such section. /n sections shows the list.");
    const [unknown] = renderSlackReply({ kind: "error", code: "unknown-command", detail: "frob" }, "de");
    expect(unknown?.text).toBe("Den Befehl /news frob kenne ich nicht. /news help zeigt, was ich kann.");
    const articles = renderSlackReply({ kind: "articles", articles: [], selected: null }, "en", {
      command: "/nachrichten",
    });
    expect(JSON.stringify(articles)).toContain(
      "/nachrichten article &lt;number&gt;, all with /nachrichten article all",
    );
  });
});

describe("Slack input", () => {
  it("maps the slash command's text onto the core's commands", () => {
    const none = () => false;
    const command = (name: string, args = "") => ({ kind: "command", name, args });
    expect(readSlackInput("", none)).toEqual(command("help"));
    expect(readSlackInput("  Help ", none)).toEqual(command("help"));
    expect(readSlackInput("summary 2", none)).toEqual(command("summary", "2"));
    expect(readSlackInput("article all", none)).toEqual(command("article", "all"));
    expect(readSlackInput("Wer ist Choe Ryong Hae?", none)).toEqual({
      kind: "question",
      text: "Wer ist Choe Ryong Hae?",
    });
  });

  it("reads extra subcommands, and a command written with a slash out of habit from Telegram", () => {
    const subscribe = (word: string) => word === "subscribe";
    expect(readSlackInput("subscribe daily", subscribe)).toEqual({
      kind: "command",
      name: "subscribe",
      args: "daily",
    });
    expect(readSlackInput("subscribe daily", () => false)).toMatchObject({ kind: "question" });
    expect(readSlackInput("/subscribe", subscribe)).toEqual({ kind: "command", name: "subscribe", args: "" });
    expect(readSlackInput("/Help", subscribe)).toEqual({ kind: "command", name: "help", args: "" });
    expect(readSlackInput("/frob it", subscribe)).toEqual({ kind: "command", name: "frob", args: "it" });
  });

  it("reads Slack's message markup back as plain text", () => {
    expect(plainTextOf("<@UBOT> Wer ist &lt;Max&gt; &amp; Co?", "UBOT")).toBe("Wer ist <Max> & Co?");
    expect(plainTextOf("<@UBOT|news> siehe <https://example.org|die Seite>", "UBOT")).toBe("siehe die Seite");
    expect(plainTextOf("<@UOTHER> hilf mir")).toBe("hilf mir");
  });
});
