import { parseHTML } from "linkedom";

/** A block of running text found in HTML, classified as the content parsers classify Markdown. */
export type HtmlBlock = { kind: "heading" | "paragraph" | "caption"; text: string };

/** Elements whose text is never article text: scripts, navigation, forms, comments sections, embeds. */
const DROPPED =
  "script, style, noscript, template, nav, aside, footer, header, form, button, iframe, svg, select, " +
  "[role=navigation], [role=complementary], [aria-hidden=true], " +
  ".comments, #comments, .comment, .advert, .ad, .ads, .share, .social, .newsletter, .related";
/** Image credits and photo bylines, which are not captions worth keeping either. */
const CREDITS = /(^|\s)(credit|copyright|photo-credit|image-credit|byline-image)(\s|$)/i;
const BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption, td, dd, dt";

/**
 * Splits an HTML fragment or page into headings, paragraphs and captions, in document order. Figure captions and
 * image alt texts become captions (kept out of search like a Markdown article's); credits and boilerplate go.
 */
export function htmlToBlocks(html: string): HtmlBlock[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  removeBoilerplate(document);
  const blocks: HtmlBlock[] = [];
  for (const element of document.querySelectorAll(`${BLOCKS}, img[alt]`)) {
    // A paragraph inside a list item or quote is reached on its own; only the innermost block counts.
    if (element.tagName !== "IMG" && element.querySelector(BLOCKS)) continue;
    if (element.tagName === "IMG") {
      if (!element.closest("figure")?.querySelector("figcaption"))
        pushText(blocks, "caption", element.getAttribute("alt"));
      continue;
    }
    const tag = element.tagName.toLowerCase();
    const kind = /^h[1-6]$/.test(tag) ? "heading" : tag === "figcaption" ? "caption" : "paragraph";
    pushText(blocks, kind, element.textContent);
  }
  if (blocks.length === 0) pushText(blocks, "paragraph", document.body.textContent);
  return blocks;
}

/** Removes scripts, navigation, comments, ads and image credits from a parsed document, in place. */
export function removeBoilerplate(document: ParentNode): void {
  for (const element of document.querySelectorAll(DROPPED)) element.remove();
  for (const element of document.querySelectorAll("[class]")) {
    if (CREDITS.test(element.getAttribute("class") ?? "")) element.remove();
  }
}

function pushText(blocks: HtmlBlock[], kind: HtmlBlock["kind"], raw: string | null | undefined): void {
  const text = (raw ?? "").replace(/\s+/g, " ").trim();
  if (text !== "") blocks.push({ kind, text });
}

/** The words of a list of blocks that would be searched: captions excluded. */
export function wordCount(blocks: HtmlBlock[]): number {
  return blocks
    .filter((block) => block.kind !== "caption")
    .reduce((sum, block) => sum + block.text.split(/\s+/).length, 0);
}
