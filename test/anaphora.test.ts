import { describe, expect, it } from "vitest";
import { referenceOf } from "../src/search/anaphora.ts";
import { termsOf } from "../src/search/normalize.ts";

/** referenceOf with the sentence before given as text. */
const follows = (sentence: string, previous: string, language: "de" | "en") =>
  referenceOf(sentence, language, (term) => termsOf(previous, language).includes(term));

describe("anaphora", () => {
  it("sees a personal pronoun among the first words of a sentence", () => {
    expect(follows("Sie wurde 1991 wiederhergestellt.", "Die Börse wurde 1817 gegründet.", "de")).toBe(
      "personal",
    );
    expect(follows("Seit 1991 ist sie wieder offen.", "Die Börse wurde 1817 gegründet.", "de")).toBe(
      "personal",
    );
  });

  it("sees a German subject pronoun after a fronted phrase and the finite verb, not in a later clause", () => {
    const before = "Peyton Manning führte zwei Teams zu Super Bowls.";
    expect(follows("Mit 39 Jahren ist er zudem der älteste Quarterback.", before, "de")).toBe("personal");
    expect(follows("Im Jahr nach dem Sieg gewann sie erneut.", before, "de")).toBe("personal");
    expect(
      follows(
        "Der Text war auf Latein geschrieben, abgesehen von den Worten, welche er notierte.",
        before,
        "de",
      ),
    ).toBeUndefined();
  });

  it("takes 'die beiden', 'both' and 'the two' for the ones the sentence before named", () => {
    const before = "Trump und Kim sprachen miteinander.";
    expect(follows("Die beiden Regierungschefs trafen sich zum zweiten Mal.", before, "de")).toBe("personal");
    expect(follows("The two leaders met for the second time.", "Trump and Kim talked.", "en")).toBe(
      "personal",
    );
    expect(follows("Two years later, the leaders met.", "Trump and Kim talked.", "en")).toBeUndefined();
  });

  it("sees a demonstrative, or a definite article before a noun the sentence before named, as partial", () => {
    expect(follows("As such, this made a contribution.", "The translation was popular.", "en")).toBe(
      "partial",
    );
    const previous = "Tesla gründete 1886 ein Unternehmen in Rahway.";
    expect(follows("Das Unternehmen installierte Lampen.", previous, "de")).toBe("partial");
    expect(follows("Das Gericht entschied 1943.", previous, "de")).toBeUndefined();
  });

  it("does not take a sentence that names its own subject for one that refers back", () => {
    expect(follows("Warsaw's stock exchange opened in 1817.", "Trading is old.", "en")).toBeUndefined();
  });
});
