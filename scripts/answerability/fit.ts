import { answerabilityValue, type GateConstants } from "../../src/search/answerability.ts";
import { type Collected, type Example, isAnswer, type Source } from "./data.ts";

/** The sources of questions to refuse. */
export const REFUSAL_SOURCES: Source[] = [
  "off-topic seed",
  "off-topic de",
  "off-topic en",
  "other-archive",
  "cross-article",
];

/** A share of one source's questions the gate must refuse, counting those the ranking refuses before it. */
export interface Requirement {
  source: string;
  share: number;
}

/** What a choice of constants gives on the examples. */
export interface GateFigures {
  constants: GateConstants;
  /** Answers the gate keeps, of all answer examples. */
  kept: number;
  /** Per refusal source: the share of the questions asked that end refused. */
  refused: Map<string, number>;
}

/** The figures of one choice of constants. */
export function gateFigures(data: Collected, constants: GateConstants): GateFigures {
  const answered = new Map<string, number>();
  let kept = 0;
  for (const example of data.examples) {
    if (answerabilityValue(example.features, constants) < constants.bar) continue;
    if (isAnswer(example.source)) kept++;
    else answered.set(example.source, (answered.get(example.source) ?? 0) + 1);
  }
  const refused = new Map<string, number>();
  for (const source of REFUSAL_SOURCES) {
    const asked = data.asked.get(source) ?? 0;
    refused.set(source, asked === 0 ? 1 : 1 - (answered.get(source) ?? 0) / asked);
  }
  return { constants, kept, refused };
}

/** The lowest bar, in steps of 0.01, at which the weights meet every requirement. */
export function lowestBar(
  data: Collected,
  weights: Omit<GateConstants, "bar">,
  requirements: Requirement[],
): number {
  let bar = 0;
  for (const { source, share } of requirements) {
    const asked = data.asked.get(source) ?? 0;
    // At most this many of the source's questions may be answered.
    const allowed = asked - Math.ceil(share * asked - 1e-9);
    const values = data.examples
      .filter((example: Example) => example.source === source)
      .map((example) => answerabilityValue(example.features, weights))
      .sort((a, b) => b - a);
    const highestRefused = values[allowed];
    // The smallest multiple of 0.01 above it (integers, so that 0.74 stays 0.74).
    if (highestRefused !== undefined)
      bar = Math.max(bar, (Math.floor(highestRefused * 100 + 1e-9) + 1) / 100);
  }
  return bar;
}

/** True when the constants keep every answer to our own seed questions, which `test/eval.test.ts` requires. */
function keepsSeedAnswers(data: Collected, constants: GateConstants): boolean {
  return data.examples.every(
    (example) =>
      example.source !== "seed" || answerabilityValue(example.features, constants) >= constants.bar,
  );
}

/**
 * Fits the gate: for each pair of weights on the grid, the lowest bar that meets the requirements; of those that
 * keep every seed answer, the one keeping the most answers, then refusing the most cross-article questions, then
 * the first on the grid.
 */
export function fitGate(
  data: Collected,
  grid: { massWeights: number[]; phraseBonuses: number[] },
  requirements: Requirement[],
): GateFigures {
  let best: GateFigures | null = null;
  for (const massWeight of grid.massWeights) {
    for (const phraseBonus of grid.phraseBonuses) {
      const weights = { massWeight, phraseBonus };
      const constants = { ...weights, bar: lowestBar(data, weights, requirements) };
      if (!keepsSeedAnswers(data, constants)) continue;
      const figures = gateFigures(data, constants);
      const cross = (f: GateFigures) => f.refused.get("cross-article") ?? 0;
      if (!best || figures.kept > best.kept || (figures.kept === best.kept && cross(figures) > cross(best)))
        best = figures;
    }
  }
  if (!best) throw new Error("No constants on the grid keep every seed answer");
  return best;
}
