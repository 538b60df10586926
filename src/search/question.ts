import { deu, eng } from "stopword";
import type { Language } from "../article.ts";
import { foldDiacritics, toTerm } from "./normalize.ts";
import { namedIn, numbersFound, valuesFound } from "./numbers-in-text.ts";
import { englishToGerman, englishVerbForms } from "./word-data.ts";

/**
 * What kind of answer a question word asks for; the search prefers sentences that hold one. "name" is what "which
 * party", "what nation" ask for in English text: mostly a proper name, like a person's. "kind" is what they ask for
 * in German text: a kind of the asked noun ("Arbeiterpartei" for "Welche Partei").
 */
export type AnswerType = "time" | "number" | "person" | "place" | "name" | "kind";

// Numbers near the question's words are judged with the rest of the numbers; the sentence choice asks here.
export { asksAge, holdsAge, holdsNumberNear } from "./numbers-in-text.ts";

/**
 * Question words and the answer type they ask for, German and English, longest first. Word edges are letters and
 * digits of any script: `\b` sees none after "groß", whose "ß" it does not take for a letter.
 */
const ANSWER_CUES: [RegExp, AnswerType][] = [
  [
    /(?<![\p{L}\p{N}])(wie\s*viele?[nrms]?|wie (alt|lange|hoch|gro(ß|ss)|weit|schwer|oft)|welche[nrms]? (prozentsatz|anteil)|how (many|much|old|long|large|big|far|tall|high|often)|what (number|percentage|proportion|amount))(?![\p{L}\p{N}])/iu,
    "number",
  ],
  [
    /\b(in welchem jahr|seit wann|bis wann|um wie ?viel uhr|in what year|which year|what year|what time)\b/i,
    "time",
  ],
  [/\b(wann|when)\b/i, "time"],
  [/^\s*(wer|wem|wen|wessen|who|whom|whose)\b/i, "person"],
  [/^\s*(wo|wohin|woher|where)\b/i, "place"],
];

/**
 * The question without the words that ask for its answer type ("In welchem Jahr", "how old"): they say what kind of
 * answer is wanted, not what it is about, and the answer type already counts them.
 */
export function withoutAnswerCue(question: string): string {
  const cue = answerCueOf(question)?.[0];
  return cue === undefined ? question : question.replace(cue, " ");
}

/** The first of {@link ANSWER_CUES} the question holds: its pattern and the answer type it asks for. */
function answerCueOf(question: string): [RegExp, AnswerType] | undefined {
  return ANSWER_CUES.find(([pattern]) => pattern.test(question));
}

/**
 * "Which"/"what"/"welche" and a noun ("What Western country …", "In welcher Stadt …"), not an auxiliary verb ("What
 * did …"). Not one of the cues {@link withoutAnswerCue} removes: the noun says what the question is about.
 */
const WHICH_NOUN =
  /^\s*(?:(?:in|on|at|from|to|by|for|of|with|an|auf|aus|bei|für|mit|nach|von|zu)\s+)?(?:welche[nrms]?|which|what)\s+(?!(?:is|was|are|were|do|does|did|has|have|had|can|could|would|will|should|may|might|must)\b)(\p{L}+)/iu;

/**
 * True for an English past verb form by the shipped word data: an irregular one ("made") or a known word and "-ed"
 * or "-d" ("happened", "caused"). "What happened …" asks for an event, not a name.
 */
function isPastVerb(word: string): boolean {
  const lower = word.toLowerCase();
  if (englishVerbForms().lemmaOf.has(lower)) return true;
  const lexicon = englishToGerman();
  return lower.endsWith("ed") && (lexicon.has(lower.slice(0, -2)) || lexicon.has(lower.slice(0, -1)));
}

/**
 * Recognises the answer type a question asks for, if its question word says; `language` is the text's. A "which
 * noun" question asks for a name only in English text: German writes every noun with a capital, so capitals do not
 * tell names there (a dictionary test for them did worse on dev data); in German text it asks for a "kind".
 */
export function answerTypeOf(question: string, language: Language = "de"): AnswerType | undefined {
  const type = answerCueOf(question)?.[1];
  if (type !== undefined) return type;
  const word = WHICH_NOUN.exec(question)?.[1];
  if (word === undefined || isPastVerb(word)) return undefined;
  return language === "en" ? "name" : "kind";
}

const MONTHS =
  "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|may|june|july|october|december";
/** Years (also decades: "1990s", "1990er", "90er"), months and other words of time. */
const TIME = new RegExp(
  `\\b(1[0-9]{3}(s|er)?|20[0-9]{2}(s|er)?|[1-9]0(s|er)|${MONTHS}|jahrhundert|century|uhr|o'clock)\\b`,
  "giu",
);
/** A run of two or more capitalised words, as names of people and places are written. */
const NAME = /\p{Lu}[\p{L}'’-]+(?:\s+(?:von|van|de|der|da|of|the)?\s*\p{Lu}[\p{L}'’-]+)+/gu;

/**
 * True when a sentence holds what the answer type asks for, and not only words the question already has; a name
 * is looked for as a person's is.
 */
export function holdsAnswerType(
  sentence: string,
  type: AnswerType,
  question: string,
  language: Language = "de",
): boolean {
  if (type === "time") return valuesFound(sentence, TIME, namedIn(question)).length > 0;
  if (type === "number") return numbersFound(sentence, namedIn(question), language).length > 0;
  if (type === "kind") return holdsKind(sentence, question, language);
  const asked = question.toLowerCase();
  // Names not in the question; for places, one after a preposition of place counts too.
  const names = [...sentence.slice(1).matchAll(NAME)].map((match) => match[0]);
  // English capitalises names only (German every noun): one capitalised word within the sentence is a name too.
  if (language === "en") {
    for (const match of sentence.matchAll(/(?<=[\p{L}\p{N},;:)]\s+)\p{Lu}[\p{L}'’-]+/gu))
      names.push(match[0]);
  }
  if (type === "place") {
    for (const match of sentence.matchAll(/\b(?:in|nach|aus|bei|at|from|near)\s+(\p{Lu}[\p{L}-]+)/gu))
      names.push(match[1] ?? "");
  }
  return names.some((name) => !asked.includes(name.toLowerCase()));
}

/**
 * Words that many questions use without naming what they are about ("heißen", "called", "year"): they still
 * count, at {@link GENERIC_WEIGHT} of their rarity, so the question's own wording cannot outweigh its subject.
 */
const GENERIC_WORDS = (
  "heißen hieß lauten lautet nennen genannt bezeichnen bezeichnet geben gab machen gemacht tun gehören " +
  "befinden stammen passieren geschehen verwenden benutzen name namen art typ teil beispiel grund " +
  "bedeutung anzahl zahl ereignis call called name named make made do happen happened type kind term " +
  "use used refer known consider considered describe number year years part example reason mean meaning " +
  "take took give gave get become became when why event"
).split(" ");

/** How much a generic word counts, against 1 for every other word. */
export const GENERIC_WEIGHT = 0.3;

const genericTerms: Partial<Record<Language, Set<string>>> = {};

/** True for the term of a generic question word in that language. */
export function isGenericTerm(term: string, language: Language): boolean {
  let terms = genericTerms[language];
  if (!terms) {
    // A German noun is only a noun capitalised: lower-case "jahr" and "teil" are stopwords.
    const forms = GENERIC_WORDS.flatMap((word) => [word, word.charAt(0).toUpperCase() + word.slice(1)]);
    terms = new Set(forms.map((word) => toTerm(word, language)).filter((t): t is string => t !== null));
    genericTerms[language] = terms;
  }
  return terms.has(term);
}

const GERMAN_ONLY = new Set(deu.filter((word) => !eng.includes(word)));
const ENGLISH_ONLY = new Set([...eng.filter((word) => !deu.includes(word)), "when", "why", "how"]);

/** The language a question is written in, by its function words; undefined when they do not tell. */
export function questionLanguage(question: string): Language | undefined {
  let german = 0;
  let english = 0;
  for (const word of question.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (GERMAN_ONLY.has(word)) german++;
    if (ENGLISH_ONLY.has(word)) english++;
  }
  if (german === english) return undefined;
  return german > english ? "de" : "en";
}

/**
 * True when a sentence names a kind of what a German "welche + noun" question asks for: a compound whose head is the
 * noun ("Welche Partei" -> "Arbeiterpartei", "Welcher Satellit" -> "Astra-Satelliten"), not one the question names.
 */
function holdsKind(sentence: string, question: string, language: Language): boolean {
  const noun = WHICH_NOUN.exec(question)?.[1];
  const head = noun === undefined ? null : toTerm(noun, language);
  if (!head) return false;
  // Most sentences do not hold the noun's stem at all (folded as terms are): only those are split into words.
  if (!foldDiacritics(sentence).includes(head)) return false;
  const asked = question.toLowerCase();
  const words = sentence.match(/[\p{L}\p{N}-]+/gu) ?? [];
  return words.some((word, k) => {
    const term = toTerm(word, language);
    if (term === null || !term.endsWith(head)) return false;
    // The noun itself before a name ("den Satelliten Astra 2A"): German rarely sets two nouns side by side else.
    const next = words[k + 1] ?? "";
    if (term === head) return /^\p{Lu}/u.test(next) && !asked.includes(next.toLowerCase());
    return !asked.includes(word.toLowerCase());
  });
}
