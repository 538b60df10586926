import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Language } from "../article.ts";

/**
 * Word data the search ships in ./lexicon, derived from Ding's German–English dictionary (GPL-2+, see
 * lexicon/README.md; `npm run build-lexicon` regenerates it). Each file is read once, on first use, and never changes.
 */

/** Verb forms joined to their lemma ("traf" → "treffen"), and separable verbs to their base ("wiederherstellen" → "stellen"). */
export interface VerbForms {
  lemmaOf: Map<string, string>;
  baseOf: Map<string, string>;
}

function readLines(name: string): string[][] {
  const packed = readFileSync(new URL(`./lexicon/${name}`, import.meta.url));
  return gunzipSync(packed)
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split("\t"));
}

/** The endings of a German participle used as an adjective ("die betroffene Stadt", "den verbleibenden Wald"). */
const ADJECTIVE_ENDINGS = ["e", "en", "er", "es", "em"];
/** Forms that may be participles ("betroffen", "geführt", "verbleibend"); also past plurals, which take no endings. */
const PARTICIPLE = /(en|t|d)$/;

/**
 * Reads a verb-forms file; with `participleAdjectives` (German) a participle also stands for its lemma with an
 * adjective's endings, which the stemmer keeps apart from the lemma as it does the participle ("betroffene").
 */
function readVerbForms(name: string, participleAdjectives = false): VerbForms {
  const lemmaOf = new Map<string, string>();
  const baseOf = new Map<string, string>();
  const add = (form: string, lemma: string) => {
    if (!lemmaOf.has(form)) lemmaOf.set(form, lemma);
  };
  const participles: [string, string][] = [];
  for (const [lemma = "", forms = "", base = ""] of readLines(name)) {
    for (const form of forms.split(" ")) {
      if (form === "") continue;
      add(form, lemma);
      if (participleAdjectives && PARTICIPLE.test(form)) participles.push([form, lemma]);
    }
    if (base !== "") baseOf.set(lemma, base);
  }
  // After every listed form, so that a listed form of another verb is never taken for an adjective's; a form that is
  // itself a verb's infinitive is a slip of the dictionary's columns ("entlassen" under "kürzen"), not a participle.
  const lemmas = new Set(lemmaOf.values());
  for (const [form, lemma] of participles) {
    if (lemmas.has(form)) continue;
    for (const ending of ADJECTIVE_ENDINGS) add(form + ending, lemma);
  }
  return { lemmaOf, baseOf };
}

/** How many of the dictionary's entries use each search term, and how many entries there are. */
export interface Generality {
  entries: number;
  /** Term → entries using it; terms in fewer than three entries are not listed. */
  count: Map<string, number>;
}

const cache: {
  de?: VerbForms;
  en?: VerbForms;
  lexicon?: Map<string, string[]>;
  generality?: Partial<Record<Language, Generality>>;
} = {};

/** German verb forms whose stem differs from their lemma's: irregular and strong verbs, umlauts, participles. */
export function germanVerbForms(): VerbForms {
  cache.de ??= readVerbForms("de-verb-forms.tsv.gz", true);
  return cache.de;
}

/** English irregular verb forms ("went" → "go"). */
export function englishVerbForms(): VerbForms {
  cache.en ??= readVerbForms("en-verb-forms.tsv.gz");
  return cache.en;
}

/** English word (lower case) → its most common German translations, best first. */
export function englishToGerman(): Map<string, string[]> {
  cache.lexicon ??= new Map(
    readLines("en-de-lexicon.tsv.gz").map(([english = "", german = ""]) => [english, german.split(" ")]),
  );
  return cache.lexicon;
}

/** How general each search term of a language is, counted over the dictionary's entries ("test" in many, "zahnpast" in one). */
export function wordGenerality(language: Language): Generality {
  cache.generality ??= {};
  let generality = cache.generality[language];
  if (!generality) {
    const count = new Map<string, number>();
    let entries = 1;
    for (const [term = "", value = ""] of readLines(`${language}-generality.tsv.gz`)) {
      if (term === "*") entries = Number(value);
      else count.set(term, Number(value));
    }
    generality = { entries, count };
    cache.generality[language] = generality;
  }
  return generality;
}
