import type { Language } from "../article.ts";
import { termsOf } from "./normalize.ts";

/** A pronoun or demonstrative that refers back, German or English ("Sie wurde 1991 …", "As such, it …"). */
const PRONOUN =
  /^(sie|er|es|dies|diese|dieser|dieses|diesem|diesen|solche|dort|damit|dadurch|daher|deshalb|dabei|dazu|danach|beide|beiden|it|they|he|she|this|these|those|there|its|their|his|her|them|both|such)$/iu;
/** How many words at the start of a sentence may hold the pronoun ("Heute ist dies bekannt als …"). */
const PRONOUN_REACH = 2;
/** A definite article: "Das Unternehmen installierte …" after "… ein Unternehmen …" refers back too. */
const DEFINITE = /^(der|die|das|den|dem|des|the)$/iu;

/**
 * True when a sentence begins by referring to the one before it: a pronoun among its first words, or a definite
 * article before a noun the sentence before it names (`namedBefore` tells whether it has a term). Such a sentence answers what the one before it introduced.
 */
export function refersBack(
  sentence: string,
  language: Language,
  namedBefore: (term: string) => boolean,
): boolean {
  const words = sentence.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.slice(0, PRONOUN_REACH).some((word) => PRONOUN.test(word))) return true;
  const [first, noun] = words;
  if (first === undefined || noun === undefined || !DEFINITE.test(first)) return false;
  return termsOf(noun, language).some(namedBefore);
}
