import type { ArticleRef, SectionRef } from "./article.ts";
import type { CommandName } from "./request.ts";

/** A passage as replies carry it: plain data, no markup. */
export interface PassageView {
  article: ArticleRef;
  /** The heading the paragraph stands under; null for the lead and intro, shown as the article title. */
  section: string | null;
  /** The whole paragraph. */
  text: string;
  /** The sentence inside `text` that answers best. */
  sentence: string;
  /** Relevance in [0, 1]. */
  score: number;
}

/** One article as the daily summary shows it: its summary from the core and its sections. */
export interface DigestArticle {
  article: ArticleRef;
  lead: string;
  sentences: string[];
  sections: SectionRef[];
}

/** The daily summary's new articles from one source: a feed (by title), or the content folder (no feed). */
export interface DigestGroup {
  feed?: string;
  /** Newest first. */
  articles: DigestArticle[];
}

/** Why a message got no regular reply; adapters turn codes into words with the UI texts. */
export type ReplyErrorCode =
  | "empty-question"
  | "too-long"
  | "unknown-command"
  | "unknown-article"
  | "unknown-section"
  | "rate-limited"
  | "internal";

/** Everything the core can answer, as data; each adapter's render.ts turns it into a message. */
export type Reply =
  | { kind: "answer"; question: string; passages: PassageView[] }
  | { kind: "no-answer"; question: string; sections: SectionRef[] }
  | { kind: "summary"; article: ArticleRef; lead: string; sentences: string[]; sections: SectionRef[] }
  | { kind: "sections"; article: ArticleRef; sections: SectionRef[] }
  | { kind: "section"; article: ArticleRef; section: SectionRef; paragraphs: string[] }
  | { kind: "articles"; articles: ArticleRef[]; selected: string | null }
  /** The newest articles (from files and feeds), newest first, each with its source link when it has one. */
  | { kind: "latest"; articles: ArticleRef[] }
  | { kind: "article-selected"; article: ArticleRef | null }
  | {
      kind: "help";
      greeting: boolean;
      /** The newest articles, at most five. */
      articles: ArticleRef[];
      /** The commands worth listing, described in the requested language; adapters write them in their syntax. */
      commands: { name: CommandName; argument?: string; description: string }[];
      examples: string[];
    }
  | {
      kind: "digest";
      /** The slot's date, written out in the recipient's language and the schedule's zone. */
      date: string;
      /** The newest article, always shown first, with its sections. */
      newest: DigestArticle;
      /**
       * Articles added since the previous summary other than the newest, grouped by source: the group with the
       * newest arrival first.
       */
      added: DigestGroup[];
      /** True when a previous summary exists and nothing, the newest article included, arrived since. */
      nothingNew: boolean;
      /** A question the search answers, for the line on how to ask; empty when there is none. */
      example: string;
    }
  | { kind: "error"; code: ReplyErrorCode; detail?: string };
