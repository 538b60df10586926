import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { type HtmlBlock, htmlToBlocks, removeBoilerplate } from "./html-blocks.ts";

/** What a web page's article holds once Readability has taken the site's chrome away. */
export interface ExtractedPage {
  title?: string;
  author?: string;
  /** The page's declared language, when it declares one. */
  language?: string;
  blocks: HtmlBlock[];
}

/**
 * Extracts the article of a web page with Mozilla's Readability (Firefox's reader view) on linkedom: navigation,
 * comments, scripts, ads and sidebars go; headings, paragraphs and captions stay. Undefined when the page has no
 * article Readability can find.
 */
export function extractPage(html: string, url: string): ExtractedPage | undefined {
  const { document } = parseHTML(html);
  const language = document.documentElement?.getAttribute("lang") ?? undefined;
  // Readability drops class names, so credits must go while they can still be recognised.
  removeBoilerplate(document.body ?? document);
  // Readability reads the base URL to resolve links; linkedom has no location of its own.
  Object.defineProperty(document, "documentURI", { value: url, configurable: true });
  const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  if (!article?.content) return undefined;
  const blocks = htmlToBlocks(article.content);
  if (blocks.length === 0) return undefined;
  return {
    ...(article.title ? { title: article.title } : {}),
    ...(article.byline ? { author: article.byline.trim().replace(/^(von|by)\s+/i, "") } : {}),
    ...(language ? { language } : {}),
    blocks,
  };
}
