import { type Article, paragraphsOf } from "./article.ts";
import { termsOf } from "./search/normalize.ts";
import { isHighSurrogate } from "./split-text.ts";

/** The summary, title, lead, key sentences and headings together, stays under this many characters. */
export const SUMMARY_CHARACTER_BUDGET = 1000;
const MIN_KEY_SENTENCES = 2;
const MAX_KEY_SENTENCES = 4;

/** An extractive summary: the lead and the key sentences, in article order. */
export interface ArticleSummary {
  lead: string;
  sentences: string[];
}

/**
 * Summarizes an article extractively. Method: sentences after the lead are picked greedily by centrality,
 * the sum over their distinct terms of how many other sentences share that term (halved for terms the lead or an
 * earlier pick already covers, so the picks add information), divided by the square root of the term count so
 * long sentences gain no edge; one per paragraph while others remain, only while title, lead, sentences and
 * headings fit the character budget; shown in article order.
 * Captions are never part of an article's paragraphs, so never part of a summary.
 */
export function summarizeArticle(article: Article): ArticleSummary {
  const entries = paragraphsOf(article).flatMap(({ paragraph }, paragraphIndex) =>
    paragraph.sentences.map((sentence, sentenceIndex) => ({
      text: sentence.text,
      paragraphIndex,
      position: paragraphIndex * 1000 + sentenceIndex,
      terms: termsOf(sentence.text, article.language),
    })),
  );
  const documentFrequency = new Map<string, number>();
  for (const entry of entries)
    for (const term of entry.terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const candidates = entries.filter((entry) => entry.paragraphIndex > 0 && entry.terms.length > 0);
  const covered = new Set<string>();
  const centrality = (terms: string[]) =>
    terms.reduce(
      (sum, term) => sum + ((documentFrequency.get(term) ?? 1) - 1) * (covered.has(term) ? 0.5 : 1),
      0,
    ) / Math.sqrt(terms.length);
  for (const term of termsOf(article.lead.text, article.language)) covered.add(term);
  const fixedLength =
    article.title.length +
    article.lead.text.length +
    article.sections.reduce((sum, s) => sum + s.heading.length + 2, 0);
  const chosen: typeof candidates = [];
  const usedParagraphs = new Set<number>();
  let length = fixedLength;
  while (chosen.length < MAX_KEY_SENTENCES) {
    const fits = candidates.filter(
      (entry) => !chosen.includes(entry) && length + entry.text.length + 1 <= SUMMARY_CHARACTER_BUDGET,
    );
    // One sentence per paragraph while other paragraphs still have one to offer.
    const fresh = fits.filter((entry) => !usedParagraphs.has(entry.paragraphIndex));
    const pool = fresh.length > 0 ? fresh : fits;
    const next = pool.reduce<(typeof candidates)[number] | undefined>(
      (best, entry) => (!best || centrality(entry.terms) > centrality(best.terms) ? entry : best),
      undefined,
    );
    if (!next) break;
    chosen.push(next);
    usedParagraphs.add(next.paragraphIndex);
    for (const term of next.terms) covered.add(term);
    length += next.text.length + 1;
  }
  if (chosen.length < MIN_KEY_SENTENCES && candidates.length >= MIN_KEY_SENTENCES) {
    const rest = candidates.filter((entry) => !chosen.includes(entry));
    rest.sort((a, b) => centrality(b.terms) - centrality(a.terms));
    return shortenLead(article, [...chosen, ...rest].slice(0, MIN_KEY_SENTENCES));
  }
  return {
    lead: article.lead.text,
    sentences: chosen.sort((a, b) => a.position - b.position).map((e) => e.text),
  };
}

/** When long sentences leave no room, the lead gives up its later sentences so two key sentences fit. */
function shortenLead(article: Article, entries: { text: string; position: number }[]): ArticleSummary {
  const sentences = [...entries].sort((a, b) => a.position - b.position).map((e) => truncate(e.text, 300));
  return { lead: truncate(article.lead.sentences[0]?.text ?? article.lead.text, 250), sentences };
}

/** Cuts a text at a word boundary to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 2)) ? max - 2 : max - 1;
  const cut = text.slice(0, end);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
