import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Options for {@link generateCorpus}. */
export interface CorpusOptions {
  /** The article every generated one varies. */
  sourceFile: string;
  /** Folder to write into; created if missing. */
  dir: string;
  articles: number;
  /** Seed of the variation, so runs are comparable. */
  seed?: number;
}

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ter",
  "gon",
  "ra",
  "vel",
  "sun",
  "dri",
  "bar",
  "no",
  "ski",
  "wen",
  "tau",
  "ple",
];
const PLACES = ["Peking", "Wladiwostok", "Seoul", "Tokio", "Hanoi", "Ulan-Bator", "Chabarowsk", "Shanghai"];
const DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"];

/**
 * A small deterministic random generator (mulberry32): a seed always gives the same corpus, and a failing
 * generated test input can be reproduced.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `articles` plain-text articles built from the source article's lines: article 0 is the source itself;
 * the others swap places and weekdays, shuffle sentences inside paragraphs, and coin a few new words each, so the
 * vocabulary grows with the archive as a real one does.
 */
export function generateCorpus(options: CorpusOptions): string[] {
  const source = readFileSync(options.sourceFile, "utf8");
  mkdirSync(options.dir, { recursive: true });
  const next = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const coin = () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join("");
  const files: string[] = [];
  for (let i = 0; i < options.articles; i++) {
    const name = `${String(i).padStart(5, "0")}_generated.txt`;
    const text = i === 0 ? source : vary(source, i, { next, pick, coin });
    writeFileSync(join(options.dir, name), text);
    files.push(name);
  }
  return files;
}

interface Variation {
  next: () => number;
  pick: <T>(items: readonly T[]) => T;
  coin: () => string;
}

function vary(source: string, index: number, v: Variation): string {
  const [title = "", ...rest] = source.split("\n");
  const body = rest
    .join("\n")
    .split("\n\n")
    .map((block) => {
      const trimmed = block.trim();
      if (!/[.!?]$/.test(trimmed) || trimmed.includes("\n")) return block;
      const sentences = trimmed.split(/(?<=[.!?])\s+(?=[A-ZÄÖÜ])/);
      for (let k = sentences.length - 1; k > 0; k--) {
        const j = Math.floor(v.next() * (k + 1));
        [sentences[k], sentences[j]] = [sentences[j] as string, sentences[k] as string];
      }
      return sentences
        .map((sentence) =>
          v.next() < 0.3 ? sentence.replace(/\.$/, ` bei ${capitalize(v.coin())}.`) : sentence,
        )
        .join(" ");
    })
    .join("\n\n")
    .replace(/Peking/g, () => v.pick(PLACES))
    .replace(/Montag/g, () => v.pick(DAYS));
  return `${title} – Meldung ${index} aus ${capitalize(v.coin())}\n\n${body.trimStart()}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
