import { describe, expect, it } from "vitest";
import { analyze, foldDiacritics, termsOf } from "../src/search/normalize.ts";

describe("normalization", () => {
  it("folds case, umlauts, their ASCII spellings and ß", () => {
    expect(foldDiacritics("Pjöngjang")).toBe(foldDiacritics("PJOENGJANG"));
    expect(foldDiacritics("Straße")).toBe("strasse");
  });

  it("makes inflected forms meet through the Snowball stemmer", () => {
    expect(termsOf("Sanktionen", "de")).toEqual(termsOf("Sanktion", "de"));
    expect(termsOf("Treffens", "de")).toEqual(termsOf("Treffen", "de"));
    expect(termsOf("bestätigte", "de")).toEqual(termsOf("bestätigt", "de"));
  });

  it("drops German and English stopwords", () => {
    expect(termsOf("Wer ist der Kreml-Sprecher?", "de")).not.toContain("wer");
    expect(termsOf("Who is the president?", "de")).toEqual(termsOf("president", "de"));
  });

  it("keeps German stopwords that are English words in English text, not in German", () => {
    expect(termsOf("What year did Tesla die?", "en")).toEqual(["year", "tesla", "die"]);
    expect(termsOf("the war will end", "en")).toEqual(["war", "end"]);
    expect(termsOf("Wann war die Wahl?", "de")).toEqual(["wahl"]);
  });

  it("drops English prepositions the package's list lacks", () => {
    expect(termsOf("What happened during the test?", "en")).toEqual(["happen", "test"]);
  });

  it("indexes hyphenated words as their parts and as the joined compound", () => {
    expect(termsOf("Kreml-Sprecher", "de")).toEqual(expect.arrayContaining(termsOf("Kremlsprecher", "de")));
    expect(termsOf("Asien-Reise", "de")).toEqual(
      expect.arrayContaining([...termsOf("Asienreise", "de"), "reis"]),
    );
  });

  it("keeps the original word next to its terms", () => {
    expect(analyze("Die Sanktionen", "de")).toEqual([
      { word: "Sanktionen", terms: ["sanktion"], joined: null },
    ]);
  });

  it("marks a hyphenated word's joined form, which only restates its parts when each has a term", () => {
    expect(analyze("Kreml-Sprecher", "de")[0]?.joined).toBe("kremlsprech");
    // A part that is a stopword has no term of its own: the joined form then names the word.
    expect(analyze("Kim's", "en")[0]?.joined).toBeNull();
  });

  it("keeps a German noun whose lower-case form is a stopword, but not the verb or a capital that starts a sentence", () => {
    expect(termsOf("Bei wem liegt die Macht?", "de")).toContain("macht");
    expect(termsOf("Er macht das morgen.", "de")).not.toContain("macht");
    expect(termsOf("Macht er das?", "de")).not.toContain("macht");
    expect(termsOf("Kennen Sie Ihre Rechte?", "de")).toEqual(termsOf("Kennen Rechte", "de"));
  });

  it("keeps the past forms of full verbs that the stopword list holds, joined to their lemma", () => {
    // "nahm" is in the package's German stopword list; "nimmt" and "genommen" are not.
    expect(termsOf("Wer nahm Newton den Ball?", "de")).toEqual(termsOf("Wer nimmt Newton den Ball?", "de"));
    expect(termsOf("kam", "de")).toEqual(termsOf("gekommen", "de"));
    expect(termsOf("ging", "de")).toEqual(termsOf("gegangen", "de"));
    expect(termsOf("hatte", "de")).toEqual([]);
  });

  it("joins a German participle used as an adjective to its verb, as the participle is", () => {
    expect(termsOf("die betroffene Stadt", "de")).toEqual(termsOf("betroffen Stadt", "de"));
    expect(termsOf("betroffen", "de")).toEqual(termsOf("betreffen", "de"));
    // A dictionary slip lists the infinitive "entlassen" under "kürzen": it takes no adjective's endings from there.
    expect(termsOf("die entlassenen Arbeiter", "de")).not.toContain(termsOf("kürzen", "de")[0]);
    expect(termsOf("die betroffenen Wälder", "de")).toEqual(termsOf("betrifft Wälder", "de"));
  });

  it("joins a German separable verb's particle at the end of the clause to its verb", () => {
    // "nahm … ab" meets "abgenommen" as "abnehmen", and still "nehmen".
    const [verb] = termsOf("Wer nahm Newton den Ball ab?", "de");
    expect(termsOf("Wer nahm Newton den Ball ab?", "de")).toEqual(
      expect.arrayContaining([...termsOf("abgenommen", "de"), ...termsOf("nimmt", "de")]),
    );
    expect(verb).toBe(termsOf("nimmt", "de")[0]);
    // A clause ends at a conjunction: "ab" is not joined to "lief".
    expect(termsOf("Er nahm den Ball ab und lief.", "de")).toContain(termsOf("abgenommen", "de")[0]);
    expect(termsOf("Er lief weiter und nahm den Ball.", "de")).not.toContain(termsOf("abgenommen", "de")[0]);
  });

  it("joins a German verb in -ieren, its nouns in -ierung and -ation and the root's other words", () => {
    expect(termsOf("finanzierte", "de")).toEqual(termsOf("Finanzierung", "de"));
    expect(termsOf("Finanzierung", "de")).toEqual(termsOf("Finanzen", "de"));
    expect(termsOf("interessieren", "de")).toEqual(termsOf("Interesse", "de"));
    expect(termsOf("Demonstration", "de")).toEqual(termsOf("demonstrierte", "de"));
    // A root of three letters would meet unrelated words.
    expect(termsOf("regierte", "de")).not.toEqual(termsOf("Regen", "de"));
    expect(termsOf("Mutation", "de")).not.toEqual(termsOf("Mut", "de"));
    // A noun in -ieren is a plural, not a verb.
    expect(termsOf("die Barrieren", "de")).toEqual(termsOf("die Barriere", "de"));
    // Only the families of known -ieren verbs with roots of five letters or more, not stemmed again.
    expect(termsOf("Raumstation", "de")).toEqual(["raumstation"]);
    expect(termsOf("Markierung", "de")).not.toEqual(termsOf("Mark", "de"));
    expect(termsOf("Generation", "de")).not.toEqual(termsOf("Gen", "de"));
    // Its noun in -ie too: "Garantie", "garantierte".
    expect(termsOf("Garantie", "de")).toEqual(termsOf("garantierte", "de"));
  });

  it("keeps number words as the term of their number, the same in German, English and digits", () => {
    expect(termsOf("zum zweiten Mal", "de")).toEqual(termsOf("second Mal", "de"));
    expect(termsOf("drei Treffen", "de")).toEqual(termsOf("3 Treffen", "de"));
    expect(termsOf("three meetings", "en")).toEqual(termsOf("drei meetings", "en"));
    expect(termsOf("zwei", "de")).not.toEqual(termsOf("zweite", "de"));
    expect(termsOf("die neuen Partner", "de")).not.toEqual(termsOf("die neun Partner", "de"));
  });
});
