import { type QueryTerm, termsById } from "./query.ts";
import type { Scratch } from "./scratch.ts";
import type { LanguageIndex } from "./search-index.ts";

/** Query terms by term id: which query term each id stands for, and with what weight (see termsById). */
export type TermsById = Map<number, { q: number; weight: number }[]>;

/** The term ids of a paragraph's article title, a view into the index's title runs. */
export function titleIds(index: LanguageIndex, paragraphId: number): Int32Array {
  const at = index.paragraphTitle[paragraphId] ?? 0;
  return index.titles.values.subarray(at + 1, at + 1 + (index.titles.values[at] ?? 0));
}

/**
 * The best weight with which a paragraph's article title holds each query term, into `into` (zeroed first);
 * returns whether it holds any. `inQuery`, when given, is 1 for the query's term ids: it tells them from the
 * rest without a Map lookup, which matters when the titles of thousands of candidates are read.
 */
export function titleWeights(
  index: LanguageIndex,
  paragraphId: number,
  byTerm: TermsById,
  into: Float64Array,
  inQuery?: Uint8Array,
): boolean {
  // Zeroed by hand: a fill() call per article cost a tenth of a 10,000-article search.
  for (let q = 0; q < into.length; q++) into[q] = 0;
  const titles = index.titles.values;
  const at = index.paragraphTitle[paragraphId] ?? 0;
  const end = at + 1 + (titles[at] ?? 0);
  let holds = false;
  // Read in place rather than through titleIds: a view per candidate would cost more than the reading.
  for (let k = at + 1; k < end; k++) {
    const id = titles[k] ?? 0;
    if (inQuery && inQuery[id] !== 1) continue;
    for (const { q, weight } of byTerm.get(id) ?? []) {
      holds = true;
      if (weight > (into[q] ?? 0)) into[q] = weight;
    }
  }
  return holds;
}

/**
 * The title counts for a query term the paragraph does not hold itself ("Wer sang die Nationalhymne beim Super
 * Bowl 50?" in the article "Super Bowl 50"): context that never adds to what the paragraph's own words hold.
 */
export function titleCounts(heldByParagraph: boolean, titleWeight: number): boolean {
  return titleWeight > 0 && !heldByParagraph;
}

/** Raises `held` (weights per query term) by the title's weights where the paragraph holds nothing. */
export function withTitle(held: Float64Array, title: Float64Array): void {
  for (let q = 0; q < held.length; q++)
    if (titleCounts((held[q] ?? 0) > 0, title[q] ?? 0)) held[q] = title[q] ?? 0;
}

/** The most an article's title can add to a paragraph's cover for a query term: its best expansion a title holds. */
export function titleReach(index: LanguageIndex, term: QueryTerm): number {
  let most = 0;
  for (const { id, weight } of term.expansions)
    if (index.titleVocabulary.has(id)) most = Math.max(most, weight);
  return term.weight * most;
}

/** The query terms whose title matches are checked against what reached the paragraph (bits of an Int32). */
export const TITLE_TERMS = 31;

/**
 * The title's share of each candidate's cover and specificity: for each query term the paragraph does not hold
 * itself, the best weight its article's title holds it with (a term past the first TITLE_TERMS is counted
 * whatever the paragraph holds, which only loosens the bound). Candidates of one article share one title array,
 * so its weights are looked up once per run of them.
 */
export function addTitles(
  index: LanguageIndex,
  scratch: Scratch,
  query: QueryTerm[],
  candidateCount: number,
): void {
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
