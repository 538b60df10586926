import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Article, parseArticle } from "../../src/index.ts";

/** The real article, from the test fixtures (tests never read ../shared). */
export const ARTICLE_FILE = "test/fixtures/content/000_81e12a227075c4f1.txt";

/** Parses the real article. */
export function realArticle(): Article {
  return parseArticle(readFileSync(ARTICLE_FILE, "utf8"), ARTICLE_FILE);
}

/** Writes files into a fresh temporary folder and returns its path. */
export function tempContent(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "news-content-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
