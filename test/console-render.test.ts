import { describe, expect, it } from "vitest";
import { renderConsoleReply } from "../adapters/console/render.ts";
import type { Reply } from "../src/index.ts";

const article = { id: "a", title: "Preise" };

describe("console renderer", () => {
  it("marks the best sentence inside its paragraph, taking $ signs literally", () => {
    const reply: Reply = {
      kind: "answer",
      question: "Preis?",
      passages: [
        {
          article,
          section: null,
          text: "Vorher. Es kostet 5 $' und $& mehr. Danach.",
          sentence: "Es kostet 5 $' und $& mehr.",
          score: 1,
        },
      ],
    };
    const text = renderConsoleReply(reply, "de", { emphasize: (s) => `[${s}]` });
    expect(text).toContain("Vorher. [Es kostet 5 $' und $& mehr.] Danach.");
    expect(text.split("\n").slice(0, 2)).toEqual(["[Preise]", "» Es kostet 5 $' und $& mehr."]);
  });

  it("shows a lead passage of one sentence once: the title once, the sentence once", () => {
    const sentence = "Es kostet fünf Euro.";
    const reply: Reply = {
      kind: "answer",
      question: "Preis?",
      passages: [{ article, section: null, text: sentence, sentence, score: 1 }],
    };
    expect(renderConsoleReply(reply, "de")).toBe("Preise\n\nEs kostet fünf Euro.");
  });

  it("names the article beside a section's heading", () => {
    const reply: Reply = {
      kind: "answer",
      question: "Preis?",
      passages: [{ article, section: "Butter", text: "Teuer. Sehr.", sentence: "Sehr.", score: 1 }],
    };
    expect(renderConsoleReply(reply, "de")).toBe("Butter (Preise)\n» Sehr.\n\nTeuer. Sehr.");
  });

  it("lists articles with the chosen one marked", () => {
    const text = renderConsoleReply(
      {
        kind: "articles",
        articles: [article, { id: "b", title: "Wahl", date: "2026-01-02" }],
        selected: "b",
      },
      "en",
    );
    expect(text).toContain("1. Preise\n2. Wahl (2026-01-02) (selected)");
  });
});
