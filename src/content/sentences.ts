import type { Paragraph } from "../article.ts";
import { ownText } from "./own-text.ts";

/**
 * Abbreviations after which a period does not end a sentence (German and English news usage).
 * Lower-cased, without the period.
 */
const ABBREVIATIONS = new Set([
  "z.b",
  "u.a",
  "d.h",
  "bzw",
  "ca",
  "dr",
  "prof",
  "nr",
  "st",
  "usw",
  "vgl",
  "ggf",
  "inkl",
  "evtl",
  "mio",
  "mrd",
  "jan",
  "feb",
  "mär",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "okt",
  "nov",
  "dez",
  "mr",
  "mrs",
  "ms",
  "vs",
  "etc",
  "approx",
  "vol",
  "e.g",
  "i.e",
  "no",
  "jr",
  "sr",
  "gen",
  "sen",
  "rep",
  "gov",
  "hr",
  "fr",
]);

/** A boundary candidate: terminal punctuation, optional closing quotes/brackets, whitespace, then an upper-case letter, digit or opening quote. */
const BOUNDARY = /([.!?…]+["'»«“”’)\]]*)\s+(?=["'»«„“([]?[\p{Lu}\d])/gu;

/** Splits running text into sentences, keeping abbreviations, initials and ordinals ("3. Oktober") intact. */
export function splitSentences(text: string): string[] {
  return splitNormalized(normalizeSpace(text));
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Splits text whose white space is already normalized; the sentences are slices of it and share its characters. */
function splitNormalized(normalized: string): string[] {
  if (normalized === "") return [];
  const sentences: string[] = [];
  let start = 0;
  for (const match of normalized.matchAll(BOUNDARY)) {
    const end = (match.index ?? 0) + (match[1]?.length ?? 0);
    const candidate = normalized.slice(start, end);
    if (candidate.endsWith(".") && endsWithNonTerminalWord(candidate)) continue;
    if (endsInsideParentheses(candidate)) continue;
    sentences.push(candidate.trim());
    start = end;
  }
  const rest = normalized.slice(start).trim();
  if (rest !== "") sentences.push(rest);
  return sentences;
}

function endsWithNonTerminalWord(candidate: string): boolean {
  const lastWord = candidate.slice(0, -1).split(" ").pop() ?? "";
  const word = lastWord.toLowerCase().replace(/^["'»«„“([]+/, "");
  if (ABBREVIATIONS.has(word)) return true;
  // A single letter is an initial ("Donald J. Trump"); a short number is a German ordinal ("am 3. Oktober").
  return /^\p{L}$/u.test(word) || /^\d{1,3}$/.test(word);
}

/**
 * A period that closes parentheses opened within the sentence ("… 4 kg (8.8 lb.) Dampf …") belongs to them, not to
 * the sentence; a sentence that is itself in parentheses ("(See below.)") still ends there.
 */
function endsInsideParentheses(candidate: string): boolean {
  const trimmed = candidate.trim();
  if (!trimmed.endsWith(".)") || trimmed.startsWith("(")) return false;
  const open = trimmed.lastIndexOf("(");
  return open > 0 && trimmed.indexOf(")", open) === trimmed.length - 1;
}

/** Builds a paragraph from its text. */
export function toParagraph(text: string): Paragraph {
  const clean = ownText(normalizeSpace(text));
  return { text: clean, sentences: splitNormalized(clean).map((sentence) => ({ text: sentence })) };
}
