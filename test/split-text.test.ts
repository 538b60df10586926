import { describe, expect, it } from "vitest";
import { splitText } from "../src/index.ts";

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("Kurz.", 10)).toEqual(["Kurz."]);
  });

  it("splits at paragraphs first", () => {
    expect(splitText("Erster Absatz.\n\nZweiter Absatz.", 20)).toEqual(["Erster Absatz.", "Zweiter Absatz."]);
  });

  it("splits an over-long paragraph at sentences, then words, and never exceeds the limit", () => {
    const text = `${"Ein Satz mit Worten. ".repeat(30)}\n\n${"x".repeat(50)}`;
    const parts = splitText(text, 45);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(45);
    expect(parts.join(" ").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
  });

  it("keeps line breaks inside an over-long paragraph", () => {
    const parts = splitText("Titel\nEins. Zwei. Drei.", 12);
    expect(parts[0]).toBe("Titel\nEins.");
  });

  it("never cuts an emoji in half", () => {
    const parts = splitText("😀😀😀😀😀", 3);
    for (const part of parts)
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(parts.join("")).toBe("😀😀😀😀😀");
  });
});
