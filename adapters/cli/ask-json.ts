import type { Reply, ReplyErrorCode } from "../../src/index.ts";

/** The JSON shape `npm run ask -- --json` prints for one question. */
export interface AskJson {
  question: string;
  passages: { article: string; section: string | null; text: string; sentence: string; score: number }[];
  /** Set when the question was refused (too long, empty, …); passages are then empty. */
  error?: ReplyErrorCode;
}

/** Turns a reply into the documented JSON shape, best passage first; anything but an answer has no passages. */
export function toAskJson(question: string, reply: Reply): AskJson {
  if (reply.kind === "error") return { question, passages: [], error: reply.code };
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
