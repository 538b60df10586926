/** A sentence of a paragraph, as written in the article. */
export interface Sentence {
  text: string;
}

/** A paragraph of running text; captions never become paragraphs. */
export interface Paragraph {
  text: string;
  sentences: Sentence[];
}

/** A headed part of an article. */
export interface Section {
  heading: string;
  paragraphs: Paragraph[];
}

/** Languages the search normalizes for. */
export type Language = "de" | "en";

/** A parsed news article. */
export interface Article {
  /** Stable id: the file name without its extension. */
  id: string;
  title: string;
  /**
   * The first paragraph, which the article opens with. When the article opens with a heading, it is the first
   * section's first paragraph and stays in that section too.
   */
  lead: Paragraph;
  /** Paragraphs between the lead and the first heading. */
  intro: Paragraph[];
  sections: Section[];
  /** Image captions, kept out of search, answers and summaries. */
  captions: string[];
  language: Language;
  /** ISO date from front matter, when the file has one. */
  date?: string;
  sourceUrl?: string;
  /** The title of the news feed the article came from; absent for files in the content folder. */
  feed?: string;
  file: string;
}

/** How replies point at an article. */
export interface ArticleRef {
  id: string;
  title: string;
  date?: string;
  /** Where the article was published, when its file names it; renderers link it. */
  sourceUrl?: string;
  /** The news feed it came from, by title; the daily summary groups new articles by it. */
  feed?: string;
}

/** How replies point at a section; `index` is its position in `Article.sections`. */
export interface SectionRef {
  articleId: string;
  index: number;
  heading: string;
}

/** Reduces an article to the reference replies carry. */
export function toArticleRef(article: Article): ArticleRef {
  return {
    id: article.id,
    title: article.title,
    ...(article.date ? { date: article.date } : {}),
    ...(article.sourceUrl ? { sourceUrl: article.sourceUrl } : {}),
    ...(article.feed ? { feed: article.feed } : {}),
  };
}

/** Lists an article's sections as references. */
export function sectionRefs(article: Article): SectionRef[] {
  return article.sections.map((section, index) => ({
    articleId: article.id,
    index,
    heading: section.heading,
  }));
}

/**
 * All paragraphs of an article in reading order, each once, with the heading it stands under (null before the
 * first heading).
 */
export function paragraphsOf(article: Article): { heading: string | null; paragraph: Paragraph }[] {
  const leadInSection =
    article.intro.length === 0 && article.sections[0]?.paragraphs[0]?.text === article.lead.text;
  return [
    ...(leadInSection ? [] : [{ heading: null, paragraph: article.lead }]),
    ...article.intro.map((paragraph) => ({ heading: null, paragraph })),
    ...article.sections.flatMap((section) =>
      section.paragraphs.map((paragraph) => ({ heading: section.heading, paragraph })),
    ),
  ];
}
