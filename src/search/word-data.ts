import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

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

function readVerbForms(name: string): VerbForms {
  const lemmaOf = new Map<string, string>();
  const baseOf = new Map<string, string>();
  for (const [lemma = "", forms = "", base = ""] of readLines(name)) {
    for (const form of forms.split(" ")) if (form !== "" && !lemmaOf.has(form)) lemmaOf.set(form, lemma);
    if (base !== "") baseOf.set(lemma, base);
  }
  return { lemmaOf, baseOf };
}

const cache: { de?: VerbForms; en?: VerbForms; lexicon?: Map<string, string[]> } = {};

/** German verb forms whose stem differs from their lemma's: irregular and strong verbs, umlauts, participles. */
export function germanVerbForms(): VerbForms {
  cache.de ??= readVerbForms("de-verb-forms.tsv.gz");
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
