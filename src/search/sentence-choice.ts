import { referenceOf } from "./anaphora.ts";
import { type QueryTerm, termsById } from "./query.ts";
import {
  type AnswerType,
  answerTypeOf,
  asksAge,
  holdsAge,
  holdsAnswerType,
  holdsNumberNear,
} from "./question.ts";
import type { LanguageIndex } from "./search-index.ts";
import { titleWeights, withTitle } from "./title.ts";

/** How much a question term counts when it appears in the sentence's paragraph or heading but not in the sentence. */
export const CONTEXT_WEIGHT = 0.3;
/** Added to a sentence's coverage, only to choose it within its paragraph, when it holds the asked answer type. */
const ANSWER_TYPE_BONUS = 0.2;
/**
 * To choose a sentence, a term found in k of its paragraph's sentences counts 1 / k^LOCAL_RARITY of its weight: the
 * paragraph's topic, named in most of its sentences, cannot tell them apart; the rarer words of the question can.
 */
const LOCAL_RARITY = 0.5;
/** How much a sentence that refers back counts the terms of the sentence before it, to choose it. */
const ANAPHOR_WEIGHT = 0.6;
/**
 * The same for a sentence whose personal pronoun stands for the sentence before ("Sie wurde im April 1991
 * wiederhergestellt" after "Die erste Warschauer Börse wurde 1817 gegründet"), unless that sentence holds the asked
 * answer type itself, or the pronoun's sentence names none of the question's words: then the sentence before may
 * well be the answer, and the pronoun's sentence only goes on. Chosen on dev data (0.6 to 1.0 tried).
 */
const PERSONAL_WEIGHT = 0.8;

/**
 * Chooses a paragraph's best sentence: the share of the question's weight it covers, terms found only elsewhere in
 * the paragraph or its heading counting {@link CONTEXT_WEIGHT}; a sentence holding the asked answer type is
 * preferred among close ones.
 */
export function createSentenceChooser(
  index: LanguageIndex,
  query: QueryTerm[],
  totalWeight: number,
  question: string,
) {
  const byTerm = termsById(query);
  const answerType: AnswerType | undefined = answerTypeOf(question, index.language);
  const terms = query.length;
  // Work arrays for one paragraph at a time, grown to the longest paragraph seen and cleared for each.
  let own = new Float64Array(0);
  let coverages = new Float64Array(0);
  const inParagraph = new Float64Array(terms);
  const local = new Float64Array(terms);
  const title = new Float64Array(terms);
  return (paragraphId: number): { sentenceId: number; coverage: number } => {
    const paragraph = index.paragraphs[paragraphId];
    if (!paragraph) return { sentenceId: 0, coverage: 0 };
    if (own.length < terms * paragraph.sentenceCount) own = new Float64Array(terms * paragraph.sentenceCount);
    else own.fill(0, 0, terms * paragraph.sentenceCount);
    if (coverages.length < paragraph.sentenceCount) coverages = new Float64Array(paragraph.sentenceCount);
    inParagraph.fill(0);
    const note = (ids: ArrayLike<number>, from: number, to: number, offset: number | null) => {
      for (let k = from; k < to; k++) {
        for (const { q, weight } of byTerm.get(ids[k] ?? -1) ?? []) {
          if (offset !== null && weight > (own[offset + q] ?? 0)) own[offset + q] = weight;
          if (weight > (inParagraph[q] ?? 0)) inParagraph[q] = weight;
        }
      }
    };
    note(paragraph.headingTerms, 0, paragraph.headingTerms.length, null);
    for (let i = 0; i < paragraph.sentenceCount; i++) {
      const sentenceId = paragraph.firstSentence + i;
      const from = index.sentenceTermStart[sentenceId] ?? 0;
      note(index.sentenceTerms, from, index.sentenceTermStart[sentenceId + 1] ?? from, i * terms);
    }
    // The article's title counts as context for a term the paragraph does not hold itself, as the evidence counts it.
    titleWeights(index, paragraphId, byTerm, title);
    withTitle(inParagraph, title);
    // The score takes the best sentence's own coverage; the choice also lets a sentence that refers back ("Sie
    // wurde 1991 wiederhergestellt") borrow, at ANAPHOR_WEIGHT, the terms of the sentence it refers to.
    let bestCoverage = 0;
    let bestChoice = 0;
    let chosen = 0;
    let localTotal = 0;
    for (let q = 0; q < terms; q++) {
      let df = 0;
      for (let i = 0; i < paragraph.sentenceCount; i++) if ((own[i * terms + q] ?? 0) > 0) df++;
      local[q] = (query[q]?.weight ?? 0) * (df <= 1 ? 1 : (1 / df) ** LOCAL_RARITY);
      localTotal += local[q] ?? 0;
    }
    const holds =
      answerType === undefined ? () => false : holdsOf(index, paragraphId, answerType, question, byTerm);
    for (let i = 0; i < paragraph.sentenceCount; i++) {
      const sentenceId = paragraph.firstSentence + i;
      const reference =
        i > 0
          ? referenceOf(index.sentences[sentenceId] ?? "", index.language, (term) =>
              sentenceHas(index, sentenceId - 1, term),
            )
          : undefined;
      const anaphorWeight =
        reference === "personal" && !holds(i - 1) && namesAny(own, i, terms)
          ? PERSONAL_WEIGHT
          : ANAPHOR_WEIGHT;
      let covered = 0;
      let borrowed = 0;
      for (let q = 0; q < terms; q++) {
        const context = CONTEXT_WEIGHT * (inParagraph[q] ?? 0);
        const weight = query[q]?.weight ?? 0;
        const mine = Math.max(own[i * terms + q] ?? 0, context);
        covered += weight * mine;
        borrowed +=
          (local[q] ?? 0) *
          (reference ? Math.max(mine, anaphorWeight * (own[(i - 1) * terms + q] ?? 0)) : mine);
      }
      const choice = borrowed / localTotal;
      coverages[i] = choice;
      bestCoverage = Math.max(bestCoverage, covered / totalWeight);
      if (choice > bestChoice) {
        bestChoice = choice;
        chosen = i;
      }
    }
    if (answerType !== undefined) {
      // Only sentences close enough to the best can win by holding the answer type; only they are checked.
      let chosenValue = -1;
      for (let i = 0; i < paragraph.sentenceCount; i++) {
        const coverage = coverages[i] ?? 0;
        if (coverage + ANSWER_TYPE_BONUS <= bestChoice || coverage + ANSWER_TYPE_BONUS <= chosenValue)
          continue;
        const value = coverage + (holds(i) ? ANSWER_TYPE_BONUS : 0);
        if (value > chosenValue) {
          chosenValue = value;
          chosen = i;
        }
      }
    }
    return { sentenceId: paragraph.firstSentence + chosen, coverage: bestCoverage };
  };
}

/**
 * Tells whether the i-th sentence of a paragraph holds the asked answer type, each checked once when first asked.
 * For a number, a sentence that holds one near a word of the question ({@link holdsNumberNear}) is preferred: when
 * any sentence of the paragraph does, only those count.
 */
function holdsOf(
  index: LanguageIndex,
  paragraphId: number,
  type: AnswerType,
  question: string,
  byTerm: Map<number, unknown>,
): (i: number) => boolean {
  const paragraph = index.paragraphs[paragraphId];
  const first = paragraph?.firstSentence ?? 0;
  const count = paragraph?.sentenceCount ?? 0;
  const sentence = (i: number) => index.sentences[first + i] ?? "";
  if (type === "number" && asksAge(question)) {
    // An age ("mit 39 Jahren") answers "wie alt"; when no sentence states one, any number may.
    const ages = Array.from({ length: count }, (_, i) => holdsAge(sentence(i)));
    if (ages.some(Boolean)) return (i) => ages[i] ?? false;
  }
  if (type === "number") {
    const asked = (term: string) => byTerm.has(index.termIds.get(term) ?? -1);
    const near = Array.from({ length: count }, (_, i) =>
      holdsNumberNear(sentence(i), question, index.language, asked),
    );
    if (near.some(Boolean)) return (i) => near[i] ?? false;
  }
  const known: (boolean | undefined)[] = [];
  return (i) => {
    known[i] ??= holdsAnswerType(sentence(i), type, question, index.language);
    return known[i] ?? false;
  };
}

/** True when the i-th sentence of the paragraph holds any of the question's terms itself. */
function namesAny(own: Float64Array, i: number, terms: number): boolean {
  for (let q = 0; q < terms; q++) if ((own[i * terms + q] ?? 0) > 0) return true;
  return false;
}

/** True when a sentence of the index holds a term. */
function sentenceHas(index: LanguageIndex, sentenceId: number, term: string): boolean {
  const id = index.termIds.get(term);
  if (id === undefined) return false;
  const from = index.sentenceTermStart[sentenceId] ?? 0;
  const to = index.sentenceTermStart[sentenceId + 1] ?? from;
  for (let k = from; k < to; k++) if (index.sentenceTerms[k] === id) return true;
  return false;
}
