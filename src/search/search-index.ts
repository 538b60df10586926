import { type Article, type Language, paragraphsOf } from "../article.ts";
import { analyze, termsOf } from "./normalize.ts";

/** A paragraph as the index stores it; sentences of one paragraph have consecutive ids. */
export interface IndexedParagraph {
  article: Article;
  heading: string | null;
  text: string;
  firstSentence: number;
  sentenceCount: number;
}

/** The search structures for the articles of one language. */
export interface LanguageIndex {
  language: Language;
  /** Sentence texts by sentence id. */
  sentences: string[];
  /** Paragraph id of each sentence id. */
  sentenceParagraph: Int32Array;
  paragraphs: IndexedParagraph[];
  /** Term → ascending ids of the sentences that contain it. */
  postings: Map<string, number[]>;
  /** Term → ids of the paragraphs whose heading contains it; headings give context, never answers. */
  headingPostings: Map<string, number[]>;
  /** All terms, sorted, for prefix look-ups. */
  vocabulary: string[];
  /** All terms reversed and sorted, for compound-tail look-ups ("programm" in "atomprogramm"). */
  reversedVocabulary: string[];
  /** Letter pair → ids in `vocabulary` of the terms containing it; narrows the fuzzy search to plausible terms. */
  bigrams: Map<string, number[]>;
}

/** The search index over every loaded article, one part per language. */
export interface SearchIndex {
  byLanguage: Map<Language, LanguageIndex>;
}

/**
 * Fuse.js settings for matching one query term against candidate vocabulary terms: strict enough that "wetter" does not
 * become "weiter", loose enough for one or two typos in a long word.
 */
export const VOCABULARY_FUSE_OPTIONS = {
  includeScore: true,
  threshold: 0.3,
  ignoreLocation: true,
  minMatchCharLength: 3,
  shouldSort: true,
} as const;

/** Builds the search index: sentences, an inverted index from terms to sentences, and the fuzzy vocabulary. */
export function buildSearchIndex(articles: Article[]): SearchIndex {
  const byLanguage = new Map<Language, LanguageIndex>();
  for (const language of new Set(articles.map((article) => article.language))) {
    byLanguage.set(
      language,
      buildLanguageIndex(
        articles.filter((article) => article.language === language),
        language,
      ),
    );
  }
  return { byLanguage };
}

function buildLanguageIndex(articles: Article[], language: Language): LanguageIndex {
  const sentences: string[] = [];
  const sentenceParagraph: number[] = [];
  const paragraphs: IndexedParagraph[] = [];
  const postings = new Map<string, number[]>();
  const headingPostings = new Map<string, number[]>();
  const headingTerms = new Map<string, string[]>();
  for (const article of articles) {
    for (const { heading, paragraph } of paragraphsOf(article)) {
      const paragraphId = paragraphs.length;
      paragraphs.push({
        article,
        heading,
        text: paragraph.text,
        firstSentence: sentences.length,
        sentenceCount: paragraph.sentences.length,
      });
      if (heading !== null) {
        let terms = headingTerms.get(heading);
        if (!terms) {
          terms = termsOf(heading, language);
          headingTerms.set(heading, terms);
        }
        for (const term of terms) append(headingPostings, term, paragraphId);
      }
      for (const sentence of paragraph.sentences) {
        const sentenceId = sentences.length;
        sentences.push(sentence.text);
        sentenceParagraph.push(paragraphId);
        for (const word of analyze(sentence.text, language)) {
          for (const term of word.terms) append(postings, term, sentenceId);
        }
      }
    }
  }
  const vocabulary = [...postings.keys()].sort();
  return {
    language,
    sentences,
    sentenceParagraph: Int32Array.from(sentenceParagraph),
    paragraphs,
    postings,
    headingPostings,
    vocabulary,
    reversedVocabulary: vocabulary.map(reverse).sort(),
    bigrams: indexBigrams(vocabulary),
  };
}

/** Adds an id to a posting list once; ids arrive in ascending order, so checking the last is enough. */
function append(postings: Map<string, number[]>, term: string, id: number): void {
  const list = postings.get(term);
  if (!list) postings.set(term, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

/** The distinct letter pairs of a term, which typo candidates mostly share. */
export function bigramsOf(term: string): string[] {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < term.length; i++) pairs.add(term.slice(i, i + 2));
  return [...pairs];
}

function indexBigrams(vocabulary: string[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  vocabulary.forEach((term, id) => {
    for (const pair of bigramsOf(term)) append(index, pair, id);
  });
  return index;
}

/** Reverses a string by code points. */
export function reverse(text: string): string {
  return [...text].reverse().join("");
}
