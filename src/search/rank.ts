import type { Article } from "../article.ts";
import { refersBack } from "./anaphora.ts";
import { isAnswerable } from "./answerability.ts";
import { createHeap } from "./heap.ts";
import { createIntList } from "./int-list.ts";
import { buildQuery, type QueryTerm } from "./query.ts";
import { type AnswerType, answerTypeOf, holdsAnswerType } from "./question.ts";
import type { LanguageIndex, SearchIndex } from "./search-index.ts";

/** A ranked answer candidate: the paragraph, its best sentence, and a relevance score in [0, 1]. */
export interface Passage {
  article: Article;
  /** The heading the paragraph stands under; null for the lead and intro. */
  section: string | null;
  text: string;
  sentence: string;
  score: number;
}

/** Options for ranking. */
export interface RankOptions {
  /** At most this many passages; default 3. */
  limit?: number;
  /** Passages scoring below this are dropped; default {@link RELEVANCE_THRESHOLD}. */
  threshold?: number;
  /** Restricts the search to one article. */
  articleId?: string;
  /** Refuses a question whose best passage does not answer it ({@link isAnswerable}); default true. */
  gate?: boolean;
  /** Scores every candidate paragraph instead of stopping when the rest cannot reach the top; for tests. */
  exhaustive?: boolean;
}

/** The share of the question's weight a passage must cover to count as an answer, chosen on the eval sets. */
export const RELEVANCE_THRESHOLD = 0.26;
/**
 * The specificity a paragraph must match, whatever share of the question that is: a short off-topic question
 * ("Welche Zahnpasta ist im Test am besten?") can reach its share through one everyday word, a real one names
 * something specific. Specificity does not depend on the archive, so neither does this.
 */
const MIN_SPECIFICITY = 0.8;
/** How much a question term counts when it appears in the sentence's paragraph or heading but not in the sentence. */
const CONTEXT_WEIGHT = 0.3;
/** The passage score is this share its best sentence's coverage, the rest the paragraph's saturated evidence. */
const SENTENCE_SHARE = 0.5;
/** BM25-like saturation: a term found in k sentences of a paragraph counts k / (k + SATURATION). */
const SATURATION = 0.3;
/** How much a paragraph's length (in sentences) raises its saturation constant, as BM25's b. */
const LENGTH_NORMALIZATION = 0;
/** Added to a sentence's coverage, only to choose it within its paragraph, when it holds the asked answer type. */
const ANSWER_TYPE_BONUS = 0.2;
/**
 * To choose a sentence, a term found in k of its paragraph's sentences counts 1 / k^LOCAL_RARITY of its weight: the
 * paragraph's topic, named in most of its sentences, cannot tell them apart; the rarer words of the question can.
 */
const LOCAL_RARITY = 0.5;
/** How much a sentence that refers back counts the terms of the sentence before it, to choose it. */
const ANAPHOR_WEIGHT = 0.6;
const DEFAULT_LIMIT = 3;
/** Scores this close count as equal: bound and score add the same terms in different orders. */
const TIE = 1e-9;
/** Further passages are offered only when they score at least this share of the best one. */
const RUNNER_UP_SHARE = 0.6;

/**
 * Ranks passages for a question. Paragraphs collect evidence term by term from the postings (each term weighted
 * by rarity, saturated by how many of the paragraph's sentences hold it); the best candidates, in order of what
 * they could still score, then choose their best sentence, and the search stops when no remaining paragraph can
 * reach the top. The cost grows with the matches, not the archive.
 */
export function rankPassages(index: SearchIndex, question: string, options: RankOptions = {}): Passage[] {
  const passages: Passage[] = [];
  for (const languageIndex of index.byLanguage.values()) {
    passages.push(...rankInLanguage(languageIndex, question, options));
  }
  passages.sort((a, b) => b.score - a.score);
  const floor = Math.max(
    options.threshold ?? RELEVANCE_THRESHOLD,
    (passages[0]?.score ?? 0) * RUNNER_UP_SHARE,
  );
  return passages.filter((passage) => passage.score >= floor).slice(0, options.limit ?? DEFAULT_LIMIT);
}

interface Scored {
  paragraphId: number;
  sentenceId: number;
  score: number;
}

function rankInLanguage(index: LanguageIndex, question: string, options: RankOptions): Passage[] {
  if (index.sentences.length === index.deadSentences) return [];
  const query = buildQuery(index, question);
  const totalWeight = query.reduce((sum, term) => sum + term.weight, 0);
  if (totalWeight === 0) return [];
  const threshold = options.threshold ?? RELEVANCE_THRESHOLD;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const chooser = createSentenceChooser(index, query, totalWeight, question);
  // What the top passages will score at least: no paragraph that cannot reach it needs collecting.
  const atLeast =
    options.exhaustive || options.articleId !== undefined
      ? threshold
      : seedFloor(index, query, { totalWeight, limit, threshold, chooser });
  const { paragraphIds, sentenceBound, evidence } = collectEvidence(
    index,
    query,
    options.articleId,
    MIN_SPECIFICITY,
    atLeast * totalWeight,
  );

  const bounds = new Float64Array(paragraphIds.length);
  const hopeful: number[] = [];
  for (let position = 0; position < paragraphIds.length; position++) {
    bounds[position] =
      (SENTENCE_SHARE * (sentenceBound[position] ?? 0) + (1 - SENTENCE_SHARE) * (evidence[position] ?? 0)) /
      totalWeight;
    // Below the floor a paragraph would come after the top passages are known, so it is left out now.
    if ((bounds[position] ?? 0) >= atLeast) hopeful.push(position);
  }
  const bound = (position: number) => bounds[position] ?? 0;
  // Thousands of paragraphs can be hopeful and a few are scored: they are taken from a heap, not sorted.
  const order = createHeap(
    hopeful,
    (a, b) => bound(b) - bound(a) || (paragraphIds[a] ?? 0) - (paragraphIds[b] ?? 0),
  );

  const top: Scored[] = [];
  for (let position = order.pop(); position !== undefined; position = order.pop()) {
    const paragraphId = paragraphIds[position] ?? 0;
    const full = top.length >= limit;
    const floor = full ? (top[top.length - 1]?.score ?? 0) : threshold;
    // Taken by bound, and ties keep that order: once one cannot beat the floor, none after it can.
    if (!options.exhaustive && (full ? bound(position) <= floor + TIE : bound(position) < floor)) break;
    const { sentenceId, coverage } = chooser(paragraphId);
    const score = passageScore(coverage, evidence[position] ?? 0, totalWeight);
    if (full ? score <= floor + TIE : score < floor) continue;
    top.push({ paragraphId, sentenceId, score });
    top.sort((a, b) => b.score - a.score);
    if (top.length > limit) top.pop();
  }
  const best = top[0];
  if (best && (options.gate ?? true) && !isAnswerable(index, query, best)) return [];
  return top.map(({ paragraphId, sentenceId, score }) => {
    const paragraph = index.paragraphs[paragraphId];
    if (!paragraph) throw new Error(`Index inconsistency: paragraph ${paragraphId} missing`);
    return {
      article: paragraph.article,
      section: paragraph.heading,
      text: paragraph.text,
      sentence: index.sentences[sentenceId] ?? "",
      score: Math.round(score * 1000) / 1000,
    };
  });
}

/** A passage's score from its best sentence's coverage and its paragraph's saturated evidence. */
function passageScore(coverage: number, evidence: number, totalWeight: number): number {
  return SENTENCE_SHARE * coverage + ((1 - SENTENCE_SHARE) * evidence) / totalWeight;
}

/** The BM25-like saturation constant of a paragraph of `length` sentences. */
function saturation(length: number, averageLength: number): number {
  return SATURATION * (1 - LENGTH_NORMALIZATION + (LENGTH_NORMALIZATION * length) / averageLength);
}

/** How many paragraphs are scored before collecting, to learn what the top passages will score at least. */
const SEED_PARAGRAPHS = 32;
/** Taken off the seeds' score, more than float rounding and {@link TIE} together. */
const SEED_MARGIN = 1e-6;

/**
 * A score the top `limit` passages will reach at least: the `limit`-th best of a few paragraphs that hold the
 * question term that can add the most, scored in full from their own terms; the threshold when too few qualify.
 */
function seedFloor(
  index: LanguageIndex,
  query: QueryTerm[],
  options: {
    totalWeight: number;
    limit: number;
    threshold: number;
    chooser: (paragraphId: number) => { coverage: number };
  },
): number {
  const reach = query.map(termReach);
  const postingsOf = (q: number) =>
    (query[q]?.expansions ?? []).reduce((sum, e) => sum + (index.postings[e.id]?.length ?? 0), 0);
  let strongest = -1;
  for (let q = 0; q < query.length; q++) {
    const gain = (reach[q] ?? 0) - (reach[strongest] ?? 0);
    if (
      (reach[q] ?? 0) > 0 &&
      (strongest < 0 || gain > 0 || (gain === 0 && postingsOf(q) < postingsOf(strongest)))
    )
      strongest = q;
  }
  const seeds = new Set<number>();
  for (const { id } of query[strongest]?.expansions ?? []) {
    const postings = index.postings[id];
    for (let i = 0; i < (postings?.length ?? 0) && seeds.size < SEED_PARAGRAPHS; i++) {
      const paragraphId = index.sentenceParagraph[postings?.values[i] ?? 0] ?? 0;
      if (index.alive[paragraphId] === 1) seeds.add(paragraphId);
    }
  }
  const byTerm = termsById(query);
  const scores: number[] = [];
  for (const paragraphId of seeds) {
    const { evidence, specificity } = paragraphEvidence(index, query, byTerm, paragraphId);
    if (specificity < MIN_SPECIFICITY) continue;
    scores.push(passageScore(options.chooser(paragraphId).coverage, evidence, options.totalWeight));
  }
  scores.sort((a, b) => b - a);
  const reached = scores[options.limit - 1];
  return reached === undefined ? options.threshold : Math.max(options.threshold, reached - SEED_MARGIN);
}

/** The most a query term can add to a paragraph's cover: its weight times its best expansion's. */
function termReach(term: QueryTerm): number {
  return term.weight * term.expansions.reduce((most, e) => Math.max(most, e.weight), 0);
}

/** Query term positions and expansion weights by index term id. */
function termsById(query: QueryTerm[]): Map<number, { q: number; weight: number }[]> {
  const byTerm = new Map<number, { q: number; weight: number }[]>();
  query.forEach((term, q) => {
    for (const { id, weight } of term.expansions) {
      const list = byTerm.get(id) ?? [];
      list.push({ q, weight });
      byTerm.set(id, list);
    }
  });
  return byTerm;
}

/** One paragraph's saturated evidence and specificity from its own terms, as collectEvidence finds them. */
function paragraphEvidence(
  index: LanguageIndex,
  query: QueryTerm[],
  byTerm: Map<number, { q: number; weight: number }[]>,
  paragraphId: number,
): { evidence: number; specificity: number } {
  const paragraph = index.paragraphs[paragraphId];
  const best = new Float64Array(query.length);
  const tf = new Float64Array(query.length);
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
}

/** Keyed by index so that a dropped index frees its arrays; allocating them per search costs more than the search. */
const SCRATCH = new WeakMap<LanguageIndex, Scratch>();

function scratchFor(index: LanguageIndex): Scratch {
  const paragraphs = index.paragraphs.length;
  const sentences = index.sentences.length;
  let scratch = SCRATCH.get(index);
  if (!scratch || scratch.cover.length < paragraphs || scratch.own.length < sentences) {
    // Room to grow, so that adding a few articles does not reallocate every time.
    const p = Math.ceil(paragraphs * 1.25) + 16;
    const n = Math.ceil(sentences * 1.25) + 16;
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
    };
    SCRATCH.set(index, scratch);
  }
  return scratch;
}

/** The candidate paragraphs of a question with what they could score at most and their saturated evidence. */
interface Evidence {
  paragraphIds: number[];
  /** Per candidate: the weight its best sentence can cover at most. */
  sentenceBound: Float64Array;
  /** Per candidate: the question weight it covers, saturated BM25-style by how often each term occurs. */
  evidence: Float64Array;
}

/**
 * Term at a time over the postings, into the index's work arrays, which are zeroed again before returning. Only
 * paragraphs whose cover can reach `needed` are collected (MaxScore): taking the terms from the one that can add
 * least, those whose sum stays below it cannot make a paragraph alone, so only the other terms' postings bring
 * candidates, and every term then adds to those. A paragraph's bound never exceeds its cover over the total
 * weight, so no paragraph left out could have ranked. A term's postings are ascending sentence ids, so a
 * paragraph's sentences come in one run: a term with one expansion (most) settles each paragraph as its run ends.
 */
function collectEvidence(
  index: LanguageIndex,
  query: QueryTerm[],
  articleId: string | undefined,
  minSpecificity: number,
  needed: number,
): Evidence {
  const scratch = scratchFor(index);
  const { cover, specific, evidence, stamp, own } = scratch;
  const candidates: number[] = [];
  const reach = query.map(termReach);
  let reachable = 0;
  for (const q of query.map((_, q) => q).sort((a, b) => (reach[a] ?? 0) - (reach[b] ?? 0))) {
    reachable += reach[q] ?? 0;
    if (reachable < needed * (1 - SEED_MARGIN)) continue;
    for (const { id } of query[q]?.expansions ?? []) {
      const { values, length } = index.postings[id] ?? createIntList();
      for (let i = 0; i < length; i++) {
        const paragraphId = index.sentenceParagraph[values[i] ?? 0] ?? 0;
        if (stamp[paragraphId] !== 0) continue;
        stamp[paragraphId] = -1;
        candidates.push(paragraphId);
      }
      for (const paragraphId of index.headingPostings[id] ?? []) {
        if (stamp[paragraphId] !== 0) continue;
        stamp[paragraphId] = -1;
        candidates.push(paragraphId);
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
  const result: Evidence = {
    paragraphIds: [],
    sentenceBound: new Float64Array(candidates.length),
    evidence: new Float64Array(candidates.length),
  };
  // One pass takes the qualifying paragraphs and zeroes the work arrays: every sentence a term reached belongs
  // to a candidate paragraph.
  const { paragraphStart, alive } = index;
  for (const paragraphId of candidates) {
    const first = paragraphStart[paragraphId] ?? 0;
    const end = paragraphStart[paragraphId + 1] ?? first;
    if (
      alive[paragraphId] === 1 &&
      (specific[paragraphId] ?? 0) >= minSpecificity &&
      (articleId === undefined || index.paragraphs[paragraphId]?.article.id === articleId)
    ) {
      let most = 0;
      for (let sentenceId = first; sentenceId < end; sentenceId++)
        most = Math.max(most, own[sentenceId] ?? 0);
      const position = result.paragraphIds.length;
      result.paragraphIds.push(paragraphId);
      // A sentence scores at most what it holds plus CONTEXT_WEIGHT of the rest of its paragraph's cover.
      result.sentenceBound[position] =
        (1 - CONTEXT_WEIGHT) * most + CONTEXT_WEIGHT * (cover[paragraphId] ?? 0);
      result.evidence[position] = evidence[paragraphId] ?? 0;
    }
    cover[paragraphId] = 0;
    specific[paragraphId] = 0;
    evidence[paragraphId] = 0;
    stamp[paragraphId] = 0;
    for (let sentenceId = first; sentenceId < end; sentenceId++) {
      own[sentenceId] = 0;
      scratch.sentenceStamp[sentenceId] = 0;
    }
  }
  return result;
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
): void {
  const { cover, specific, evidence } = collection.scratch;
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
      if (run >= 0) settle(collection, term, run, weight, tf);
      stamp[paragraphId] = mark;
      run = paragraphId;
      tf = 0;
    }
    tf += weight;
  }
  if (run >= 0) settle(collection, term, run, weight, tf);
  for (const paragraphId of index.headingPostings[expansion.id] ?? []) {
    if (stamp[paragraphId] === 0 || stamp[paragraphId] === mark) continue;
    stamp[paragraphId] = mark;
    settle(collection, term, paragraphId, weight, 0);
  }
}

/** Several expansions: a sentence or paragraph counts the best weight among those it holds. Candidates only. */
function addExpansions(collection: Collection, term: QueryTerm, mark: number): void {
  const { index, scratch } = collection;
  const { best, frequency, stamp, own, sentenceBest, sentenceStamp } = scratch;
  const sentenceParagraph = index.sentenceParagraph;
  const touched: number[] = [];
  const touchedSentences: number[] = [];
  for (const { id, weight } of term.expansions) {
    const { values, length } = index.postings[id] ?? createIntList();
    for (let i = 0; i < length; i++) {
      const sentenceId = values[i] ?? 0;
      const paragraphId = sentenceParagraph[sentenceId] ?? 0;
      const seen = stamp[paragraphId] ?? 0;
      if (seen === 0) continue;
      if (seen !== mark) {
        stamp[paragraphId] = mark;
        best[paragraphId] = 0;
        frequency[paragraphId] = 0;
        touched.push(paragraphId);
      }
      if (weight > (best[paragraphId] ?? 0)) best[paragraphId] = weight;
      frequency[paragraphId] = (frequency[paragraphId] ?? 0) + weight;
      if (sentenceStamp[sentenceId] !== mark) {
        sentenceStamp[sentenceId] = mark;
        sentenceBest[sentenceId] = 0;
        touchedSentences.push(sentenceId);
      }
      if (weight > (sentenceBest[sentenceId] ?? 0)) sentenceBest[sentenceId] = weight;
    }
    // A heading raises the paragraph's best weight but is no sentence to count.
    for (const paragraphId of index.headingPostings[id] ?? []) {
      const seen = stamp[paragraphId] ?? 0;
      if (seen === 0) continue;
      if (seen !== mark) {
        stamp[paragraphId] = mark;
        best[paragraphId] = 0;
        frequency[paragraphId] = 0;
        touched.push(paragraphId);
      }
      if (weight > (best[paragraphId] ?? 0)) best[paragraphId] = weight;
    }
  }
  for (const sentenceId of touchedSentences) {
    own[sentenceId] = (own[sentenceId] ?? 0) + term.weight * (sentenceBest[sentenceId] ?? 0);
  }
  for (const paragraphId of touched) {
    settle(collection, term, paragraphId, best[paragraphId] ?? 0, frequency[paragraphId] ?? 0);
  }
}

/**
 * Chooses a paragraph's best sentence: the share of the question's weight it covers, terms found only elsewhere in
 * the paragraph or its heading counting {@link CONTEXT_WEIGHT}; a sentence holding the asked answer type is
 * preferred among close ones.
 */
function createSentenceChooser(
  index: LanguageIndex,
  query: QueryTerm[],
  totalWeight: number,
  question: string,
) {
  const byTerm = termsById(query);
  const answerType: AnswerType | undefined = answerTypeOf(question);
  const terms = query.length;
  // Work arrays for one paragraph at a time, grown to the longest paragraph seen and cleared for each.
  let own = new Float64Array(0);
  let coverages = new Float64Array(0);
  const inParagraph = new Float64Array(terms);
  const local = new Float64Array(terms);
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
    for (let i = 0; i < paragraph.sentenceCount; i++) {
      const refers =
        i > 0 &&
        refersBack(index.sentences[paragraph.firstSentence + i] ?? "", index.language, (term) =>
          sentenceHas(index, paragraph.firstSentence + i - 1, term),
        );
      let covered = 0;
      let borrowed = 0;
      for (let q = 0; q < terms; q++) {
        const context = CONTEXT_WEIGHT * (inParagraph[q] ?? 0);
        const weight = query[q]?.weight ?? 0;
        const mine = Math.max(own[i * terms + q] ?? 0, context);
        covered += weight * mine;
        borrowed +=
          (local[q] ?? 0) *
          (refers ? Math.max(mine, ANAPHOR_WEIGHT * (own[(i - 1) * terms + q] ?? 0)) : mine);
      }
      borrowed = (borrowed / localTotal) * totalWeight;
      coverages[i] = borrowed / totalWeight;
      bestCoverage = Math.max(bestCoverage, covered / totalWeight);
      if (borrowed / totalWeight > bestChoice) {
        bestChoice = borrowed / totalWeight;
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
        const holds = holdsAnswerType(
          index.sentences[paragraph.firstSentence + i] ?? "",
          answerType,
          question,
          index.language,
        );
        const value = coverage + (holds ? ANSWER_TYPE_BONUS : 0);
        if (value > chosenValue) {
          chosenValue = value;
          chosen = i;
        }
      }
    }
    return { sentenceId: paragraph.firstSentence + chosen, coverage: bestCoverage };
  };
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
