import type { NewsBot, Reply } from "../../src/index.ts";
import type { DigestSender } from "../ports/daily.ts";
import type { Metrics, QuestionOutcome } from "./metrics.ts";

/** A question's outcome as the metrics name it. */
function outcomeOf(reply: Reply): QuestionOutcome {
  if (reply.kind === "answer") return "answered";
  if (reply.kind === "no-answer") return "no-answer";
  if (reply.kind === "error" && reply.code === "rate-limited") return "refused";
  return "failed";
}

/**
 * The core with its questions counted and timed: every platform's questions pass through `handle`, so one
 * wrapper counts them all. Other requests pass through uncounted.
 */
export function instrumentBot(
  bot: NewsBot,
  metrics: Metrics,
  now: () => number = () => performance.now(),
): NewsBot {
  return {
    ...bot,
    async handle(request, from) {
      if (request.kind !== "question") return bot.handle(request, from);
      const started = now();
      const record = (outcome: QuestionOutcome) => {
        metrics.questions.inc({ outcome });
        metrics.answerSeconds.observe({ outcome }, (now() - started) / 1000);
      };
      try {
        const reply = await bot.handle(request, from);
        record(outcomeOf(reply));
        return reply;
      } catch (error) {
        record("failed");
        throw error;
      }
    },
  };
}

/**
 * A digest sender whose sends are counted by platform and outcome ("sent", or the failure's kind from the
 * sender's own classify), with 429 answers counted apart. Errors pass through unchanged.
 */
export function instrumentSender<Message>(
  sender: DigestSender<Message>,
  metrics: Metrics,
): DigestSender<Message> {
  const { platform } = sender;
  return {
    ...sender,
    async send(recipient, message) {
      try {
        await sender.send(recipient, message);
        metrics.sends.inc({ platform, outcome: "sent" });
      } catch (error) {
        const failure = sender.classify(error);
        metrics.sends.inc({ platform, outcome: failure.kind });
        if (failure.kind === "rate-limited") metrics.rateLimited.inc({ platform });
        throw error;
      }
    },
  };
}
