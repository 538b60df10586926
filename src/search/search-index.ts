import { type Article, type Language, paragraphsOf } from "../article.ts";
import { createIntList, type IntList, pushInt, withRoom } from "./int-list.ts";
import { analyze, termsOf } from "./normalize.ts";

/** A paragraph as the index stores it; sentences of one paragraph have consecutive ids. */
export interface IndexedParagraph {
  article: Article;
  heading: string | null;
  /** Term ids of the heading; headings give context, never answers. */
  headingTerms: number[];
  text: string;
  firstSentence: number;
  sentenceCount: number;
}

/** Lookup structures over the vocabulary, rebuilt on the first search after the vocabulary grew. */
export interface VocabularyLookups {
  /** All terms, sorted, for prefix look-ups. */
  sorted: string[];
  /** All terms reversed and sorted, for compound-tail look-ups ("programm" in "atomprogramm"). */
  reversed: string[];
  /** Letter pair → positions in `sorted` of the terms containing it; narrows the fuzzy search. */
  bigrams: Map<string, number[]>;
}

/**
 * The search structures for the articles of one language. Articles are added at the end and removed by marking
 * their paragraphs dead, so that new and changed articles never need a full rebuild; the dead are dropped when
 * they outnumber the living.
 */
export interface LanguageIndex {
  language: Language;
  /** Sentence texts by sentence id. */
  sentences: string[];
  /** Paragraph id of each sentence id. Like the next two, it has room to grow past the entries in use. */
  sentenceParagraph: Int32Array;
  /**
   * Distinct term ids of all sentences, one after another: sentence i's are from `sentenceTermStart[i]` to
   * `sentenceTermStart[i + 1]`. One flat array: 200,000 small arrays would cost more than the ids.
   */
  sentenceTerms: Int32Array;
  sentenceTermStart: Int32Array;
  paragraphs: IndexedParagraph[];
  /** Paragraph i's sentences are from `paragraphStart[i]` to `paragraphStart[i + 1]`; read in every search. */
  paragraphStart: Int32Array;
  /**
   * Every article's title term ids, one run each headed by its length; `paragraphTitle[i]` is where paragraph i's
   * run starts. The title is context for each of its article's paragraphs (see title.ts); unlike a heading, it
   * brings no candidates: a title word stands in every paragraph of its article, and in many articles' titles.
   * Typed arrays, as the search reads the titles of tens of thousands of candidate paragraphs.
   */
  titles: IntList;
  paragraphTitle: Int32Array;
  /**
   * The term ids some title holds, so that a search knows which query terms a title can add. Never shrinks: a
   * removed article's title words only loosen that bound, until compaction rebuilds the index.
   */
  titleVocabulary: Set<number>;
  /** 1 for a paragraph of a loaded article, 0 once its article is removed or replaced. */
  alive: number[];
  /** Sentences of removed articles still in the arrays. */
  deadSentences: number;
  /** Term → id. */
  termIds: Map<string, number>;
  /** Term texts by id. */
  terms: string[];
  /** Term id → ascending ids of the sentences that contain it. */
  postings: IntList[];
  /** Term id → ids of the paragraphs whose heading contains it. */
  headingPostings: number[][];
  /** Built on demand; null after the vocabulary grew. */
  lookups: VocabularyLookups | null;
}

/** The search index over every loaded article, one part per language, updatable article by article. */
export interface SearchIndex {
  byLanguage: Map<Language, LanguageIndex>;
  /** Adds articles, replacing any already indexed under the same id. */
  upsert(articles: Article[]): void;
  /** Removes articles by id; unknown ids are ignored. */
  remove(articleIds: string[]): void;
  /** Ids of the indexed articles. */
  has(articleId: string): boolean;
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

/** Builds the search index over articles; see {@link SearchIndex} for later additions and removals. */
export function buildSearchIndex(articles: Article[]): SearchIndex {
  const byLanguage = new Map<Language, LanguageIndex>();
  /** Where each article's paragraphs are, so that it can be removed. */
  const located = new Map<string, { article: Article; language: Language; paragraphs: number[] }>();

  const add = (article: Article) => {
    let index = byLanguage.get(article.language);
    if (!index) {
      index = emptyLanguageIndex(article.language);
      byLanguage.set(article.language, index);
    }
    located.set(article.id, { article, language: article.language, paragraphs: addArticle(index, article) });
  };
  const remove = (articleId: string) => {
    const entry = located.get(articleId);
    if (!entry) return;
    located.delete(articleId);
    const index = byLanguage.get(entry.language);
    if (!index) return;
    for (const paragraphId of entry.paragraphs) {
      if (index.alive[paragraphId] !== 1) continue;
      index.alive[paragraphId] = 0;
      index.deadSentences += index.paragraphs[paragraphId]?.sentenceCount ?? 0;
    }
    if (index.deadSentences * 2 > index.sentences.length) compact(entry.language);
  };
  /** Rebuilds one language from its living articles, dropping what removed articles left behind. */
  const compact = (language: Language) => {
    const living = [...located.values()].filter((entry) => entry.language === language);
    const index = emptyLanguageIndex(language);
    byLanguage.set(language, index);
    for (const entry of living) entry.paragraphs = addArticle(index, entry.article);
  };

  for (const article of articles) {
    remove(article.id);
    add(article);
  }
  return {
    byLanguage,
    upsert(changed) {
      for (const article of changed) {
        remove(article.id);
        add(article);
      }
    },
    remove(articleIds) {
      for (const articleId of articleIds) remove(articleId);
    },
    has: (articleId) => located.has(articleId),
  };
}

function emptyLanguageIndex(language: Language): LanguageIndex {
  return {
    language,
    sentences: [],
    sentenceParagraph: new Int32Array(0),
    sentenceTerms: new Int32Array(0),
    sentenceTermStart: new Int32Array(1),
    paragraphStart: new Int32Array(1),
    titles: createIntList(),
    paragraphTitle: new Int32Array(0),
    titleVocabulary: new Set(),
    paragraphs: [],
    alive: [],
    deadSentences: 0,
    termIds: new Map(),
    terms: [],
    postings: [],
    headingPostings: [],
    lookups: null,
  };
}

/** The id of a term, adding it to the vocabulary when new. */
function termId(index: LanguageIndex, term: string): number {
  let id = index.termIds.get(term);
  if (id === undefined) {
    id = index.terms.length;
    index.termIds.set(term, id);
    index.terms.push(term);
    index.postings.push(createIntList());
    index.headingPostings.push([]);
    index.lookups = null;
  }
  return id;
}

/** Appends an article's paragraphs and sentences; returns the paragraph ids. */
function addArticle(index: LanguageIndex, article: Article): number[] {
  const ids: number[] = [];
  const headingCache = new Map<string, number[]>();
  const titleTerms = termsOf(article.title, index.language).map((term) => termId(index, term));
  const titleAt = index.titles.length;
  pushInt(index.titles, titleTerms.length);
  for (const id of titleTerms) {
    pushInt(index.titles, id);
    index.titleVocabulary.add(id);
  }
  for (const { heading, paragraph } of paragraphsOf(article)) {
    const paragraphId = index.paragraphs.length;
    ids.push(paragraphId);
    let headingTerms: number[] = [];
    if (heading !== null) {
      headingTerms =
        headingCache.get(heading) ?? termsOf(heading, index.language).map((term) => termId(index, term));
      headingCache.set(heading, headingTerms);
      for (const id of headingTerms) index.headingPostings[id]?.push(paragraphId);
    }
    index.paragraphs.push({
      article,
      heading,
      headingTerms,
      text: paragraph.text,
      firstSentence: index.sentences.length,
      sentenceCount: paragraph.sentences.length,
    });
    index.alive.push(1);
    index.paragraphStart = withRoom(index.paragraphStart, paragraphId + 2);
    index.paragraphStart[paragraphId + 1] = index.sentences.length + paragraph.sentences.length;
    index.paragraphTitle = withRoom(index.paragraphTitle, paragraphId + 1);
    index.paragraphTitle[paragraphId] = titleAt;
    for (const sentence of paragraph.sentences) {
      const sentenceId = index.sentences.length;
      index.sentences.push(sentence.text);
      index.sentenceParagraph = withRoom(index.sentenceParagraph, sentenceId + 1);
      index.sentenceParagraph[sentenceId] = paragraphId;
      const distinct = new Set<number>();
      for (const word of analyze(sentence.text, index.language)) {
        for (const term of word.terms) distinct.add(termId(index, term));
      }
      let end = index.sentenceTermStart[sentenceId] ?? 0;
      index.sentenceTerms = withRoom(index.sentenceTerms, end + distinct.size);
      for (const id of distinct) {
        const postings = index.postings[id];
        if (postings) pushInt(postings, sentenceId);
        index.sentenceTerms[end++] = id;
      }
      index.sentenceTermStart = withRoom(index.sentenceTermStart, sentenceId + 2);
      index.sentenceTermStart[sentenceId + 1] = end;
    }
  }
  return ids;
}

/** The vocabulary's lookup structures, built now if the vocabulary changed since the last search. */
export function vocabularyLookups(index: LanguageIndex): VocabularyLookups {
  if (!index.lookups) {
    const sorted = [...index.terms].sort();
    index.lookups = { sorted, reversed: sorted.map(reverse).sort(), bigrams: indexBigrams(sorted) };
  }
  return index.lookups;
}

/** How many sentences contain a term; 0 for a term not in the vocabulary. */
export function documentFrequency(index: LanguageIndex, term: string): number {
  const id = index.termIds.get(term);
  return id === undefined ? 0 : (index.postings[id]?.length ?? 0);
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
    for (const pair of bigramsOf(term)) {
      const list = index.get(pair);
      if (!list) index.set(pair, [id]);
      else list.push(id);
    }
  });
  return index;
}

/** Reverses a string by code points. */
export function reverse(text: string): string {
  return [...text].reverse().join("");
}
