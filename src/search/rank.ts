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
  const sentenceTotal = index.sentences.length;
  if (sentenceTotal === 0) return [];
  const idf = (df: number) => Math.log(1 + sentenceTotal / df);
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

  const allowed = (paragraphId: number) =>
    options.articleId === undefined || index.paragraphs[paragraphId]?.article.id === options.articleId;
  // matches[q] maps a sentence id to the best expansion weight of query term q in it.
  const sentenceMatches = query.map((term) => bestWeights(term.expansions, index.postings));
  const headingMatches = query.map((term) => bestWeights(term.expansions, index.headingPostings));
  const paragraphMatches = sentenceMatches.map((matches) => {
    const byParagraph = new Map<number, number>();
    for (const [sentenceId, weight] of matches) {
      const paragraphId = index.sentenceParagraph[sentenceId] ?? -1;
      byParagraph.set(paragraphId, Math.max(byParagraph.get(paragraphId) ?? 0, weight));
    }
    return byParagraph;
  });

  const best = new Map<number, { sentenceId: number; score: number }>();
  const candidateSet = new Set<number>();
  for (const matches of sentenceMatches)
    for (const sentenceId of matches.keys()) candidateSet.add(sentenceId);
  // Ascending ids make ties go to the earlier sentence, as a reader would expect.
  for (const sentenceId of [...candidateSet].sort((a, b) => a - b)) {
    const paragraphId = index.sentenceParagraph[sentenceId] ?? -1;
    if (!allowed(paragraphId)) continue;
    let covered = 0;
    query.forEach((term, q) => {
      const own = sentenceMatches[q]?.get(sentenceId) ?? 0;
      const context = Math.max(
        paragraphMatches[q]?.get(paragraphId) ?? 0,
        headingMatches[q]?.get(paragraphId) ?? 0,
      );
      covered += term.weight * Math.max(own, CONTEXT_WEIGHT * context);
    });
    const score = covered / totalWeight;
    const current = best.get(paragraphId);
    if (!current || score > current.score) best.set(paragraphId, { sentenceId, score });
  }

  return [...best].map(([paragraphId, { sentenceId, score }]) => {
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

/** For each id in the postings of any expansion, the highest expansion weight found there. */
function bestWeights(expansions: Expansion[], postings: Map<string, number[]>): Map<number, number> {
  const weights = new Map<number, number>();
  for (const { term, weight } of expansions) {
    for (const id of postings.get(term) ?? []) {
      if (weight > (weights.get(id) ?? 0)) weights.set(id, weight);
    }
  }
  return weights;
}
