import Fuse from "fuse.js";
import { toTerm } from "./normalize.ts";
import {
  bigramsOf,
  type LanguageIndex,
  reverse,
  VOCABULARY_FUSE_OPTIONS,
  vocabularyLookups,
} from "./search-index.ts";
import { englishToGerman } from "./word-data.ts";

/** A vocabulary term a query term stands for, and how sure that is (1 = the same term). */
export interface Expansion {
  term: string;
  weight: number;
  /** Found only as a typo or spelling variant of the query term, by Fuse.js. */
  typo?: boolean;
}

/** A query term counts as the head or tail of a longer compound only from this length on. */
const MIN_COMPOUND_PART_LENGTH = 4;
/** How much a compound containing the query term counts ("sanktion" in "sanktionslist"); chosen on XQuAD. */
const COMPOUND_WEIGHT = 0.8;
/** At most this many compounds per query term, so a short stem cannot flood the candidates. */
const MAX_COMPOUNDS = 12;
/** Typos are looked for only in terms this long; shorter ones have too many near neighbours. */
const MIN_FUZZY_LENGTH = 4;
const MAX_FUZZY_MATCHES = 3;
/** Fuzzy matches worse than this many times the best one are dropped. */
const FUZZY_BEST_FACTOR = 0.85;

/**
 * Finds the vocabulary terms a normalized query term stands for: itself, compounds it begins or ends,
 * and, only when it is neither in the vocabulary nor part of a compound there, the nearest spellings by Fuse.js
 * (typos, variants).
 */
export function expandTerm(index: LanguageIndex, term: string, fuzzy = true): Expansion[] {
  const expansions: Expansion[] = [];
  const known = index.termIds.has(term);
  if (known) expansions.push({ term, weight: 1 });
  if (term.length >= MIN_COMPOUND_PART_LENGTH) {
    const lookups = vocabularyLookups(index);
    const heads = withPrefix(lookups.sorted, term);
    const tails = withPrefix(lookups.reversed, reverse(term)).map(reverse);
    for (const compound of new Set([...heads, ...tails].slice(0, MAX_COMPOUNDS))) {
      if (compound === term) continue;
      expansions.push({ term: compound, weight: COMPOUND_WEIGHT });
    }
  }
  // A term that begins or ends known compounds is a word of the language, not a typo: "herrsch" (Herrscher)
  // stands for "herrschaft", not also for "erricht".
  if (fuzzy && expansions.length === 0 && term.length >= MIN_FUZZY_LENGTH && !/\d/.test(term)) {
    for (const fuzzy of fuzzyMatches(index, term)) mergeExpansion(expansions, fuzzy);
  }
  return expansions;
}

/**
 * Adds an expansion, or raises the weight of the one already there for its term. A term stays a typo guess only
 * when every way it was found is one.
 */
export function mergeExpansion(expansions: Expansion[], added: Expansion): void {
  const same = expansions.find((expansion) => expansion.term === added.term);
  if (!same) {
    expansions.push(added);
    return;
  }
  same.weight = Math.max(same.weight, added.weight);
  if (!added.typo) delete same.typo;
}

/**
 * Typo candidates: vocabulary terms of similar length sharing enough letter pairs with the query term (a word
 * with k typos keeps all but about 2k of its pairs), ranked by Fuse.js, which decides what counts as a match.
 */
function fuzzyMatches(index: LanguageIndex, term: string): Expansion[] {
  const maxLengthDifference = Math.max(1, Math.floor(term.length / 5));
  const pairs = bigramsOf(term);
  const maxTypos = Math.ceil(term.length * VOCABULARY_FUSE_OPTIONS.threshold);
  const minShared = Math.max(1, pairs.length - 2 * maxTypos);
  const lookups = vocabularyLookups(index);
  // Counted in an array over the vocabulary: common pairs list thousands of terms, too many for a Map.
  const shared = new Uint16Array(lookups.sorted.length);
  const seen: number[] = [];
  for (const pair of pairs) {
    for (const id of lookups.bigrams.get(pair) ?? []) {
      if (shared[id] === 0) seen.push(id);
      shared[id] = (shared[id] ?? 0) + 1;
    }
  }
  const candidates: string[] = [];
  for (const id of seen) {
    const candidate = lookups.sorted[id] ?? "";
    if ((shared[id] ?? 0) >= minShared && Math.abs(candidate.length - term.length) <= maxLengthDifference) {
      candidates.push(candidate);
    }
  }
  if (candidates.length === 0) return [];
  candidates.sort();
  const matches = new Fuse(candidates, VOCABULARY_FUSE_OPTIONS)
    .search(term, { limit: MAX_FUZZY_MATCHES })
    .map((result) => ({ term: result.item, weight: 1 - (result.score ?? 1), typo: true }))
    .filter((match) => match.weight > 0);
  const best = matches[0]?.weight ?? 0;
  return matches.filter((match) => match.weight >= best * FUZZY_BEST_FACTOR);
}

/** How much a German word counts when it stands for an English one of the question ("meeting" → "Treffen"). */
const TRANSLATION_WEIGHT = 0.8;

/**
 * The German index's terms an English word stands for, through the shipped lexicon: each translation as itself and
 * as part of compounds, at {@link TRANSLATION_WEIGHT}. None for a word the lexicon does not know.
 */
export function translateWord(index: LanguageIndex, word: string, englishTerm: string | null): Expansion[] {
  const lexicon = englishToGerman();
  const lower = word.toLowerCase();
  const german = lexicon.get(lower) ?? (englishTerm === null ? undefined : lexicon.get(englishTerm));
  const expansions: Expansion[] = [];
  for (const translation of german ?? []) {
    const term = toTerm(translation, index.language);
    if (term === null) continue;
    // A translation is a known word: typo matching would only add noise.
    for (const expansion of expandTerm(index, term, false)) {
      mergeExpansion(expansions, { term: expansion.term, weight: expansion.weight * TRANSLATION_WEIGHT });
    }
  }
  return expansions;
}

/** A compound's parts are looked for only from this length on, in parts of at least MIN_PART_LENGTH letters. */
const MIN_SPLIT_LENGTH = 8;
const MIN_PART_LENGTH = 3;
/** Linking letters between a German compound's parts ("Touristen|strecken", "Arbeits|markt"). */
const LINKS = ["", "s", "es", "n", "en", "e"];

/**
 * Splits a term the vocabulary does not know into two parts it does know, German-compound style: the head as a
 * term (perhaps after a linking "s" or "n"), the tail as a term ("eisenbahnstreck" → "eisenbahn", "streck").
 * Of several splits, the one with the longest shorter part; null when there is none.
 */
export function splitCompound(index: LanguageIndex, term: string): [string, string] | null {
  if (term.length < MIN_SPLIT_LENGTH || /\d/.test(term)) return null;
  let best: [string, string] | null = null;
  let bestShorter = 0;
  for (let at = MIN_PART_LENGTH; at <= term.length - MIN_PART_LENGTH; at++) {
    const tail = term.slice(at);
    if (!index.termIds.has(tail)) continue;
    const front = term.slice(0, at);
    for (const link of LINKS) {
      if (!front.endsWith(link)) continue;
      const head = front.slice(0, front.length - link.length);
      if (head.length < MIN_PART_LENGTH || !index.termIds.has(head)) continue;
      const shorter = Math.min(head.length, tail.length);
      if (shorter > bestShorter) {
        best = [head, tail];
        bestShorter = shorter;
      }
      break;
    }
  }
  return best;
}

/** How much a name counts for its genitive form in a German question ("Teslas" → "tesla"). */
export const GENITIVE_WEIGHT = 0.9;

/**
 * The name a German genitive stands for, when the stemmer leaves its -s after a vowel ("teslas" → "tesla",
 * "warschaus" → "warschau") and the vocabulary knows the name; otherwise null.
 */
export function genitiveName(index: LanguageIndex, term: string): string | null {
  if (term.length <= MIN_COMPOUND_PART_LENGTH || !/[aeiouy]s$/.test(term)) return null;
  const name = term.slice(0, -1);
  return index.termIds.has(name) ? name : null;
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
