import { analyze } from "./normalize.ts";
import { type QueryTerm, termsById } from "./query.ts";
import type { LanguageIndex } from "./search-index.ts";

/**
 * Whether the best passage answers the question at all, decided after ranking. The passage score measures the share
 * of the question a paragraph covers; an off-topic question ("Who is leading the Tour de France?") can reach a good
 * share through a few everyday words and typo guesses, while a real one names specific things its paragraph holds,
 * often side by side. So the decision adds to the score the specificity the paragraph holds word for word, and a
 * bonus when two of the question's terms stand next to each other in it. Constants chosen on the off-topic
 * development set and the XQuAD development half, and checked on a held-out off-topic set (`npm run eval`).
 */

/** How much each unit of matched specificity adds to the passage score. */
const MASS_WEIGHT = 0.25;
/**
 * Added when two different question terms are neighbouring words of one of the paragraph's sentences, or one
 * compound ("Summer Theatre" as "Sommertheater").
 */
const PHRASE_BONUS = 0.2;
/** The passage answers when its score plus the two above reaches this. */
export const ANSWERABLE = 0.74;
/**
 * The specificity a number of one or two digits counts with: the dictionary lists no numbers, so they would count as
 * the most specific words, yet small numbers stand in countless texts ("Formel 1", "zwei Jahre").
 */
const SHORT_NUMBER_SPECIFICITY = 0.5;
const SHORT_NUMBER = /^\d{1,2}$/;

/** What the gate measured for a passage; the value it compares with {@link ANSWERABLE}. */
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
  if (!paragraph) return { mass: 0, phrase: false, value: score };
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
    value: score + MASS_WEIGHT * mass + (phrase ? PHRASE_BONUS : 0),
  };
}

/** True when the best passage answers the question; see {@link measureAnswerability}. */
export function isAnswerable(index: LanguageIndex, query: QueryTerm[], best: RankedParagraph): boolean {
  return measureAnswerability(index, query, best).value >= ANSWERABLE;
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
