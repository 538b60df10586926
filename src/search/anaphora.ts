import type { Language } from "../article.ts";
import { termsOf } from "./normalize.ts";

/**
 * A personal pronoun, or "beide"/"both": it stands for what the sentence before named as a whole ("Sie wurde 1991
 * wiederhergestellt", "Die beiden trafen sich"), so the sentence is about the same thing.
 */
const PERSONAL = /^(sie|er|es|beide|beiden|it|they|he|she|both)$/iu;
/** "The two …" refers back like "both"; "two" alone ("two years later") does not. */
const THE_TWO = /^the two$/iu;
/** How many words at the start of a sentence may hold a personal pronoun ("Seit 1991 ist sie …"); dev data. */
const PERSONAL_REACH = 4;
/**
 * German puts the finite verb second, so a subject pronoun follows a fronted phrase and the verb ("Mit 39 Jahren ist
 * er …", "Im Jahr 1943 stellte sie …"): a pronoun right after a lower-case word (a verb: German capitalises nouns)
 * within the sentence's first clause counts too, up to this many words in. Round; the first clause rarely holds more.
 */
const VERB_SECOND_REACH = 8;
/** Words before a pronoun that open a new clause ("…, welche er …", "als sie …"), not a finite verb of the first. */
const CLAUSE_OPENER =
  /^(der|die|das|dem|den|welche[nmrs]?|dass|wie|als|wenn|ob|weil|und|oder|aber|da|nachdem|bevor|während|wo)$/u;
const GERMAN_PERSONAL = /^(er|sie|es)$/u;

/** A demonstrative or an adverb that refers back ("Heute ist dies …", "Dort …"), to a part of the sentence before. */
const DEMONSTRATIVE =
  /^(dies|diese|dieser|dieses|diesem|diesen|solche|dort|damit|dadurch|daher|deshalb|dabei|dazu|danach|this|these|those|there|its|their|his|her|them|such)$/iu;
/** How many words at the start of a sentence may hold the demonstrative ("As such, it …"). */
const DEMONSTRATIVE_REACH = 2;
/** A definite article: "Das Unternehmen installierte …" after "… ein Unternehmen …" refers back too. */
const DEFINITE = /^(der|die|das|den|dem|des|the)$/iu;

/**
 * How a sentence refers to the one before it: "personal" when a personal pronoun (or "both", "the two") among its
 * first words stands for what that sentence was about; "partial" for a demonstrative or a definite article before a
 * noun the sentence before names (`namedBefore` tells whether it has a term), which may take up only part of it;
 * undefined when it does not refer back. Such a sentence answers what the one before it introduced.
 */
export function referenceOf(
  sentence: string,
  language: Language,
  namedBefore: (term: string) => boolean,
): "personal" | "partial" | undefined {
  const words = sentence.match(/[\p{L}\p{N}]+/gu) ?? [];
  const [first, second] = words;
  if (words.slice(0, PERSONAL_REACH).some((word) => PERSONAL.test(word))) return "personal";
  if (language === "de" && verbSecondPronoun(sentence)) return "personal";
  if (THE_TWO.test(`${first} ${second}`)) return "personal";
  if (words.slice(0, DEMONSTRATIVE_REACH).some((word) => DEMONSTRATIVE.test(word))) return "partial";
  if (first === undefined || second === undefined || !DEFINITE.test(first)) return undefined;
  return termsOf(second, language).some(namedBefore) ? "partial" : undefined;
}

/** True when a German sentence's first clause holds a subject pronoun right after its finite verb. */
function verbSecondPronoun(sentence: string): boolean {
  const clause = sentence.split(/[,;:(]/u)[0] ?? "";
  const words = (clause.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, VERB_SECOND_REACH);
  return words.some(
    (word, k) =>
      k > 1 &&
      GERMAN_PERSONAL.test(word) &&
      /^\p{Ll}/u.test(words[k - 1] ?? "") &&
      !CLAUSE_OPENER.test(words[k - 1] ?? ""),
  );
}
