import type { Article } from "../article.ts";
import { isAnswerable } from "./answerability.ts";
import { collectEvidence, paragraphEvidence, SEED_MARGIN, termReach } from "./evidence.ts";
import { createPositionHeap } from "./heap.ts";
import { buildQuery, type QueryTerm, termsById } from "./query.ts";
import type { LanguageIndex, SearchIndex } from "./search-index.ts";
import { createSentenceChooser } from "./sentence-choice.ts";

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
/** The passage score is this share its best sentence's coverage, the rest the paragraph's saturated evidence. */
const SENTENCE_SHARE = 0.5;
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
  const hopeful = new Int32Array(paragraphIds.length);
  let hopefulCount = 0;
  for (let position = 0; position < paragraphIds.length; position++) {
    bounds[position] =
      (SENTENCE_SHARE * (sentenceBound[position] ?? 0) + (1 - SENTENCE_SHARE) * (evidence[position] ?? 0)) /
      totalWeight;
    // Below the floor a paragraph would come after the top passages are known, so it is left out now.
    if ((bounds[position] ?? 0) >= atLeast) hopeful[hopefulCount++] = position;
  }
  const bound = (position: number) => bounds[position] ?? 0;
  // Thousands of paragraphs can be hopeful and a few are scored: they are taken from a heap, by bound and then
  // paragraph id, not sorted.
  const order = createPositionHeap(hopeful.subarray(0, hopefulCount), bounds, paragraphIds);

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

/** How many paragraphs are scored before collecting, to learn what the top passages will score at least. */
const SEED_PARAGRAPHS = 32;

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
