import type { Language } from "../article.ts";
import {
  type Expansion,
  expandTerm,
  GENITIVE_WEIGHT,
  genitiveName,
  mergeExpansion,
  splitCompound,
  translateWord,
} from "./expand.ts";
import { analyze, isCapitalised, isStopwordOf, toTerm } from "./normalize.ts";
import { GENERIC_WEIGHT, isGenericTerm, questionLanguage, withoutAnswerCue } from "./question.ts";
import type { LanguageIndex } from "./search-index.ts";
import { documentFrequency } from "./search-index.ts";
import { wordGenerality } from "./word-data.ts";

/** How much each known part of an unknown compound counts, against 1 for the compound had it been known. */
const PART_WEIGHT = 0.7;

/** One term of a question: the index terms that stand for it (by id) and how much it counts. */
export interface QueryTerm {
  expansions: { id: number; weight: number; typo?: boolean }[];
  weight: number;
  /** How much the term names a subject, whatever the archive: its {@link specificity}, generic words less. */
  specificity: number;
  /** For a known part of an unknown compound of the question: the position of the compound's first part. */
  compound?: number;
}

/** The inverse document frequency over sentences; a term in no sentence counts as in one. */
export function inverseFrequency(index: LanguageIndex, df: number): number {
  const sentences = Math.max(1, index.sentences.length - index.deadSentences);
  return Math.log(1 + sentences / Math.max(1, df));
}

/**
 * How specific a term is in its language, from 1 (in at most two dictionary entries: "zahnpast") down to about 0.4
 * (in thousands: "time"): rarity within the articles alone cannot tell a question's subject from its everyday
 * words when the archive is small ("Test" is as rare in a few articles as "Nationalhymne").
 */
export function specificity(term: string, language: Language): number {
  const { entries, count } = wordGenerality(language);
  return Math.log(1 + entries / (1 + (count.get(term) ?? 0))) / Math.log(1 + entries);
}

/**
 * Turns a question into weighted query terms for one language's index. Each term counts by its rarity (idf),
 * and by its {@link specificity}, generic question words less; English words asked of German articles also stand for their German translations.
 * A term the index does not know still counts, at the highest rarity, so that off-topic questions stay unanswered.
 */
export function buildQuery(index: LanguageIndex, question: string): QueryTerm[] {
  const asked = questionLanguage(question) ?? index.language;
  const english = index.language === "de" && asked === "en";
  const seen = new Set<string>();
  const query: QueryTerm[] = [];
  const cueless = withoutAnswerCue(question);
  const words = analyze(cueless, index.language).map((analysed) => ({ ...analysed, dropped: false }));
  if (english) {
    // English words that German text drops as its stopwords ("die", "war") ask through their translations only.
    for (const analysed of analyze(cueless, "en"))
      if (isStopwordOf(analysed.word, "de"))
        words.push({ ...analysed, terms: analysed.terms.slice(0, 1), dropped: true });
  }
  words.forEach(({ word, terms, joined, dropped }, at) => {
    // A German question asked of English articles: its function words ("die", "war") are not the English words;
    // its nouns are written with a capital ("Macht"), except at the start.
    const noun = asked === "de" && at > 0 && isCapitalised(word);
    if (asked !== index.language && !noun && isStopwordOf(word, asked)) return;
    terms.forEach((term, position) => {
      // "Amazonas-Regenwald" asks for two things, not three: its parts find the joined form as their compound.
      if (seen.has(term) || term === joined) return;
      seen.add(term);
      const parts = !english && !index.termIds.has(term) ? splitCompound(index, term) : null;
      if (parts) {
        // An unknown compound stands for its known parts ("Eisenbahnstrecken": "eisenbahn", "streck").
        const compound = query.length;
        for (const part of parts) {
          if (seen.has(part)) continue;
          seen.add(part);
          const specific = PART_WEIGHT * specificity(part, index.language);
          query.push({ ...toQueryTerm(index, part, expandTerm(index, part, false), specific), compound });
        }
        return;
      }
      const expansions = dropped ? [] : expandTerm(index, term);
      const name = asked === "de" && index.language === "de" ? genitiveName(index, term) : null;
      if (name !== null) mergeExpansion(expansions, { term: name, weight: GENITIVE_WEIGHT });
      const unknown = !expansions.some((e) => e.term === term);
      if (position === 0 && index.language === "de" && (english || unknown)) {
        for (const translation of translateWord(index, word, toTerm(word, "en")))
          mergeExpansion(expansions, translation);
      }
      if (dropped && expansions.length === 0) return;
      // A word's generality is that of the question's language ("Trainer" asked of English articles is German).
      const inAsked = asked !== index.language && position === 0 ? toTerm(word, asked) : null;
      const specific = inAsked === null ? specificity(term, index.language) : specificity(inAsked, asked);
      query.push(toQueryTerm(index, term, expansions, specific));
    });
  });
  // Translations of two English words can meet in a German compound by chance ("strong" and "last": "leistungs…").
  if (!english) joinCompoundParts(index, query);
  return query;
}

/**
 * A compound that begins with one question term and ends with another is what they say together ("Ausbruch der
 * Pest": "Pestausbruch"), not a longer word that merely contains one of them: it counts in full for each. Terms that
 * overlap in it ("mark" and "markt" in "marktplatz") do not make it.
 */
function joinCompoundParts(index: LanguageIndex, query: QueryTerm[]): void {
  const holders = new Map<number, Set<number>>();
  query.forEach((term, q) => {
    for (const { id, weight, typo } of term.expansions) {
      if (typo || weight >= 1) continue;
      const set = holders.get(id) ?? new Set<number>();
      set.add(q);
      holders.set(id, set);
    }
  });
  // A question term as the index writes it: its expansion counting in full.
  const written = query.map((term) => index.terms[term.expansions.find((e) => e.weight === 1)?.id ?? -1]);
  const joins = (compound: string, head: string | undefined, tail: string | undefined) =>
    head !== undefined &&
    tail !== undefined &&
    head.length + tail.length <= compound.length &&
    compound.startsWith(head) &&
    compound.endsWith(tail);
  for (const [id, terms] of holders) {
    const compound = index.terms[id] ?? "";
    const joined = [...terms].filter((q) =>
      [...terms].some(
        (p) =>
          p !== q && (joins(compound, written[q], written[p]) || joins(compound, written[p], written[q])),
      ),
    );
    for (const q of joined)
      for (const expansion of query[q]?.expansions ?? []) if (expansion.id === id) expansion.weight = 1;
  }
}

function toQueryTerm(
  index: LanguageIndex,
  term: string,
  expansions: Expansion[],
  specific: number,
): QueryTerm {
  const factor = (isGenericTerm(term, index.language) ? GENERIC_WEIGHT : 1) * specific;
  const resolved = expansions.flatMap((e) => {
    const id = index.termIds.get(e.term);
    return id === undefined ? [] : [{ id, weight: e.weight, ...(e.typo ? { typo: true } : {}) }];
  });
  // A rare compound found for a common term must not make the term itself count as rare.
  const rarity =
    resolved.length > 0
      ? Math.max(
          ...expansions.map((e) => e.weight * inverseFrequency(index, documentFrequency(index, e.term))),
        )
      : inverseFrequency(index, 1);
  return { expansions: resolved, weight: factor * rarity, specificity: factor };
}

/** Query term positions and expansion weights by index term id; without typo guesses when `exceptTypos`. */
export function termsById(
  query: QueryTerm[],
  exceptTypos = false,
): Map<number, { q: number; weight: number }[]> {
  const byTerm = new Map<number, { q: number; weight: number }[]>();
  query.forEach((term, q) => {
    for (const { id, weight, typo } of term.expansions) {
      if (exceptTypos && typo) continue;
      const list = byTerm.get(id) ?? [];
      list.push({ q, weight });
      byTerm.set(id, list);
    }
  });
  return byTerm;
}
