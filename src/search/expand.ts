import { type LanguageIndex, reverse } from "./search-index.ts";

/** A vocabulary term a query term stands for, and how sure that is (1 = the same term). */
export interface Expansion {
  term: string;
  weight: number;
}

/** A query term counts as the head or tail of a longer compound only from this length on. */
const MIN_COMPOUND_PART_LENGTH = 4;
/** How much a compound containing the query term counts ("sanktion" in "sanktionslist"). */
const COMPOUND_WEIGHT = 0.6;
/** At most this many compounds per query term, so a short stem cannot flood the candidates. */
const MAX_COMPOUNDS = 12;
/** Typos are looked for only in terms this long; shorter ones have too many near neighbours. */
const MIN_FUZZY_LENGTH = 4;
const MAX_FUZZY_MATCHES = 3;
/** Fuzzy matches worse than this many times the best one are dropped. */
const FUZZY_BEST_FACTOR = 0.85;

/**
 * Finds the vocabulary terms a normalized query term stands for: itself, compounds it begins or ends,
 * and, only when it is not in the vocabulary at all, the nearest spellings by Fuse.js (typos, variants).
 */
export function expandTerm(index: LanguageIndex, term: string): Expansion[] {
  const expansions: Expansion[] = [];
  if (index.postings.has(term)) expansions.push({ term, weight: 1 });
  if (term.length >= MIN_COMPOUND_PART_LENGTH) {
    const heads = withPrefix(index.vocabulary, term);
    const tails = withPrefix(index.reversedVocabulary, reverse(term)).map(reverse);
    for (const compound of new Set([...heads, ...tails])) {
      if (compound === term || expansions.length > MAX_COMPOUNDS) continue;
      expansions.push({ term: compound, weight: COMPOUND_WEIGHT });
    }
  }
  if (!index.postings.has(term) && term.length >= MIN_FUZZY_LENGTH) {
    for (const fuzzy of fuzzyMatches(index, term)) {
      const same = expansions.find((expansion) => expansion.term === fuzzy.term);
      if (!same) expansions.push(fuzzy);
      else same.weight = Math.max(same.weight, fuzzy.weight);
    }
  }
  return expansions;
}

function fuzzyMatches(index: LanguageIndex, term: string): Expansion[] {
  const maxLengthDifference = Math.max(1, Math.floor(term.length / 5));
  const matches = index.fuzzy
    .search(term, { limit: 20 })
    .filter((result) => Math.abs(result.item.length - term.length) <= maxLengthDifference)
    .map((result) => ({ term: result.item, weight: 1 - (result.score ?? 1) }))
    .filter((match) => match.weight > 0)
    .slice(0, MAX_FUZZY_MATCHES);
  const best = matches[0]?.weight ?? 0;
  return matches.filter((match) => match.weight >= best * FUZZY_BEST_FACTOR);
}

/** The entries of a sorted array that start with `prefix` and are longer than it. */
function withPrefix(sorted: string[], prefix: string): string[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? "") < prefix) low = middle + 1;
    else high = middle;
  }
  const found: string[] = [];
  for (let i = low; i < sorted.length && found.length < MAX_COMPOUNDS; i++) {
    const entry = sorted[i] ?? "";
    if (!entry.startsWith(prefix)) break;
    if (entry.length > prefix.length) found.push(entry);
  }
  return found;
}
