/** Machine-readable reasons a NewsBotError can carry; adapters map them to messages. */
export type NewsBotErrorCode =
  | "CONFIG_INVALID"
  | "CONTENT_READ"
  | "CONTENT_PARSE"
  | "NO_CONTENT"
  | "STORE_OPEN"
  | "FEED_FETCH"
  | "FEED_PARSE"
  | "PLATFORM";

/** The project's one error class: a string code, a message without secrets, and an optional cause. */
export class NewsBotError extends Error {
  override readonly name = "NewsBotError";
  constructor(
    readonly code: NewsBotErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Describes any thrown value in one line, for logs that must not leak stack traces to users. */
export function describeError(error: unknown): string {
  if (error instanceof NewsBotError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
