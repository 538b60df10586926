import { describe, expect, it } from "vitest";
import { toTerm } from "../src/search/normalize.ts";
import {
  answerTypeOf,
  asksAge,
  holdsAge,
  holdsAnswerType,
  holdsNumberNear,
  isGenericTerm,
  withoutAnswerCue,
} from "../src/search/question.ts";

describe("answer types", () => {
  it("asks for a number when the question asks how many, how old or how long", () => {
    expect(answerTypeOf("Wie alt war Manning?")).toBe("number");
    expect(answerTypeOf("How long did the strike last?")).toBe("number");
    expect(answerTypeOf("Wie viele Treffen gab es?")).toBe("number");
    expect(answerTypeOf("Wie groß ist Victoria?")).toBe("number");
    expect(answerTypeOf("In wie vielen Ländern liegt der Regenwald?")).toBe("number");
    expect(answerTypeOf("Wie großartig war das Konzert?")).toBeUndefined();
  });

  it("does not take a number word written with a capital within a sentence for a number: it is part of a name", () => {
    const question = "How many people moved?";
    expect(holdsAnswerType("They moved to Thousand Oaks.", "number", question, "en")).toBe(false);
    expect(holdsAnswerType("Two thousand people moved.", "number", question, "en")).toBe(true);
  });

  it("takes a German number word for a number whatever its capital: German capitalises every noun", () => {
    const question = "Wie viele Zuschauer sahen das Spiel?";
    expect(holdsAnswerType("Es sahen eine Million Zuschauer.", "number", question, "de")).toBe(true);
    expect(holdsAnswerType("Das Spiel sahen ein Dutzend Zuschauer.", "number", question, "de")).toBe(true);
    expect(holdsAnswerType("Sie zogen nach Thousand Oaks.", "number", question, "de")).toBe(false);
  });

  it("does not count a number the question itself names as its answer", () => {
    const question = "Wie viele Quadratmeilen waren von der Dürre 2010 betroffen?";
    expect(holdsAnswerType("Die Dürre von 2010 wies Epizentren auf.", "number", question)).toBe(false);
    expect(holdsAnswerType("Betroffen waren 1.160.000 Quadratmeilen.", "number", question)).toBe(true);
    expect(holdsAnswerType("Es waren die zwei Epizentren.", "number", "Wo lagen die zwei Epizentren?")).toBe(
      false,
    );
  });
});

describe("ages", () => {
  it("asks for an age when asked how old, and takes a number of years for one, not any number", () => {
    expect(asksAge("Wie alt war Manning?")).toBe(true);
    expect(asksAge("How old are the fossils?")).toBe(true);
    expect(asksAge("Wie viele Teams gab es?")).toBe(false);
    expect(holdsAge("Mit 39 Jahren ist er der älteste Quarterback.")).toBe(true);
    expect(holdsAge("Fossilien von vor 515 Millionen Jahren.")).toBe(true);
    expect(holdsAge("He retired aged 38.")).toBe(true);
    expect(holdsAge("Er führte zwei Teams zu 4 Super Bowls.")).toBe(false);
  });
});

describe("numbers near the question's words", () => {
  const question = "How many tackles did Kuechly register?";
  const asked = (term: string) => term === toTerm("tackles", "en") || term === toTerm("Kuechly", "en");
  it("takes a number a few words from a word of the question, not one far from all of them", () => {
    const near =
      "Davis compiled five sacks, while Kuechly led the team in tackles (118) and intercepted passes.";
    expect(holdsNumberNear(near, question, "en", asked)).toBe(true);
    const far =
      "Kuechly, who was drafted by the Panthers after an outstanding college career, once caught 4 passes.";
    expect(holdsNumberNear(far, question, "en", asked)).toBe(false);
  });
});

describe("answer cues", () => {
  it("counts decades as times, but not a year the question names", () => {
    const question = "When did Polonia win the championship before 2000?";
    expect(holdsAnswerType("They won the championship in 2000.", "time", question)).toBe(false);
    expect(holdsAnswerType("They also won it in the 1940s.", "time", question)).toBe(true);
    expect(holdsAnswerType("Seit den 90er Jahren wächst das Interesse.", "time", "Seit wann?")).toBe(true);
  });

  it("leaves out the words that ask for the answer type, and only those", () => {
    expect(withoutAnswerCue("In welchem Jahr starb Tesla?")).not.toContain("Jahr");
    expect(withoutAnswerCue("How old was Manning?")).not.toContain("old");
    expect(withoutAnswerCue("Wie viele Menschen starben?")).toContain("Menschen");
  });
});

describe("names", () => {
  it("asks for a name when an English text is asked 'which' or 'what' and a noun, not 'what' and a verb", () => {
    expect(answerTypeOf("What Western country still allows it?", "en")).toBe("name");
    expect(answerTypeOf("In which year did it open?", "en")).toBe("time");
    expect(answerTypeOf("What did Tesla do?", "en")).toBeUndefined();
    expect(answerTypeOf("What happened in 1990?", "en")).toBeUndefined();
    expect(answerTypeOf("What caused the fire?", "en")).toBeUndefined();
    expect(answerTypeOf("What made it famous?", "en")).toBeUndefined();
    // German writes every noun with a capital: capitals tell no names in German text, a kind of the noun instead.
    expect(answerTypeOf("Welche Partei regiert dort?", "de")).toBe("kind");
  });

  it("takes a compound headed by the asked noun, or the noun before a name, for a kind of it", () => {
    const question = "Welche Partei regiert dort?";
    expect(holdsAnswerType("Dort regiert die Arbeiterpartei.", "kind", question, "de")).toBe(true);
    expect(holdsAnswerType("Die Mitte-Links-Partei regiert.", "kind", question, "de")).toBe(true);
    expect(holdsAnswerType("Dort regiert die Partei Labour.", "kind", question, "de")).toBe(true);
    expect(holdsAnswerType("Die Partei regiert dort seit 2014.", "kind", question, "de")).toBe(false);
    expect(holdsAnswerType("Die Parteitage sind im Mai.", "kind", question, "de")).toBe(false);
  });

  it("takes one capitalised word within an English sentence for a name, not within a German one", () => {
    const question = "Who stripped the ball?";
    expect(holdsAnswerType("On the next play, Miller stripped the ball.", "person", question, "en")).toBe(
      true,
    );
    expect(holdsAnswerType("On the next play, the ball was lost.", "person", question, "en")).toBe(false);
    expect(holdsAnswerType("Beim nächsten Zug ging der Ball verloren.", "person", "Wer?", "de")).toBe(false);
  });
});

describe("generic words", () => {
  it("knows German nouns whose lower-case form is a stopword, and the verbs that ask for a name", () => {
    expect(isGenericTerm(toTerm("Teil", "de") ?? "", "de")).toBe(true);
    expect(isGenericTerm(toTerm("lautet", "de") ?? "", "de")).toBe(true);
    expect(isGenericTerm(toTerm("Nationalhymne", "de") ?? "", "de")).toBe(false);
  });
});
