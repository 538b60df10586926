import { createIntList } from "./int-list.ts";
import type { QueryTerm } from "./query.ts";
import { scratchFor } from "./scratch.ts";
import type { LanguageIndex } from "./search-index.ts";
import { CONTEXT_WEIGHT } from "./sentence-choice.ts";
import {
  addExpansions,
  addSingleExpansion,
  averageParagraphLength,
  type Collection,
  saturation,
} from "./term-postings.ts";
import { addTitles, type TermsById, TITLE_TERMS, titleReach, titleWeights, withTitle } from "./title.ts";

/** Taken off the seeds' score and bounds, more than float rounding and the ranking's tie tolerance together. */
export const SEED_MARGIN = 1e-6;

/** The most a query term can add to a paragraph's cover: its weight times its best expansion's. */
export function termReach(term: QueryTerm): number {
  return term.weight * term.expansions.reduce((most, e) => Math.max(most, e.weight), 0);
}

/** One paragraph's saturated evidence and specificity from its own terms, as collectEvidence finds them. */
export function paragraphEvidence(
  index: LanguageIndex,
  query: QueryTerm[],
  byTerm: TermsById,
  paragraphId: number,
): { evidence: number; specificity: number } {
  const paragraph = index.paragraphs[paragraphId];
  const best = new Float64Array(query.length);
  const tf = new Float64Array(query.length);
  const title = new Float64Array(query.length);
  for (const id of paragraph?.headingTerms ?? []) {
    for (const { q, weight } of byTerm.get(id) ?? []) best[q] = Math.max(best[q] ?? 0, weight);
  }
  const first = paragraph?.firstSentence ?? 0;
  const from = index.sentenceTermStart[first] ?? 0;
  const to = index.sentenceTermStart[first + (paragraph?.sentenceCount ?? 0)] ?? from;
  for (let k = from; k < to; k++) {
    for (const { q, weight } of byTerm.get(index.sentenceTerms[k] ?? -1) ?? []) {
      best[q] = Math.max(best[q] ?? 0, weight);
      tf[q] = (tf[q] ?? 0) + weight;
    }
  }
  // The title counts as collectEvidence counts it.
  if (paragraph) titleWeights(index, paragraphId, byTerm, title);
  withTitle(best, title);
  const k = saturation(paragraph?.sentenceCount ?? 1, averageParagraphLength(index));
  let evidence = 0;
  let specificity = 0;
  query.forEach((term, q) => {
    const covered = term.weight * (best[q] ?? 0);
    evidence += (covered * (tf[q] ?? 0)) / ((tf[q] ?? 0) + k);
    specificity += term.specificity * (best[q] ?? 0);
  });
  return { evidence, specificity };
}

/** The candidate paragraphs of a question with what they could score at most and their saturated evidence. */
export interface Evidence {
  paragraphIds: Int32Array;
  /** Per candidate: the weight its best sentence can cover at most. */
  sentenceBound: Float64Array;
  /** Per candidate: the question weight it covers, saturated BM25-style by how often each term occurs. */
  evidence: Float64Array;
}

/**
 * Term at a time over the postings, into the index's work arrays, which are zeroed again before returning. Only
 * paragraphs whose cover can reach `needed` are collected (MaxScore): taking the terms from the one that can add
 * least, those whose sum, with what titles can add for the rest, stays below it cannot make a paragraph alone, so
 * only the other terms' postings bring candidates, and every term then adds to those. A paragraph's bound never
 * exceeds its cover over the total weight, so no paragraph left out could have ranked. A term's postings are ascending sentence ids, so a
 * paragraph's sentences come in one run: a term with one expansion (most) settles each paragraph as its run ends.
 */
export function collectEvidence(
  index: LanguageIndex,
  query: QueryTerm[],
  articleId: string | undefined,
  minSpecificity: number,
  needed: number,
): Evidence {
  const scratch = scratchFor(index);
  const { cover, specific, evidence, stamp, own, candidates } = scratch;
  let candidateCount = 0;
  const reach = query.map(termReach);
  // A paragraph no source term reaches holds at most the skipped terms' reach, plus what its title adds for the
  // other terms (past the first TITLE_TERMS, the title counts on top of what the paragraph holds).
  const titled = query.map((term) => titleReach(index, term));
  let reachable = titled.reduce((sum, r) => sum + r, 0);
  for (const q of query.map((_, q) => q).sort((a, b) => (reach[a] ?? 0) - (reach[b] ?? 0))) {
    reachable += (reach[q] ?? 0) - (q < TITLE_TERMS ? (titled[q] ?? 0) : 0);
    if (reachable < needed * (1 - SEED_MARGIN)) continue;
    for (const { id } of query[q]?.expansions ?? []) {
      const { values, length } = index.postings[id] ?? createIntList();
      for (let i = 0; i < length; i++) {
        const paragraphId = index.sentenceParagraph[values[i] ?? 0] ?? 0;
        if (stamp[paragraphId] !== 0) continue;
        stamp[paragraphId] = -1;
        candidates[candidateCount++] = paragraphId;
      }
      for (const paragraphId of index.headingPostings[id] ?? []) {
        if (stamp[paragraphId] !== 0) continue;
        stamp[paragraphId] = -1;
        candidates[candidateCount++] = paragraphId;
      }
    }
  }
  const collection: Collection = {
    index,
    scratch,
    averageLength: averageParagraphLength(index),
  };
  query.forEach((term, q) => {
    const mark = q + 1;
    const [only] = term.expansions;
    if (only && term.expansions.length === 1) addSingleExpansion(collection, term, only, mark);
    else addExpansions(collection, term, mark);
  });
  addTitles(index, scratch, query, candidateCount);
  const paragraphIds = new Int32Array(candidateCount);
  const sentenceBound = new Float64Array(candidateCount);
  const collected = new Float64Array(candidateCount);
  let count = 0;
  // One pass takes the qualifying paragraphs and zeroes the work arrays: every sentence a term reached belongs
  // to a candidate paragraph. A candidate whose cover stays below `needed` cannot be hopeful (its bound is at
  // most its cover over the total weight) and is left out; when thousands hold one common word, most are.
  const { paragraphStart, alive } = index;
  const enough = needed * (1 - SEED_MARGIN);
  for (let c = 0; c < candidateCount; c++) {
    const paragraphId = candidates[c] ?? 0;
    const first = paragraphStart[paragraphId] ?? 0;
    const end = paragraphStart[paragraphId + 1] ?? first;
    if (
      alive[paragraphId] === 1 &&
      (cover[paragraphId] ?? 0) >= enough &&
      (specific[paragraphId] ?? 0) >= minSpecificity &&
      (articleId === undefined || index.paragraphs[paragraphId]?.article.id === articleId)
    ) {
      let most = 0;
      for (let sentenceId = first; sentenceId < end; sentenceId++)
        most = Math.max(most, own[sentenceId] ?? 0);
      paragraphIds[count] = paragraphId;
      // A sentence scores at most what it holds plus CONTEXT_WEIGHT of the rest of its paragraph's cover.
      sentenceBound[count] = (1 - CONTEXT_WEIGHT) * most + CONTEXT_WEIGHT * (cover[paragraphId] ?? 0);
      collected[count] = evidence[paragraphId] ?? 0;
      count++;
    }
    cover[paragraphId] = 0;
    specific[paragraphId] = 0;
    evidence[paragraphId] = 0;
    stamp[paragraphId] = 0;
    scratch.reached[paragraphId] = 0;
    for (let sentenceId = first; sentenceId < end; sentenceId++) {
      own[sentenceId] = 0;
      scratch.sentenceStamp[sentenceId] = 0;
    }
  }
  return {
    paragraphIds: paragraphIds.subarray(0, count),
    sentenceBound: sentenceBound.subarray(0, count),
    evidence: collected.subarray(0, count),
  };
}
