import type { CodedError, webApi } from "@slack/bolt";
import { describeError, type Logger, t } from "../../src/index.ts";
import type { LanguageLookup } from "./user-language.ts";

/** How long the apology's POST to a response_url may take. */
export const APOLOGY_TIMEOUT_MS = 10_000;

/** Options for {@link createErrorHandler}. */
export interface ErrorHandlerOptions {
  logger: Logger;
  languageOf: LanguageLookup;
  /** Client with the bot token, for apologies to events. */
  client: webApi.WebClient;
  /** For the response_url; default the global fetch. */
  fetch?: typeof fetch;
}

/** What Bolt hands its error handler with `extendedErrorHandler: true` (the rest goes unused). */
export interface SlackErrorArgs {
  error: CodedError;
  body: unknown;
}

/** Fields of a request body the apology needs; Slack sends one of these shapes. */
interface RequestBody {
  response_url?: unknown;
  user_id?: unknown;
  user?: { id?: unknown };
  event?: { type?: unknown; channel?: unknown; user?: unknown; ts?: unknown; thread_ts?: unknown };
}

/**
 * Bolt's one catch (`app.error`): logs what failed, without secrets or the request's content, and tells the
 * person in a short apology, never a stack trace. It resolves, so Bolt and the process carry on.
 */
export function createErrorHandler(options: ErrorHandlerOptions): (args: SlackErrorArgs) => Promise<void> {
  const post = options.fetch ?? fetch;
  return async ({ error, body }) => {
    const request = (body ?? {}) as RequestBody;
    const cause = error.original ?? error;
    options.logger.error("Slack handler failed", {
      code: error.code,
      error: describeError(cause),
      event: typeof request.event?.type === "string" ? request.event.type : undefined,
    });
    try {
      const language = await options.languageOf(userOf(request));
      const text = t(language, "error.internal");
      if (typeof request.response_url === "string") {
        const response = await post(request.response_url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
          // A response_url that never answers must not hold the apology (and its log line) forever.
          signal: AbortSignal.timeout(APOLOGY_TIMEOUT_MS),
        });
        if (!response.ok) throw new Error(`response_url answered ${response.status}`);
      } else if (typeof request.event?.channel === "string") {
        const { channel, type, ts, thread_ts } = request.event;
        const threadTs = typeof thread_ts === "string" ? thread_ts : type === "app_mention" ? ts : undefined;
        await options.client.chat.postMessage({
          channel,
          text,
          ...(typeof threadTs === "string" ? { thread_ts: threadTs } : {}),
        });
      }
    } catch (apologyError) {
      options.logger.warn("Could not send the apology", { error: describeError(apologyError) });
    }
  };
}

function userOf(request: RequestBody): string | undefined {
  const candidates = [request.user_id, request.user?.id, request.event?.user];
  return candidates.find((candidate): candidate is string => typeof candidate === "string");
}
