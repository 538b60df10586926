import { parse as parseYaml, YAMLError } from "yaml";
import type { Article, Language } from "../article.ts";
import { NewsBotError } from "../errors.ts";
import { type ArticleBlock, assembleArticle } from "./assemble.ts";

/** Front matter fields a Markdown article may carry. */
interface FrontMatter {
  title?: string;
  date?: string;
  source?: string;
  language?: string;
  /** The news feed an exported or stored feed article came from. */
  feed?: string;
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?/;
const IMAGE_LINE = /^!\[([^\]]*)\]\([^)]*\)$/;
const EMPHASIS_ONLY = /^[*_]([^*_]+)[*_]$/;

/**
 * Parses a Markdown article: optional front matter (title, date, source, language, feed), `# title`,
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
  const stated = meta.language?.toLowerCase().slice(0, 2);
  // A stated German or English wins over the detector; another language leaves it to the text.
  const declared: Language | undefined = stated === "en" || stated === "de" ? stated : undefined;
  return assembleArticle({
    title,
    blocks,
    file,
    language: declared ?? "de",
    ...(declared ? { declaredLanguage: declared } : {}),
    ...(meta.date ? { date: meta.date } : {}),
    ...(meta.source ? { sourceUrl: meta.source } : {}),
    ...(meta.feed ? { feed: meta.feed } : {}),
  });
}

/** Keys the source URL may go by. */
const SOURCE_KEYS = ["source", "url", "source_url", "source-url"];

/**
 * Reads the front matter as YAML (the `yaml` package, so quoting, comments, lists and multi-line values work as
 * people write them); keys are case-insensitive and unknown ones ignored. Broken YAML is a CONTENT_PARSE error
 * naming the file and the line, so the loader skips the file with a warning instead of guessing.
 */
function parseFrontMatter(text: string, file: string): FrontMatter {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (cause) {
    const reason = cause instanceof YAMLError ? cause.message.split("\n")[0] : String(cause);
    throw new NewsBotError(
      "CONTENT_PARSE",
      `Invalid front matter in ${file}: ${reason}. Quote values that contain ": ", e.g. title: "Kim: ein Besuch".`,
      { cause },
    );
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new NewsBotError(
      "CONTENT_PARSE",
      `The front matter of ${file} is not a list of "key: value" lines`,
    );
  }
  const fields = new Map(Object.entries(data).map(([key, value]) => [key.toLowerCase(), scalar(value)]));
  const meta: FrontMatter = {};
  const title = fields.get("title");
  if (title) meta.title = title;
  const date = fields.get("date");
  if (date !== undefined) {
    if (Number.isNaN(Date.parse(date)))
      throw new NewsBotError("CONTENT_PARSE", `Invalid date "${date}" in ${file}`);
    meta.date = date;
  }
  const source = SOURCE_KEYS.map((key) => fields.get(key)).find((value) => value);
  if (source) meta.source = source;
  const language = fields.get("language") ?? fields.get("lang");
  if (language) meta.language = language;
  const feed = fields.get("feed");
  if (feed) meta.feed = feed;
  return meta;
}

/** A front-matter value as text: strings trimmed, numbers and booleans written out, lists and maps left out. */
function scalar(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
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
