import type { Reply } from "../../src/index.ts";

/** The JSON shape `npm run ask -- --json` prints for one question. */
export interface AskJson {
  question: string;
  passages: { article: string; section: string | null; text: string; sentence: string; score: number }[];
}

/** Turns a reply into the documented JSON shape, best passage first; anything but an answer has no passages. */
export function toAskJson(question: string, reply: Reply): AskJson {
  return {
    question,
    passages:
      reply.kind === "answer"
        ? reply.passages.map((p) => ({
            article: p.article.title,
            section: p.section,
            text: p.text,
            sentence: p.sentence,
            score: p.score,
          }))
        : [],
  };
}
