import type { Article } from "../article.ts";
import { NewsBotError } from "../errors.ts";
import { type ArticleBlock, assembleArticle } from "./assemble.ts";

/** A heading is short; longer unpunctuated lines are treated as paragraphs. */
const MAX_HEADING_LENGTH = 120;

/** Lines that name an image or its credit, in the usual German and English forms. */
const CAPTION_PREFIX = /^(foto|bild|photo|image|picture|quelle|credit|©)\b/i;

/**
 * Parses a plain-text article: the first line is the title; a short line without closing punctuation
 * followed by a paragraph is a section heading; a block of one line repeated, or a credit line, is a caption.
 */
export function parsePlainText(text: string, file: string): Omit<Article, "id" | "file"> {
  const blocks = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    )
    .filter((lines) => lines.length > 0);
  const [titleBlock, ...rest] = blocks;
  if (!titleBlock)
    throw new NewsBotError("CONTENT_PARSE", `${file} is empty: expected a title on its first line`);
  const [title, ...afterTitle] = titleBlock;
  const bodyBlocks = afterTitle.length > 0 ? [afterTitle, ...rest] : rest;
  const classified = bodyBlocks.map(classifyBlock);
  const typed: ArticleBlock[] = classified.map((block, index) => {
    if (block.kind !== "candidate-heading") return block;
    const next = classified[index + 1];
    return next?.kind === "paragraph"
      ? { kind: "heading", text: block.text }
      : { kind: "caption", text: block.text };
  });
  return assembleArticle({ title: title ?? "", blocks: typed, file, language: "de" });
}

type ClassifiedBlock = ArticleBlock | { kind: "candidate-heading"; text: string };

function classifyBlock(lines: string[]): ClassifiedBlock {
  const text = lines.join(" ");
  const distinct = new Set(lines);
  if (lines.length > 1 && distinct.size === 1) return { kind: "caption", text: lines[0] ?? "" };
  if (lines.every((line) => CAPTION_PREFIX.test(line))) return { kind: "caption", text };
  if (lines.length === 1 && text.length <= MAX_HEADING_LENGTH && !/[.!?:;…"“”»]$/.test(text)) {
    return { kind: "candidate-heading", text };
  }
  return { kind: "paragraph", text };
}
