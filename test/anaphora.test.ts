import { describe, expect, it } from "vitest";
import { refersBack } from "../src/search/anaphora.ts";

describe("anaphora", () => {
  it("sees a pronoun among the first words of a sentence", () => {
    expect(refersBack("As such, it made a contribution.", "The translation was popular.", "en")).toBe(true);
    expect(refersBack("Sie wurde 1991 wiederhergestellt.", "Die Börse wurde 1817 gegründet.", "de")).toBe(
      true,
    );
  });

  it("sees a definite article before a noun the sentence before named", () => {
    const previous = "Tesla gründete 1886 ein Unternehmen in Rahway.";
    expect(refersBack("Das Unternehmen installierte Lampen.", previous, "de")).toBe(true);
    expect(refersBack("Das Gericht entschied 1943.", previous, "de")).toBe(false);
  });

  it("does not take a sentence that names its own subject for one that refers back", () => {
    expect(refersBack("Warsaw's stock exchange opened in 1817.", "Trading is old.", "en")).toBe(false);
  });
});
