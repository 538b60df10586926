import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { Article } from "../article.ts";
import { describeError, NewsBotError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { parseMarkdown } from "./parse-markdown.ts";
import { parsePlainText } from "./parse-text.ts";

/** File extensions the loader reads, and the parser for each. */
const PARSERS: Record<string, (text: string, file: string) => Omit<Article, "id" | "file">> = {
  ".txt": parsePlainText,
  ".md": parseMarkdown,
  ".markdown": parseMarkdown,
};

/** A content file that could not be loaded, and why. */
export interface ContentProblem {
  file: string;
  reason: string;
}

/** What a content folder holds: the articles, newest first, and the files that failed. */
export interface LoadedContent {
  articles: Article[];
  problems: ContentProblem[];
}

/** Lists the article files of a folder, sorted by name; hidden files are skipped. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new NewsBotError(
      "CONTENT_READ",
      `Cannot read the content folder ${dir}: ${describeError(cause)}. Check CONTENT_DIR and the folder's permissions.`,
      {
        cause,
      },
    );
  }
  return names
    .filter((name) => !name.startsWith(".") && extname(name).toLowerCase() in PARSERS)
    .sort()
    .map((name) => join(dir, name));
}

/** Parses one article file's text; throws a NewsBotError naming the file when it is not an article. */
export function parseArticle(text: string, file: string): Article {
  const parse = PARSERS[extname(file).toLowerCase()];
  if (!parse) throw new NewsBotError("CONTENT_PARSE", `${file} is not a .txt or .md article`);
  if (text.includes("\u0000"))
    throw new NewsBotError("CONTENT_PARSE", `${file} is a binary file, not an article`);
  return { id: basename(file, extname(file)), file, ...parse(text, file) };
}

/** Reads and parses one article file. */
export async function loadArticle(file: string): Promise<Article> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new NewsBotError("CONTENT_READ", `Cannot read ${file}: ${describeError(cause)}`, { cause });
  }
  return parseArticle(text, file);
}

/**
 * Loads every article in a folder. A file that fails is reported in `problems` and the others still load;
 * a folder with no loadable article is an error.
 */
export async function loadArticles(dir: string): Promise<LoadedContent> {
  const files = await listArticleFiles(dir);
  const results = await Promise.allSettled(files.map(loadArticle));
  const articles: Article[] = [];
  const problems: ContentProblem[] = [];
  results.forEach((result, index) => {
    if (result.status === "fulfilled") articles.push(result.value);
    else problems.push({ file: files[index] ?? "", reason: describeError(result.reason) });
  });
  const unique = withUniqueIds(articles, undefined, problems);
  if (unique.length === 0) {
    const detail = problems.length > 0 ? ` (${problems.map((p) => p.reason).join("; ")})` : "";
    throw new NewsBotError(
      "NO_CONTENT",
      `No article could be loaded from ${dir}${detail}. Add a .txt or .md article or set CONTENT_DIR.`,
    );
  }
  return { articles: sortNewestFirst(unique), problems };
}

/**
 * Keeps the first article (by file name) of each id: "a.txt" and "a.md" would otherwise answer to the same
 * buttons and /article numbers. The others are reported as problems, or logged when a logger is given.
 */
export function withUniqueIds(
  articles: Article[],
  logger?: Pick<Logger, "warn">,
  problems?: ContentProblem[],
): Article[] {
  const byId = new Map<string, Article>();
  for (const article of [...articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const first = byId.get(article.id);
    if (!first) {
      byId.set(article.id, article);
      continue;
    }
    const reason = `${article.file} has the same id "${article.id}" as ${first.file}; rename one of them`;
    problems?.push({ file: article.file, reason });
    logger?.warn("Article skipped", { file: article.file, reason });
  }
  return [...byId.values()];
}

/** Orders articles newest first: by front-matter date, undated ones last, then by file name descending. */
export function sortNewestFirst(articles: Article[]): Article[] {
  const time = (article: Article) => (article.date ? Date.parse(article.date) : Number.NEGATIVE_INFINITY);
  return [...articles].sort((a, b) => time(b) - time(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
