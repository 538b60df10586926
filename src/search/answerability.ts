import { analyze } from "./normalize.ts";
import { type QueryTerm, termsById } from "./query.ts";
import type { LanguageIndex } from "./search-index.ts";
import { titleIds } from "./title.ts";

/**
 * Whether the best passage answers the question at all, decided after ranking. The passage score measures the share
 * of the question a paragraph covers; an off-topic question ("Who is leading the Tour de France?") can reach a good
 * share through a few everyday words and typo guesses, while a real one names specific things its paragraph holds,
 * often side by side. So the decision adds to the score the specificity the paragraph holds word for word, and a
 * bonus when two of the question's terms stand next to each other in it.
 */

/** The gate's weights and bar: value = score + massWeight × mass + phraseBonus if phrase; answers from `bar`. */
export interface GateConstants {
  /** How much each unit of matched specificity adds to the passage score. */
  massWeight: number;
  /**
   * Added when two different question terms are neighbouring words of one of the paragraph's sentences, or one
   * compound ("Summer Theatre" as "Sommertheater").
   */
  phraseBonus: number;
  /** The passage answers when its value reaches this. */
  bar: number;
}

/**
 * Fit by `scripts/fit-answerability.ts` (a grid over the two weights, each with the lowest bar in steps of 0.01
 * that refuses 95% of the development off-topic questions on each archive and 97% of the XQuAD and seed questions
 * asked of the other archive; the most XQuAD development answers kept, then the most questions refused when asked
 * of the other XQuAD articles). Never fit on the held-out off-topic set. Rerun it after ranking changes.
 */
export const GATE: GateConstants = { massWeight: 0.25, phraseBonus: 0.3, bar: 0.74 };

/**
 * The specificity a number of one or two digits counts with: the dictionary lists no numbers, so they would count as
 * the most specific words, yet small numbers stand in countless texts ("Formel 1", "zwei Jahre").
 */
const SHORT_NUMBER_SPECIFICITY = 0.5;
const SHORT_NUMBER = /^\d{1,2}$/;

/** What the gate measured for a passage; the value it compares with the bar. */
export interface Answerability {
  /** Specificity of the question's terms the paragraph holds word for word (no typo guesses), each at most 1. */
  mass: number;
  /** Two question terms stand next to each other in one of the paragraph's sentences. */
  phrase: boolean;
  value: number;
}

/** The best passage of a ranking: its paragraph and its score. */
export interface RankedParagraph {
  paragraphId: number;
  score: number;
}

/** Measures how well the best ranked paragraph answers the question behind `query`. */
export function measureAnswerability(
  index: LanguageIndex,
  query: QueryTerm[],
  { paragraphId, score }: RankedParagraph,
): Answerability {
  const paragraph = index.paragraphs[paragraphId];
  if (!paragraph)
    return { mass: 0, phrase: false, value: answerabilityValue({ score, mass: 0, phrase: false }) };
  // Typo guesses do not name anything.
  const byId = termsById(query, true);
  const held = new Float64Array(query.length);
  const shortNumber = new Uint8Array(query.length);
  /** Notes the question terms a term id stands for, in the paragraph and in the current sentence. */
  const hold = (id: number, inSentence: Set<number> | null) => {
    for (const { q, weight } of byId.get(id) ?? []) {
      inSentence?.add(q);
      if (weight <= (held[q] ?? 0)) continue;
      held[q] = weight;
      shortNumber[q] = SHORT_NUMBER.test(index.terms[id] ?? "") ? 1 : 0;
    }
  };
  for (const id of paragraph.headingTerms) hold(id, null);
  // Unlike the ranking (withTitle), the gate takes the title as naming what the paragraph is about, as a heading:
  // counting it only where the paragraph lacks a term refuses more (XQuAD English on German 103 -> 104 refused).
  for (const id of titleIds(index, paragraphId)) hold(id, null);
  // Only sentences holding two question terms can hold them side by side.
  const pairs: number[] = [];
  const inSentence = new Set<number>();
  for (
    let sentenceId = paragraph.firstSentence;
    sentenceId < paragraph.firstSentence + paragraph.sentenceCount;
    sentenceId++
  ) {
    inSentence.clear();
    const to = index.sentenceTermStart[sentenceId + 1] ?? 0;
    for (let k = index.sentenceTermStart[sentenceId] ?? to; k < to; k++)
      hold(index.sentenceTerms[k] ?? -1, inSentence);
    if (inSentence.size >= 2) pairs.push(sentenceId);
  }
  // The parts of an unknown compound name it only together: apart, "Hand" and "Ball" are two everyday words.
  for (const q of partsApart(index, query, byId, pairs)) held[q] = 0;
  let mass = 0;
  query.forEach((term, q) => {
    const specificity = shortNumber[q]
      ? Math.min(term.specificity, SHORT_NUMBER_SPECIFICITY)
      : term.specificity;
    mass += specificity * (held[q] ?? 0);
  });
  const phrase = pairs.some((sentenceId) => holdsPhrase(index, byId, sentenceId));
  return {
    mass,
    phrase,
    value: answerabilityValue({ score, mass, phrase }),
  };
}

/** The value the gate compares with the bar, from the passage score and what {@link measureAnswerability} found. */
export function answerabilityValue(
  { score, mass, phrase }: { score: number; mass: number; phrase: boolean },
  { massWeight, phraseBonus }: Omit<GateConstants, "bar"> = GATE,
): number {
  return score + massWeight * mass + (phrase ? phraseBonus : 0);
}

/** True when the best passage answers the question; see {@link measureAnswerability}. */
export function isAnswerable(index: LanguageIndex, query: QueryTerm[], best: RankedParagraph): boolean {
  return measureAnswerability(index, query, best).value >= GATE.bar;
}

/** The question terms that are parts of an unknown compound and stand apart in every sentence of `sentenceIds`. */
function partsApart(
  index: LanguageIndex,
  query: QueryTerm[],
  byId: Map<number, { q: number }[]>,
  sentenceIds: number[],
): number[] {
  const groups = new Map<number, number[]>();
  query.forEach(({ compound }, q) => {
    if (compound !== undefined) groups.set(compound, [...(groups.get(compound) ?? []), q]);
  });
  const apart: number[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const only = new Map<number, { q: number }[]>();
    for (const [id, list] of byId) {
      const kept = list.filter(({ q }) => members.includes(q));
      if (kept.length > 0) only.set(id, kept);
    }
    if (!sentenceIds.some((sentenceId) => holdsPhrase(index, only, sentenceId))) apart.push(...members);
  }
  return apart;
}

/** Whether one word, or two neighbouring ones (stopwords aside), of a sentence stand for two question terms. */
function holdsPhrase(index: LanguageIndex, byId: Map<number, { q: number }[]>, sentenceId: number): boolean {
  let previous = new Set<number>();
  for (const { terms } of analyze(index.sentences[sentenceId] ?? "", index.language)) {
    const current = new Set<number>();
    for (const term of terms) {
      const id = index.termIds.get(term);
      for (const { q } of id === undefined ? [] : (byId.get(id) ?? [])) current.add(q);
    }
    if (current.size >= 2) return true;
    for (const q of current) {
      for (const p of previous) if (p !== q) return true;
    }
    previous = current;
  }
  return false;
}
