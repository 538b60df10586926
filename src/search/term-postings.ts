import { createIntList } from "./int-list.ts";
import type { QueryTerm } from "./query.ts";
import type { Scratch } from "./scratch.ts";
import type { LanguageIndex } from "./search-index.ts";
import { TITLE_TERMS } from "./title.ts";

// Term at a time over the postings of the candidates collectEvidence lists: what each query term adds to their
// cover, specificity and saturated evidence, and to their sentences' own cover.

/** BM25-like saturation: a term found in k sentences of a paragraph counts k / (k + SATURATION). */
const SATURATION = 0.3;
/** How much a paragraph's length (in sentences) raises its saturation constant, as BM25's b. */
const LENGTH_NORMALIZATION = 0;

/** The BM25-like saturation constant of a paragraph of `length` sentences. */
export function saturation(length: number, averageLength: number): number {
  return SATURATION * (1 - LENGTH_NORMALIZATION + (LENGTH_NORMALIZATION * length) / averageLength);
}

/** Sentences per paragraph over the index, as the saturation compares a paragraph's length with it. */
export function averageParagraphLength(index: LanguageIndex): number {
  return (index.sentences.length || 1) / (index.paragraphs.length || 1);
}

/** What one search collects into; the functions below take it rather than a closure, so V8 can inline them. */
export interface Collection {
  index: LanguageIndex;
  scratch: Scratch;
  averageLength: number;
}

/** Adds what one term found in a paragraph: its best expansion weight there and its weighted count. */
function settle(
  collection: Collection,
  term: QueryTerm,
  paragraphId: number,
  best: number,
  tf: number,
  mark: number,
): void {
  const { cover, specific, evidence, reached } = collection.scratch;
  if (mark <= TITLE_TERMS) reached[paragraphId] = (reached[paragraphId] ?? 0) | (1 << (mark - 1));
  // Without length normalization every paragraph saturates alike, and its length need not be looked up.
  const k =
    LENGTH_NORMALIZATION === 0
      ? SATURATION
      : saturation(collection.index.paragraphs[paragraphId]?.sentenceCount ?? 1, collection.averageLength);
  const covered = term.weight * best;
  cover[paragraphId] = (cover[paragraphId] ?? 0) + covered;
  specific[paragraphId] = (specific[paragraphId] ?? 0) + term.specificity * best;
  evidence[paragraphId] = (evidence[paragraphId] ?? 0) + (covered * tf) / (tf + k);
}

/**
 * One expansion: every posting has the same weight, and each paragraph is one run of its postings. Only
 * candidates (a non-zero stamp) are settled.
 */
export function addSingleExpansion(
  collection: Collection,
  term: QueryTerm,
  expansion: { id: number; weight: number },
  mark: number,
): void {
  const { index, scratch } = collection;
  const { stamp, own } = scratch;
  const { weight } = expansion;
  const gained = term.weight * weight;
  const postings = index.postings[expansion.id] ?? createIntList();
  const sentenceParagraph = index.sentenceParagraph;
  let run = -1;
  let tf = 0;
  const { values, length } = postings;
  for (let i = 0; i < length; i++) {
    const sentenceId = values[i] ?? 0;
    const paragraphId = sentenceParagraph[sentenceId] ?? 0;
    if (stamp[paragraphId] === 0) continue;
    own[sentenceId] = (own[sentenceId] ?? 0) + gained;
    if (paragraphId !== run) {
      if (run >= 0) settle(collection, term, run, weight, tf, mark);
      stamp[paragraphId] = mark;
      run = paragraphId;
      tf = 0;
    }
    tf += weight;
  }
  if (run >= 0) settle(collection, term, run, weight, tf, mark);
  for (const paragraphId of index.headingPostings[expansion.id] ?? []) {
    if (stamp[paragraphId] === 0 || stamp[paragraphId] === mark) continue;
    stamp[paragraphId] = mark;
    settle(collection, term, paragraphId, weight, 0, mark);
  }
}

/** Several expansions: a sentence or paragraph counts the best weight among those it holds. Candidates only. */
export function addExpansions(collection: Collection, term: QueryTerm, mark: number): void {
  const { index, scratch } = collection;
  const { best, frequency, own, sentenceBest, sentenceStamp, touched, touchedSentences } = scratch;
  const sentenceParagraph = index.sentenceParagraph;
  let touchedCount = 0;
  let sentenceCount = 0;
  for (const { id, weight } of term.expansions) {
    const { values, length } = index.postings[id] ?? createIntList();
    for (let i = 0; i < length; i++) {
      const sentenceId = values[i] ?? 0;
      const paragraphId = sentenceParagraph[sentenceId] ?? 0;
      const reached = reachParagraph(scratch, paragraphId, weight, mark, touchedCount);
      if (reached < 0) continue;
      touchedCount = reached;
      frequency[paragraphId] = (frequency[paragraphId] ?? 0) + weight;
      if (sentenceStamp[sentenceId] !== mark) {
        sentenceStamp[sentenceId] = mark;
        sentenceBest[sentenceId] = 0;
        touchedSentences[sentenceCount++] = sentenceId;
      }
      if (weight > (sentenceBest[sentenceId] ?? 0)) sentenceBest[sentenceId] = weight;
    }
    // A heading raises the paragraph's best weight but is no sentence to count.
    for (const paragraphId of index.headingPostings[id] ?? []) {
      touchedCount = Math.max(touchedCount, reachParagraph(scratch, paragraphId, weight, mark, touchedCount));
    }
  }
  for (let t = 0; t < sentenceCount; t++) {
    const sentenceId = touchedSentences[t] ?? 0;
    own[sentenceId] = (own[sentenceId] ?? 0) + term.weight * (sentenceBest[sentenceId] ?? 0);
  }
  for (let t = 0; t < touchedCount; t++) {
    const paragraphId = touched[t] ?? 0;
    settle(collection, term, paragraphId, best[paragraphId] ?? 0, frequency[paragraphId] ?? 0, mark);
  }
}

/**
 * Notes that a term's expansion of `weight` reaches a candidate paragraph: the first time for this term (`mark`)
 * it clears the paragraph's best weight and count and lists it in `scratch.touched`. Returns how many are listed
 * then, or -1 for a non-candidate.
 */
function reachParagraph(
  scratch: Scratch,
  paragraphId: number,
  weight: number,
  mark: number,
  touchedCount: number,
): number {
  const { stamp, best, frequency } = scratch;
  const seen = stamp[paragraphId] ?? 0;
  if (seen === 0) return -1;
  let count = touchedCount;
  if (seen !== mark) {
    stamp[paragraphId] = mark;
    best[paragraphId] = 0;
    frequency[paragraphId] = 0;
    scratch.touched[count++] = paragraphId;
  }
  if (weight > (best[paragraphId] ?? 0)) best[paragraphId] = weight;
  return count;
}
