/** The commands the core answers, by name; each platform writes them in its own syntax. */
export const COMMAND_NAMES = [
  "start",
  "help",
  "summary",
  "sections",
  "section",
  "article",
  "latest",
  "ask",
] as const;

/** One of {@link COMMAND_NAMES}. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A command the core carries out; `ask` is not one, it makes its arguments a question. */
export type CoreCommandName = Exclude<CommandName, "ask">;

/**
 * What a person asks the core for, parsed once by the adapter from its platform's syntax (a Telegram
 * `/summary@Bot 2`, a Slack `/news summary 2`, a tapped button). The core never parses a platform's syntax.
 */
export type Request =
  | { kind: "question"; text: string }
  /** A typed command; `args` is the rest of what the person wrote, trimmed ("2", "all", an article id). */
  | { kind: "command"; name: CoreCommandName; args: string }
  /** An article chosen by id, as a button carries it; null goes back to all articles. */
  | { kind: "choose-article"; articleId: string | null }
  /** One section of an article, by id and 0-based index, as a button carries it. */
  | { kind: "section"; articleId: string; index: number }
  /** A command name the person typed that no platform knows; the core says so. */
  | { kind: "unknown-command"; name: string };

/** Tells whether a word names a command. */
export function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

/**
 * The request for a command a person typed, once the adapter has read its platform's syntax: `ask` makes the
 * arguments a question, a name the core does not know an unknown-command request. Names are compared in lower case.
 */
export function commandRequest(name: string, args = ""): Request {
  const word = name.toLowerCase();
  const rest = args.trim();
  if (!isCommandName(word)) return { kind: "unknown-command", name: word };
  if (word === "ask") return { kind: "question", text: rest };
  return { kind: "command", name: word, args: rest };
}

/** "/name", then the arguments: the plain chat convention for typed commands. */
const TYPED_COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:\s+([\s\S]*))?$/;

/**
 * Reads text a person typed in the plain chat convention, for adapters whose syntax it is (the console, the web
 * chat): "/name args" is a command, anything else a question. Platforms with a syntax of their own (Telegram's
 * `/name@Bot`, Slack's `/news name`) read it themselves and call {@link commandRequest}.
 */
export function typedTextRequest(text: string): Request {
  const trimmed = text.trim();
  const match = TYPED_COMMAND.exec(trimmed);
  return match ? commandRequest(match[1] ?? "", match[2] ?? "") : { kind: "question", text: trimmed };
}
