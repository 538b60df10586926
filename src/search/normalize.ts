import snowball, { type Stemmer } from "snowball-stemmers";
import { deu, eng } from "stopword";
import type { Language } from "../article.ts";
import { englishVerbForms, germanVerbForms, type VerbForms } from "./word-data.ts";

/** The package's English list has "would" and "should" but lacks these modals; German's listed "will". */
const ENGLISH_MODALS = ["will", "shall"];
/**
 * Prepositions the package's English list lacks (it has "before", "between", "through"): "during" became the term
 * "dure" and, asked of German articles, stood for "während". "within" stays a term: as one it cost XQuAD English a
 * sentence ("contained within Brazil").
 */
const ENGLISH_PREPOSITIONS = ["during", "upon", "among", "until", "against"];
/**
 * Past forms of full verbs that the package's German list holds as if they were function words. They carry what a
 * question asks ("Wer nahm Newton den Ball ab?"), so they stay terms, joined to their lemma like other verb forms.
 */
export const GERMAN_CONTENT_VERBS = new Set(["nahm", "kam", "ging", "gab", "sah", "tat"]);
/** The package's German stopwords, less {@link GERMAN_CONTENT_VERBS}. */
export const GERMAN_STOPWORD_LIST = deu.filter((word) => !GERMAN_CONTENT_VERBS.has(word));
/**
 * German text drops English stopwords too: English questions are asked of German articles, and text and question
 * are normalized the same way. English text keeps the German ones, which are English words there ("die", "war",
 * "will", "man"); a German question asked of English articles drops them itself (see {@link isStopwordOf}).
 */
const STOPWORDS: Record<Language, Set<string>> = {
  de: new Set([...GERMAN_STOPWORD_LIST, ...eng].map((word) => foldDiacritics(word))),
  en: new Set([...eng, ...ENGLISH_MODALS, ...ENGLISH_PREPOSITIONS].map((word) => foldDiacritics(word))),
};
const GERMAN_STOPWORDS = new Set(GERMAN_STOPWORD_LIST.map((word) => foldDiacritics(word)));

/** True when a word is a stopword of the language it is written in ("die" in German, not in English). */
export function isStopwordOf(word: string, language: Language): boolean {
  return inStopwords(language === "de" ? GERMAN_STOPWORDS : STOPWORDS.en, word.toLowerCase());
}

/** True when a lower-case word, as written or with its diacritics folded, is in a stopword list. */
function inStopwords(stopwords: Set<string>, lower: string): boolean {
  return stopwords.has(lower) || stopwords.has(foldDiacritics(lower));
}

const STEMMERS: Record<Language, Stemmer> = {
  de: snowball.newStemmer("german"),
  en: snowball.newStemmer("english"),
};

/** A word with letters or digits, optionally joined by hyphens or apostrophes ("Kreml-Sprecher", "Kim's"). */
const WORD = /[\p{L}\p{N}]+(?:[-‐‑'’][\p{L}\p{N}]+)*/gu;
const JOINERS = /[-‐‑'’]/;
/** What comes before a word that begins a sentence: nothing, or an end of sentence, colon or opening quote. */
const SENTENCE_START = /(^|[.!?:;„“"«»(]\s*|^\s+)$/u;

/** One word of a text and the search terms it yields. */
export interface WordTerms {
  word: string;
  /** Stems of the word's parts; a hyphenated word also yields its joined form ("kreml", "sprech", "kremlsprech"). */
  readonly terms: readonly string[];
  /**
   * The hyphenated word's joined form when every part has a term of its own ("kremlsprech"): the text needs it to
   * be found, a question counts it once through its parts, whose compounds it is.
   */
  readonly joined: string | null;
}

/** Maps ä→a, ß→ss, é→e and the ASCII spellings ae/oe/ue, so that "Pjöngjang", "Pjoengjang" and "Pjongjang" meet. */
export function foldDiacritics(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u");
}

/** Words seen per language and their terms: an archive repeats a few thousand words millions of times. */
const TERM_CACHE: Record<Language, Map<string, string | null>> = { de: new Map(), en: new Map() };
/** The cache is dropped when it grows past this, bounding memory for unusual input. */
const MAX_CACHED_WORDS = 200_000;

/** Reduces one word part to its search term, or null when it is a stopword or too short to mean anything. */
export function toTerm(part: string, language: Language): string | null {
  const cache = TERM_CACHE[language];
  const cached = cache.get(part);
  if (cached !== undefined) return cached;
  if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  const term = computeTerm(part, language);
  cache.set(part, term);
  return term;
}

/** True when a word begins with a capital: in German, a noun, unless it begins a sentence. */
export function isCapitalised(word: string): boolean {
  return word.charAt(0) !== word.charAt(0).toLowerCase();
}

const VERB_FORMS: Record<Language, () => VerbForms> = { de: germanVerbForms, en: englishVerbForms };

/**
 * The lemma of a verb form the stemmer cannot join ("traf", "geflossen", "went"), else the word itself. German
 * words written with a capital are nouns ("Band" is not a form of "binden"), so only lower-case ones are looked up.
 */
function lemmaOf(part: string, lower: string, language: Language): string {
  if (language === "de" && isCapitalised(part)) return lower;
  const forms = VERB_FORMS[language]().lemmaOf;
  // The stem finds the other persons of a listed form: "trafen" and "trafst" stem to the listed "traf".
  return forms.get(lower) ?? forms.get(STEMMERS[language].stem(lower)) ?? lower;
}

/**
 * Number words, cardinal and ordinal, German and English, as the language-neutral term of their number: "zwei",
 * "two" and "2" meet as "2", "zweiten", "second" and "2nd" as "2.". Questions about "the second meeting" keep their
 * key word (German lists these words as stopwords), and an English question meets the German text. "ein" and "one"
 * stay out: they are mostly articles and pronouns.
 */
const NUMBER_WORDS: [number, string[], string[]][] = [
  [1, [], ["erste", "first", "1st"]],
  [2, ["zwei", "two"], ["zweite", "second", "2nd"]],
  [3, ["drei", "three"], ["dritte", "third", "3rd"]],
  [4, ["vier", "four"], ["vierte", "fourth", "4th"]],
  [5, ["fünf", "five"], ["fünfte", "fifth", "5th"]],
  [6, ["sechs", "six"], ["sechste", "sixth", "6th"]],
  [7, ["sieben", "seven"], ["siebte", "siebente", "seventh", "7th"]],
  [8, ["acht", "eight"], ["achte", "eighth", "8th"]],
  [9, ["neun", "nine"], ["neunte", "ninth", "9th"]],
  [10, ["zehn", "ten"], ["zehnte", "tenth", "10th"]],
  [11, ["elf", "eleven"], ["elfte", "eleventh", "11th"]],
  [12, ["zwölf", "twelve"], ["zwölfte", "twelfth", "12th"]],
];
/** Lower case without accents; unlike {@link foldDiacritics} it keeps "ue", so that "neuen" stays apart from "neun". */
const unaccented = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "");
/** German ordinals inflect ("zweiten", "zweiter"); the table holds their -e form. */
const NUMBER_TERMS = new Map<string, string>(
  NUMBER_WORDS.flatMap(([value, cardinals, ordinals]) => [
    ...cardinals.map((word): [string, string] => [unaccented(word), String(value)]),
    ...ordinals.flatMap((word) =>
      (word.endsWith("e") ? ["", "n", "m", "r", "s"].map((ending) => word + ending) : [word]).map(
        (form): [string, string] => [unaccented(form), `${value}.`],
      ),
    ),
  ]),
);

/** German pronouns written with a capital when they address someone ("Sie", "Ihre"): still stopwords. */
const FORMAL_PRONOUNS = new Set(["sie", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "ihnen"]);

function isStopword(lower: string, language: Language): boolean {
  return inStopwords(STOPWORDS[language], lower);
}

function computeTerm(part: string, language: Language): string | null {
  const lower = part.toLowerCase();
  const folded = foldDiacritics(lower);
  const number = NUMBER_TERMS.get(unaccented(lower));
  if (number !== undefined) return number;
  // German capitalises nouns: "Macht", "Zeit" and "Ende" name things, though "macht" and "zeit" are stopwords.
  // Words that begin a sentence reach here in lower case (see analyze).
  const noun = language === "de" && isCapitalised(part) && !FORMAL_PRONOUNS.has(lower);
  if (!noun && isStopword(lower, language)) return null;
  if (folded.length < 2 && !/\d/.test(folded)) return null;
  const lemma = lemmaOf(part, lower, language);
  // The root is a stem already: stemmed again, "gener" (Generation) would become "gen" (Gen).
  const root = ierenRoot(part, lemma, language);
  return foldDiacritics(root ?? STEMMERS[language].stem(lemma));
}

/**
 * A German verb in -ieren and its nouns in -ierung, -ation and -ie are one word family, which the stemmer leaves apart
 * ("finanzierte": "finanzi", "Finanzierung": "finanzier"; "demonstrierte", "Demonstration") and apart from the root's
 * other words ("Finanzen", "Interesse"). All become their root, when root + "ieren" is a verb the verb-forms data
 * knows ("Raumstation" is no "raumstieren") and the root has five letters or more: shorter ones meet unrelated
 * words ("markieren" and "Mark", "passieren" and "Pass", "operieren" and "Oper", "verlieren"). The verb's endings
 * are taken from lower-case words only: a noun in -ieren is a plural ("Barrieren", "Turnieren").
 */
const IEREN_VERB =
  /^(\p{L}{5,})(?:ieren|iert|ierte|ierten|iertes|ierter|iertem|ierst|ierend|ierende|ierenden)$/u;
const IEREN_NOUN = /^(\p{L}{5,})(?:ierung|ierungen|ation|ationen|ie|ien)$/u;

/** The root of a German word of an -ieren family (see above), given the word and its lemma; else undefined. */
function ierenRoot(part: string, lemma: string, language: Language): string | undefined {
  if (language !== "de") return undefined;
  const noun = isCapitalised(part);
  const root = (noun ? undefined : IEREN_VERB.exec(lemma)?.[1]) ?? IEREN_NOUN.exec(lemma)?.[1];
  return root !== undefined && germanLemmas().has(`${root}ieren`) ? root : undefined;
}

/** Separable verb bases per word seen, cached as the terms are. */
const BASE_CACHE = new Map<string, string | null>();

/** The term of a separable verb's base ("wiederhergestellt" → "stell"), which meets "stellte … wieder her". */
function separableBaseTerm(part: string, language: Language): string | null {
  if (language !== "de") return null;
  const cached = BASE_CACHE.get(part);
  if (cached !== undefined) return cached;
  if (BASE_CACHE.size >= MAX_CACHED_WORDS) BASE_CACHE.clear();
  const base = germanVerbForms().baseOf.get(lemmaOf(part, part.toLowerCase(), language));
  const term = base === undefined ? null : toTerm(base, language);
  BASE_CACHE.set(part, term);
  return term;
}

/** Splits a text into words and the normalized terms of each (case, umlauts, ß, hyphens, compounds, stopwords, stems). */
export function analyze(text: string, language: Language): WordTerms[] {
  const result: WordTerms[] = [];
  for (const match of text.matchAll(WORD)) {
    const terms = termsAt(text, match, language);
    if (terms.terms.length > 0) result.push({ word: match[0], ...terms });
  }
  // Most texts hold no particle that ends a clause; only those are read again, clause by clause.
  if (language === "de" && PARTICLE_ENDS_CLAUSE.test(text)) joinParticles(text, result);
  return result;
}

/** The terms of the word `match` found in `text`. */
function termsAt(text: string, match: RegExpMatchArray, language: Language): TermsOfWord {
  const analysis = analyzeWord(match[0], language);
  const at = match.index ?? 0;
  // A capital at the start of a sentence says nothing about a stopword ("Wer", "Die").
  return analysis.initial !== undefined && SENTENCE_START.test(text.slice(Math.max(0, at - 3), at))
    ? analysis.initial
    : analysis.terms;
}

/** Particles of German separable verbs, which stand last in the clause when the verb is finite ("nahm … ab"). */
const PARTICLES =
  "ab an auf aus bei dar ein fest fort her hin los mit nach statt teil vor weg zu zurück zusammen wieder";
/** Conjunctions that begin a new clause ("nahm den Ball ab und lief"). */
const CONJUNCTIONS = new Set(
  "und oder aber sondern denn während weil als wenn dass bevor nachdem".split(" "),
);
/** Punctuation between two words that ends a clause. */
const CLAUSE_END = /[.,;:!?()„“"«»–]/u;
const PARTICLE_ENDS_CLAUSE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${PARTICLES.replace(/ /g, "|")})(?:\\s*(?:[.,;:!?()„“"«»–]|$)|\\s+(?:${[...CONJUNCTIONS].join("|")})(?![\\p{L}\\p{N}]))`,
  "u",
);
const PARTICLE_SET = new Set(PARTICLES.split(" "));

/**
 * Joins a particle that ends a German clause to the clause's first verb that makes a known separable verb with it
 * ("Wer nahm Newton den Ball ab?": "abnehmen", besides "nehmen"): then it meets "abgenommen" and "abnahm", as
 * "wiederhergestellt" meets "stellte … wieder her" through the base.
 */
function joinParticles(text: string, result: WordTerms[]): void {
  let clause: { word: string; at: number; held: boolean }[] = [];
  let at = 0;
  let end = 0;
  const close = () => {
    if (joinParticle(clause, result)) at++;
    clause = [];
  };
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (CLAUSE_END.test(text.slice(end, match.index)) || CONJUNCTIONS.has(word)) close();
    end = (match.index ?? 0) + word.length;
    const held = termsAt(text, match, "de").terms.length > 0;
    clause.push({ word, at, held });
    if (held) at++;
  }
  close();
}

/** Joins the clause's particle to its verb, if it ends the clause; true when that added a word to `result`. */
function joinParticle(clause: { word: string; at: number; held: boolean }[], result: WordTerms[]): boolean {
  const particle = clause.at(-1)?.word;
  if (particle === undefined || !PARTICLE_SET.has(particle)) return false;
  for (const { word, at, held } of clause.slice(0, -1)) {
    const lower = word.toLowerCase();
    if (word !== lower) continue;
    const joined = particle + lemmaOf(word, lower, "de");
    if (!germanLemmas().has(joined)) continue;
    const term = toTerm(joined, "de");
    if (term === null) return false;
    const terms = result[at];
    if (held && terms) {
      result[at] = { ...terms, terms: [...terms.terms, term] };
      return false;
    }
    result.splice(at, 0, { word, terms: [term], joined: null });
    return true;
  }
  return false;
}

let germanLemmaSet: Set<string> | undefined;
/** The German verbs the verb-forms data knows. */
function germanLemmas(): Set<string> {
  const { lemmaOf, baseOf } = germanVerbForms();
  germanLemmaSet ??= new Set([...lemmaOf.values(), ...baseOf.keys()]);
  return germanLemmaSet;
}

/** A word's terms, and other terms when it begins a sentence, which only a capitalized stopword has. */
interface WordAnalysis {
  terms: TermsOfWord;
  initial: TermsOfWord | undefined;
}

/** A word's terms, and the joined form among them that only restates its parts (see {@link WordTerms}). */
interface TermsOfWord {
  terms: string[];
  joined: string | null;
}

/** Words seen per language and their analysis: building the index analyzes the same few thousand words again and again. */
const WORD_CACHE: Record<Language, Map<string, WordAnalysis>> = { de: new Map(), en: new Map() };

function analyzeWord(word: string, language: Language): WordAnalysis {
  const cache = WORD_CACHE[language];
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  if (cache.size >= MAX_CACHED_WORDS) cache.clear();
  const parts = word.split(JOINERS);
  const first = parts[0] ?? "";
  const lower = first.toLowerCase();
  const analysis: WordAnalysis = {
    terms: wordTerms(parts, language),
    initial:
      lower !== first && isStopword(lower, language)
        ? wordTerms([lower, ...parts.slice(1)], language)
        : undefined,
  };
  cache.set(word, analysis);
  return analysis;
}

function wordTerms(parts: string[], language: Language): TermsOfWord {
  const ofParts = parts.map((part) => toTerm(part, language));
  const terms = parts
    .flatMap((part, i) => [ofParts[i] ?? null, separableBaseTerm(part, language)])
    .filter((term): term is string => term !== null);
  if (parts.length > 1) {
    const joined = toTerm(parts.join(""), language);
    if (joined !== null && !terms.includes(joined)) {
      terms.push(joined);
      return { terms, joined: ofParts.every((term) => term !== null) ? joined : null };
    }
  }
  return { terms, joined: null };
}

/** The distinct terms of a text, in order of first appearance. */
export function termsOf(text: string, language: Language): string[] {
  return [...new Set(analyze(text, language).flatMap((word) => word.terms))];
}
