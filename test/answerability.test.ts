import { describe, expect, it } from "vitest";
import type { Collected, Example, Source } from "../scripts/answerability/data.ts";
import { fitGate, gateFigures, lowestBar } from "../scripts/answerability/fit.ts";
import { parseArticle } from "../src/index.ts";
import { measureAnswerability } from "../src/search/answerability.ts";
import { buildQuery } from "../src/search/query.ts";
import { rankPassages } from "../src/search/rank.ts";
import { buildSearchIndex } from "../src/search/search-index.ts";

const storm = parseArticle(
  "---\nlanguage: en\n---\n# Storm on the coast\n\n" +
    "A storm closed the harbour of Kiel for two days. The ferry to Oslo was cancelled, and the fishermen stayed ashore.\n\n" +
    "The city council met on Friday and promised money to repair the damaged piers.\n",
  "storm.md",
);
const index = buildSearchIndex([storm]);
const english = index.byLanguage.get("en");
if (!english) throw new Error("The storm article is English");
const ferryParagraph = english.paragraphs.findIndex((paragraph) => paragraph.text.includes("ferry"));

/** The gate's measure of the ferry paragraph for a question, at a fixed passage score. */
const measure = (question: string) =>
  measureAnswerability(english, buildQuery(english, question), { paragraphId: ferryParagraph, score: 0.5 });

describe("answerability gate", () => {
  it("refuses a question that shares one name with the article but asks about something it does not hold", () => {
    const question = "Who won the Oslo marathon?";
    // Without the gate, the name alone reaches the relevance threshold.
    expect(rankPassages(index, question, { gate: false })).not.toEqual([]);
    expect(rankPassages(index, question)).toEqual([]);
  });

  it("answers a paraphrased question that names what the paragraph holds", () => {
    expect(rankPassages(index, "Why was the Oslo ferry not running?")[0]?.sentence).toContain(
      "ferry to Oslo",
    );
  });

  it("counts words the paragraph holds, not typo guesses", () => {
    // "Olso" and "fery" find the paragraph only as typos of "Oslo" and "ferry": they rank it, but name nothing.
    expect(rankPassages(index, "Why was the Olso fery cancelled?", { gate: false })[0]?.sentence).toContain(
      "ferry to Oslo",
    );
    const typos = measure("Why was the Olso fery cancelled?").mass;
    expect(typos).toBeCloseTo(measure("Why was it cancelled?").mass, 6);
    expect(typos).toBeLessThan(measure("Why was the Oslo ferry cancelled?").mass);
  });

  it("notes when two question terms stand side by side in one of the paragraph's sentences", () => {
    expect(measure("Oslo ferry").phrase).toBe(true);
    expect(measure("Kiel fishermen").phrase).toBe(false);
  });

  it("counts one compound standing for two question terms as terms side by side", () => {
    const park = parseArticle(
      "Park\n\nDas Sommertheater im Park spielte bis 1940. Danach wurde das Gelände ein Garten.\n",
      "park.txt",
    );
    const german = buildSearchIndex([park]).byLanguage.get("de");
    if (!german) throw new Error("The park article is German");
    const phrase = (question: string) =>
      measureAnswerability(german, buildQuery(german, question), { paragraphId: 0, score: 0.5 }).phrase;
    expect(phrase("Where was the Summer Theatre?")).toBe(true);
    expect(phrase("Park Garten")).toBe(false);
  });
});

/** An example for the fit with a passage score alone (no matched specificity, no phrase) unless given. */
const example = (source: Source, score: number, mass = 0, phrase = false): Example => ({
  features: { score, mass, phrase },
  source,
  question: "",
});

describe("fitting the answerability gate", () => {
  // 100 off-topic questions asked; the ranking answered five of them, scoring 0.3 to 0.7.
  const offTopic = [0.3, 0.4, 0.5, 0.6, 0.7].map((score) => example("off-topic de", score));
  const data = (answers: Example[]): Collected => ({
    examples: [...offTopic, ...answers],
    asked: new Map([["off-topic de", 100]]),
  });

  it("sets the bar just above the highest question it must refuse, in steps of 0.01", () => {
    const weights = { massWeight: 0, phraseBonus: 0 };
    // 97% of 100: three may be answered, so 0.4 is the highest to refuse.
    expect(lowestBar(data([]), weights, [{ source: "off-topic de", share: 0.97 }])).toBe(0.41);
    expect(lowestBar(data([]), weights, [{ source: "off-topic de", share: 1 }])).toBe(0.71);
    expect(gateFigures(data([]), { ...weights, bar: 0.41 }).refused.get("off-topic de")).toBeCloseTo(0.97, 9);
  });

  it("prefers the weights that keep the most answers at the bar the requirements set", () => {
    // Answers with low scores but matched specificity: only a weight on the mass keeps them.
    const answers = [example("xquad", 0.35, 2), example("xquad", 0.3, 2), example("xquad", 0.9)];
    const fit = fitGate(data(answers), { massWeights: [0, 0.25], phraseBonuses: [0] }, [
      { source: "off-topic de", share: 1 },
    ]);
    expect(fit.constants).toEqual({ massWeight: 0.25, phraseBonus: 0, bar: 0.71 });
    expect(fit.kept).toBe(3);
  });

  it("keeps every answer to our own seed questions, even at the cost of more answers elsewhere", () => {
    // An off-topic question with matched specificity raises the bar when the mass is weighted (0.76): two XQuAD
    // answers pass it and the seed answer (no mass) does not; unweighted (bar 0.71), only the seed answer passes.
    const answers = [
      example("off-topic de", 0.5, 1),
      example("xquad", 0.35, 2),
      example("xquad", 0.3, 2),
      example("seed", 0.72),
    ];
    const fit = fitGate(data(answers), { massWeights: [0, 0.25], phraseBonuses: [0] }, [
      { source: "off-topic de", share: 1 },
    ]);
    expect(fit.constants).toEqual({ massWeight: 0, phraseBonus: 0, bar: 0.71 });
    expect(fit.kept).toBe(1);
  });
});

describe("parts of an unknown compound", () => {
  const garden = parseArticle(
    "Garten\n\nDer Ball lag lange im nassen Garten. Später nahm das Kind den Schlüssel in die Hand.\n\n" +
      "Das Kind fing den Ball mit der Hand und lachte.\n",
    "garden.txt",
  );
  const german = buildSearchIndex([garden]).byLanguage.get("de");
  if (!german) throw new Error("The garden article is German");
  const mass = (paragraphId: number) =>
    measureAnswerability(german, buildQuery(german, "Wer spielt Handball?"), { paragraphId, score: 0.5 })
      .mass;

  it("name the compound only where they stand together", () => {
    // "Handball" is not in the article: the question stands for "Hand" and "Ball".
    expect(
      buildQuery(german, "Wer spielt Handball?").filter((term) => term.compound !== undefined),
    ).toHaveLength(2);
    expect(mass(0)).toBe(0);
    expect(mass(1)).toBeGreaterThan(0.5);
  });
});
