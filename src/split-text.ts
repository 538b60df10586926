import { splitSentences } from "./content/sentences.ts";

/**
 * Splits a text into messages of at most `limit` characters, at paragraph, then sentence, then word
 * boundaries; a single word longer than the limit is cut. Nothing is lost: joining the parts with the
 * separators that were cut at gives back the text, whitespace aside.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError("limit must be positive");
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  const push = (piece: string, separator: string) => {
    if (current === "") current = piece;
    else if (current.length + separator.length + piece.length <= limit) current += separator + piece;
    else {
      parts.push(current);
      current = piece;
    }
  };
  for (const paragraph of text.split(/\n{2,}/)) {
    const pieces =
      paragraph.length <= limit ? [{ piece: paragraph, separator: " " }] : splitLong(paragraph, limit);
    pieces.forEach(({ piece, separator }, index) => {
      push(piece, index === 0 ? "\n\n" : separator);
    });
  }
  if (current !== "") parts.push(current);
  return parts;
}

/** Pieces of an over-long paragraph, each with the separator that stood before it. */
function splitLong(paragraph: string, limit: number): { piece: string; separator: string }[] {
  const lines = paragraph.split("\n");
  if (lines.length > 1) {
    return lines.flatMap((line) =>
      (line.length <= limit ? [{ piece: line, separator: " " }] : splitLong(line, limit)).map(
        (entry, index) => (index === 0 ? { ...entry, separator: "\n" } : entry),
      ),
    );
  }
  return splitSentences(paragraph)
    .flatMap((sentence) => (sentence.length <= limit ? [sentence] : splitWords(sentence, limit)))
    .map((piece) => ({ piece, separator: " " }));
}

function splitWords(sentence: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const word of sentence.split(" ")) {
    for (const chunk of chunksOf(word, limit)) {
      if (current === "") current = chunk;
      else if (current.length + 1 + chunk.length <= limit) current += ` ${chunk}`;
      else {
        pieces.push(current);
        current = chunk;
      }
    }
  }
  if (current !== "") pieces.push(current);
  return pieces;
}

/** Cuts a word into pieces of at most `limit` UTF-16 units without splitting a surrogate pair (an emoji). */
function chunksOf(word: string, limit: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < word.length) {
    let end = Math.min(word.length, start + limit);
    if (end < word.length && end - start > 1 && isHighSurrogate(word.charCodeAt(end - 1))) end--;
    chunks.push(word.slice(start, end));
    start = end;
  }
  return chunks;
}

/** True for the first half of a surrogate pair. */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
