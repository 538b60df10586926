import type { Article } from "../article.ts";
import { type Expansion, expandTerm } from "./expand.ts";
import { termsOf } from "./normalize.ts";
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
}

/**
 * The share of the question's weight a sentence must cover to count as an answer. Chosen on the dev set:
 * off-topic questions score 0–0.2, answerable ones 0.35 and up.
 */
export const RELEVANCE_THRESHOLD = 0.3;
/** How much a question term counts when it appears in the sentence's paragraph or heading but not in the sentence. */
const CONTEXT_WEIGHT = 0.3;
const DEFAULT_LIMIT = 3;
/** Further passages are offered only when they score at least this share of the best one. */
const RUNNER_UP_SHARE = 0.6;

interface QueryTerm {
  expansions: Expansion[];
  weight: number;
}

/**
 * Ranks passages for a question. Each question term is weighted by its rarity (idf); a sentence scores the
 * share of that weight it covers, counting terms found only in its paragraph or heading at {@link CONTEXT_WEIGHT}.
 * Only sentences sharing a term with the question are scored, so the cost grows with the matches, not the archive.
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

function rankInLanguage(index: LanguageIndex, question: string, options: RankOptions): Passage[] {
  const sentenceCount = index.sentences.length;
  if (sentenceCount === 0) return [];
  const idf = (df: number) => Math.log(1 + sentenceCount / df);
  const unknownWeight = idf(1);
  const query: QueryTerm[] = termsOf(question, index.language).map((term) => {
    const expansions = expandTerm(index, term);
    // A rare compound found for a common term must not make the term itself count as rare.
    const weight = Math.max(
      0,
      ...expansions.map((e) => e.weight * idf(index.postings.get(e.term)?.length ?? 1)),
    );
    return { expansions, weight: expansions.length > 0 ? weight : unknownWeight };
  });
  const totalWeight = query.reduce((sum, term) => sum + term.weight, 0);
  if (totalWeight === 0) return [];

  const paragraphCount = index.paragraphs.length;
  // Dense arrays indexed by sentence and paragraph id: far cheaper than maps on an archive of 20,000 sentences.
  const own = query.map(() => new Float32Array(sentenceCount));
  const context = query.map(() => new Float32Array(paragraphCount));
  const isCandidate = new Uint8Array(sentenceCount);
  const candidates: number[] = [];
  query.forEach((term, q) => {
    const ownWeights = own[q] as Float32Array;
    const contextWeights = context[q] as Float32Array;
    for (const expansion of term.expansions) {
      for (const sentenceId of index.postings.get(expansion.term) ?? []) {
        if (isCandidate[sentenceId] === 0) candidates.push(sentenceId);
        isCandidate[sentenceId] = 1;
        if (expansion.weight > (ownWeights[sentenceId] ?? 0)) ownWeights[sentenceId] = expansion.weight;
        const paragraphId = index.sentenceParagraph[sentenceId] ?? 0;
        if (expansion.weight > (contextWeights[paragraphId] ?? 0))
          contextWeights[paragraphId] = expansion.weight;
      }
      for (const paragraphId of index.headingPostings.get(expansion.term) ?? []) {
        if (expansion.weight > (contextWeights[paragraphId] ?? 0))
          contextWeights[paragraphId] = expansion.weight;
      }
    }
  });

  const bestScore = new Float32Array(paragraphCount);
  const bestSentence = new Int32Array(paragraphCount).fill(-1);
  const touched: number[] = [];
  // Ascending ids make ties go to the earlier sentence, as a reader would expect.
  candidates.sort((a, b) => a - b);
  for (const sentenceId of candidates) {
    const paragraphId = index.sentenceParagraph[sentenceId] ?? 0;
    if (options.articleId !== undefined && index.paragraphs[paragraphId]?.article.id !== options.articleId)
      continue;
    let covered = 0;
    for (let q = 0; q < query.length; q++) {
      const ownWeight = own[q]?.[sentenceId] ?? 0;
      const contextWeight = CONTEXT_WEIGHT * (context[q]?.[paragraphId] ?? 0);
      covered += (query[q]?.weight ?? 0) * Math.max(ownWeight, contextWeight);
    }
    const score = covered / totalWeight;
    if (bestSentence[paragraphId] === -1) touched.push(paragraphId);
    if (bestSentence[paragraphId] === -1 || score > (bestScore[paragraphId] ?? 0)) {
      bestScore[paragraphId] = score;
      bestSentence[paragraphId] = sentenceId;
    }
  }

  const limit = options.limit ?? DEFAULT_LIMIT;
  const top = touched
    .filter((paragraphId) => (bestScore[paragraphId] ?? 0) >= (options.threshold ?? RELEVANCE_THRESHOLD))
    .sort((a, b) => (bestScore[b] ?? 0) - (bestScore[a] ?? 0) || a - b)
    .slice(0, limit);
  return top.map((paragraphId) => {
    const paragraph = index.paragraphs[paragraphId];
    if (!paragraph) throw new Error(`Index inconsistency: paragraph ${paragraphId} missing`);
    return {
      article: paragraph.article,
      section: paragraph.heading,
      text: paragraph.text,
      sentence: index.sentences[bestSentence[paragraphId] ?? 0] ?? "",
      score: Math.round((bestScore[paragraphId] ?? 0) * 1000) / 1000,
    };
  });
}
