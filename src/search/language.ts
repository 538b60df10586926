import { deu, eng } from "stopword";
import type { Language } from "../article.ts";

/** Below this many words, a text is too short to tell German from English reliably. */
const MIN_WORDS_TO_DETECT = 12;

const GERMAN_STOPWORDS = new Set(deu);
const ENGLISH_STOPWORDS = new Set(eng);

/** Tells German from English by which language's stopwords a text uses more; undefined when it cannot tell. */
export function detectLanguage(text: string): Language | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS_TO_DETECT) return undefined;
  let german = 0;
  let english = 0;
  for (const word of words) {
    if (GERMAN_STOPWORDS.has(word)) german++;
    if (ENGLISH_STOPWORDS.has(word)) english++;
  }
  if (german === english) return undefined;
  return german > english ? "de" : "en";
}
