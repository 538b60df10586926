import { createIntList } from "./int-list.ts";
import { type QueryTerm, termsById } from "./query.ts";
import type { LanguageIndex } from "./search-index.ts";
import { CONTEXT_WEIGHT } from "./sentence-choice.ts";
import { type TermsById, titleCounts, titleWeights, withTitle } from "./title.ts";

/** BM25-like saturation: a term found in k sentences of a paragraph counts k / (k + SATURATION). */
const SATURATION = 0.3;
/** How much a paragraph's length (in sentences) raises its saturation constant, as BM25's b. */
const LENGTH_NORMALIZATION = 0;
/** Taken off the seeds' score and bounds, more than float rounding and the ranking's tie tolerance together. */
export const SEED_MARGIN = 1e-6;

/** The BM25-like saturation constant of a paragraph of `length` sentences. */
function saturation(length: number, averageLength: number): number {
  return SATURATION * (1 - LENGTH_NORMALIZATION + (LENGTH_NORMALIZATION * length) / averageLength);
}

/** The most a query term can add to a paragraph's cover: its weight times its best expansion's. */
export function termReach(term: QueryTerm): number {
  return term.weight * term.expansions.reduce((most, e) => Math.max(most, e.weight), 0);
}

/** The most an article's title can add to a paragraph's cover for a query term: its best expansion a title holds. */
function titleReach(index: LanguageIndex, term: QueryTerm): number {
  let most = 0;
  for (const { id, weight } of term.expansions)
    if (index.titleVocabulary.has(id)) most = Math.max(most, weight);
  return term.weight * most;
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
  const averageLength = (index.sentences.length || 1) / (index.paragraphs.length || 1);
  const k = saturation(paragraph?.sentenceCount ?? 1, averageLength);
  let evidence = 0;
  let specificity = 0;
  query.forEach((term, q) => {
    const covered = term.weight * (best[q] ?? 0);
    evidence += (covered * (tf[q] ?? 0)) / ((tf[q] ?? 0) + k);
    specificity += term.specificity * (best[q] ?? 0);
  });
  return { evidence, specificity };
}

/** Per-paragraph and per-sentence work arrays of one index, reused by every search and left zeroed after each. */
interface Scratch {
  cover: Float64Array;
  specific: Float64Array;
  evidence: Float64Array;
  best: Float64Array;
  frequency: Float64Array;
  stamp: Int32Array;
  own: Float64Array;
  sentenceBest: Float64Array;
  sentenceStamp: Int32Array;
  /** Per paragraph, bit q set when query term q reached it through a sentence or its heading. */
  reached: Int32Array;
  /** Per term id, 1 while it stands for a query term (in addTitles). */
  inQuery: Uint8Array;
  /** Paragraph ids listed in a search: the candidates, and those one term reached. */
  candidates: Int32Array;
  touched: Int32Array;
  /** Sentence ids one term reached. */
  touchedSentences: Int32Array;
}

/**
 * Keyed by index so that a dropped index frees its arrays; allocating them per search costs more than the search,
 * and so do lists of tens of thousands of ids grown by push (a third of a 10,000-article search went to them).
 */
const SCRATCH = new WeakMap<LanguageIndex, Scratch>();

function scratchFor(index: LanguageIndex): Scratch {
  const paragraphs = index.paragraphs.length;
  const sentences = index.sentences.length;
  let scratch = SCRATCH.get(index);
  const vocabulary = index.terms.length;
  if (
    !scratch ||
    scratch.cover.length < paragraphs ||
    scratch.own.length < sentences ||
    scratch.inQuery.length < vocabulary
  ) {
    // Room to grow, so that adding a few articles does not reallocate every time.
    const p = Math.ceil(paragraphs * 1.25) + 16;
    const n = Math.ceil(sentences * 1.25) + 16;
    const v = Math.ceil(vocabulary * 1.25) + 16;
    scratch = {
      cover: new Float64Array(p),
      specific: new Float64Array(p),
      evidence: new Float64Array(p),
      best: new Float64Array(p),
      frequency: new Float64Array(p),
      stamp: new Int32Array(p),
      own: new Float64Array(n),
      sentenceBest: new Float64Array(n),
      sentenceStamp: new Int32Array(n),
      reached: new Int32Array(p),
      inQuery: new Uint8Array(v),
      candidates: new Int32Array(p),
      touched: new Int32Array(p),
      touchedSentences: new Int32Array(n),
    };
    SCRATCH.set(index, scratch);
  }
  return scratch;
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
 * only the other terms' postings bring candidates, and every term then adds to those. A paragraph's bound never exceeds its cover over the total
 * weight, so no paragraph left out could have ranked. A term's postings are ascending sentence ids, so a
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
    averageLength: (index.sentences.length || 1) / (index.paragraphs.length || 1),
  };
  query.forEach((term, q) => {
    const mark = q + 1;
    const [only] = term.expansions;
    if (only && term.expansions.length === 1) addSingleExpansion(collection, term, only, mark);
    else addExpansions(collection, term, mark);
  });
  addTitles(collection, query, candidateCount);
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

/** The query terms whose title matches are checked against what reached the paragraph (bits of an Int32). */
const TITLE_TERMS = 31;

/**
 * The title's share of each candidate's cover and specificity: for each query term the paragraph does not hold
 * itself, the best weight its article's title holds it with (a term past the first TITLE_TERMS is counted
 * whatever the paragraph holds, which only loosens the bound). Candidates of one article share one title array,
 * so its weights are looked up once per run of them.
 */
function addTitles(collection: Collection, query: QueryTerm[], candidateCount: number): void {
  const { index, scratch } = collection;
  if (index.titles.length === 0) return;
  const { cover, specific, reached, candidates, inQuery } = scratch;
  // A title word of thousands of articles is told from the query's terms by an array over the vocabulary: a Map
  // lookup for each costs more than the rest of the search.
  const byTerm = termsById(query);
  for (const id of byTerm.keys()) inQuery[id] = 1;
  const weights = new Float64Array(query.length);
  const { paragraphTitle } = index;
  let title = -1;
  let holds = false;
  for (let c = 0; c < candidateCount; c++) {
    const paragraphId = candidates[c] ?? 0;
    const at = paragraphTitle[paragraphId] ?? 0;
    if (at !== title) {
      title = at;
      holds = titleWeights(index, paragraphId, byTerm, weights, inQuery);
    }
    if (!holds) continue;
    const held = reached[paragraphId] ?? 0;
    for (let q = 0; q < query.length; q++) {
      const weight = weights[q] ?? 0;
      if (!titleCounts(q < TITLE_TERMS && (held & (1 << q)) !== 0, weight)) continue;
      const term = query[q];
      if (!term) continue;
      cover[paragraphId] = (cover[paragraphId] ?? 0) + term.weight * weight;
      specific[paragraphId] = (specific[paragraphId] ?? 0) + term.specificity * weight;
    }
  }
  for (const id of byTerm.keys()) inQuery[id] = 0;
}

/** What one search collects into; the functions below take it rather than a closure, so V8 can inline them. */
interface Collection {
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
function addSingleExpansion(
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
function addExpansions(collection: Collection, term: QueryTerm, mark: number): void {
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
