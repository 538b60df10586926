/**
 * Regenerates the word data the search ships in src/search/lexicon/ from Ding's German–English dictionary
 * (Debian package `trans-de-en`, GPL-2+, © Frank Richter, TU Chemnitz): German verb forms joined to their lemma,
 * English irregular verb forms joined to theirs, and an English → German lexicon for English questions about
 * German articles; and how general each search term is, by how many of the dictionary's entries use it.
 *
 *   apt-get install trans-de-en && npm run build-lexicon [-- /usr/share/trans/de-en]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import snowball from "snowball-stemmers";
import { eng } from "stopword";
import type { Language } from "../src/article.ts";
import { GERMAN_STOPWORD_LIST, toTerm } from "../src/search/normalize.ts";

const SOURCE = process.argv[2] ?? "/usr/share/trans/de-en";
const OUT = "src/search/lexicon";
/** German translations kept per English word, the most often paired first. */
const MAX_TRANSLATIONS = 6;
const HEADER = [
  "# Derived from Ding (https://dict.tu-chemnitz.de/), German-English dictionary, (c) Frank Richter, TU Chemnitz.",
  "# License: GNU General Public License, version 2 or later. Regenerate with `npm run build-lexicon`.",
];

const stem = { de: snowball.newStemmer("german"), en: snowball.newStemmer("english") };
// The normalizer's list: a verb form it keeps as a term must be joined to its lemma.
const germanStopwords = new Set(GERMAN_STOPWORD_LIST);
const englishStopwords = new Set(eng);
/** Terms in fewer entries than this are left out of the generality files: the search treats them as specific. */
const MIN_GENERALITY_COUNT = 3;
/** Pronouns and auxiliaries Ding writes before verb forms ("er/sie hat/hatte getroffen"). */
const GERMAN_FORM_NOISE =
  /^(ich|du|er|sie|es|wir|ihr|hat|hatte|ist|war|sind|waren|haben|hatten|mich|dich|sich|uns|euch)$/;

/** Removes Ding's annotations: {grammar}, [usage], (explanations), <plurals>, and placeholders like jdn./sth. */
function clean(text: string): string {
  return text
    .replace(/\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|(^|\s)\/[^/]+\/(?=\s|$)/g, " ")
    .replace(/\b(jdn|jdm|jds|etw|sb|sth|sb's|so)\.(?=\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const isWord = (text: string) => /^[\p{L}][\p{L}-]*$/u.test(text);

const germanForms = new Map<string, Set<string>>();
const separableBase = new Map<string, string>();
const englishForms = new Map<string, Set<string>>();
const pairs = new Map<string, Map<string, number>>();
/** How often each German word occurs anywhere in the dictionary's German text: common words are core senses. */
const popularity = new Map<string, number>();

function addForm(map: Map<string, Set<string>>, lemma: string, form: string): void {
  const forms = map.get(lemma) ?? new Set<string>();
  forms.add(form);
  map.set(lemma, forms);
}

const entries = readFileSync(SOURCE, "utf8")
  .split("\n")
  .filter((line) => !line.startsWith("#") && line.includes(" :: "));
for (const line of entries) {
  const [german = "", english = ""] = line.split(" :: ");
  const germanColumns = german.split(" | ");
  const englishColumns = english.split(" | ");
  const head = germanColumns[0] ?? "";
  for (const word of german.toLowerCase().match(/\p{L}+/gu) ?? [])
    popularity.set(word, (popularity.get(word) ?? 0) + 1);
  if (/\{v[a-z]*\}/.test(head)) readGermanVerb(germanColumns);
  readEnglishIrregular(englishColumns[0] ?? "");
  const germanWords = head
    .split(";")
    .map((w) => (/\{v[a-z]*\}/.test(w) ? (clean(w).split(" ").at(-1) ?? "") : clean(w)))
    .filter((w) => isWord(w) && !germanStopwords.has(w.toLowerCase()));
  const englishWords = (englishColumns[0] ?? "")
    .split(";")
    // "to meet with sb.": a verb's first word is the verb.
    .map((w) => clean(w).replace(/^to (\S+).*$/, "$1"))
    .filter((w) => isWord(w) && !englishStopwords.has(w.toLowerCase()));
  for (const en of englishWords) {
    const key = en.toLowerCase();
    const translations = pairs.get(key) ?? new Map<string, number>();
    // Entries with fewer alternatives are more precise translations; they count more.
    for (const de of germanWords) translations.set(de, (translations.get(de) ?? 0) + 1 / germanWords.length);
    pairs.set(key, translations);
  }
}

/** A verb entry: column 1 the infinitives, later columns their forms, aligned alternative by alternative. */
function readGermanVerb(columns: string[]): void {
  const lemmas = (columns[0] ?? "").split(";").map(clean);
  for (const column of columns.slice(1, 9)) {
    const forms = column.split(";").map(clean);
    // A column with one form where there are several infinitives gives the first one's ("er/sie trifft").
    if (forms.length !== lemmas.length && forms.length !== 1) continue;
    forms.forEach((form, i) => {
      const lemma = lemmas[i] ?? "";
      const words = form.split(/[\s/]+/).filter((w) => w !== "" && !GERMAN_FORM_NOISE.test(w));
      // "sich mit jdm. treffen": the infinitive is the last word.
      const infinitive = lemma.split(" ").at(-1) ?? "";
      if (words.length === 0 || words.length > 3) return;
      if (!/^\p{Ll}+$/u.test(infinitive) || !/(en|rn|ln)$/.test(infinitive)) return;
      const [verb = "", ...particles] = words;
      if (!/^\p{Ll}+$/u.test(verb) || particles.some((p) => !/^\p{Ll}+$/u.test(p))) return;
      if (particles.length > 0) {
        // "stellt wieder her": "wiederherstellen" is the particle "wiederher" plus the verb "stellen", whose
        // own entry gives "stellt".
        const particle = particles.join("");
        if (infinitive.startsWith(particle) && infinitive.length > particle.length + 2)
          separableBase.set(infinitive, infinitive.slice(particle.length));
        return;
      }
      if (verb.length >= 3 && !germanStopwords.has(verb) && stem.de.stem(verb) !== stem.de.stem(infinitive))
        addForm(germanForms, infinitive, verb);
    });
  }
}

/** "to go {went; gone}": the irregular past forms in braces. */
function readEnglishIrregular(head: string): void {
  for (const match of head.matchAll(/to ([a-z]+)(?: [a-z.]+)* \{([a-z]+); ([a-z]+)\}/g)) {
    const [, lemma = "", past = "", participle = ""] = match;
    for (const form of [past, participle]) {
      if (form.length >= 3 && !englishStopwords.has(form) && stem.en.stem(form) !== stem.en.stem(lemma))
        addForm(englishForms, lemma, form);
    }
  }
}

function write(name: string, lines: string[]): void {
  const text = `${[...HEADER, ...lines].join("\n")}\n`;
  const packed = gzipSync(text, { level: 9 });
  writeFileSync(`${OUT}/${name}`, packed);
  console.log(`${OUT}/${name}: ${lines.length} entries, ${(packed.length / 1024).toFixed(0)} KB`);
}

for (const lemma of separableBase.keys()) if (!germanForms.has(lemma)) germanForms.set(lemma, new Set());
write(
  "de-verb-forms.tsv.gz",
  [...germanForms]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([lemma, forms]) => `${lemma}\t${[...forms].sort().join(" ")}\t${separableBase.get(lemma) ?? ""}`),
);
write(
  "en-verb-forms.tsv.gz",
  [...englishForms]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([lemma, forms]) => `${lemma}\t${[...forms].sort().join(" ")}`),
);
write(
  "en-de-lexicon.tsv.gz",
  [...pairs]
    .filter(([, translations]) => translations.size > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([en, translations]) => {
      const score = ([de, pairing]: [string, number]) =>
        pairing * Math.log(2 + (popularity.get(de.toLowerCase()) ?? 0));
      const best = [...translations]
        .sort((a, b) => score(b) - score(a) || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_TRANSLATIONS)
        .map(([de]) => de);
      return `${en}\t${best.join(" ")}`;
    }),
);

/**
 * How many entries use each search term, per side, as the search's own normalization makes it (so the verb forms
 * written above already join "traf" to "treffen"): a term in many entries is a general word ("Test", "kosten"), one
 * in few a specific one ("Zahnpasta"). Called only now: the normalizer reads the word data on first use, so it reads
 * the files just written.
 */
const NUMBER_TERM = /^\d+\.?$/;
const generality: Record<Language, Map<string, number>> = { de: new Map(), en: new Map() };
for (const line of entries) {
  const [german = "", english = ""] = line.split(" :: ");
  for (const [language, text] of [
    ["de", german],
    ["en", english],
  ] as const) {
    const terms = new Set<string>();
    for (const word of text.match(/\p{L}+/gu) ?? []) {
      const term = toTerm(word, language);
      // Number words become numbers ("zwei" → "2"); numbers are no words of the language, and the search weighs
      // them by their own rule (see SHORT_NUMBER_SPECIFICITY in answerability.ts).
      if (term !== null && !NUMBER_TERM.test(term)) terms.add(term);
    }
    for (const term of terms) generality[language].set(term, (generality[language].get(term) ?? 0) + 1);
  }
}
for (const language of ["de", "en"] as const) {
  write(`${language}-generality.tsv.gz`, [
    // "*", never a term, carries how many entries were counted.
    `*\t${entries.length}`,
    ...[...generality[language]]
      .filter(([, count]) => count >= MIN_GENERALITY_COUNT)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([term, count]) => `${term}\t${count}`),
  ]);
}
