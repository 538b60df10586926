import { isHighSurrogate, splitSentences } from "../../src/index.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
}

/** Wraps escaped text in a tag, e.g. `tag("b", escapeHtml(heading))`; empty text stays empty. */
export function tag(name: string, html: string): string {
  return html === "" ? "" : `<${name}>${html}</${name}>`;
}

/** Markup around a run's escaped HTML (bold, a quote, a link); empty HTML must stay empty. */
export type Mark = (html: string) => string;

/**
 * A piece of a reply before rendering: plain text (line and paragraph breaks included) and the marks around it,
 * outermost first. Adjacent runs that share a mark (the same function) render inside one element of it, so a
 * quoted paragraph with a bold sentence is three runs under one `quote` mark.
 */
export interface Run {
  text: string;
  marks: readonly Mark[];
}

/** Bold, italic and quote marks, shared so that adjacent runs with them merge into one element. */
export const BOLD: Mark = (html) => tag("b", html);
export const ITALIC: Mark = (html) => tag("i", html);

/** A quote mark of its own: runs under one quote render in one blockquote, and another quote stays apart. */
export function quoteMark(): Mark {
  return (html) => tag("blockquote", html);
}

/** A link mark to an http(s) address; null for any other address, which is then shown as plain text. */
export function linkMark(url: string | undefined): Mark | null {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  return (html) => (html === "" ? "" : `<a href="${escapeHtml(url)}">${html}</a>`);
}

/** A run of text with marks, outermost first; a null mark (a refused link) is left out. */
export function run(text: string, ...marks: (Mark | null)[]): Run {
  return { text, marks: marks.filter((mark): mark is Mark => mark !== null) };
}

/** Renders runs as Telegram HTML: text escaped, each mark wrapped once around the runs that share it. */
export function renderRuns(runs: readonly Run[], depth = 0): string {
  let html = "";
  for (let start = 0; start < runs.length; ) {
    const mark = runs[start]?.marks[depth];
    let end = start + 1;
    if (!mark) {
      html += escapeHtml(runs[start]?.text ?? "");
    } else {
      while (end < runs.length && runs[end]?.marks[depth] === mark) end++;
      html += mark(renderRuns(runs.slice(start, end), depth + 1));
    }
    start = end;
  }
  return html;
}

/**
 * Splits a reply's runs into messages whose text has at most `limit` characters, then renders each. It cuts the
 * plain text, never the markup: at the last paragraph, line or sentence end that fits, else at a space, else
 * (a word longer than a message) anywhere but inside a surrogate pair. A cut inside a mark leaves each part with
 * its own complete element, so every part is valid HTML and a quote continues as a quote.
 */
export function splitRuns(runs: readonly Run[], limit: number): string[] {
  if (limit < 1) throw new RangeError("limit must be positive");
  const text = runs.map((piece) => piece.text).join("");
  const clean = cleanBoundaries(text);
  const parts: string[] = [];
  let start = skipSpace(text, 0);
  while (start < text.length) {
    let end = text.length;
    if (end - start > limit) {
      const window = start + limit;
      end =
        lastBoundary(clean, start, window) ??
        lastBoundary(spacesIn(text, start, window), start, window) ??
        hardCut(text, start, window);
    }
    const html = renderRuns(slice(runs, start, trimEnd(text, start, end)));
    if (html !== "") parts.push(html);
    start = skipSpace(text, end);
  }
  return parts;
}

/** Offsets where a part may end cleanly: before a line break and after each sentence. */
function cleanBoundaries(text: string): number[] {
  const ends: number[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    let cursor = lineStart;
    for (const sentence of splitSentences(line)) {
      const at = text.indexOf(sentence, cursor);
      // splitSentences folds runs of spaces; a sentence not found verbatim only costs a candidate cut.
      if (at < 0 || at >= lineStart + line.length) continue;
      cursor = at + sentence.length;
      ends.push(cursor);
    }
    ends.push(lineStart + line.length);
    lineStart += line.length + 1;
  }
  return ends;
}

function spacesIn(text: string, start: number, window: number): number[] {
  const spaces: number[] = [];
  for (let at = start + 1; at <= window && at < text.length; at++)
    if (/\s/.test(text[at] ?? "")) spaces.push(at);
  return spaces;
}

/** The last candidate after `start` and at most `window`; null when none is. */
function lastBoundary(candidates: readonly number[], start: number, window: number): number | null {
  let found: number | null = null;
  for (const at of candidates) if (at > start && at <= window) found = at;
  return found;
}

/** A cut inside a word, moved back one unit rather than between the halves of a surrogate pair (an emoji). */
function hardCut(text: string, start: number, window: number): number {
  return isHighSurrogate(text.charCodeAt(window - 1)) && window - 1 > start ? window - 1 : window;
}

function skipSpace(text: string, at: number): number {
  let next = at;
  while (next < text.length && /\s/.test(text[next] ?? "")) next++;
  return next;
}

function trimEnd(text: string, start: number, end: number): number {
  let last = end;
  while (last > start && /\s/.test(text[last - 1] ?? "")) last--;
  return last;
}

/** The runs' text between two offsets, each piece keeping its marks. */
function slice(runs: readonly Run[], from: number, to: number): Run[] {
  const pieces: Run[] = [];
  let offset = 0;
  for (const piece of runs) {
    const start = Math.max(from - offset, 0);
    const end = Math.min(to - offset, piece.text.length);
    if (start < end) pieces.push({ text: piece.text.slice(start, end), marks: piece.marks });
    offset += piece.text.length;
  }
  return pieces;
}
