import type { Language } from "../article.ts";
import { analyze } from "./normalize.ts";

/**
 * Numbers in text, for questions that ask how many: which values of a sentence the question does not name itself,
 * which number words are part of a name, and which numbers stand near a word of the question.
 */

/** German number words, as nouns ("Million", "Dutzend") or not; {@link NUMBER} takes them and English ones. */
const GERMAN_NUMBER_WORDS =
  "eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dutzend|hundert|tausend|million\\w*|milliard\\w*|zweite[nmrs]?|dritte[nmrs]?|vierte[nmrs]?|fünfte[nmrs]?";
const GERMAN_NUMBER_WORD = new RegExp(`^(?:${GERMAN_NUMBER_WORDS})$`, "iu");
const NUMBER = new RegExp(
  `\\d+(?:[.,]\\d+)*|\\b(${GERMAN_NUMBER_WORDS}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|thousand|billion|dozen|second|third|fourth|fifth|twice)\\b`,
  "giu",
);

/**
 * The times or numbers of a text that the question does not name itself: "before 2000", "die Dürre 2010" name
 * theirs, which are not the answer.
 */
export function valuesFound(text: string, pattern: RegExp, named: Set<string>): string[] {
  return (text.match(pattern) ?? []).filter((value) => !named.has(value.toLowerCase()));
}

/** The words and numbers of a question, lower case, as {@link valuesFound} compares values with them. */
export function namedIn(question: string): Set<string> {
  return new Set(question.toLowerCase().match(/\p{L}+|\d+/gu) ?? []);
}

/**
 * The numbers of a text the question does not name, years left out: a year is no answer to how many. Nor is a number
 * word written with a capital within its sentence where that tells a name: in English text, which capitalises names
 * only ("Thousand Oaks"), and for a word not German in German text ("Oxnard-Thousand Oaks"). German capitalises
 * every noun: "eine Million Zuschauer" is a number. `at` is where the text stands in its sentence (0: its start).
 */
export function numbersFound(text: string, named: Set<string>, language: Language, at = 0): string[] {
  const found: string[] = [];
  // Years become blanks, not nothing: the positions of the numbers after them stay those in the text.
  for (const match of text.replace(/\b\d{4}\b/g, "    ").matchAll(NUMBER)) {
    const value = match[0];
    if (named.has(value.toLowerCase())) continue;
    const capitalTellsName = language === "en" || !GERMAN_NUMBER_WORD.test(value);
    if (capitalTellsName && at + match.index > 0 && /^\p{Lu}/u.test(value)) continue;
    found.push(value);
  }
  return found;
}

/**
 * How many words (stopwords not counted) may stand between a number and a word of the question for the number to
 * count as the one asked for ("Kuechly led the team in tackles (118)" for "How many tackles …"). Chosen on dev
 * data: 2 to 8 words all did better than no limit; 3 did best.
 */
const NUMBER_REACH = 3;

/**
 * True when a sentence holds a number, not one the question names, within {@link NUMBER_REACH} words of one of the
 * question's words (`asked` tells whether a term is one): a number far from every word of the question is mostly
 * about something else.
 */
export function holdsNumberNear(
  sentence: string,
  question: string,
  language: Language,
  asked: (term: string) => boolean,
): boolean {
  // Most sentences hold no number at all: only those that do are split into words.
  const named = namedIn(question);
  if (numbersFound(sentence, named, language).length === 0) return false;
  const numbers: number[] = [];
  const questionWords: number[] = [];
  analyze(sentence, language).forEach(({ word, terms }, position) => {
    if (terms.some(asked)) questionWords.push(position);
    if (numbersFound(word, named, language, sentence.indexOf(word)).length > 0) numbers.push(position);
  });
  return numbers.some((n) => questionWords.some((q) => Math.abs(n - q) <= NUMBER_REACH));
}

/** A question that asks how old someone or something is: its answer is an age, not any number. */
const ASKS_AGE = /(?<![\p{L}\p{N}])(wie alt|how old)(?![\p{L}\p{N}])/iu;
/**
 * An age: a number before "Jahre"/"years" ("mit 39 Jahren", "vor 515 Millionen Jahren", "39-year-old"), or after
 * "Alter von"/"age of"/"aged".
 */
const AGE =
  /(?<![\p{L}\p{N}])(?:\d+(?:[.,]\d+)?(?:\s+(?:millionen|milliarden|million|billion))?[\s-]+(?:jahren?|jährige\p{L}*|years?|year-old)|(?:alter von|age of|aged)\s+\d+)(?![\p{L}\p{N}])/iu;

/** True when the question asks for an age ("Wie alt …", "How old …"). */
export function asksAge(question: string): boolean {
  return ASKS_AGE.test(question);
}

/** True when a sentence states an age ({@link AGE}). */
export function holdsAge(sentence: string): boolean {
  return AGE.test(sentence);
}
