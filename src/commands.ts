/** The commands every platform understands; adapters map their own syntax onto these names. */
export const COMMAND_NAMES = [
  "start",
  "help",
  "summary",
  "sections",
  "section",
  "article",
  "ask",
  "subscribe",
  "unsubscribe",
] as const;

/** One of {@link COMMAND_NAMES}. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What a message asks for: a command with its argument text, or a question. */
export type ParsedInput =
  | { kind: "command"; name: CommandName; args: string }
  | { kind: "question"; text: string };

/** Tells whether a word names a command. */
export function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

/**
 * Parses a message: "/name[@Bot] args" is a command (unknown names included, so the bot can say so);
 * anything else is a question. `/ask text` is the question `text`.
 */
export function parseInput(text: string): ParsedInput | { kind: "unknown-command"; name: string } {
  const trimmed = text.trim();
  const match = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return { kind: "question", text: trimmed };
  const name = (match[1] ?? "").toLowerCase();
  const args = (match[2] ?? "").trim();
  if (!isCommandName(name)) return { kind: "unknown-command", name };
  if (name === "ask") return { kind: "question", text: args };
  return { kind: "command", name, args };
}
