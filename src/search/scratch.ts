import type { LanguageIndex } from "./search-index.ts";

/** Per-paragraph and per-sentence work arrays of one index, reused by every search and left zeroed after each. */
export interface Scratch {
  cover: Float64Array;
  specific: Float64Array;
  evidence: Float64Array;
  best: Float64Array;
  frequency: Float64Array;
  stamp: Int32Array;
  own: Float64Array;
  sentenceBest: Float64Array;
  sentenceStamp: Int32Array;
  /** Per paragraph, bit q set when query term q reached it through a sentence or its heading. */
  reached: Int32Array;
  /** Per term id, 1 while it stands for a query term (in addTitles). */
  inQuery: Uint8Array;
  /** Paragraph ids listed in a search: the candidates, and those one term reached. */
  candidates: Int32Array;
  touched: Int32Array;
  /** Sentence ids one term reached. */
  touchedSentences: Int32Array;
}

/**
 * Keyed by index so that a dropped index frees its arrays; allocating them per search costs more than the search,
 * and so do lists of tens of thousands of ids grown by push (a third of a 10,000-article search went to them).
 */
const SCRATCH = new WeakMap<LanguageIndex, Scratch>();

export function scratchFor(index: LanguageIndex): Scratch {
  const paragraphs = index.paragraphs.length;
  const sentences = index.sentences.length;
  let scratch = SCRATCH.get(index);
  const vocabulary = index.terms.length;
  if (
    !scratch ||
    scratch.cover.length < paragraphs ||
    scratch.own.length < sentences ||
    scratch.inQuery.length < vocabulary
  ) {
    // Room to grow, so that adding a few articles does not reallocate every time.
    const p = Math.ceil(paragraphs * 1.25) + 16;
    const n = Math.ceil(sentences * 1.25) + 16;
    const v = Math.ceil(vocabulary * 1.25) + 16;
    scratch = {
      cover: new Float64Array(p),
      specific: new Float64Array(p),
      evidence: new Float64Array(p),
      best: new Float64Array(p),
      frequency: new Float64Array(p),
      stamp: new Int32Array(p),
      own: new Float64Array(n),
      sentenceBest: new Float64Array(n),
      sentenceStamp: new Int32Array(n),
      reached: new Int32Array(p),
      inQuery: new Uint8Array(v),
      candidates: new Int32Array(p),
      touched: new Int32Array(p),
      touchedSentences: new Int32Array(n),
    };
    SCRATCH.set(index, scratch);
  }
  return scratch;
}
