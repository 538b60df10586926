import type { Article, Language, Paragraph, Section } from "../article.ts";
import { NewsBotError } from "../errors.ts";
import { detectLanguage } from "../search/language.ts";
import { ownText } from "./own-text.ts";
import { toParagraph } from "./sentences.ts";

/** One block of an article body after the format-specific parser has classified it. */
export type ArticleBlock = { kind: "heading" | "paragraph" | "caption"; text: string };

/** Options for assembling an article from classified blocks. */
export interface AssembleOptions {
  title: string;
  blocks: ArticleBlock[];
  file: string;
  /** Used only when the text is too short to tell its language. */
  language: Language;
  /** The language the source states (front matter, a feed); it wins over the detector. */
  declaredLanguage?: Language;
  date?: string;
  sourceUrl?: string;
  feed?: string;
}

/** Groups classified blocks into lead, intro paragraphs and headed sections; the format parsers share it. */
export function assembleArticle(options: AssembleOptions): Omit<Article, "id" | "file"> {
  const title = ownText(options.title.trim());
  if (title === "") throw new NewsBotError("CONTENT_PARSE", `No title in ${options.file}`);
  const intro: Paragraph[] = [];
  const sections: Section[] = [];
  const captions: string[] = [];
  for (const block of options.blocks) {
    if (block.kind === "caption") captions.push(ownText(block.text));
    else if (block.kind === "heading") sections.push({ heading: ownText(block.text), paragraphs: [] });
    else (sections.at(-1)?.paragraphs ?? intro).push(toParagraph(block.text));
  }
  // Many articles open with a heading: their lead is then the first section's first paragraph, which stays in
  // its section (paragraphsOf lists it once).
  const [lead, ...rest] =
    intro.length > 0 ? intro : sections.flatMap((section) => section.paragraphs).slice(0, 1);
  if (!lead) throw new NewsBotError("CONTENT_PARSE", `No paragraph in ${options.file}`);
  const bodyText = [...intro, ...sections.flatMap((section) => section.paragraphs)]
    .map((paragraph) => paragraph.text)
    .join(" ");
  return {
    title,
    lead,
    intro: rest,
    sections: sections.filter((section) => section.paragraphs.length > 0),
    captions,
    language: options.declaredLanguage ?? detectLanguage(bodyText) ?? options.language,
    ...(options.date ? { date: ownText(options.date) } : {}),
    ...(options.sourceUrl ? { sourceUrl: ownText(options.sourceUrl) } : {}),
    ...(options.feed ? { feed: ownText(options.feed) } : {}),
  };
}
