import { describe, expect, it } from "vitest";
import { refersBack } from "../src/search/anaphora.ts";
import { termsOf } from "../src/search/normalize.ts";

/** refersBack with the sentence before given as text. */
const follows = (sentence: string, previous: string, language: "de" | "en") =>
  refersBack(sentence, language, (term) => termsOf(previous, language).includes(term));

describe("anaphora", () => {
  it("sees a pronoun among the first words of a sentence", () => {
    expect(follows("As such, it made a contribution.", "The translation was popular.", "en")).toBe(true);
    expect(follows("Sie wurde 1991 wiederhergestellt.", "Die Börse wurde 1817 gegründet.", "de")).toBe(true);
  });

  it("sees a definite article before a noun the sentence before named", () => {
    const previous = "Tesla gründete 1886 ein Unternehmen in Rahway.";
    expect(follows("Das Unternehmen installierte Lampen.", previous, "de")).toBe(true);
    expect(follows("Das Gericht entschied 1943.", previous, "de")).toBe(false);
  });

  it("does not take a sentence that names its own subject for one that refers back", () => {
    expect(follows("Warsaw's stock exchange opened in 1817.", "Trading is old.", "en")).toBe(false);
  });
});
