import { type Article, paragraphsOf } from "./article.ts";
import { toTerm } from "./search/normalize.ts";

/** Names need to recur this often in an article to be worth an example question. */
const MIN_NAME_OCCURRENCES = 2;

/**
 * Finds the people and places an article keeps naming: runs of two or more capitalized words that are not
 * stopwords, recurring at least twice, most frequent first. A run inside a longer recurring one is dropped
 ("Kim Jong Un" stays, "Kim Jong" goes).
 */
export function recurringNames(article: Article): string[] {
  const counts = new Map<string, number>();
  for (const { paragraph } of paragraphsOf(article)) {
    for (const sentence of paragraph.sentences) {
      const words = sentence.text.split(/\s+/).map((word) => word.replace(/^[„"'(]+|[.,;:!?"“”')]+$/g, ""));
      let run: string[] = [];
      const flush = () => {
        for (let length = 2; length <= run.length; length++) {
          for (let start = 0; start + length <= run.length; start++) {
            const name = run.slice(start, start + length).join(" ");
            counts.set(name, (counts.get(name) ?? 0) + 1);
          }
        }
        run = [];
      };
      words.forEach((word, index) => {
        const capitalized = /^\p{Lu}[\p{L}-]*$/u.test(word) && !word.includes("-");
        const sentenceStart = index === 0;
        if (capitalized && !sentenceStart && toTerm(word, article.language) !== null) run.push(word);
        else flush();
      });
      flush();
    }
  }
  const recurring = [...counts].filter(([, count]) => count >= MIN_NAME_OCCURRENCES);
  return recurring
    .filter(([name]) => !recurring.some(([other]) => other !== name && other.includes(name)))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
}
