import { describe, expect, it } from "vitest";
import { ownText } from "../src/content/own-text.ts";

describe("ownText", () => {
  it("keeps a Latin-1 text cut from a text with wider characters as it was", () => {
    const file = "Titel – Meldung 1\n\nÄrger über Straßen: „Wir warten.“";
    expect(ownText(file.slice(19, 40))).toBe("Ärger über Straßen: „");
    expect(ownText(file.slice(19, 37))).toBe("Ärger über Straßen");
  });

  it("keeps characters beyond Latin-1, surrogate pairs and lone surrogates", () => {
    const text = "Kim – 金正恩 😀 \ud800 Ende";
    expect(ownText(text)).toBe(text);
  });
});
