import type { Article, Language } from "../article.ts";
import { NewsBotError } from "../errors.ts";
import { type ArticleBlock, assembleArticle } from "./assemble.ts";

/** Front matter fields a Markdown article may carry. */
interface FrontMatter {
  title?: string;
  date?: string;
  source?: string;
  language?: string;
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?/;
const IMAGE_LINE = /^!\[([^\]]*)\]\([^)]*\)$/;
const EMPHASIS_ONLY = /^[*_]([^*_]+)[*_]$/;

/**
 * Parses a Markdown article: optional front matter (title, date, source, language), `# title`,
 * `## section` headings, paragraphs; image lines and the emphasised line after an image are captions.
 */
export function parseMarkdown(text: string, file: string): Omit<Article, "id" | "file"> {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const frontMatterMatch = FRONT_MATTER.exec(source);
  const meta = frontMatterMatch ? parseFrontMatter(frontMatterMatch[1] ?? "", file) : {};
  const body = frontMatterMatch ? source.slice(frontMatterMatch[0].length) : source;
  let title = meta.title ?? "";
  const blocks: ArticleBlock[] = [];
  let previous: ArticleBlock | undefined;
  for (const raw of body.split(/\n\s*\n/)) {
    for (const block of splitHeadings(raw)) {
      if (block.kind === "title") {
        if (title === "") title = block.text;
        continue;
      }
      const typed: ArticleBlock =
        block.kind === "heading" ? { kind: "heading", text: block.text } : classify(block.text, previous);
      blocks.push(typed);
      previous = typed;
    }
  }
  const language: Language = meta.language?.toLowerCase().startsWith("en") ? "en" : "de";
  return assembleArticle({
    title,
    blocks,
    file,
    language,
    ...(meta.date ? { date: meta.date } : {}),
    ...(meta.source ? { sourceUrl: meta.source } : {}),
  });
}

function parseFrontMatter(yaml: string, file: string): FrontMatter {
  const meta: FrontMatter = {};
  for (const line of yaml.split("\n")) {
    // Only top-level "key: value" lines matter; lists, nested maps and comments of richer YAML are skipped.
    const match = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = (match[1] ?? "").toLowerCase();
    const value = (match[2] ?? "").trim().replace(/^["']|["']$/g, "");
    if (key === "title") meta.title = value;
    else if (key === "date") {
      if (Number.isNaN(Date.parse(value)))
        throw new NewsBotError("CONTENT_PARSE", `Invalid date "${value}" in ${file}`);
      meta.date = value;
    } else if (["source", "url", "source_url", "source-url"].includes(key)) meta.source = value;
    else if (key === "language" || key === "lang") meta.language = value;
  }
  return meta;
}

type RawBlock = { kind: "title" | "heading" | "text"; text: string };

/** A heading or image line may sit directly above its paragraph without a blank line between them. */
function splitHeadings(raw: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) blocks.push({ kind: "text", text: lines.join("\n") });
    lines = [];
  };
  for (const line of raw.split("\n").map((l) => l.trim())) {
    const heading = /^(#{1,6})\s+(.+?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: heading[1] === "#" ? "title" : "heading", text: stripInline(heading[2] ?? "") });
    } else if (IMAGE_LINE.test(line)) {
      // An image and the credit line under it are captions even without blank lines around them.
      flush();
      blocks.push({ kind: "text", text: line });
    } else if (line !== "") lines.push(line);
  }
  flush();
  return blocks;
}

function classify(text: string, previous: ArticleBlock | undefined): ArticleBlock {
  if (!text.includes("\n") && IMAGE_LINE.test(text)) {
    return { kind: "caption", text: IMAGE_LINE.exec(text)?.[1] ?? "" };
  }
  if (previous?.kind === "caption" && EMPHASIS_ONLY.test(text))
    return { kind: "caption", text: stripInline(text) };
  return { kind: "paragraph", text: stripInline(text.replace(/\n/g, " ")) };
}

/** Removes inline Markdown (links, emphasis, code) and keeps the words. */
function stripInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(?<![\p{L}\d])[*_](.+?)[*_](?![\p{L}\d])/gu, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .trim();
}
